import { Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductSummary, VersionStatus } from '../../api/types.ts';
import { type ConditionVocabulary, conditionText } from '../../catalog/conditionText.ts';
import type { Condition, ProductDefinition, StatisticalClass } from '../../catalog/definition.ts';
import { factLabel, factType } from '../../catalog/facts.ts';
import { groupYuan } from '../../format/money.ts';
import { orgName } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

const statusColors: Record<VersionStatus, string | undefined> = {
  draft: undefined,
  submitted: 'blue',
  filed: 'green',
  // The sandbox stands out: its products are on trial, with limits.
  sandbox: 'purple',
  rejected: 'red',
  withdrawn: undefined,
  stopped: 'volcano',
};

export function StatusTag({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={statusColors[status]}
      variant={status === 'sandbox' ? 'solid' : undefined}
      data-testid="product-status"
      data-status={status}
    >
      {t(`products.statuses.${status}`)}
    </Tag>
  );
}

export function ClassTag({ value }: { value: StatisticalClass }) {
  const { t } = useTranslation();
  return <Tag color="geekblue">{t(`products.classes.${value}`)}</Tag>;
}

/** The writer of a listed product: the insurer's name, or the pool's code. */
export function useWriterName(): (writer: ProductSummary['writer']) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return useCallback(
    (writer) => {
      if (writer.nameZh || writer.nameEn)
        return orgName({ nameZh: writer.nameZh ?? '', nameEn: writer.nameEn ?? '' }, language);
      return writer.pool ? t('products.pool', { code: writer.pool }) : t('products.unknownWriter');
    },
    [t, language],
  );
}

/** `¥1,234.00` for a yuan string. */
export function useYuan(): (amount: string) => string {
  const { t } = useTranslation();
  return useCallback((amount) => t('common.yuan', { amount: groupYuan(amount) }), [t]);
}

/** A condition of the product in plain words, in the current language. */
export function useConditionText(definition: ProductDefinition): (condition: Condition) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useMemo<ConditionVocabulary>(
    () => ({
      label: (fact) => factLabel(definition, fact, language),
      type: (fact) => factType(definition, fact),
      word: (key, vars) => t(`products.condition.${key}`, vars ?? {}),
    }),
    [definition, language, t],
  );
  return useCallback((condition) => conditionText(condition, words), [words]);
}
