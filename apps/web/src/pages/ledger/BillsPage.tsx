import { Permission } from '@kebao/domain/org';
import { Button, Empty, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { subsidyInsurersOf } from '../../ledger/forms.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import { InvoiceList } from './InvoiceList.tsx';
import { DrawUpModal } from './SettlementModals.tsx';
import { SettlementsPanel } from './SettlementsPanel.tsx';

/**
 * 账单 `/bills`: the invoices addressed to the organisation, newest first. For an enterprise its premium
 * bills; for a subsidy funder (应付补贴) the subsidies it owes the insurers once programmes grant them, and
 * its subsidy settlements with them (补贴结算单) — drawn up here, by a funder's subsidy staff.
 */
export function BillsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const funder = !hasAnyPermission(me, [Permission.EnterpriseSelf]);
  if (funder) return <FunderBills />;
  return (
    <>
      <PageHeader page="bills" title={t('invoices.titleBills')} />
      <Typography.Paragraph type="secondary">{t('invoices.introBills')}</Typography.Paragraph>
      <InvoiceList
        side="billed"
        base="/bills"
        parties="issuer"
        emptyText={
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('invoices.emptyBills')}
            data-testid="bills-empty"
          />
        }
      />
    </>
  );
}

const funderTabs = ['bills', 'settlements'] as const;

function FunderBills() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab = isOneOf(funderTabs, tabParam) ? tabParam : 'bills';
  const [drawingUp, setDrawingUp] = useState(false);
  const settles = hasAnyPermission(me, [Permission.SubsidyManage]);
  // The insurers whose subsidy bills are still open: unpaid, or a credit note still to be refunded.
  const open = useApiData(`subsidy-insurers:${drawingUp}`, async () => {
    if (!drawingUp) return [];
    const [unpaid, refunds] = await Promise.all(
      (['unpaid', 'refund_due'] as const).map((status) =>
        unwrap(api.GET('/api/invoices', { params: { query: { side: 'billed', status, limit: 200 } } })),
      ),
    );
    return subsidyInsurersOf([...(unpaid?.items ?? []), ...(refunds?.items ?? [])]);
  });

  const setTab = (key: string) => {
    const next = new URLSearchParams();
    next.set('tab', key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        page="bills"
        title={t('invoices.titleFunder')}
        extra={
          settles ? (
            <Button onClick={() => setDrawingUp(true)} data-testid="settlement-draw-up">
              {t('settlement.drawUpSubsidy')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('invoices.introFunder')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        data-testid="bills-tabs"
        items={[
          {
            key: 'bills',
            label: <span data-testid="bills-tab-bills">{t('invoices.tabsFunder.bills')}</span>,
            children: (
              <InvoiceList
                side="billed"
                base="/bills"
                parties="issuer"
                emptyText={
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('invoices.emptyFunder')}
                    data-testid="bills-empty-funder"
                  />
                }
              />
            ),
          },
          {
            key: 'settlements',
            label: <span data-testid="bills-tab-settlements">{t('invoices.tabsFunder.settlements')}</span>,
            children: <SettlementsPanel version={0} base="/bills" emptyText={t('settlements.emptyFunder')} />,
          },
        ]}
      />
      {drawingUp ? (
        <DrawUpModal
          kinds={['subsidy']}
          counterparties={() => open.data ?? []}
          loading={open.loading}
          title={t('settlement.drawUpSubsidy')}
          onClose={() => setDrawingUp(false)}
          onSaved={(statement) => {
            setDrawingUp(false);
            void navigate(`/bills/settlements/${statement.id}`);
          }}
        />
      ) : null}
    </>
  );
}
