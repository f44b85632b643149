import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { trimDecimal } from '../../format/decimal.ts';
import { groupYuan } from '../../format/money.ts';
import {
  isOneOf,
  type LineStatus,
  lineStatuses,
  type PlacementStatus,
  type PolicyStatus,
  placementStatuses,
  policyStatuses,
  type QuoteStatus,
  quoteStatuses,
} from '../../policy/vocabulary.ts';

const quoteColors: Record<QuoteStatus, string | undefined> = {
  referred: 'orange',
  offered: 'blue',
  declined: 'red',
  accepted: 'cyan',
  bound: 'green',
  expired: undefined,
};

/** 待核保 · 已报价 · 已拒保 · 已接受 · 已出单 · 已过期. */
export function QuoteStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(quoteStatuses, status) ? quoteColors[status] : undefined}
      data-testid="quote-status"
      data-status={status}
    >
      {isOneOf(quoteStatuses, status) ? t(`quotes.statuses.${status}`) : status}
    </Tag>
  );
}

const placementColors: Record<PlacementStatus, string | undefined> = {
  open: 'processing',
  closed: 'blue',
  bound: 'green',
  cancelled: undefined,
};

export function PlacementStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(placementStatuses, status) ? placementColors[status] : undefined}
      data-testid="placement-status"
      data-status={status}
    >
      {isOneOf(placementStatuses, status) ? t(`placements.statuses.${status}`) : status}
    </Tag>
  );
}

const lineColors: Record<LineStatus, string | undefined> = {
  invited: 'gold',
  written: 'green',
  declined: 'red',
};

export function LineStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(lineStatuses, status) ? lineColors[status] : undefined}
      data-testid="line-status"
      data-status={status}
    >
      {isOneOf(lineStatuses, status) ? t(`board.lineStatuses.${status}`) : status}
    </Tag>
  );
}

const policyColors: Record<PolicyStatus, string | undefined> = {
  in_force: 'green',
  cancelled: 'red',
  expired: undefined,
};

/** 有效 · 已注销 · 已到期. */
export function PolicyStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(policyStatuses, status) ? policyColors[status] : undefined}
      data-testid="policy-status"
      data-status={status}
    >
      {isOneOf(policyStatuses, status) ? t(`policies.statuses.${status}`) : status}
    </Tag>
  );
}

/** `¥1,234.00` for a yuan string, `-¥65,000.00` for a negative one (a refund, a credit); `—` for none. */
export function useMoney(): (amount: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (amount) => {
      if (amount === null || amount === undefined) return '—';
      const text = amount.trim();
      return text.startsWith('-')
        ? `-${t('common.yuan', { amount: groupYuan(text.slice(1)) })}`
        : t('common.yuan', { amount: groupYuan(text) });
    },
    [t],
  );
}

/** `15.3846%` for a share in percent ("15.3846"), trailing zeros dropped (`100%`); `—` for none. */
export function usePercent(): (percent: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (percent) =>
      percent === null || percent === undefined
        ? '—'
        : t('common.percent', { value: trimDecimal(percent, 4) }),
    [t],
  );
}
