import { App, Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { ApiData } from '../../api/useApiData.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { counterpartiesOf } from '../../ledger/forms.ts';
import type { Balances, SettlementDetail } from '../../ledger/types.ts';
import { type StatementKind, statementKinds } from '../../ledger/vocabulary.ts';
import { idempotencyKey } from '../../policy/forms.ts';

interface DrawUpValues {
  kind: StatementKind;
  counterparty?: string;
  asOf?: string;
}

/**
 * 出具结算单: with a follower the lead collected premium for (共保结算单), or with a reinsurer the ceded
 * premium is owed to (分保账单); the counterparties are those the books hold balances with.
 */
export function DrawUpModal({
  balances,
  onClose,
  onSaved,
}: {
  balances: ApiData<Balances>;
  onClose: () => void;
  onSaved: (statement: SettlementDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DrawUpValues>();
  const kind = Form.useWatch('kind', form) ?? 'coinsurance';
  const options = counterpartiesOf(balances.data?.items ?? [], kind).map((c) => ({
    value: c.id,
    label: c.name,
  }));
  const submit = useFormSubmit(form, ['kind', 'counterparty', 'asOf'], async (values) => {
    const saved = await unwrap(
      api.POST('/api/settlements', {
        body: {
          kind: values.kind,
          counterparty: values.counterparty ?? '',
          ...(values.asOf ? { asOf: values.asOf } : {}),
        },
      }),
    );
    void message.success(t('settlement.drawnUp', { number: saved.number }));
    onSaved(saved);
  });
  const today = todayInShanghai();
  return (
    <FormModal<DrawUpValues>
      title={t('settlement.drawUpTitle')}
      okText={t('settlement.drawUp')}
      testIdPrefix="draw-up"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ kind: 'coinsurance', asOf: today }}
    >
      <Form.Item name="kind" label={t('settlements.kind')} rules={[{ required: true }]}>
        <Radio.Group
          onChange={() => form.setFieldValue('counterparty', undefined)}
          options={statementKinds.map((k) => ({
            value: k,
            label: <span data-testid={`draw-up-kind-${k}`}>{t(`settlements.kinds.${k}`)}</span>,
          }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t(`settlement.kindHints.${kind}`)}</Typography.Paragraph>
      <Form.Item
        name="counterparty"
        label={kind === 'coinsurance' ? t('settlement.follower') : t('settlement.reinsurer')}
        rules={[{ required: true, message: t('settlement.counterpartyRequired') }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          loading={balances.loading}
          options={options}
          notFoundContent={t('settlement.noCounterparties')}
          data-testid="draw-up-counterparty"
        />
      </Form.Item>
      <Form.Item name="asOf" label={t('settlement.asOf')} extra={t('settlement.asOfHint')}>
        <Input type="date" max={today} data-testid="draw-up-as-of" />
      </Form.Item>
    </FormModal>
  );
}

/** 结算: the statement was paid (or received); its bank reference posts the cash and clears what it lists. */
export function SettleModal({
  statement,
  onClose,
  onSaved,
}: {
  statement: SettlementDetail;
  onClose: () => void;
  onSaved: (statement: SettlementDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ channelRef: string }>();
  const submit = useFormSubmit(form, ['channelRef'], async ({ channelRef }) => {
    const saved = await unwrap(
      api.POST('/api/settlements/{id}/settle', {
        params: { path: { id: statement.id }, header: { 'idempotency-key': idempotencyKey() } },
        body: { channelRef: channelRef.trim() },
      }),
    );
    void message.success(t('settlement.settled', { number: saved.number }));
    onSaved(saved);
  });
  return (
    <FormModal<{ channelRef: string }>
      title={t('settlement.settleTitle', { number: statement.number })}
      okText={t('settlement.settle')}
      testIdPrefix="settle"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('settlement.settleHint')}</Typography.Paragraph>
      <Form.Item
        name="channelRef"
        label={t('settlement.bankRef')}
        rules={[
          { required: true, whitespace: true, message: t('payment.channelRefRequired') },
          { pattern: /^[\x21-\x7e]{1,64}$/, message: t('payment.channelRefPattern') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" data-testid="settle-channel-ref" />
      </Form.Item>
    </FormModal>
  );
}
