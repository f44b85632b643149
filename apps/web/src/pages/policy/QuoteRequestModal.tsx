import { App, Flex, Form, type FormInstance, Input, InputNumber, Select, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useSettledValue } from '../../api/useSettledValue.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import { todayInShanghai } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { type ClientChoice, clientChoices, isRegistrySearch } from '../../policy/clients.ts';
import { type QuoteRequestValues, quoteFieldOfPath, quoteRequestBody } from '../../policy/forms.ts';
import type { QuoteView } from '../../policy/types.ts';
import { type AmountField, amountFields } from '../../policy/vocabulary.ts';

/** The products one may ask a quote for: filed and sandbox versions in the catalogue. */
function useQuotableProducts() {
  const { t } = useTranslation();
  const language = useLanguage();
  const products = useApiData('quotable-products', () =>
    unwrap(api.GET('/api/products', { params: { query: { limit: 200 } } })),
  );
  return {
    loading: products.loading,
    options: (products.data?.items ?? [])
      .filter((p) => p.status === 'filed' || p.status === 'sandbox')
      .map((p) => ({
        value: p.code,
        label: t('quoteRequest.productOption', { name: pick(p.names, language), code: p.code }),
      })),
  };
}

/**
 * A broker's possible clients: those whose mandate it holds, the enterprises its leads show for the chosen
 * product, and the registry searched by name or USCC (名录检索) for a new client — whose mandate the first
 * quote records. Before a mandate the registry shows only the name, code, region and industry.
 */
function useClientChoices(productCode: string | undefined, search: string) {
  const q = useSettledValue(search.trim(), 300);
  const clients = useApiData('broker-clients', () => unwrap(api.GET('/api/broker/clients')));
  const leads = useApiData(`broker-leads:${productCode ?? ''}`, () =>
    productCode
      ? unwrap(api.GET('/api/leads', { params: { query: { product: productCode, limit: 200 } } })).then(
          (page) => page.items,
        )
      : Promise.resolve([]),
  );
  const found = useApiData(`broker-registry:${q}`, () =>
    isRegistrySearch(q)
      ? unwrap(api.GET('/api/broker/registry', { params: { query: { q, limit: 20 } } })).then(
          (page) => page.items,
        )
      : Promise.resolve([]),
  );
  return {
    loading: found.loading && isRegistrySearch(q),
    error: found.error,
    choices: clientChoices({
      held: clients.data ?? [],
      leads: (leads.data ?? []).map((l) => l.enterprise),
      found: found.data ?? [],
      search,
    }),
  };
}

function clientLabel(t: TFunction, c: ClientChoice): string {
  if (c.source === 'mandate' && c.mandate)
    return t('quoteRequest.clientMandate', {
      name: c.name,
      reference: c.mandate.reference,
      validUntil: c.mandate.validUntil,
    });
  if (c.source === 'registry')
    return c.mandate
      ? t('quoteRequest.clientRegistryMandate', {
          name: c.name,
          uscc: c.uscc,
          validUntil: c.mandate.validUntil,
        })
      : t('quoteRequest.clientRegistry', { name: c.name, uscc: c.uscc });
  return t('quoteRequest.clientLead', { name: c.name, uscc: c.uscc });
}

