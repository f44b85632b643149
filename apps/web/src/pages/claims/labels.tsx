import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  assignMethods,
  assignmentStatuses,
  type ClaimStatus,
  claimSources,
  claimStatuses,
  type DisputeStatus,
  disputeStatuses,
  documentKinds,
  eventKinds,
  expertFields,
  mediationActions,
  recoveryKinds,
  reservingClasses,
  timelineActions,
} from '../../claims/vocabulary.ts';
import { type Bilingual, pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isOneOf, lineRoles } from '../../policy/vocabulary.ts';

const claimColors: Record<ClaimStatus, string | undefined> = {
  notified: 'blue',
  assessing: 'processing',
  reserved: 'cyan',
  approved: 'geekblue',
  paid: 'green',
  closed: undefined,
  declined: 'red',
  reopened: 'orange',
  withdrawn: undefined,
};

/**
 * 已报案 · 查勘定损中 · 已立案估损 · 已核赔 · 已赔付 · 已结案 · 已拒赔 · 已重开 · 已撤案; a status this app
 * does not know is shown with the server's own label.
 */
export function ClaimStatusTag({ status, label }: { status: string; label?: Bilingual }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const known = isOneOf(claimStatuses, status);
  return (
    <Tag color={known ? claimColors[status] : undefined} data-testid="claim-status" data-status={status}>
      {known ? t(`claims.statuses.${status}`) : label ? pick(label, language) : status}
    </Tag>
  );
}

/** 已超时: the current step is past its time limit. */
export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" data-testid="claim-overdue">
      {t('claims.overdue')}
    </Tag>
  );
}

const disputeColors: Record<DisputeStatus, string | undefined> = {
  open: 'gold',
  mediating: 'processing',
  settled: 'green',
  upheld: 'blue',
  withdrawn: undefined,
};

/** 待处理 · 调解中 · 调解成功 · 维持原决定 · 已撤回. */
export function DisputeStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(disputeStatuses, status) ? disputeColors[status] : undefined}
      data-testid="dispute-status"
      data-status={status}
    >
      {isOneOf(disputeStatuses, status) ? t(`disputes.statuses.${status}`) : status}
    </Tag>
  );
}

const assignmentColors = { assigned: 'processing', reported: 'green', withdrawn: undefined } as const;

/** 已指派 · 已出具报告 · 已撤回. */
export function AssignmentStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(assignmentStatuses, status) ? assignmentColors[status] : undefined}
      data-testid="assignment-status"
      data-status={status}
    >
      {isOneOf(assignmentStatuses, status) ? t(`experts.statuses.${status}`) : status}
    </Tag>
  );
}

/** The names of the claims codes in the current language; an unknown code is shown as it is. */
export function useClaimLabels() {
  const { t } = useTranslation();
  return {
    document: useCallback(
      (kind: string) => (isOneOf(documentKinds, kind) ? t(`claim.documentKinds.${kind}`) : kind),
      [t],
    ),
    action: useCallback(
      (action: string) => (isOneOf(timelineActions, action) ? t(`claim.actions.${action}`) : action),
      [t],
    ),
    status: useCallback(
      (status: string | null) =>
        status === null ? '' : isOneOf(claimStatuses, status) ? t(`claims.statuses.${status}`) : status,
      [t],
    ),
    source: useCallback(
      (source: string) => (isOneOf(claimSources, source) ? t(`claims.sources.${source}`) : source),
      [t],
    ),
    method: useCallback(
      (method: string) => (isOneOf(assignMethods, method) ? t(`experts.methods.${method}`) : method),
      [t],
    ),
    field: useCallback(
      (field: string) => (isOneOf(expertFields, field) ? t(`experts.fields.${field}`) : field),
      [t],
    ),
    eventKind: useCallback(
      (kind: string) => (isOneOf(eventKinds, kind) ? t(`claimDesk.eventKinds.${kind}`) : kind),
      [t],
    ),
    recovery: useCallback(
      (kind: string) => (isOneOf(recoveryKinds, kind) ? t(`claim.recoveryKinds.${kind}`) : kind),
      [t],
    ),
    role: useCallback((role: string) => (isOneOf(lineRoles, role) ? t(`board.roles.${role}`) : role), [t]),
    mediation: useCallback(
      (action: string) => (isOneOf(mediationActions, action) ? t(`disputes.actions.${action}`) : action),
      [t],
    ),
    reservingClass: useCallback(
      (cls: string) => (isOneOf(reservingClasses, cls) ? t(`reserving.classes.${cls}`) : cls),
      [t],
    ),
  };
}
