import { Card, Empty, Flex, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { DEFAULT_PERSPECTIVE, pmlAt } from '../../monitor/risk.ts';
import { useEstimate } from './riskLabels.tsx';

/**
 * 风险模拟（最新） on the cockpit: the zone's gross PML 1-in-200 and AAL of the newest finished run, with a
 * link to the page. Two reads at most: the newest finished run in the list, then that run.
 */
export function RiskSummaryCard() {
  const { t } = useTranslation();
  const { yuan } = useEstimate();
  const latest = useApiData('cockpit-risk', async () => {
    const page = await unwrap(api.GET('/api/risk/runs', { params: { query: { status: 'done', limit: 1 } } }));
    const done = page.items[0];
    return done ? unwrap(api.GET('/api/risk/runs/{id}', { params: { path: { id: done.id } } })) : null;
  });
  const gross = latest.data?.perspectives.find((p) => p.key === DEFAULT_PERSPECTIVE);
  return (
    <Card
      size="small"
      title={t('risk.cockpit.title')}
      style={{ marginBottom: 16 }}
      data-testid="cockpit-risk"
      extra={
        latest.data ? (
          <Link to="/monitor/risk" data-testid="cockpit-risk-link">
            {t('risk.cockpit.open')}
          </Link>
        ) : null
      }
    >
      {latest.error ? (
        <ProblemAlert error={latest.error} onRetry={latest.reload} testId="cockpit-risk-error" />
      ) : latest.data === undefined ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : latest.data === null ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('risk.cockpit.empty')}
          data-testid="cockpit-risk-empty"
        >
          <Link to="/monitor/risk" data-testid="cockpit-risk-link">
            {t('risk.cockpit.start')}
          </Link>
        </Empty>
      ) : (
        <Flex gap="large" wrap align="flex-end">
          <Statistic
            title={t('risk.cockpit.grossPml200')}
            value={yuan(pmlAt(gross, 200))}
            data-testid="cockpit-risk-pml200"
            data-value={pmlAt(gross, 200) ?? ''}
          />
          <Statistic
            title={t('risk.cockpit.aal')}
            value={yuan(gross?.aal)}
            data-testid="cockpit-risk-aal"
            data-value={gross?.aal ?? ''}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="cockpit-risk-meta">
            {t('risk.cockpit.meta', {
              asOf: latest.data.asOf,
              years: latest.data.years.toLocaleString('en-US'),
            })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
