import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FilingRecord, VersionDetail, VersionStatus } from '../../api/types.ts';
import { sandboxCriteria } from '../../catalog/vocabulary.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { versionStatuses } from './catalogueFilters.ts';
import { readAssessment, readSandboxLimits } from './filingDetails.ts';
import { StatusTag, useYuan } from './labels.tsx';

function isStatus(value: string): value is VersionStatus {
  return (versionStatuses as readonly string[]).includes(value);
}

function StatusText({ status }: { status: string }) {
  const { t } = useTranslation();
  return <>{isStatus(status) ? t(`products.statuses.${status}`) : status}</>;
}

function FilingDetails({ filing }: { filing: FilingRecord }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const yuan = useYuan();
  if (filing.action === 'admit_sandbox') {
    const limits = readSandboxLimits(filing.details);
    return limits ? (
      <Typography.Text>
        {t('filing.limitsGiven', {
          policies: limits.maxPolicies,
          sumInsured: yuan(limits.maxSumInsured),
          endsOn: limits.endsOn,
        })}
      </Typography.Text>
    ) : null;
  }
  if (filing.action === 'graduate' || filing.action === 'stop') {
    const assessment = readAssessment(filing.details);
    if (!assessment) return null;
    return (
      <Flex wrap gap={4} style={{ maxWidth: 420 }} data-testid="filing-assessment">
        {sandboxCriteria.map((c) =>
          assessment.scores[c.key] === undefined ? null : (
            <Tag key={c.key} style={{ marginInlineEnd: 0 }}>
              {t('product.labelled', {
                label: pick(c, language),
                value: t('filing.scoreValue', { score: assessment.scores[c.key] }),
              })}
            </Tag>
          ),
        )}
      </Flex>
    );
  }
  return null;
}

/** 报备记录: every filing step of this version with its reasons (shown to the writer and the regulator). */
export function FilingHistory({ filings }: { filings: FilingRecord[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('filing.history')} size="small">
      <Table<FilingRecord>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={filings}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('filing.historyEmpty') }}
        data-testid="filing-history"
        columns={[
          { key: 'at', title: t('filing.at'), render: (_, f) => formatDateTime(f.at) },
          {
            key: 'action',
            title: t('filing.action'),
            render: (_, f) => <Tag>{t(`filing.actions.${f.action}`)}</Tag>,
          },
          {
            key: 'change',
            title: t('filing.change'),
            render: (_, f) =>
              f.from === f.to ? (
                <StatusText status={f.to} />
              ) : (
                <>
                  <StatusText status={f.from} /> → <StatusText status={f.to} />
                </>
              ),
          },
          {
            key: 'comment',
            title: t('filing.comment'),
            render: (_, f) =>
              f.comment ? (
                <Typography.Paragraph style={{ margin: 0, maxWidth: 480, whiteSpace: 'pre-wrap' }}>
                  {f.comment}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ),
          },
          { key: 'details', title: t('filing.details'), render: (_, f) => <FilingDetails filing={f} /> },
        ]}
      />
    </Card>
  );
}

/** Every version one may see, newest first; the one on screen is marked. */
export function VersionList({ detail }: { detail: VersionDetail }) {
  const { t } = useTranslation();
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  return (
    <Card title={t('product.versions')} size="small">
      <Flex vertical gap="small" data-testid="product-versions">
        {versions.map((v) => (
          <Flex
            key={v.version}
            gap="small"
            align="center"
            data-testid="product-version"
            data-version={v.version}
          >
            {v.version === detail.version ? (
              <Typography.Text strong>{t('products.versionN', { version: v.version })}</Typography.Text>
            ) : (
              <Link to={`/products/${detail.code}?version=${v.version}`}>
                {t('products.versionN', { version: v.version })}
              </Link>
            )}
            <StatusTag status={v.status} />
            {v.version === detail.version ? (
              <Typography.Text type="secondary">{t('product.versionShown')}</Typography.Text>
            ) : null}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
