import { absFen, type Fen, MAX_FEN } from './fen.ts';

/*
 * 大写金额 (amount in Chinese capitals) for invoices and vouchers, after the People's Bank of China's
 * 《正确书写票据和结算凭证的基本规定》:
 * - item 1: the characters 壹贰叁肆伍陆柒捌玖 拾佰仟万亿 元角分 零 整;
 * - item 2: "整" after 元 when the amount stops at 元; after 角 it may be left out; never after 分;
 * - item 4: a 零 where the figures have a 0 inside (一), one 零 for a run of 0s (二); when the 万 or 元
 *   digit is 0 but the 千 or 角 digit is not, one 零 may be written or left out (三); when 角 is 0 and 分
 *   is not, 元 is followed by 零 (四).
 *
 * Where the rule gives a choice, this file always takes the same side:
 * - "整" is written after 角 too (壹仟肆佰零玖元伍角整): nobody can append a 分 to it.
 * - Inside the integer part zeros follow spoken Chinese (汉语语言规律): one 零 for a run of 0s between two
 *   non-zero digits, also across the 万 and 亿 places (壹拾万零伍佰, 壹亿零壹万), except when the run ends
 *   in the 万 or 亿 place itself, i.e. the 千 digit below is non-zero (壹拾万柒仟, 壹仟万柒仟; the rule's
 *   first form of 107,000.53).
 * - Between 元 and 角 a 零 is written whenever the 元 digit is 0 and there is a 角 (壹仟陆佰捌拾元零叁角贰分,
 *   the first form the rule gives for 1,680.32; 壹拾万柒仟元零伍角叁分 for 107,000.53).
 * - Tens keep their 壹 (壹拾元整, not 拾元整), the financial usage that stops a digit being added in front.
 * - Negative amounts are prefixed with 负. The caller prints "人民币" where the form asks for it.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES = ['', '拾', '佰', '仟'] as const;
const WAN = 10_000n;
const YI = 100_000_000n;

export function toChineseCapital(fen: Fen): string {
  const magnitude = absFen(fen);
  if (magnitude > MAX_FEN) throw new RangeError(`amount ${fen} fen is beyond 16 integer digits`);
  if (magnitude === 0n) return '零元整';
  return (fen < 0n ? '负' : '') + readAmount(magnitude);
}

function readAmount(magnitude: Fen): string {
  const yuan = magnitude / 100n;
  const jiao = Number((magnitude / 10n) % 10n);
  const fen = Number(magnitude % 10n);

  const yuanText = yuan > 0n ? `${readInteger(yuan)}元` : '';
  if (jiao === 0 && fen === 0) return `${yuanText}整`;
  // item 4 (三) with 零 written, and (四): 元 is followed by 零 when its own digit or the 角 digit is 0.
  const zeroAfterYuan = yuan > 0n && (jiao === 0 || yuan % 10n === 0n) ? '零' : '';
  const jiaoText = jiao > 0 ? `${DIGITS[jiao]}角` : '';
  const fenText = fen > 0 ? `${DIGITS[fen]}分` : '整';
  return yuanText + zeroAfterYuan + jiaoText + fenText;
}

/** A positive integer below 10^16 read with 万 and 亿 sections (万亿 for the top four digits). */
function readInteger(n: bigint): string {
  if (n >= YI) return `${readInteger(n / YI)}亿${readLowerSection(n % YI, YI / 10n)}`;
  if (n >= WAN) return `${readBelowWan(n / WAN)}万${readLowerSection(n % WAN, WAN / 10n)}`;
  return readBelowWan(n);
}

// The part below a 万 or 亿: a 零 in front only when its top digit (千 or 千万) is 0, so the zeros that
// precede it cross the section boundary.
function readLowerSection(n: bigint, topPlace: bigint): string {
  if (n === 0n) return '';
  return (n < topPlace ? '零' : '') + readInteger(n);
}

function readBelowWan(n: bigint): string {
  const digits = n.toString();
  let text = '';
  let pendingZero = false;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (digit === 0) {
      pendingZero = true;
      continue;
    }
    if (pendingZero) text += '零';
    text += `${DIGITS[digit]}${PLACES[digits.length - 1 - i]}`;
    pendingZero = false;
  }
  return text;
}
