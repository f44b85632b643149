import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { QueueItem } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { ClassTag, StatusTag, useWriterName } from '../products/labels.tsx';

/** When the item joined the queue: the exit request for a sandbox exit, the filing's status change otherwise. */
function since(item: QueueItem): string {
  return item.reviewKind === 'sandbox_exit' && item.exitRequestedAt
    ? item.exitRequestedAt
    : item.statusChangedAt;
}

/** 报备审查: filings waiting for the regulator and sandbox tests asking to exit, oldest first. */
export function FilingQueuePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const writerName = useWriterName();
  const queue = useApiData('queue', () => unwrap(api.GET('/api/filings/queue')));
  return (
    <>
      <PageHeader
        page="filings"
        title={t('queue.title')}
        extra={
          <Button onClick={queue.reload} loading={queue.loading} data-testid="queue-reload">
            {t('common.reload')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('queue.intro')}</Typography.Paragraph>
      {queue.error ? (
        <LoadError error={queue.error} onRetry={queue.reload} />
      ) : (
        <Table<QueueItem>
          rowKey={(i) => `${i.code}@${i.version}`}
          loading={queue.loading}
          dataSource={queue.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('queue.empty') }}
          data-testid="queue-table"
          columns={[
            {
              key: 'kind',
              title: t('queue.kind'),
              render: (_, i) => (
                <Tag color={i.reviewKind === 'filing' ? 'blue' : 'purple'} data-testid="queue-kind">
                  {t(`queue.kinds.${i.reviewKind}`)}
                </Tag>
              ),
            },
            {
              key: 'product',
              title: t('products.name'),
              render: (_, i) => (
                <Flex vertical>
                  {pick(i.names, language)}
                  <Typography.Text type="secondary">
                    <Typography.Text code>{i.code}</Typography.Text>{' '}
                    {t('products.versionN', { version: i.version })}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'class',
              title: t('products.class'),
              render: (_, i) => <ClassTag value={i.statisticalClass} />,
            },
            { key: 'writer', title: t('products.writer'), render: (_, i) => writerName(i.writer) },
            { key: 'status', title: t('products.status'), render: (_, i) => <StatusTag status={i.status} /> },
            { key: 'since', title: t('queue.since'), render: (_, i) => formatDateTime(since(i)) },
            {
              key: 'open',
              title: t('common.actions'),
              render: (_, i) => (
                <Link to={`/products/${i.code}?version=${i.version}`} data-testid="queue-open">
                  {t('queue.open')}
                </Link>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
