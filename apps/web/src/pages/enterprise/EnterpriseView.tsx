import { Alert, Flex, Tabs, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CreditRecordView, EnterpriseDetail } from '../../api/types.ts';
import { readEvaluations, readProfile } from '../../enterprise/readers.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { CreditPanel } from './CreditPanel.tsx';
import { EvaluationCards, EvaluationSummary } from './EvaluationCards.tsx';
import { ProfileSections } from './ProfileSections.tsx';
import { VersionHistory } from './VersionHistory.tsx';

const tabs = ['profile', 'evaluations', 'credit', 'history'] as const;
export type EnterpriseTab = (typeof tabs)[number];

function isTab(value: string | null): value is EnterpriseTab {
  return value !== null && (tabs as readonly string[]).includes(value);
}

/** Versions are positive integers; anything else in the address means "the current one". */
export function versionOf(value: string | null): number | undefined {
  return value !== null && /^[1-9]\d{0,6}$/.test(value) ? Number(value) : undefined;
}

interface EnterpriseViewProps {
  detail: EnterpriseDetail;
  /** The address of a version of this enterprise; without one, of the current version. */
  hrefOf: (version?: number) => string;
  /** Buttons beside the name (edit, record a credit event). */
  actions?: ReactNode;
  /** Shown instead of the profile's sections (the edit form). */
  profileContent?: ReactNode;
  /** Above the credit panel: what the last credit action changed. */
  creditNotice?: ReactNode;
  onRevokeCredit?: (record: CreditRecordView) => void;
  /** Where missing fields can be filled in (the enterprise's own edit form). */
  editLink?: string;
}

/**
 * An enterprise as its own page and the registry's detail show it: headline evaluations and credit, then
 * the profile by sections, the evaluations explained, the credit records and the versions (`?tab=`).
 */
export function EnterpriseView({
  detail,
  hrefOf,
  actions,
  profileContent,
  creditNotice,
  onRevokeCredit,
  editLink,
}: EnterpriseViewProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: EnterpriseTab = isTab(params.get('tab')) ? (params.get('tab') as EnterpriseTab) : 'profile';
  const setTab = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', key);
    setParams(next, { replace: true });
  };
  const profile = readProfile(detail.profile);
  const evaluations = readEvaluations(detail.evaluations);
  const newest = Math.max(detail.version, ...detail.history.map((h) => h.version));

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="flex-start" wrap gap="middle">
        <Flex vertical gap={4}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="enterprise-name">
            {detail.name}
          </Typography.Title>
          <Flex gap="small" align="center" wrap>
            <Typography.Text code data-testid="enterprise-uscc">
              {detail.uscc}
            </Typography.Text>
            <Tag data-testid="enterprise-version" data-version={detail.version}>
              {t('enterprise.versionN', { version: detail.version })}
            </Tag>
            <Tag color={detail.consentToInsurers ? 'green' : undefined}>
              {t(detail.consentToInsurers ? 'enterprise.consented' : 'enterprise.notConsented')}
            </Tag>
            <Tag>{t(detail.linked ? 'enterprise.linked' : 'enterprise.notLinked')}</Tag>
            <Typography.Text type="secondary">
              {t('enterprise.updatedAt', { at: formatDateTime(detail.updatedAt) })}
            </Typography.Text>
          </Flex>
        </Flex>
        {actions ? <Flex gap="small">{actions}</Flex> : null}
      </Flex>
      {detail.version !== newest ? (
        <Alert
          type="info"
          showIcon
          data-testid="enterprise-older-version"
          title={t('enterprise.olderVersion', { version: detail.version, current: newest })}
          action={<Link to={hrefOf()}>{t('enterprise.openCurrent')}</Link>}
        />
      ) : null}
      <EvaluationSummary evaluations={evaluations} credit={detail.credit} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        data-testid="enterprise-tabs"
        items={[
          {
            key: 'profile',
            label: <span data-testid="enterprise-tab-profile">{t('enterprise.tabs.profile')}</span>,
            children: profileContent ?? (profile ? <ProfileSections profile={profile} /> : null),
          },
          {
            key: 'evaluations',
            label: <span data-testid="enterprise-tab-evaluations">{t('enterprise.tabs.evaluations')}</span>,
            children: <EvaluationCards evaluations={evaluations} editLink={editLink} />,
          },
          {
            key: 'credit',
            label: <span data-testid="enterprise-tab-credit">{t('enterprise.tabs.credit')}</span>,
            children: (
              <Flex vertical gap="middle">
                {creditNotice}
                <CreditPanel credit={detail.credit} onRevoke={onRevokeCredit} />
              </Flex>
            ),
          },
          {
            key: 'history',
            label: <span data-testid="enterprise-tab-history">{t('enterprise.tabs.history')}</span>,
            children: <VersionHistory history={detail.history} shown={detail.version} hrefOf={hrefOf} />,
          },
        ]}
      />
    </Flex>
  );
}
