import {
  App,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { SecretOnceModal } from '../../components/SecretOnceModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { alertSeverities } from '../../monitor/vocabulary.ts';
import {
  type DeliveryStatus,
  defaultWebhookEvents,
  deliveryStatusColors,
  deliveryStatuses,
  disabledReasons,
  type NewWebhook,
  type WebhookDelivery,
  type WebhookSubscription,
  type WebhookWithSecret,
  webhookEventTypes,
  webhookUrlProblem,
} from '../../monitor/webhooks.ts';
import { isOneOf } from '../../policy/vocabulary.ts';

/** `alert.raised` → 预警触发; `webhook.ping` → 连通测试; an unknown type as it is. */
function useEventLabel() {
  const { t } = useTranslation();
  return (type: string) => {
    const key = type.split('.')[1] ?? '';
    return isOneOf(['raised', 'updated', 'acknowledged', 'resolved', 'ping'] as const, key)
      ? t(`webhooks.eventLabels.${key}`)
      : type;
  };
}

function DeliveryStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = isOneOf(deliveryStatuses, status);
  return (
    <Tag color={known ? deliveryStatusColors[status] : undefined} data-testid="webhook-delivery-status">
      {known ? t(`webhooks.deliveryStatuses.${status}`) : status}
    </Tag>
  );
}

type WebhookForm = Omit<NewWebhook, 'minSeverity'> & { minSeverity?: NewWebhook['minSeverity'] | undefined };

/** 新建订阅: where, which events, from which severity. */
function CreateWebhookModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const [form] = Form.useForm<WebhookForm>();
  const submit = useFormSubmit(form, ['url', 'description', 'events', 'minSeverity'], async (values) => {
    const body: NewWebhook = {
      url: values.url.trim(),
      events: values.events,
      minSeverity: values.minSeverity ?? null,
      ...(values.description?.trim() ? { description: values.description.trim() } : {}),
    };
    onCreated(await unwrap(api.POST('/api/webhooks', { body })));
  });
  return (
    <FormModal<WebhookForm>
      title={t('webhooks.createTitle')}
      okText={t('common.create')}
      testIdPrefix="webhook-create"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ events: defaultWebhookEvents }}
    >
      <Form.Item
        name="url"
        label={t('webhooks.url')}
        extra={t('webhooks.urlHint')}
        rules={[
          { required: true, whitespace: true, message: t('webhooks.urlRequired') },
          {
            validator: async (_, value: string | undefined) => {
              const problem = value?.trim() ? webhookUrlProblem(value) : null;
              if (problem) throw new Error(t(`webhooks.urlProblems.${problem}`));
            },
          },
        ]}
      >
        <Input maxLength={2048} placeholder="https://" data-testid="webhook-create-url" />
      </Form.Item>
      <Form.Item name="description" label={t('webhooks.description')}>
        <Input maxLength={500} data-testid="webhook-create-description" />
      </Form.Item>
      <Form.Item
        name="events"
        label={t('webhooks.events')}
        rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.eventsRequired') }]}
      >
        <Checkbox.Group
          options={webhookEventTypes.map((type) => ({ value: type, label: eventLabel(type) }))}
          data-testid="webhook-create-events"
        />
      </Form.Item>
      <Form.Item name="minSeverity" label={t('webhooks.minSeverity')} extra={t('webhooks.minSeverityHint')}>
        <Select
          allowClear
          placeholder={t('webhooks.minSeverityAll')}
          style={{ width: 200 }}
          options={alertSeverities.map((s) => ({ value: s, label: t(`alerts.severities.${s}`) }))}
          data-testid="webhook-create-severity"
        />
      </Form.Item>
    </FormModal>
  );
}

/** The signing secret, shown this once (at creation or rotation), with a copy button. */
function WebhookSecretModal({ created, onClose }: { created: WebhookWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretOnceModal
      title={t('webhooks.secretTitle')}
      warning={t('webhooks.secretWarning')}
      doneLabel={t('webhooks.secretDone')}
      secret={created.secret}
      testId="webhook-secret"
      onClose={onClose}
    >
      <Typography.Text type="secondary">{created.url}</Typography.Text>
    </SecretOnceModal>
  );
}

