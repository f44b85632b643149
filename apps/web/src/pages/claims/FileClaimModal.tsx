import { App, Flex, Form, Input, InputNumber, Radio, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { readDefinition } from '../../catalog/definition.ts';
import {
  claimableSections,
  type FileClaimValues,
  fileClaimBody,
  fileClaimFieldOfPath,
  hasWaitingPeriod,
} from '../../claims/forms.ts';
import type { ClaimDetail } from '../../claims/types.ts';
import { claimCurrencies } from '../../claims/vocabulary.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import type { PolicyDetail } from '../../policy/types.ts';

/** The policies the holder may claim on: its own (or its clients'), newest first; a loss before a cancellation is still covered. */
function usePolicyOptions(needed: boolean) {
  const policies = useApiData(`claim-file-policies:${needed}`, () =>
    needed
      ? unwrap(api.GET('/api/policies', { params: { query: { limit: 200 } } })).then((page) => page.items)
      : Promise.resolve([]),
  );
  return {
    loading: policies.loading,
    options: (policies.data ?? []).map((p) => ({ value: p.id, label: `${p.number} · ${p.enterprise.name}` })),
  };
}

/** The chosen policy (given by the page, or read once picked) and its product's covers. */
function useCover(given: PolicyDetail | undefined, policyId: string | undefined) {
  const policy = useApiData(`claim-file-policy:${given ? given.id : (policyId ?? '')}`, () =>
    given
      ? Promise.resolve(given)
      : policyId
        ? unwrap(api.GET('/api/policies/{id}', { params: { path: { id: policyId } } }))
        : Promise.resolve(null),
  );
  const chosen = policy.data ?? null;
  const product = chosen ? `${chosen.product.code}:${chosen.product.version}` : '';
  const version = useApiData(`claim-file-product:${product}`, () =>
    chosen
      ? unwrap(
          api.GET('/api/products/{code}/versions/{version}', {
            params: { path: { code: chosen.product.code, version: chosen.product.version } },
          }),
        )
      : Promise.resolve(null),
  );
  const definition = version.data ? readDefinition(version.data.definition) : null;
  return {
    policy: chosen,
    sections: definition && chosen ? claimableSections(definition, chosen.request) : [],
    loading: policy.loading || version.loading,
    error: policy.error ?? version.error,
    reload: () => {
      policy.reload();
      version.reload();
    },
  };
}

/**
 * 报案 (notice of loss): the cover claimed under, the day of the loss, what happened and the amount — in
 * yuan, or in a foreign currency at the day's rate — with the days an interruption lasted where the cover
 * has a waiting period. The server checks it against the policy at once: it is either notified to the lead
 * insurer or declined with the clause cited, and the claim's page says which.
 */
export function FileClaimModal({
  policy: given,
  onClose,
  onFiled,
}: {
  /** The policy, when filed from its page; otherwise the holder picks one. */
  policy?: PolicyDetail;
  onClose: () => void;
  onFiled: (claim: ClaimDetail) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FileClaimValues>();
  const policyId = Form.useWatch('policyId', form);
  const sectionKey = Form.useWatch('sectionKey', form);
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const policies = usePolicyOptions(given === undefined);
  const cover = useCover(given, policyId);
  const section = cover.sections.find((s) => s.key === sectionKey);
  const waiting = hasWaitingPeriod(section);
  const today = todayInShanghai();

  const submit = useMappedFormSubmit(form, fileClaimFieldOfPath, async (values) => {
    const claim = await unwrap(
      api.POST('/api/claims', {
        params: { header: { 'idempotency-key': idempotencyKey() } },
        body: fileClaimBody(values),
      }),
    );
    if (claim.status === 'declined') void message.warning(t('claimFile.declined', { number: claim.number }));
    else void message.success(t('claimFile.filed', { number: claim.number }));
    onFiled(claim);
  });

  const required = (text: string) => [{ required: true, whitespace: true, message: text }];
  return (
    <FormModal<FileClaimValues>
      title={given ? t('claimFile.titleOf', { number: given.number }) : t('claimFile.title')}
      okText={t('claimFile.submit')}
      testIdPrefix="claim-file"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ policyId: given?.id, lossDate: today, currency: 'CNY' }}
    >
      <Typography.Paragraph type="secondary">{t('claimFile.hint')}</Typography.Paragraph>
      {given ? (
        <Form.Item name="policyId" hidden>
          <Input />
        </Form.Item>
      ) : (
        <Form.Item
          name="policyId"
          label={t('claimFile.policy')}
          rules={required(t('claimFile.policyRequired'))}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={policies.loading}
            options={policies.options}
            placeholder={t('claimFile.policyPlaceholder')}
            onChange={() => form.setFieldsValue({ sectionKey: undefined, sublimitKey: undefined })}
            data-testid="claim-file-policy"
          />
        </Form.Item>
      )}
      {cover.error ? <LoadError error={cover.error} onRetry={cover.reload} /> : null}
      <Form.Item
        name="sectionKey"
        label={t('claimFile.section')}
        rules={required(t('claimFile.sectionRequired'))}
        extra={cover.policy ? t('claimFile.sectionHint') : undefined}
      >
        <Select
          loading={cover.loading && Boolean(given ?? policyId)}
          disabled={!cover.policy}
          placeholder={t('claimFile.sectionPlaceholder')}
          onChange={() => form.setFieldsValue({ sublimitKey: undefined })}
          options={cover.sections.map((s) => ({
            value: s.key,
            label: (
              <Flex gap={6} align="center">
                <span>{pick(s.names, language)}</span>
                {s.optional ? <Tag>{t('claimFile.optionalCover')}</Tag> : null}
              </Flex>
            ),
            title: pick(s.names, language),
          }))}
          data-testid="claim-file-section"
        />
      </Form.Item>
      {section?.sublimits && section.sublimits.length > 0 ? (
        <Form.Item name="sublimitKey" label={t('claimFile.sublimit')} extra={t('claimFile.sublimitHint')}>
          <Select
            allowClear
            options={section.sublimits.map((s) => ({ value: s.key, label: pick(s.names, language) }))}
            data-testid="claim-file-sublimit"
          />
        </Form.Item>
      ) : null}
      <Flex gap="middle">
        <Form.Item
          name="lossDate"
          label={t('claimFile.lossDate')}
          rules={required(t('claimFile.lossDateRequired'))}
          style={{ flex: 1 }}
        >
          <Input type="date" max={today} data-testid="claim-file-loss-date" />
        </Form.Item>
        {waiting ? (
          <Form.Item
            name="interruptionDays"
            label={t('claimFile.interruptionDays')}
            rules={[{ required: true, message: t('claimFile.interruptionDaysRequired') }]}
            extra={
              section?.deductible?.type === 'waiting_days'
                ? t('claimFile.waitingHint', { count: section.deductible.days })
                : undefined
            }
            style={{ flex: 1 }}
          >
            <InputNumber
              min={0}
              max={3650}
              precision={0}
              style={{ width: '100%' }}
              data-testid="claim-file-interruption-days"
            />
          </Form.Item>
        ) : null}
      </Flex>
      <Form.Item
        name="description"
        label={t('claimFile.description')}
        rules={[
          ...required(t('claimFile.descriptionRequired')),
          { min: 4, message: t('claimFile.descriptionShort') },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={4000}
          showCount
          placeholder={t('claimFile.descriptionPlaceholder')}
          data-testid="claim-file-description"
        />
      </Form.Item>
      <Form.Item name="currency" label={t('claimFile.currency')}>
        <Radio.Group
          optionType="button"
          options={claimCurrencies.map((c) => ({
            value: c,
            label: (
              <span data-testid={`claim-file-currency-${c.toLowerCase()}`}>
                {t(`claimFile.currencies.${c}`)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      {currency === 'foreign' ? (
        <>
          <Flex gap="middle">
            <Form.Item
              name="foreignCurrency"
              label={t('claimFile.foreignCurrency')}
              rules={[
                ...required(t('claimFile.foreignCurrencyRequired')),
                { pattern: /^\s*[A-Za-z]{3}\s*$/, message: t('claimFile.foreignCurrencyPattern') },
              ]}
              style={{ width: 120 }}
            >
              <Input maxLength={3} placeholder="USD" data-testid="claim-file-foreign-currency" />
            </Form.Item>
            <Form.Item
              name="foreignAmount"
              label={t('claimFile.foreignAmount')}
              rules={required(t('claimFile.amountRequired'))}
              style={{ flex: 1 }}
            >
              <Input inputMode="decimal" maxLength={20} data-testid="claim-file-foreign-amount" />
            </Form.Item>
            <Form.Item
              name="rate"
              label={t('claimFile.rate')}
              rules={required(t('claimFile.rateRequired'))}
              style={{ flex: 1 }}
            >
              <Input inputMode="decimal" maxLength={16} placeholder="7.1234" data-testid="claim-file-rate" />
            </Form.Item>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('claimFile.rateHint')}
          </Typography.Paragraph>
        </>
      ) : (
        <Form.Item
          name="claimed"
          label={t('claimFile.claimed')}
          rules={required(t('claimFile.amountRequired'))}
        >
          <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid="claim-file-claimed" />
        </Form.Item>
      )}
      <Form.Item
        name="eventCode"
        label={t('claimFile.eventCode')}
        extra={t('claimFile.eventCodeHint')}
        rules={[
          { pattern: /^\s*[A-Za-z0-9][A-Za-z0-9-]{2,39}\s*$/, message: t('claimFile.eventCodePattern') },
        ]}
      >
        <Input maxLength={40} placeholder={t('common.optional')} data-testid="claim-file-event-code" />
      </Form.Item>
    </FormModal>
  );
}
