import { Permission } from '@kebao/domain/org';
import { Button, Card, Flex, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { claimPath } from '../../claims/forms.ts';
import type { ClaimSummary } from '../../claims/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import type { PolicyDetail } from '../../policy/types.ts';
import { useMoney } from '../policy/labels.tsx';
import { FileClaimModal } from './FileClaimModal.tsx';
import { ClaimStatusTag, OverdueTag } from './labels.tsx';

/**
 * 理赔 on a policy's page: the policy's claims with their status, each linking to its page, and for the
 * policyholder (or its broker) the 报案 that files a new one on this policy.
 */
export function PolicyClaimsCard({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const navigate = useNavigate();
  const [filing, setFiling] = useState(false);
  const reads = hasAnyPermission(me, [Permission.ClaimRead]);
  const files = policy.viewer.isHolder && hasAnyPermission(me, [Permission.ClaimFile]);
  const claims = useApiData(`policy-claims:${policy.id}:${reads}`, () =>
    reads
      ? unwrap(api.GET('/api/claims', { params: { query: { policyId: policy.id, limit: 50 } } }))
      : Promise.resolve(null),
  );
  if (!reads) return null;

  return (
    <Card
      size="small"
      title={t('policyClaims.title')}
      extra={
        files ? (
          <Button size="small" type="primary" onClick={() => setFiling(true)} data-testid="policy-claim-file">
            {t('claims.file')}
          </Button>
        ) : null
      }
      data-testid="policy-claims"
    >
      {claims.error ? (
        <LoadError error={claims.error} onRetry={claims.reload} />
      ) : (
        <Table<ClaimSummary>
          rowKey="id"
          size="small"
          pagination={false}
          loading={claims.loading}
          dataSource={claims.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('policyClaims.empty') }}
          data-testid="policy-claims-table"
          columns={[
            {
              key: 'number',
              title: t('claims.number'),
              render: (_, c) => (
                <Link to={claimPath(c.id)} data-testid="policy-claim-link">
                  {c.number}
                </Link>
              ),
            },
            {
              key: 'status',
              title: t('claims.status'),
              render: (_, c) => (
                <Flex gap={4} wrap>
                  <ClaimStatusTag status={c.status} label={c.statusLabel} />
                  {c.overdue ? <OverdueTag /> : null}
                </Flex>
              ),
            },
            { key: 'lossDate', title: t('claims.lossDate'), render: (_, c) => c.lossDate },
            {
              key: 'claimed',
              title: t('claims.claimed'),
              align: 'right',
              render: (_, c) => money(c.claimed),
            },
            { key: 'paid', title: t('claims.paid'), align: 'right', render: (_, c) => money(c.paid) },
          ]}
        />
      )}
      {filing ? (
        <FileClaimModal
          policy={policy}
          onClose={() => setFiling(false)}
          onFiled={(claim) => {
            setFiling(false);
            void navigate(claimPath(claim.id));
          }}
        />
      ) : null}
    </Card>
  );
}