/** 投递记录: the subscription's deliveries, newest first, each with its body and 重新发送. */
function DeliveriesDrawer({
  subscription,
  onClose,
}: {
  subscription: WebhookSubscription;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const eventLabel = useEventLabel();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const [generation, setGeneration] = useState(0);
  const [sending, setSending] = useState<string | null>(null);
  const list = useApiData(
    `webhook-deliveries:${subscription.id}:${status ?? ''}:${paging.page}:${paging.pageSize}:${generation}`,
    () =>
      unwrap(
        api.GET('/api/webhooks/{id}/deliveries', {
          params: {
            path: { id: subscription.id },
            query: {
              ...(status ? { status } : {}),
              limit: paging.pageSize,
              offset: (paging.page - 1) * paging.pageSize,
            },
          },
        }),
      ),
  );

  const redeliver = async (d: WebhookDelivery) => {
    setSending(d.id);
    try {
      const after = await unwrap(
        api.POST('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { id: subscription.id, deliveryId: d.id } },
        }),
      );
      const label = isOneOf(deliveryStatuses, after.status)
        ? t(`webhooks.deliveryStatuses.${after.status}`)
        : after.status;
      void (after.status === 'delivered' ? message.success : message.warning)(
        t('webhooks.redelivered', { status: label }),
      );
      setGeneration((g) => g + 1);
    } catch (error) {
      notifyError(error);
    } finally {
      setSending(null);
    }
  };

  const columns: ColumnsType<WebhookDelivery> = [
    { key: 'createdAt', title: t('webhooks.createdAt'), render: (_, d) => formatDateTime(d.createdAt) },
    { key: 'event', title: t('webhooks.event'), render: (_, d) => eventLabel(d.eventType) },
    { key: 'status', title: t('webhooks.status'), render: (_, d) => <DeliveryStatusTag status={d.status} /> },
    { key: 'attempts', title: t('webhooks.attempts'), align: 'right', render: (_, d) => d.attempts },
    {
      key: 'answer',
      title: t('webhooks.lastAnswer'),
      render: (_, d) => d.lastError ?? (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : '—'),
    },
    {
      key: 'next',
      title: t('webhooks.nextAttemptAt'),
      render: (_, d) => formatDateTime(d.status === 'delivered' ? d.deliveredAt : d.nextAttemptAt),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, d) =>
        subscription.active ? (
          <Button
            size="small"
            type="link"
            loading={sending === d.id}
            onClick={() => void redeliver(d)}
            data-testid="webhook-redeliver"
          >
            {t('webhooks.redeliver')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Drawer
      open
      size="large"
      title={t('webhooks.deliveriesTitle')}
      onClose={onClose}
      data-testid="webhook-deliveries"
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary" copyable>
          {subscription.url}
        </Typography.Text>
        <Flex gap="middle" align="center">
          <Typography.Text>{t('webhooks.status')}</Typography.Text>
          <Select<DeliveryStatus>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={deliveryStatuses.map((s) => ({ value: s, label: t(`webhooks.deliveryStatuses.${s}`) }))}
          />
          <Button onClick={() => setGeneration((g) => g + 1)}>{t('common.reload')}</Button>
        </Flex>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <Table<WebhookDelivery>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            onRow={(d) => ({ 'data-status': d.status }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: t('webhooks.noDeliveries') }}
            expandable={{
              expandedRowRender: (d) => (
                <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {JSON.stringify(d.payload, null, 2)}
                </Typography.Paragraph>
              ),
            }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: list.data?.total ?? 0,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) =>
                setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
            }}
            columns={columns}
          />
        )}
      </Flex>
    </Drawer>
  );
}

/**
 * 推送订阅 (webhook.manage), a tab of the alert centre: the organisation's endpoints for alert events — each
 * switched on or off, tested, its secret rotated, its deliveries and their status at hand. The secret is
 * shown once, at creation or rotation.
 */
