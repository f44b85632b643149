import type { TFunction } from 'i18next';
import { groupYuan } from '../format/money.ts';
import type { ReferenceRequest } from './readers.ts';

/*
 * An indicative premium (参考保费) is the rating engine's price for a reference request the server builds
 * from the profile (matching/estimate.ts): the sum insured, the contract value, a reference loan or limit,
 * the headcount — or none of these when the product rates on the profile's revenue (the request then
 * carries only defaults such as the year of cover or options). The page says which, so nobody takes the
 * figure for a quote of their own amounts.
 */

const amountKeys = ['sumInsured', 'contractValue', 'loanPrincipal', 'limit'] as const;

/** "按保额 ¥10,000,000.00 测算". */
export function referenceBasisText(t: TFunction, request: ReferenceRequest): string {
  for (const key of amountKeys) {
    const value = request[key];
    if (typeof value === 'string')
      return t(`recommend.basis.${key}`, { amount: t('common.yuan', { amount: groupYuan(value) }) });
  }
  const headcount = request.headcount;
  if (typeof headcount === 'number') return t('recommend.basis.headcount', { count: headcount });
  return t('recommend.basis.revenue');
}

/** "参考保费 ¥12,345.00（按保额 ¥10,000,000.00 测算）", or the premium alone without the request. */
export function premiumText(t: TFunction, premium: string, request: ReferenceRequest | null): string {
  const amount = t('common.yuan', { amount: groupYuan(premium) });
  return request
    ? t('recommend.premiumWithBasis', { amount, basis: referenceBasisText(t, request) })
    : t('recommend.premium', { amount });
}
