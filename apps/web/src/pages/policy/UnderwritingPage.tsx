import { Button, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useLiveEvents } from '../../policy/liveEvents.ts';
import type { QuoteView } from '../../policy/types.ts';
import { DecisionModal } from './DecisionModal.tsx';
import { useMoney } from './labels.tsx';

const queueEvents = ['quote.referred', 'quote.offered', 'quote.declined'] as const;

/** 核保工作台 `/underwriting`: the company's referred quotes, oldest first, each decided in a dialog. */
export function UnderwritingPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [deciding, setDeciding] = useState<QuoteView | null>(null);
  const queue = useApiData(`${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/underwriting/queue', {
        params: { query: { limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );
  // A new referral, or a colleague's decision, changes the queue.
  useLiveEvents(queueEvents, () => queue.reload());

  return (
    <>
      <PageHeader page="underwriting" title={t('underwriting.title')} />
      <Typography.Paragraph type="secondary">{t('underwriting.intro')}</Typography.Paragraph>
      {queue.error ? (
        <LoadError error={queue.error} onRetry={queue.reload} />
      ) : (
        <Table<QuoteView>
          rowKey="id"
          loading={queue.loading}
          dataSource={queue.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('underwriting.empty') }}
          data-testid="underwriting-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: queue.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={[
            {
              key: 'number',
              title: t('quotes.number'),
              render: (_, q) => (
                <Link to={`/quotes/${q.id}`} data-testid="quote-link">
                  {q.number}
                </Link>
              ),
            },
            { key: 'enterprise', title: t('quotes.enterprise'), render: (_, q) => q.enterprise.name },
            {
              key: 'product',
              title: t('quotes.product'),
              render: (_, q) => (
                <Flex vertical>
                  {pick(q.product.names, language)}
                  <Typography.Text type="secondary">{q.product.code}</Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'sumInsured',
              title: t('quoteDetail.sumInsured'),
              align: 'right',
              render: (_, q) => money(q.sumInsured),
            },
            {
              key: 'basePremium',
              title: t('underwriting.basePremium'),
              align: 'right',
              render: (_, q) => money(q.basePremium),
            },
            {
              key: 'reasons',
              title: t('underwriting.reasons'),
              render: (_, q) => (
                <Flex vertical style={{ maxWidth: 360 }}>
                  {q.reasons.map((r) => (
                    <span key={r.reason}>{pick(r.message, language)}</span>
                  ))}
                </Flex>
              ),
            },
            { key: 'createdAt', title: t('quotes.createdAt'), render: (_, q) => formatDateTime(q.createdAt) },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, q) => (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setDeciding(q)}
                  data-testid="underwriting-decide"
                >
                  {t('underwriting.decide')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {deciding ? (
        <DecisionModal
          quote={deciding}
          onClose={() => setDeciding(null)}
          onDecided={() => {
            setDeciding(null);
            queue.reload();
          }}
        />
      ) : null}
    </>
  );
}
