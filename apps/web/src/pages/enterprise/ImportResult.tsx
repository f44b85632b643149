import { Alert, Button, Col, Flex, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { problemMessage, unwrap } from '../../api/problem.ts';
import type { ImportRowError, ImportView } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { importPercent } from './importFile.ts';

const errorPageSize = 10;

/** The problems an import found, row by row, and the whole report as XLSX. */
function ImportErrors({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const errors = useApiData(`${view.id}:${view.errors}:${page}`, () =>
    unwrap(
      api.GET('/api/enterprise-imports/{id}/errors', {
        params: {
          path: { id: view.id },
          query: { limit: errorPageSize, offset: (page - 1) * errorPageSize },
        },
      }),
    ),
  );
  if (errors.error) return <LoadError error={errors.error} onRetry={errors.reload} />;
  return (
    <Flex vertical gap="small">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text strong>{t('imports.errorRows')}</Typography.Text>
        <Button
          href={`/api/enterprise-imports/${view.id}/errors.xlsx`}
          download
          data-testid="import-errors-download"
        >
          {t('imports.downloadErrors')}
        </Button>
      </Flex>
      <Table<ImportRowError>
        rowKey={(e) => `${e.row}:${e.column ?? ''}:${e.code}:${e.message_en}`}
        size="small"
        loading={errors.loading}
        dataSource={errors.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="import-errors"
        pagination={{
          current: page,
          pageSize: errorPageSize,
          total: errors.data?.total ?? 0,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: setPage,
        }}
        columns={[
          { key: 'row', title: t('imports.row'), align: 'right', render: (_, e) => e.row },
          { key: 'column', title: t('imports.column'), render: (_, e) => e.column ?? '—' },
          {
            key: 'message',
            title: t('imports.message'),
            render: (_, e) => (
              <Flex vertical style={{ maxWidth: 420, whiteSpace: 'normal' }}>
                <Typography.Text>{problemMessage(e, language)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.code}
                </Typography.Text>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** An import as it runs (a progress bar) and when it is done (the totals and the row errors). */
export function ImportResult({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const percent = importPercent(view);
  const running = view.status === 'running';
  return (
    <Flex vertical gap="middle" data-testid="import-result" data-status={view.status}>
      <Typography.Text>
        {view.fileName}
        {view.encoding ? <Typography.Text type="secondary">{` · ${view.encoding}`}</Typography.Text> : null}
      </Typography.Text>
      {running ? (
        <Flex vertical gap={4} data-testid="import-progress">
          <Progress percent={percent ?? 0} status="active" showInfo={percent !== null} />
          <Typography.Text type="secondary">
            {view.totalRows === null
              ? t('imports.counting')
              : t('imports.progress', { done: view.rowsRead, total: view.totalRows })}
          </Typography.Text>
        </Flex>
      ) : null}
      {view.failure ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-failure"
          title={t('imports.failed')}
          description={problemMessage(view.failure, language)}
        />
      ) : null}
      {view.status === 'finished' ? (
        <Alert
          type={view.errors > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="import-done"
          title={t('imports.done', {
            created: view.created,
            updated: view.updated,
            unchanged: view.unchanged,
            errors: view.errorRows,
          })}
        />
      ) : null}
      <Row gutter={16} data-testid="import-totals">
        {(
          [
            ['created', view.created],
            ['updated', view.updated],
            ['unchanged', view.unchanged],
            ['errorRows', view.errorRows],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} span={6}>
            <Statistic title={t(`imports.${key}`)} value={value} data-testid={`import-${key}`} />
          </Col>
        ))}
      </Row>
      {!running && view.errors > 0 ? <ImportErrors view={view} /> : null}
    </Flex>
  );
}
