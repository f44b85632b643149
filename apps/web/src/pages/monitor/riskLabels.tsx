import { Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { AmountFormat } from '../../monitor/charts.ts';
import { compactYuan } from '../../monitor/exposure.ts';
import { riskRunStatuses, wholeYuan } from '../../monitor/risk.ts';
import { isOneOf } from '../../policy/vocabulary.ts';

const statusColors: Record<(typeof riskRunStatuses)[number], string | undefined> = {
  queued: 'default',
  running: 'processing',
  cancelling: 'warning',
  done: 'success',
  failed: 'error',
  cancelled: undefined,
};

/** 排队 · 运行中 · 正在取消 · 完成 · 失败 · 已取消; an unknown status as it is. */
export function RunStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = isOneOf(riskRunStatuses, status);
  return (
    <Tag color={known ? statusColors[status] : undefined} data-testid="risk-run-status" data-status={status}>
      {known ? t(`risk.statuses.${status}`) : status}
    </Tag>
  );
}

/**
 * The risk engine's amounts (yuan as binary floats, estimates): in whole yuan (¥1,234,568), short on chart
 * axes (123.5万 / 1.2M); '—' for none.
 */
export function useEstimate() {
  const { t } = useTranslation();
  const language = useLanguage();
  const yuan = useCallback(
    (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : t('common.yuan', { amount: wholeYuan(value) }),
    [t],
  );
  const format: AmountFormat = useMemo(
    () => ({ axis: (v: number) => compactYuan(v, language), full: (v: number) => yuan(v) }),
    [language, yuan],
  );
  return { yuan, format };
}
