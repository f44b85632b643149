import { Alert, Button, Card, Empty, Flex, Statistic, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { problemMessage, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import {
  downloadTemplate,
  isRegistrationField,
  type RegisteredPolicy,
  readRegistered,
  refusedRows,
  sortedRowErrors,
  uploadBordereau,
} from '../../monitor/registrations.ts';
import type { RegistrationAnswer, RegistrationError } from '../../monitor/types.ts';
import { PolicyStatusTag, useMoney, usePercent } from '../policy/labels.tsx';
import { useMonitorLabels } from './labels.tsx';

/** What the server made of the file: the counts, columns it did not know, and every refused row by field. */
function UploadResult({ file, answer }: { file: string; answer: RegistrationAnswer }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const errors = sortedRowErrors(answer.errors);
  const counts = [
    { key: 'rows', value: answer.rows },
    { key: 'stored', value: answer.stored },
    { key: 'changed', value: answer.changed },
    { key: 'unchanged', value: answer.unchanged },
    { key: 'refused', value: refusedRows(answer.errors) },
  ] as const;
  const columns: ColumnsType<RegistrationError> = [
    {
      key: 'row',
      title: t('registrations.row'),
      align: 'right',
      render: (_, e) => <span data-testid="registration-error-row">{e.row}</span>,
    },
    {
      key: 'field',
      title: t('registrations.field'),
      render: (_, e) => (
        <span data-testid="registration-error-field" data-field={e.field}>
          {isRegistrationField(e.field) ? t(`registrations.fields.${e.field}`) : e.field}
        </span>
      ),
    },
    {
      key: 'message',
      title: t('registrations.problem'),
      render: (_, e) => <span data-testid="registration-error-message">{problemMessage(e, language)}</span>,
    },
  ];
  return (
    <Card size="small" title={t('registrations.result', { file })} data-testid="registration-result">
      <Flex vertical gap="middle">
        <Flex gap="large" wrap>
          {counts.map((c) => (
            <Statistic
              key={c.key}
              title={t(`registrations.${c.key}`)}
              value={c.value}
              styles={{ content: c.key === 'refused' && c.value > 0 ? { color: '#cf1322' } : {} }}
              data-testid={`registration-${c.key}`}
              data-value={c.value}
            />
          ))}
        </Flex>
        {answer.unknownColumns && answer.unknownColumns.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('registrations.unknownColumns', {
              columns: answer.unknownColumns.join(t('common.listSeparator')),
            })}
            data-testid="registration-unknown-columns"
          />
        ) : null}
        {errors.length === 0 ? (
          <Alert
            type="success"
            showIcon
            title={t('registrations.allGood')}
            data-testid="registration-all-good"
          />
        ) : (
          <>
            <Typography.Text strong>{t('registrations.errors')}</Typography.Text>
            <Table<RegistrationError>
              rowKey={(e) => `${e.row}|${e.field}|${e.message_en}`}
              size="small"
              dataSource={errors}
              columns={columns}
              pagination={errors.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 'max-content' }}
              data-testid="registration-errors"
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

/** 已登记保单: the policies the organisation registered, newest change first. */
function RegisteredList({ refresh }: { refresh: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const percent = usePercent();
  const labels = useMonitorLabels();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useApiData(`registrations:${refresh}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/registrations', {
        params: { query: { limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ).then((page) => ({
      total: page.total,
      items: page.items.flatMap((item) => {
        const read = readRegistered(item);
        return read ? [read] : [];
      }),
    })),
  );
  const columns: ColumnsType<RegisteredPolicy> = [
    {
      key: 'policyNumber',
      title: t('registrations.fields.policyNumber'),
      render: (_, p) => <span data-testid="registered-number">{p.policyNumber}</span>,
    },
    {
      key: 'insured',
      title: t('registrations.insured'),
      render: (_, p) => (
        <Flex vertical gap={0}>
          <span>{p.insured.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.insured.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'class',
      title: t('registrations.fields.statisticalClass'),
      render: (_, p) => labels.statisticalClass(p.statisticalClass),
    },
    { key: 'period', title: t('registrations.period'), render: (_, p) => `${p.startDate} ~ ${p.endDate}` },
    {
      key: 'status',
      title: t('registrations.fields.status'),
      render: (_, p) => <PolicyStatusTag status={p.status} />,
    },
    {
      key: 'share',
      title: t('registrations.fields.share'),
      align: 'right',
      render: (_, p) => percent(p.share),
    },
    {
      key: 'sumInsured',
      title: t('registrations.fields.sumInsured'),
      align: 'right',
      render: (_, p) => money(p.sumInsured),
    },
    {
      key: 'premium',
      title: t('registrations.fields.premium'),
      align: 'right',
      render: (_, p) => money(p.premium),
    },
    { key: 'updatedAt', title: t('registrations.updatedAt'), render: (_, p) => formatDateTime(p.updatedAt) },
  ];
  return (
    <Card size="small" title={t('registrations.list')}>
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<RegisteredPolicy>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registrations.empty')} />,
          }}
          data-testid="registered-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
    </Card>
  );
}

/**
 * 保单登记 `/registrations`: an insurer registers the tech-insurance policies it wrote in its own systems,
 * by uploading a bordereau (the template has the Chinese headers); the result lists every refused row by
 * field, and the registered policies follow.
 */
export function RegistrationsPage() {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(false);
  const [typeRefused, setTypeRefused] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<{ file: string; answer: RegistrationAnswer } | null>(null);
  const [uploads, setUploads] = useState(0);

  const upload = async (file: File) => {
    setError(undefined);
    setTypeRefused(false);
    setUploading(true);
    try {
      const answer = await uploadBordereau(file);
      if (answer === null) setTypeRefused(true);
      else {
        setResult({ file: file.name, answer });
        setUploads((n) => n + 1);
      }
    } catch (err) {
      setError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader
        page="registrations"
        title={t('registrations.title')}
        extra={
          <Flex gap="small" wrap>
            <Button onClick={downloadTemplate} data-testid="registration-template">
              {t('registrations.template')}
            </Button>
            <span data-testid="registration-upload">
              <Upload
                accept=".csv,.xlsx"
                showUploadList={false}
                disabled={uploading}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button type="primary" loading={uploading} data-testid="registration-choose">
                  {t('registrations.upload')}
                </Button>
              </Upload>
            </span>
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary">{t('registrations.intro')}</Typography.Paragraph>
      <Flex vertical gap="middle">
        {typeRefused ? (
          <Alert
            type="error"
            showIcon
            title={t('registrations.fileType')}
            data-testid="registration-file-type"
          />
        ) : null}
        <ProblemAlert error={error} />
        {result ? <UploadResult file={result.file} answer={result.answer} /> : null}
        <RegisteredList refresh={uploads} />
      </Flex>
    </>
  );
}
