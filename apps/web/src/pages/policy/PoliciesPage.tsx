import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { PolicySummary } from '../../policy/types.ts';
import { type PolicyStatus, policyStatuses } from '../../policy/vocabulary.ts';
import { PolicyStatusTag, useMoney } from './labels.tsx';
import { StatusList } from './StatusList.tsx';

/** 保单 `/policies`: the policies the organisation is party to (every policy for readers of all), newest first. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();

  return (
    <>
      <PageHeader page="policies" title={t('policies.title')} />
      <Typography.Paragraph type="secondary">{t('policies.intro')}</Typography.Paragraph>
      <StatusList<PolicySummary, PolicyStatus>
        section="policies"
        statusLabel={(s) => t(`policies.statuses.${s}`)}
        statuses={policyStatuses}
        load={(query) => unwrap(api.GET('/api/policies', { params: { query } }))}
        emptyText={t('policies.empty')}
        columns={[
          {
            key: 'number',
            title: t('policies.number'),
            render: (_, p) => (
              <Link to={`/policies/${p.id}`} data-testid="policy-link">
                {p.number}
              </Link>
            ),
          },
          { key: 'insured', title: t('policies.insured'), render: (_, p) => p.enterprise.name },
          {
            key: 'product',
            title: t('policies.product'),
            render: (_, p) => (
              <Flex vertical>
                {pick(p.product.names, language)}
                <Typography.Text type="secondary">{p.product.code}</Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'period',
            title: t('policies.period'),
            render: (_, p) => t('quoteDetail.periodValue', { start: p.startDate, end: p.endDate }),
          },
          {
            key: 'sumInsured',
            title: t('policies.sumInsured'),
            align: 'right',
            render: (_, p) => money(p.sumInsured),
          },
          {
            key: 'premium',
            title: t('policies.premium'),
            align: 'right',
            render: (_, p) => money(p.premium),
          },
          {
            key: 'status',
            title: t('policies.status'),
            render: (_, p) => <PolicyStatusTag status={p.status} />,
          },
        ]}
      />
    </>
  );
}
