import { Permission } from '@kebao/domain/org';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { QuoteView } from '../../policy/types.ts';
import { type QuoteStatus, quoteStatuses } from '../../policy/vocabulary.ts';
import { QuoteStatusTag, useMoney } from './labels.tsx';
import { QuoteRequestModal } from './QuoteRequestModal.tsx';
import { StatusList } from './StatusList.tsx';

/**
 * 我的报价 `/quotes`: the quotes of the enterprise (or a broker's clients), newest first, and 询价. An
 * insurer sees the same list as 报价: the quotes its company decides.
 */
export function QuotesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const money = useMoney();
  const canRequest = hasAnyPermission(me, [Permission.QuoteRequest]);
  const [requesting, setRequesting] = useState(false);

  return (
    <>
      <PageHeader
        page="quotes"
        title={canRequest ? t('quotes.title') : t('quotes.titleInsurer')}
        extra={
          canRequest ? (
            <Button type="primary" onClick={() => setRequesting(true)} data-testid="quote-request-open">
              {t('quotes.request')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">
        {canRequest ? t('quotes.intro') : t('quotes.introInsurer')}
      </Typography.Paragraph>
      <StatusList<QuoteView, QuoteStatus>
        section="quotes"
        statusLabel={(s) => t(`quotes.statuses.${s}`)}
        statuses={quoteStatuses}
        load={(query) => unwrap(api.GET('/api/quotes', { params: { query } }))}
        emptyText={canRequest ? t('quotes.empty') : t('quotes.emptyInsurer')}
        columns={[
          {
            key: 'number',
            title: t('quotes.number'),
            render: (_, q) => (
              <Link to={`/quotes/${q.id}`} data-testid="quote-link">
                {q.number}
              </Link>
            ),
          },
          {
            key: 'product',
            title: t('quotes.product'),
            render: (_, q) => (
              <Flex vertical>
                {pick(q.product.names, language)}
                <Typography.Text type="secondary">{q.product.code}</Typography.Text>
              </Flex>
            ),
          },
          // An enterprise's quotes are all its own; a broker's are its clients', an insurer's anyone's.
          ...(me.organisation.kind === 'enterprise'
            ? []
            : [
                {
                  key: 'enterprise',
                  title: t('quotes.enterprise'),
                  render: (_: unknown, q: QuoteView) => q.enterprise.name,
                },
              ]),
          {
            key: 'status',
            title: t('quotes.status'),
            render: (_, q) => <QuoteStatusTag status={q.status} />,
          },
          {
            key: 'premium',
            title: t('quotes.premium'),
            align: 'right',
            render: (_, q) => <span data-testid="quote-premium">{money(q.premium)}</span>,
          },
          {
            key: 'validUntil',
            title: t('quotes.validUntil'),
            render: (_, q) => formatDateTime(q.validUntil),
          },
          { key: 'createdAt', title: t('quotes.createdAt'), render: (_, q) => formatDateTime(q.createdAt) },
        ]}
      />
      {requesting ? (
        <QuoteRequestModal
          broker={me.organisation.kind === 'broker'}
          onClose={() => setRequesting(false)}
          onCreated={(quote) => {
            setRequesting(false);
            void navigate(`/quotes/${quote.id}`);
          }}
        />
      ) : null}
    </>
  );
}