function BrokerFields({ form }: { form: FormInstance<QuoteRequestValues> }) {
  const { t } = useTranslation();
  const productCode = Form.useWatch('productCode', form);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<ClientChoice | null>(null);
  const { choices, loading, error } = useClientChoices(productCode, search);
  // The chosen client stays a choice while the broker searches for something else.
  const shown = chosen && !choices.some((c) => c.id === chosen.id) ? [chosen, ...choices] : choices;
  const needsMandate = chosen !== null && chosen.mandate === null;
  return (
    <>
      <Form.Item
        name="enterpriseId"
        label={t('quoteRequest.client')}
        rules={[{ required: true, message: t('quoteRequest.clientRequired') }]}
        extra={needsMandate ? t('quoteRequest.registryHint') : t('quoteRequest.clientSearchHint')}
      >
        <Select<string>
          showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
          placeholder={t('quoteRequest.clientSearchPlaceholder')}
          loading={loading}
          options={shown.map((c) => ({ value: c.id, label: clientLabel(t, c) }))}
          notFoundContent={
            loading ? undefined : isRegistrySearch(search) ? t('quoteRequest.clientNotFound') : null
          }
          onChange={(id: string) => {
            // A mandate on record is filled in; the broker may record a newer one.
            const client = shown.find((c) => c.id === id) ?? null;
            setChosen(client);
            setSearch('');
            form.setFieldsValue({
              mandateReference: client?.mandate?.reference,
              mandateValidUntil: client?.mandate?.validUntil,
            });
          }}
          data-testid="quote-request-client"
        />
      </Form.Item>
      {error ? <ProblemAlert error={error} testId="quote-request-client-error" /> : null}
      <Flex gap="middle">
        <Form.Item
          name="mandateReference"
          label={t('quoteRequest.mandateReference')}
          rules={[{ required: needsMandate, whitespace: true, message: t('quoteRequest.mandateRequired') }]}
          style={{ flex: 1 }}
        >
          <Input maxLength={100} data-testid="quote-request-mandate-reference" />
        </Form.Item>
        <Form.Item
          name="mandateValidUntil"
          label={t('quoteRequest.mandateValidUntil')}
          rules={[{ required: needsMandate, message: t('quoteRequest.mandateValidUntilRequired') }]}
          style={{ flex: 1 }}
        >
          <Input type="date" min={todayInShanghai()} data-testid="quote-request-mandate-valid-until" />
        </Form.Item>
      </Flex>
      <Typography.Paragraph type="secondary">{t('quoteRequest.mandateHint')}</Typography.Paragraph>
    </>
  );
}

const amountTestIds: Record<AmountField, string> = {
  sumInsured: 'quote-request-sum-insured',
  limit: 'quote-request-limit',
  contractValue: 'quote-request-contract-value',
  loanPrincipal: 'quote-request-loan-principal',
  loanInterest: 'quote-request-loan-interest',
};

/** 询价: the product, the amounts it is priced on, the period; for a broker the client and its mandate. */
export function QuoteRequestModal({
  broker,
  onClose,
  onCreated,
}: {
  broker: boolean;
  onClose: () => void;
  onCreated: (quote: QuoteView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<QuoteRequestValues>();
  const products = useQuotableProducts();
  const submit = useMappedFormSubmit(form, quoteFieldOfPath, async (values) => {
    const quote = await unwrap(api.POST('/api/quotes', { body: quoteRequestBody(values, broker) }));
    void message.success(t('quoteRequest.created', { number: quote.number }));
    onCreated(quote);
  });

  return (
    <FormModal<QuoteRequestValues>
      title={t('quoteRequest.title')}
      okText={t('quoteRequest.submit')}
      testIdPrefix="quote-request"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="productCode"
        label={t('quoteRequest.product')}
        rules={[{ required: true, message: t('quoteRequest.productRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={products.loading}
          options={products.options}
          data-testid="quote-request-product"
        />
      </Form.Item>
      {broker ? <BrokerFields form={form} /> : null}
      <Typography.Text strong>{t('quoteRequest.amounts')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('quoteRequest.amountsHint')}</Typography.Paragraph>
      <Flex gap="middle" wrap>
        {amountFields.map((field) => (
          <Form.Item
            key={field}
            name={field}
            label={t(`quoteRequest.${field}`)}
            style={{ flex: '1 1 200px' }}
          >
            <Input prefix="¥" inputMode="decimal" maxLength={24} data-testid={amountTestIds[field]} />
          </Form.Item>
        ))}
        <Form.Item name="headcount" label={t('quoteRequest.headcount')} style={{ flex: '1 1 200px' }}>
          <InputNumber
            min={1}
            max={1_000_000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="quote-request-headcount"
          />
        </Form.Item>
      </Flex>
      <Flex gap="middle">
        <Form.Item
          name="startDate"
          label={t('quoteRequest.startDate')}
          extra={t('quoteRequest.startDateHint')}
          style={{ flex: 1 }}
        >
          <Input type="date" min={todayInShanghai()} data-testid="quote-request-start-date" />
        </Form.Item>
        <Form.Item
          name="termDays"
          label={t('quoteRequest.termDays')}
          extra={t('quoteRequest.termDaysHint')}
          style={{ flex: 1 }}
        >
          <InputNumber
            min={1}
            max={3660}
            precision={0}
            style={{ width: '100%' }}
            data-testid="quote-request-term-days"
          />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
