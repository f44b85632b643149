import { Button, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { counterpartiesOf, payersOf } from '../../ledger/forms.ts';
import { insurerStatementKinds } from '../../ledger/vocabulary.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { BalancesPanel, PaymentsPanel, StatementPanel } from './FinancePanels.tsx';
import { InvoiceList } from './InvoiceList.tsx';
import { PaymentModal } from './PaymentModal.tsx';
import { DrawUpModal } from './SettlementModals.tsx';
import { SettlementsPanel } from './SettlementsPanel.tsx';

const tabs = ['invoices', 'payments', 'balances', 'statement', 'settlements'] as const;
type FinanceTab = (typeof tabs)[number];

/**
 * 财务 `/finance` (insurers): the invoices it issued, money received and not yet matched, the balances of
 * its books by counterparty, the account statement, and settlement statements with followers and
 * reinsurers. 登记收款 and 出具结算单 from the header.
 */
export function FinancePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: FinanceTab = isOneOf(tabs, tabParam) ? tabParam : 'invoices';
  const [open, setOpen] = useState<'payment' | 'drawUp' | null>(null);
  // Recording money changes the lists and the balances: each answer bumps this, and they reload.
  const [version, setVersion] = useState(0);

  // The payers of the insurer's latest invoices, for the payer filter and 登记收款.
  const issued = useApiData(`payers:${version}`, () =>
    unwrap(api.GET('/api/invoices', { params: { query: { side: 'issued', limit: 200 } } })),
  );
  const payers = payersOf(issued.data?.items ?? []);
  const balances = useApiData(`balances:${version}`, () => unwrap(api.GET('/api/ledger/balances')));

  const setTab = (key: string) => {
    const next = new URLSearchParams();
    next.set('tab', key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        page="finance"
        title={t('finance.title')}
        extra={
          <Flex gap="small" wrap>
            <Button onClick={() => setOpen('drawUp')} data-testid="settlement-draw-up">
              {t('settlement.drawUp')}
            </Button>
            <Button type="primary" onClick={() => setOpen('payment')} data-testid="finance-record-payment">
              {t('payment.open')}
            </Button>
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary">{t('finance.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        data-testid="finance-tabs"
        items={[
          {
            key: 'invoices',
            label: <span data-testid="finance-tab-invoices">{t('finance.tabs.invoices')}</span>,
            children: (
              <InvoiceList
                key={version}
                side="issued"
                base="/finance"
                parties="payer"
                payers={payers}
                emptyText={t('invoices.emptyIssued')}
              />
            ),
          },
          {
            key: 'payments',
            label: <span data-testid="finance-tab-payments">{t('finance.tabs.payments')}</span>,
            children: <PaymentsPanel version={version} />,
          },
          {
            key: 'balances',
            label: <span data-testid="finance-tab-balances">{t('finance.tabs.balances')}</span>,
            children: <BalancesPanel balances={balances} />,
          },
          {
            key: 'statement',
            label: <span data-testid="finance-tab-statement">{t('finance.tabs.statement')}</span>,
            children: <StatementPanel balances={balances} />,
          },
          {
            key: 'settlements',
            label: <span data-testid="finance-tab-settlements">{t('finance.tabs.settlements')}</span>,
            children: (
              <SettlementsPanel version={version} base="/finance" emptyText={t('settlements.empty')} />
            ),
          },
        ]}
      />
      {open === 'payment' ? (
        <PaymentModal
          payers={payers}
          payersLoading={issued.loading}
          onClose={() => setOpen(null)}
          onRecorded={() => setVersion((v) => v + 1)}
        />
      ) : null}
      {open === 'drawUp' ? (
        <DrawUpModal
          kinds={insurerStatementKinds}
          counterparties={(kind) => counterpartiesOf(balances.data?.items ?? [], kind)}
          loading={balances.loading}
          onClose={() => setOpen(null)}
          onSaved={(statement) => {
            setOpen(null);
            void navigate(`/finance/settlements/${statement.id}`);
          }}
        />
      ) : null}
    </>
  );
}
