import { Permission } from '@kebao/domain/org';
import { App, Button, Empty, Flex, Form, Input, Radio, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { claimPath, type MediationValues, mediationBody } from '../../claims/forms.ts';
import type { DisputeView } from '../../claims/types.ts';
import { type DisputeStatus, disputeStatuses, mediationActions } from '../../claims/vocabulary.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime, todayInShanghai } from '../../format/datetime.ts';
import { useMoney } from '../policy/labels.tsx';
import { DisputeStatusTag, useClaimLabels } from './labels.tsx';

/**
 * 调解 (the platform): assign a mediator, record a hearing, settle with an amount, uphold the insurer's
 * decision, or record the enterprise's withdrawal. Each step asks only what it needs.
 */
function MediationModal({
  dispute,
  onClose,
  onSaved,
}: {
  dispute: DisputeView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useClaimLabels();
  const [form] = Form.useForm<MediationValues>();
  const action = Form.useWatch('action', form) ?? (dispute.mediator ? 'hearing' : 'assign');
  const submit = useFormSubmit(
    form,
    ['action', 'mediator', 'on', 'place', 'note', 'outcome', 'amount'],
    async (values) => {
      await unwrap(
        api.POST('/api/disputes/{id}/mediation', {
          params: { path: { id: dispute.id } },
          body: mediationBody(values),
        }),
      );
      void message.success(t('disputes.saved', { action: labels.mediation(values.action) }));
      onSaved();
    },
  );
  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  return (
    <FormModal<MediationValues>
      title={t('disputes.mediateTitle', { number: dispute.claim.number })}
      okText={t('common.save')}
      testIdPrefix="mediation"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{
        action: dispute.mediator ? 'hearing' : 'assign',
        on: todayInShanghai(),
        amount: dispute.askedAmount ?? undefined,
      }}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>
        {t('disputes.groundsOf', { grounds: dispute.grounds })}
      </Typography.Paragraph>
      <Form.Item name="action" label={t('disputes.action')}>
        <Radio.Group
          optionType="button"
          options={mediationActions.map((a) => ({
            value: a,
            label: <span data-testid={`mediation-${a}`}>{labels.mediation(a)}</span>,
          }))}
        />
      </Form.Item>
      {action === 'assign' ? (
        <Form.Item
          name="mediator"
          label={t('disputes.mediator')}
          rules={required(t('disputes.mediatorRequired'))}
        >
          <Input maxLength={200} data-testid="mediation-mediator" />
        </Form.Item>
      ) : null}
      {action === 'hearing' ? (
        <>
          <Flex gap="middle">
            <Form.Item
              name="on"
              label={t('disputes.hearingOn')}
              rules={[{ required: true, message: t('disputes.hearingOnRequired') }]}
              style={{ width: 180 }}
            >
              <Input type="date" data-testid="mediation-on" />
            </Form.Item>
            <Form.Item
              name="place"
              label={t('disputes.place')}
              rules={required(t('disputes.placeRequired'))}
              style={{ flex: 1 }}
            >
              <Input maxLength={200} data-testid="mediation-place" />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('claimDesk.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="mediation-note" />
          </Form.Item>
        </>
      ) : null}
      {action === 'settle' ? (
        <Form.Item
          name="amount"
          label={t('disputes.settledAmount')}
          rules={required(t('claimDesk.amountRequired'))}
        >
          <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid="mediation-amount" />
        </Form.Item>
      ) : null}
      {action === 'settle' || action === 'uphold' || action === 'withdraw' ? (
        <Form.Item
          name="outcome"
          label={t('disputes.outcome')}
          rules={action === 'withdraw' ? [] : required(t('disputes.outcomeRequired'))}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="mediation-outcome" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

/**
 * 纠纷调解 `/claims/disputes`: disputes on the claims the viewer is party to (all of them for the regulator
 * and the platform), with the insurer's deadline to answer; the platform mediates them.
 */
export function DisputesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const money = useMoney();
  const mediates = hasAnyPermission(me, [Permission.DisputeMediate]);
  const [status, setStatus] = useState<DisputeStatus | undefined>();
  const [mediating, setMediating] = useState<DisputeView | null>(null);
  const disputes = useApiData(`disputes:${status ?? ''}`, () =>
    unwrap(api.GET('/api/disputes', { params: { query: status ? { status } : {} } })).then((r) => r.items),
  );
  const today = todayInShanghai();
  const open = (d: DisputeView) => d.status === 'open' || d.status === 'mediating';
  return (
    <>
      <PageHeader page="claim-disputes" title={t('disputes.title')} />
      <Typography.Paragraph type="secondary">
        {mediates ? t('disputes.introMediator') : t('disputes.intro')}
      </Typography.Paragraph>
      <Flex gap="middle" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('disputes.status')}</Typography.Text>
        <Select<DisputeStatus>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={disputeStatuses.map((s) => ({ value: s, label: t(`disputes.statuses.${s}`) }))}
          data-testid="disputes-status-filter"
        />
      </Flex>
      {disputes.error ? (
        <LoadError error={disputes.error} onRetry={disputes.reload} />
      ) : (
        <Table<DisputeView>
          rowKey="id"
          loading={disputes.loading}
          dataSource={disputes.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { count: total }),
          }}
          data-testid="disputes-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('disputes.empty')}
                data-testid="disputes-empty"
              />
            ),
          }}
          columns={[
            {
              key: 'claim',
              title: t('claims.number'),
              render: (_, d) => (
                <Link to={claimPath(d.claim.id)} data-testid="dispute-claim-link">
                  {d.claim.number}
                </Link>
              ),
            },
            { key: 'enterprise', title: t('claims.enterprise'), render: (_, d) => d.enterprise ?? '—' },
            { key: 'lead', title: t('claims.lead'), render: (_, d) => d.lead ?? '—' },
            {
              key: 'status',
              title: t('disputes.status'),
              render: (_, d) => <DisputeStatusTag status={d.status} />,
            },
            {
              key: 'grounds',
              title: t('disputes.grounds'),
              render: (_, d) => (
                <Typography.Paragraph
                  ellipsis={{ rows: 2, tooltip: d.grounds }}
                  style={{ margin: 0, maxWidth: 320 }}
                >
                  {d.grounds}
                </Typography.Paragraph>
              ),
            },
            {
              key: 'asked',
              title: t('disputes.askedAmount'),
              align: 'right',
              render: (_, d) => money(d.askedAmount),
            },
            {
              key: 'respondBy',
              title: t('disputes.respondBy'),
              render: (_, d) => (
                <Typography.Text type={d.status === 'open' && d.respondBy < today ? 'danger' : undefined}>
                  {d.respondBy}
                </Typography.Text>
              ),
            },
            { key: 'mediator', title: t('disputes.mediator'), render: (_, d) => d.mediator ?? '—' },
            {
              key: 'outcome',
              title: t('disputes.outcome'),
              render: (_, d) =>
                d.outcome ? (
                  <Flex vertical gap={0}>
                    <span>{d.outcome}</span>
                    {d.settledAmount ? (
                      <Typography.Text strong>{money(d.settledAmount)}</Typography.Text>
                    ) : null}
                  </Flex>
                ) : (
                  '—'
                ),
            },
            { key: 'openedAt', title: t('disputes.openedAt'), render: (_, d) => formatDateTime(d.openedAt) },
            ...(mediates
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_: unknown, d: DisputeView) =>
                      open(d) ? (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => setMediating(d)}
                          data-testid="dispute-mediate"
                        >
                          {t('disputes.mediate')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {mediating ? (
        <MediationModal
          dispute={mediating}
          onClose={() => setMediating(null)}
          onSaved={() => {
            setMediating(null);
            disputes.reload();
          }}
        />
      ) : null}
    </>
  );
}
