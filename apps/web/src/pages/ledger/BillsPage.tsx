import { Permission } from '@kebao/domain/org';
import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { InvoiceList } from './InvoiceList.tsx';

/**
 * 账单 `/bills`: the invoices addressed to the organisation, newest first. For an enterprise its premium
 * bills; for a subsidy funder (应付补贴) the subsidies it owes the insurers once programmes grant them.
 */
export function BillsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const funder = !hasAnyPermission(me, [Permission.EnterpriseSelf]);

  return (
    <>
      <PageHeader page="bills" title={funder ? t('invoices.titleFunder') : t('invoices.titleBills')} />
      <Typography.Paragraph type="secondary">
        {funder ? t('invoices.introFunder') : t('invoices.introBills')}
      </Typography.Paragraph>
      <InvoiceList
        side="billed"
        base="/bills"
        parties="issuer"
        emptyText={
          funder ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('invoices.emptyFunder')}
              data-testid="bills-empty-funder"
            />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('invoices.emptyBills')}
              data-testid="bills-empty"
            />
          )
        }
      />
    </>
  );
}
