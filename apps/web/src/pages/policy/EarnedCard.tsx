import { Card, Col, Flex, Input, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { todayInShanghai } from '../../format/datetime.ts';
import { policyInvoicesPath } from '../../ledger/forms.ts';
import type { EarnedParticipant } from '../../ledger/types.ts';
import type { PolicyDetail } from '../../policy/types.ts';
import { useMoney } from './labels.tsx';

/**
 * 已赚/未到期保费: how much of the written premium is earned at a date (by day, 1/365) and how much is
 * still unearned, per co-insurer, with the reserve booked by the monthly closes; and the policy's bills.
 */
export function EarnedCard({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const [asOf, setAsOf] = useState(() => todayInShanghai());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const earned = useApiData(`earned:${policy.id}:${valid ? asOf : ''}`, () =>
    unwrap(
      api.GET('/api/policies/{id}/earned', {
        params: { path: { id: policy.id }, query: valid ? { asOf } : {} },
      }),
    ),
  );
  const invoices = policyInvoicesPath(me.permissions, policy.id);

  return (
    <Card
      size="small"
      title={t('policy.earnedTitle')}
      data-testid="policy-earned"
      extra={
        <Flex gap="middle" align="center">
          {invoices ? (
            <Link to={invoices} data-testid="policy-invoices-link">
              {t('policy.invoicesLink')}
            </Link>
          ) : null}
          <Flex gap="small" align="center">
            <Typography.Text type="secondary">{t('policy.earnedAsOf')}</Typography.Text>
            <Input
              type="date"
              size="small"
              value={asOf}
              min={policy.startDate}
              onChange={(e) => setAsOf(e.target.value)}
              style={{ width: 150 }}
              data-testid="policy-earned-as-of"
            />
          </Flex>
        </Flex>
      }
    >
      {earned.error ? (
        <LoadError error={earned.error} onRetry={earned.reload} />
      ) : (
        <Flex vertical gap="middle">
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Statistic
                title={t('policy.earnedWritten')}
                value={earned.data ? money(earned.data.written) : '—'}
                loading={earned.loading && !earned.data}
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('policy.earnedEarned')}
                value={earned.data ? money(earned.data.earned) : '—'}
                loading={earned.loading && !earned.data}
                valueRender={(node) => <span data-testid="policy-earned-earned">{node}</span>}
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('policy.earnedUnearned')}
                value={earned.data ? money(earned.data.unearned) : '—'}
                loading={earned.loading && !earned.data}
                valueRender={(node) => <span data-testid="policy-earned-unearned">{node}</span>}
              />
            </Col>
          </Row>
          <Table<EarnedParticipant>
            rowKey="orgId"
            size="small"
            pagination={false}
            loading={earned.loading}
            dataSource={earned.data?.participants ?? []}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('policy.earnedEmpty') }}
            data-testid="policy-earned-lines"
            columns={[
              { key: 'name', title: t('board.insurer'), render: (_, p) => p.name },
              {
                key: 'written',
                title: t('policy.earnedWritten'),
                align: 'right',
                render: (_, p) => money(p.written),
              },
              {
                key: 'earned',
                title: t('policy.earnedEarned'),
                align: 'right',
                render: (_, p) => money(p.earned),
              },
              {
                key: 'unearned',
                title: t('policy.earnedUnearned'),
                align: 'right',
                render: (_, p) => money(p.unearned),
              },
              {
                key: 'booked',
                title: t('policy.earnedBooked'),
                align: 'right',
                render: (_, p) => money(p.booked),
              },
            ]}
          />
          <Typography.Text type="secondary">{t('policy.earnedHint')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
