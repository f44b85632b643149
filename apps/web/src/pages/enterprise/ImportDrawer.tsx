import { Alert, Button, Drawer, Flex, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { ImportView } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { ImportResult } from './ImportResult.tsx';
import { uploadContentType } from './importFile.ts';

const statusColors: Record<ImportView['status'], string> = {
  running: 'processing',
  finished: 'green',
  failed: 'red',
};

/** How often the import is read again when no progress event has arrived (events are the fast path). */
const FALLBACK_POLL_MS = 3000;

/**
 * Follows a running import: every `enterprise.import_progress` event on the live stream (one per
 * committed batch) reads its state again at once; a slower poll covers a stream that is not there
 * (a proxy that buffers it, a lost connection).
 */
function useFollowedImport(started: ImportView | null): { view: ImportView | null; error: unknown } {
  const [view, setView] = useState<ImportView | null>(started);
  const [error, setError] = useState<unknown>();
  useEffect(() => setView(started), [started]);
  const id = view?.id;
  const running = view?.status === 'running';
  useEffect(() => {
    if (!id || !running) return;
    let live = true;
    const refresh = () =>
      unwrap(api.GET('/api/enterprise-imports/{id}', { params: { path: { id } } })).then(
        (next) => {
          if (live) setView(next);
        },
        (err: unknown) => {
          if (live) setError(err);
        },
      );
    const events = typeof EventSource === 'undefined' ? null : new EventSource('/api/events');
    events?.addEventListener('enterprise.import_progress', (message) => {
      const data = JSON.parse((message as MessageEvent<string>).data) as { payload?: { importId?: string } };
      if (data.payload?.importId === id) void refresh();
    });
    const timer = window.setInterval(() => void refresh(), FALLBACK_POLL_MS);
    return () => {
      live = false;
      events?.close();
      window.clearInterval(timer);
    };
  }, [id, running]);
  return { view, error };
}

function ImportHistory({ refresh, onOpen }: { refresh: string; onOpen: (view: ImportView) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const imports = useApiData(`${refresh}:${page}`, () =>
    unwrap(api.GET('/api/enterprise-imports', { params: { query: { limit: 10, offset: (page - 1) * 10 } } })),
  );
  if (imports.error) return <LoadError error={imports.error} onRetry={imports.reload} />;
  return (
    <Table<ImportView>
      rowKey="id"
      size="small"
      loading={imports.loading}
      dataSource={imports.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('imports.empty') }}
      data-testid="import-history"
      pagination={{ current: page, pageSize: 10, total: imports.data?.total ?? 0, onChange: setPage }}
      columns={[
        { key: 'fileName', title: t('imports.fileName'), render: (_, i) => i.fileName },
        {
          key: 'status',
          title: t('imports.status'),
          render: (_, i) => <Tag color={statusColors[i.status]}>{t(`imports.statuses.${i.status}`)}</Tag>,
        },
        {
          key: 'counts',
          title: t('imports.counts'),
          render: (_, i) =>
            t('imports.countsValue', {
              created: i.created,
              updated: i.updated,
              unchanged: i.unchanged,
              errors: i.errorRows,
            }),
        },
        { key: 'startedAt', title: t('imports.startedAt'), render: (_, i) => formatDateTime(i.startedAt) },
        {
          key: 'open',
          render: (_, i) => (
            <Button size="small" type="link" onClick={() => onOpen(i)}>
              {t('imports.open')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/**
 * 批量导入: upload the list as CSV or XLSX; the server imports it in the background while this follows it
 * (progress, then the totals and every row it refused, with the report to download); past imports below.
 */
export function ImportDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<ImportView | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>();
  const [typeRefused, setTypeRefused] = useState(false);
  const { view, error } = useFollowedImport(started);

  const upload = async (file: File) => {
    const contentType = uploadContentType(file.name);
    setTypeRefused(contentType === null);
    setUploadError(undefined);
    if (contentType === null) return;
    setUploading(true);
    try {
      const answer = await unwrap(
        api.POST('/api/enterprise-imports', {
          params: { query: { fileName: file.name } },
          // The file itself is the body, sent as it is. The generated types read the schema's
          // `format: binary` as a string; the browser sends the File's bytes.
          body: file as unknown as string,
          bodySerializer: () => file,
          headers: { 'Content-Type': contentType },
        }),
      );
      setStarted(answer);
    } catch (err) {
      setUploadError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Drawer
      open
      size="large"
      title={t('imports.title')}
      onClose={onClose}
      data-testid="import-drawer"
      footer={
        <Flex justify="flex-end">
          <Button onClick={onClose} data-testid="import-close">
            {t('imports.close')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap="large">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('imports.intro')}
        </Typography.Paragraph>
        <div data-testid="import-upload">
          <Upload
            accept=".csv,.xlsx"
            showUploadList={false}
            disabled={uploading || view?.status === 'running'}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" loading={uploading} data-testid="import-choose">
              {t('imports.choose')}
            </Button>
          </Upload>
        </div>
        {typeRefused ? (
          <Alert type="error" showIcon title={t('imports.fileType')} data-testid="import-file-type" />
        ) : null}
        <ProblemAlert error={uploadError ?? error} />
        {view ? <ImportResult view={view} /> : null}
        <Flex vertical gap="small">
          <Typography.Text strong>{t('imports.history')}</Typography.Text>
          <ImportHistory refresh={`${view?.id ?? ''}:${view?.status ?? ''}`} onOpen={setStarted} />
        </Flex>
      </Flex>
    </Drawer>
  );
}
