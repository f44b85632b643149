import { Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupYuan } from '../../format/money.ts';
import { type Bilingual, pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { AmountFormat } from '../../monitor/charts.ts';
import { compactYuan, industrySection } from '../../monitor/exposure.ts';
import {
  type AlertSeverity,
  type AlertStatus,
  alertActions,
  alertMetrics,
  alertSeverities,
  alertStatuses,
  businessSources,
  ruleSources,
  statisticalClasses,
} from '../../monitor/vocabulary.ts';
import { isOneOf } from '../../policy/vocabulary.ts';

const severityColors: Record<AlertSeverity, string> = { info: 'blue', warning: 'orange', critical: 'red' };

/** 提示 · 关注 · 严重. */
export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useTranslation();
  const known = isOneOf(alertSeverities, severity);
  return (
    <Tag
      color={known ? severityColors[severity] : undefined}
      data-testid="alert-severity"
      data-severity={severity}
    >
      {known ? t(`alerts.severities.${severity}`) : severity}
    </Tag>
  );
}

const statusColors: Record<AlertStatus, string | undefined> = {
  open: 'red',
  acknowledged: 'gold',
  resolved: 'green',
};

/** 待处理 · 已确认 · 已解除. */
export function AlertStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = isOneOf(alertStatuses, status);
  return (
    <Tag color={known ? statusColors[status] : undefined} data-testid="alert-status" data-status={status}>
      {known ? t(`alerts.statuses.${status}`) : status}
    </Tag>
  );
}

/** The names of the monitoring codes in the current language; an unknown code is shown as it is. */
export function useMonitorLabels() {
  const { t } = useTranslation();
  const language = useLanguage();
  return {
    bilingual: useCallback(
      (label: Bilingual | null | undefined, fallback = '') => (label ? pick(label, language) : fallback),
      [language],
    ),
    statisticalClass: useCallback(
      (code: string) => (isOneOf(statisticalClasses, code) ? t(`cockpit.classes.${code}`) : code),
      [t],
    ),
    source: useCallback(
      (code: string) => (isOneOf(businessSources, code) ? t(`cockpit.sources.${code}`) : code),
      [t],
    ),
    /** C39 · 制造业; 'unknown' as 未填. */
    industry: useCallback(
      (code: string) => {
        if (code === 'unknown') return t('cockpit.unknown');
        const section = industrySection(code);
        return section ? `${code} ${t(`cockpit.industrySections.${section}`)}` : code;
      },
      [t],
    ),
    region: useCallback((code: string) => (code === 'unknown' ? t('cockpit.unknown') : code), [t]),
    metric: useCallback(
      (code: string) => (isOneOf(alertMetrics, code) ? t(`alerts.metrics.${code}`) : code),
      [t],
    ),
    action: useCallback(
      (code: string) => (isOneOf(alertActions, code) ? t(`alerts.actions.${code}`) : code),
      [t],
    ),
    severity: useCallback(
      (code: string) => (isOneOf(alertSeverities, code) ? t(`alerts.severities.${code}`) : code),
      [t],
    ),
    ruleSource: useCallback(
      (code: string) => (isOneOf(ruleSources, code) ? t(`alerts.ruleSources.${code}`) : code),
      [t],
    ),
  };
}

/** Amounts for the charts: short on the axes (1.2亿 / 120M), in full in the tooltips (¥120,000,000.00). */
export function useAmountFormat(): AmountFormat {
  const { t } = useTranslation();
  const language = useLanguage();
  return useMemo(
    () => ({
      axis: (yuan: number) => compactYuan(yuan, language),
      full: (yuan: number) => t('common.yuan', { amount: groupYuan(yuan.toFixed(2)) }),
    }),
    [t, language],
  );
}
