import { Button, Flex, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { blank, formatDateTime } from '../../format/datetime.ts';
import { AuditChange } from './AuditChange.tsx';
import { type AuditFilters, useAuditLog } from './useAuditLog.ts';

/** 审计日志: who changed what, newest first; a row opens to the state before and after. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ entityType: '', action: '' });
  const log = useAuditLog(filters);
  const [form] = Form.useForm<AuditFilters>();

  const apply = (values: AuditFilters) =>
    setFilters({ entityType: values.entityType?.trim() ?? '', action: values.action?.trim() ?? '' });

  return (
    <>
      <PageHeader page="audit" title={t('audit.title')} />
      <Form<AuditFilters>
        form={form}
        layout="inline"
        initialValues={filters}
        onFinish={apply}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="audit-filters"
      >
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Input
            allowClear
            placeholder={t('audit.entityTypePlaceholder')}
            data-testid="audit-filter-entity"
          />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear placeholder={t('audit.actionPlaceholder')} data-testid="audit-filter-action" />
        </Form.Item>
        <Form.Item>
          <Flex gap="small">
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({ entityType: '', action: '' });
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      {log.error && log.items.length === 0 ? (
        <LoadError error={log.error} onRetry={log.reload} />
      ) : (
        <Flex vertical gap="middle">
          <Table<AuditRecord>
            rowKey="id"
            loading={log.loading && log.items.length === 0}
            dataSource={log.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('audit.empty') }}
            data-testid="audit-table"
            expandable={{ expandedRowRender: (r) => <AuditChange record={r} /> }}
            columns={[
              { key: 'at', title: t('audit.at'), render: (_, r) => formatDateTime(r.at) },
              {
                key: 'actor',
                title: t('audit.actor'),
                render: (_, r) =>
                  r.actor.displayName ?? (r.actor.userId ? r.actor.userId : t('audit.system')),
              },
              { key: 'org', title: t('audit.organisation'), render: (_, r) => r.actor.orgName ?? blank },
              {
                key: 'action',
                title: t('audit.action'),
                render: (_, r) => <Typography.Text code>{r.action}</Typography.Text>,
              },
              {
                key: 'entity',
                title: t('audit.entity'),
                render: (_, r) => (
                  <Flex vertical>
                    {r.entityType}
                    {r.entityId ? (
                      <Typography.Text type="secondary" copyable={{ text: r.entityId }}>
                        {r.entityId}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                key: 'requestId',
                title: t('audit.requestId'),
                render: (_, r) =>
                  r.requestId ? (
                    <Typography.Text copyable={{ text: r.requestId }}>{r.requestId}</Typography.Text>
                  ) : (
                    blank
                  ),
              },
            ]}
          />
          {log.error ? <LoadError error={log.error} onRetry={log.loadMore} /> : null}
          {log.items.length > 0 ? (
            <Flex justify="center">
              {log.hasMore ? (
                <Button onClick={log.loadMore} loading={log.loading} data-testid="audit-load-more">
                  {t('common.loadMore')}
                </Button>
              ) : (
                <Typography.Text type="secondary" data-testid="audit-end">
                  {t('common.noMore')}
                </Typography.Text>
              )}
            </Flex>
          ) : null}
        </Flex>
      )}
    </>
  );
}
