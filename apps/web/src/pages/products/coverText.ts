import type { TFunction } from 'i18next';
import type { Deductible, ProductDefinition, ProductOption, Section } from '../../catalog/definition.ts';
import { percentOf } from '../../format/decimal.ts';
import { groupYuan } from '../../format/money.ts';
import type { Language } from '../../i18n/index.ts';
import { pick } from '../../i18n/labels.ts';

/** Cover (保障责任) in words: limits, deductibles and triggers as the detail page shows them. */

function yuan(t: TFunction, amount: string): string {
  return t('common.yuan', { amount: groupYuan(amount) });
}

/** A multiple below 1 reads as a share ("赔偿限额的 50%"), 1 as the basis itself, above 1 as "× 5". */
export function limitText(t: TFunction, limit: Section['limit']): string {
  const basis = t(`product.limitBases.${limit.basis}`);
  let text: string;
  if (limit.basis === 'fixed') text = limit.amount ? yuan(t, limit.amount) : basis;
  else if (limit.basis === 'per_person')
    text = limit.amount ? t('product.limitPerPerson', { amount: yuan(t, limit.amount) }) : basis;
  else if (limit.multiple === undefined || /^1(\.0*)?$/.test(limit.multiple)) text = basis;
  else if (/^0(\.\d*)?$/.test(limit.multiple))
    text = t('product.limitShare', { basis, percent: percentOf(limit.multiple) });
  else text = t('product.limitMultiple', { basis, multiple: limit.multiple });
  if (limit.basis !== 'fixed' && limit.basis !== 'per_person' && limit.amount)
    text = t('product.limitAmount', { text, amount: yuan(t, limit.amount) });
  return limit.max ? t('product.limitMax', { text, max: yuan(t, limit.max) }) : text;
}

export function deductibleText(
  t: TFunction,
  deductible: Deductible | undefined,
  definition: Pick<ProductDefinition, 'options'>,
  language: Language,
): string {
  if (!deductible) return t('product.noDeductible');
  switch (deductible.type) {
    case 'amount':
      return yuan(t, deductible.amount);
    case 'percent':
      return deductible.minimum
        ? t('product.deductibles.percentMinimum', {
            percent: percentOf(deductible.rate),
            minimum: yuan(t, deductible.minimum),
          })
        : t('product.deductibles.percent', { percent: percentOf(deductible.rate) });
    case 'waiting_days':
      return t('product.deductibles.waitingDays', { count: deductible.days });
    case 'option': {
      const option = definition.options.find((o) => o.key === deductible.option);
      return t('product.deductibles.option', {
        option: option ? pick(option.names, language) : deductible.option,
      });
    }
  }
}

export function triggerText(t: TFunction, trigger: Section['trigger'], language: Language): string {
  switch (trigger.type) {
    case 'occurrence':
      return t('product.triggers.occurrence');
    case 'claims_made': {
      const parts = [t('product.triggers.claimsMade'), t(`product.retroactive.${trigger.retroactiveDate}`)];
      if (trigger.extendedReportingDays)
        parts.push(t('product.extendedReporting', { count: trigger.extendedReportingDays }));
      return parts.join(t('product.partSeparator'));
    }
    case 'parametric':
      return t('product.triggers.parametric', { index: pick(trigger.index, language) });
  }
}

/** A parametric threshold with its unit: "90%", "50 mm". */
export function thresholdText(threshold: string, unit: string): string {
  return unit === '%' || unit === '' ? `${threshold}${unit}` : `${threshold} ${unit}`;
}

const yuanChoice = /^\d+\.\d{2}$/;

/** Choices that are all yuan amounts ("20000.00", a deductible) are shown as amounts. */
export function choicesAreAmounts(option: ProductOption): boolean {
  return (
    option.type === 'choice' &&
    (option.choices ?? []).length > 0 &&
    (option.choices ?? []).every((c) => yuanChoice.test(c))
  );
}

/** A choice as shown: an amount in ¥ when the option's choices are amounts, else the choice itself. */
export function choiceText(t: TFunction, option: ProductOption, choice: string): string {
  return choicesAreAmounts(option) ? yuan(t, choice) : choice;
}

/** The values an option takes, for the options table: choices, or its range. */
export function optionValuesText(t: TFunction, option: ProductOption): string {
  const bound = (value: string | number) =>
    option.type === 'money' ? yuan(t, String(value)) : String(value);
  if (option.type === 'choice')
    return (option.choices ?? [])
      .map((c) => choiceText(t, option, c))
      .join(t('products.condition.listSeparator'));
  if (option.type === 'boolean') return `${t('common.yes')} / ${t('common.no')}`;
  if (option.min !== undefined && option.max !== undefined)
    return t('product.optionRange', { min: bound(option.min), max: bound(option.max) });
  if (option.min !== undefined) return t('product.optionMin', { min: bound(option.min) });
  if (option.max !== undefined) return t('product.optionMax', { max: bound(option.max) });
  return t('product.optionAny');
}

export function optionValueText(
  t: TFunction,
  option: ProductOption,
  value: string | number | boolean,
): string {
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (option.type === 'money') return yuan(t, String(value));
  return typeof value === 'string' ? choiceText(t, option, value) : String(value);
}
