import type { TFunction } from 'i18next';
import { trimDecimal } from '../format/decimal.ts';
import { groupYuan } from '../format/money.ts';

/*
 * An evaluation's numbers as people read them. The engine writes an indicator's input as text: a ratio
 * '18.5%' (or '≈29.99%', cut, never rounded up to an edge it missed), a count '12', an amount '35000000.00',
 * 'missing' or 'n/a' (a zero denominator); several parts are joined by ' | '.
 */

const amount = /^\d+\.\d{2}$/;

function partText(t: TFunction, part: string): string {
  if (part === 'missing') return t('evaluation.inputMissing');
  if (part === 'n/a') return t('evaluation.inputUndefined');
  if (amount.test(part)) return t('common.yuan', { amount: groupYuan(part) });
  return part;
}

/** '35000000.00' → '¥35,000,000.00', 'missing' → '未填写', parts joined by ' / '. */
export function indicatorInputText(t: TFunction, input: string): string {
  return input
    .split(' | ')
    .map((part) => partText(t, part.trim()))
    .join(' / ');
}

/** '16 / 20': points earned out of the indicator's (or group's) maximum, without trailing zeros. */
export function pointsOutOf(points: string, max: string): string {
  return `${trimDecimal(points)} / ${trimDecimal(max)}`;
}