export function WebhooksTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const eventLabel = useEventLabel();
  const subscriptions = useApiData('webhooks', () => unwrap(api.GET('/api/webhooks')));
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [viewing, setViewing] = useState<WebhookSubscription | null>(null);

  const act = async (key: string, run: () => Promise<void>) => {
    setBusy(key);
    try {
      await run();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  const path = (s: WebhookSubscription) => ({ params: { path: { id: s.id } } });

  const toggle = (s: WebhookSubscription, active: boolean) =>
    act(`toggle:${s.id}`, async () => {
      await unwrap(api.PATCH('/api/webhooks/{id}', { ...path(s), body: { active } }));
      void message.success(t(active ? 'webhooks.turnedOn' : 'webhooks.turnedOff'));
      subscriptions.reload();
    });
  const test = (s: WebhookSubscription) =>
    act(`test:${s.id}`, async () => {
      const d = await unwrap(api.POST('/api/webhooks/{id}/test', path(s)));
      if (d.status === 'delivered')
        void message.success(t('webhooks.testDelivered', { code: d.lastStatusCode }));
      else void message.warning(t('webhooks.testFailed', { error: d.lastError ?? d.status }));
      subscriptions.reload();
    });
  const rotate = (s: WebhookSubscription) =>
    act(`rotate:${s.id}`, async () => {
      setSecret(await unwrap(api.POST('/api/webhooks/{id}/rotate-secret', { ...path(s), body: {} })));
      subscriptions.reload();
    });
  const remove = (s: WebhookSubscription) =>
    act(`delete:${s.id}`, async () => {
      await unwrap(api.DELETE('/api/webhooks/{id}', path(s)));
      void message.success(t('webhooks.deleted'));
      subscriptions.reload();
    });

  const columns: ColumnsType<WebhookSubscription> = [
    {
      key: 'url',
      title: t('webhooks.url'),
      render: (_, s) => (
        <Flex vertical gap={0} style={{ maxWidth: 360 }}>
          <Typography.Text ellipsis={{ tooltip: s.url }} data-testid="webhook-url">
            {s.url}
          </Typography.Text>
          {s.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'events',
      title: t('webhooks.events'),
      render: (_, s) => (
        <Flex wrap gap={4} style={{ maxWidth: 280 }}>
          {s.events.map((e) => (
            <Tag key={e} title={e}>
              {eventLabel(e)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'minSeverity',
      title: t('webhooks.minSeverity'),
      render: (_, s) =>
        s.minSeverity && isOneOf(alertSeverities, s.minSeverity)
          ? t(`alerts.severities.${s.minSeverity}`)
          : t('webhooks.minSeverityAll'),
    },
    {
      key: 'secret',
      title: t('webhooks.secret'),
      render: (_, s) => <Typography.Text code>{s.secretHint}</Typography.Text>,
    },
    {
      key: 'active',
      title: t('webhooks.active'),
      render: (_, s) => (
        <Flex vertical gap={4} align="flex-start">
          <Switch
            checked={s.active}
            loading={busy === `toggle:${s.id}`}
            onChange={(on) => void toggle(s, on)}
            aria-label={t('webhooks.active')}
            data-testid="webhook-active"
          />
          {!s.active && s.disabledReason && isOneOf(disabledReasons, s.disabledReason) ? (
            <Typography.Text
              type={s.disabledReason === 'manual' ? 'secondary' : 'danger'}
              style={{ fontSize: 12 }}
            >
              {t(`webhooks.disabledReasons.${s.disabledReason}`)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'lastSuccessAt',
      title: t('webhooks.lastSuccessAt'),
      render: (_, s) => (
        <Flex vertical gap={0}>
          {s.lastSuccessAt ? formatDateTime(s.lastSuccessAt) : t('webhooks.never')}
          {s.failingSince ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('webhooks.failingSince', { at: formatDateTime(s.failingSince) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, s) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            disabled={!s.active}
            loading={busy === `test:${s.id}`}
            onClick={() => void test(s)}
            data-testid="webhook-test"
          >
            {t('webhooks.test')}
          </Button>
          <Button size="small" onClick={() => setViewing(s)} data-testid="webhook-deliveries-open">
            {t('webhooks.deliveries')}
          </Button>
          <Popconfirm title={t('webhooks.rotateConfirm')} onConfirm={() => rotate(s)}>
            <Button size="small" loading={busy === `rotate:${s.id}`} data-testid="webhook-rotate">
              {t('webhooks.rotate')}
            </Button>
          </Popconfirm>
          <Popconfirm title={t('webhooks.deleteConfirm')} onConfirm={() => remove(s)}>
            <Button size="small" danger loading={busy === `delete:${s.id}`} data-testid="webhook-delete">
              {t('webhooks.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="flex-start" gap="middle" style={{ marginBottom: 16 }}>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('webhooks.intro')}</Typography.Text>
          <Typography.Text type="secondary">{t('webhooks.scope')}</Typography.Text>
        </Flex>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="webhook-create">
          {t('webhooks.create')}
        </Button>
      </Flex>
      {subscriptions.error ? (
        <LoadError error={subscriptions.error} onRetry={subscriptions.reload} />
      ) : (
        <Table<WebhookSubscription>
          rowKey="id"
          loading={subscriptions.loading}
          dataSource={subscriptions.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(s) => ({ 'data-webhook-id': s.id }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('webhooks.empty') }}
          data-testid="webhooks-table"
          columns={columns}
        />
      )}
      {creating ? (
        <CreateWebhookModal
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setSecret(created);
            void message.success(t('webhooks.created'));
            subscriptions.reload();
          }}
        />
      ) : null}
      {secret ? <WebhookSecretModal created={secret} onClose={() => setSecret(null)} /> : null}
      {viewing ? <DeliveriesDrawer subscription={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}
