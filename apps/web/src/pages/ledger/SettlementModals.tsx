import { App, Form, Input, Radio, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import type { SettlementDetail } from '../../ledger/types.ts';
import type { StatementKind } from '../../ledger/vocabulary.ts';
import { idempotencyKey } from '../../policy/forms.ts';

interface DrawUpValues {
  kind: StatementKind;
  counterparty?: string;
  asOf?: string;
}

const counterpartyLabel = {
  coinsurance: 'settlement.follower',
  reinsurance: 'settlement.reinsurer',
  subsidy: 'settlement.insurer',
} as const satisfies Record<StatementKind, string>;

/**
 * 出具结算单: an insurer's with a follower the lead collected premium for (共保结算单) or with a reinsurer the
 * ceded premium is owed to (分保账单), the counterparties those its books hold balances with; a funder's with
 * an insurer whose subsidy bills to it are open (补贴结算单). One kind: no choice is shown.
 */
export function DrawUpModal<K extends StatementKind>({
  kinds,
  counterparties,
  loading,
  title,
  onClose,
  onSaved,
}: {
  kinds: readonly [K, ...K[]];
  /** The counterparties a statement of the kind can be drawn up with. */
  counterparties: (kind: K) => { id: string; name: string }[];
  loading: boolean;
  title?: string;
  onClose: () => void;
  onSaved: (statement: SettlementDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DrawUpValues>();
  const watched = Form.useWatch('kind', form);
  const kind: K = kinds.find((k) => k === watched) ?? kinds[0];
  const options = counterparties(kind).map((c) => ({ value: c.id, label: c.name }));
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
      title={title ?? t('settlement.drawUpTitle')}
      okText={t('settlement.drawUp')}
      testIdPrefix="draw-up"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ kind: kinds[0], asOf: today }}
    >
      <Form.Item
        name="kind"
        label={t('settlements.kind')}
        rules={[{ required: true }]}
        hidden={kinds.length === 1}
      >
        <Radio.Group
          onChange={() => form.setFieldValue('counterparty', undefined)}
          options={kinds.map((k) => ({
            value: k,
            label: <span data-testid={`draw-up-kind-${k}`}>{t(`settlements.kinds.${k}`)}</span>,
          }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t(`settlement.kindHints.${kind}`)}</Typography.Paragraph>
      <Form.Item
        name="counterparty"
        label={t(counterpartyLabel[kind])}
        rules={[{ required: true, message: t('settlement.counterpartyRequired') }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          options={options}
          notFoundContent={kind === 'subsidy' ? t('settlement.noInsurers') : t('settlement.noCounterparties')}
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
