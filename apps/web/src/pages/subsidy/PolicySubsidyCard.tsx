import { Permission } from '@kebao/domain/org';
import { Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import type { PolicyDetail } from '../../policy/types.ts';
import { addYuan, grantPath } from '../../subsidy/forms.ts';
import type { GrantSummary } from '../../subsidy/types.ts';
import { useMoney } from '../policy/labels.tsx';
import { GrantStatusTag, useSubsidyLabels } from './labels.tsx';

/**
 * 补贴 on a policy's page: the premium as the subsidy and what the enterprise pays, and (for whoever reads
 * subsidies) the policy's grants with their status and amount, each linking to its page.
 */
export function PolicySubsidyCard({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const labels = useSubsidyLabels();
  const reads = hasAnyPermission(me, [Permission.SubsidyRead]);
  const viewer = { orgId: me.organisation.id, permissions: me.permissions };
  const grants = useApiData(`policy-grants:${policy.id}:${reads}`, () =>
    reads
      ? unwrap(api.GET('/api/subsidy/grants', { params: { query: { policyId: policy.id, limit: 50 } } }))
      : Promise.resolve(null),
  );
  // The premium is the subsidy plus the net payable as bound; later movements may change one of them.
  const adds = addYuan(policy.subsidy, policy.netPayable) === addYuan(policy.premium, '0');

  return (
    <Card size="small" title={t('policySubsidy.title')} data-testid="policy-subsidy">
      <Flex vertical gap="middle">
        <Typography.Text data-testid="policy-subsidy-split">
          {t(adds ? 'policySubsidy.split' : 'policySubsidy.figures', {
            premium: money(policy.premium),
            subsidy: money(policy.subsidy),
            net: money(policy.netPayable),
          })}
        </Typography.Text>
        {!reads ? null : grants.error ? (
          <LoadError error={grants.error} onRetry={grants.reload} />
        ) : (
          <Table<GrantSummary>
            rowKey="id"
            size="small"
            pagination={false}
            loading={grants.loading}
            dataSource={grants.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('policySubsidy.empty') }}
            data-testid="policy-grants"
            columns={[
              {
                key: 'programme',
                title: t('grants.programme'),
                render: (_, g) => (
                  <Link to={grantPath(g, viewer)} data-testid="policy-grant-link">
                    {g.programme.name}
                  </Link>
                ),
              },
              { key: 'mode', title: t('grants.mode'), render: (_, g) => labels.mode(g.mode) },
              { key: 'payee', title: t('grants.payee'), render: (_, g) => labels.payee(g.payee) },
              {
                key: 'amount',
                title: t('grants.amount'),
                align: 'right',
                render: (_, g) => <span data-testid="policy-grant-amount">{money(g.amount)}</span>,
              },
              {
                key: 'status',
                title: t('grants.status'),
                render: (_, g) => <GrantStatusTag status={g.status} />,
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
