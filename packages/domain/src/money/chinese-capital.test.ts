import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toChineseCapital } from './chinese-capital.ts';
import { MAX_FEN } from './fen.ts';
import { parseYuan } from './parse-yuan.ts';

function capital(yuan: string): string {
  return toChineseCapital(parseYuan(yuan));
}

describe('amounts in Chinese capitals (大写金额)', () => {
  // The worked examples of 《正确书写票据和结算凭证的基本规定》 item 4. Where the rule allows two forms
  // the first is ours; the second is listed to show which one we do not write.
  it.each([
    ['1409.50', '壹仟肆佰零玖元伍角整', '(一) a 0 inside the number'],
    ['6007.14', '陆仟零柒元壹角肆分', '(二) one 零 for a run of 0s'],
    [
      '1680.32',
      '壹仟陆佰捌拾元零叁角贰分',
      '(三) 元 digit 0, 角 not: 零 written (not 壹仟陆佰捌拾元叁角贰分)',
    ],
    ['107000.53', '壹拾万柒仟元零伍角叁分', '(三) first form (not 壹拾万零柒仟元伍角叁分)'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分', '(四) 角 0, 分 not: 元 followed by 零'],
    ['325.04', '叁佰贰拾伍元零肆分', '(四)'],
  ])('writes the PBoC example ¥%s as %s — %s', (yuan, expected) => {
    expect(capital(yuan)).toBe(expected);
  });

  it.each([
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['0.05', '伍分'],
    ['0.01', '壹分'],
    ['0.50', '伍角整'],
    ['0.55', '伍角伍分'],
    ['1', '壹元整'],
    ['1.01', '壹元零壹分'],
    ['1.10', '壹元壹角整'],
    ['10', '壹拾元整'],
    ['10.50', '壹拾元零伍角整'],
    ['11', '壹拾壹元整'],
    ['15.00', '壹拾伍元整'],
    ['100', '壹佰元整'],
    ['101', '壹佰零壹元整'],
    ['110', '壹佰壹拾元整'],
    ['1001', '壹仟零壹元整'],
    ['1010', '壹仟零壹拾元整'],
    ['1680.02', '壹仟陆佰捌拾元零贰分'],
    ['10000', '壹万元整'],
    ['100000', '壹拾万元整'],
    ['100500', '壹拾万零伍佰元整'],
    ['100010', '壹拾万零壹拾元整'],
    ['1000100', '壹佰万零壹佰元整'],
    ['10007000', '壹仟万柒仟元整'],
    ['10008000.08', '壹仟万捌仟元零捌分'],
    ['12345678.90', '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整'],
    ['100000000', '壹亿元整'],
    ['100000001', '壹亿零壹元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['100010000', '壹亿零壹万元整'],
    ['150000000', '壹亿伍仟万元整'],
    ['105000000', '壹亿零伍佰万元整'],
    ['100500000', '壹亿零伍拾万元整'],
    ['110000000', '壹亿壹仟万元整'],
    ['1000000000', '壹拾亿元整'],
    ['1000000001.01', '壹拾亿零壹元零壹分'],
    ['10000000000', '壹佰亿元整'],
    ['10000000500', '壹佰亿零伍佰元整'],
    ['1000000000000', '壹万亿元整'],
    ['1000100000000', '壹万零壹亿元整'],
    ['1000000010000', '壹万亿零壹万元整'],
    ['12000000000000', '壹拾贰万亿元整'],
    ['1234567890123456.78', '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌亿玖仟零壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    ['9999999999999999.99', '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('writes ¥%s as %s', (yuan, expected) => {
    expect(capital(yuan)).toBe(expected);
  });

  it('prefixes negative amounts with 负', () => {
    expect(capital('-1409.50')).toBe('负壹仟肆佰零玖元伍角整');
    expect(capital('-0.05')).toBe('负伍分');
    expect(capital('-0')).toBe('零元整');
  });

  it('refuses amounts beyond 16 integer digits', () => {
    expect(() => toChineseCapital(MAX_FEN + 1n)).toThrow(RangeError);
  });

  it('never writes two 零 in a row, never ends in 零, and writes 整 exactly when there is no 分', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_FEN }), (fen) => {
        const text = toChineseCapital(fen);
        expect(text).not.toMatch(/零零|零$|^零|零[元万亿]/);
        expect(text).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(text.endsWith('整')).toBe(fen % 10n === 0n);
        expect(text.endsWith('分')).toBe(fen % 10n !== 0n);
      }),
    );
  });

  it('writes each non-zero digit of the amount once, in order', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_FEN }), (fen) => {
        const digits = fen.toString().replaceAll('0', '');
        const written = [...toChineseCapital(fen)]
          .map((ch) => '零壹贰叁肆伍陆柒捌玖'.indexOf(ch))
          .filter((digit) => digit > 0)
          .join('');
        expect(written).toBe(digits);
      }),
    );
  });
});
