import { Permission } from '@kebao/domain/org';
import {
  Alert,
  type AlertProps,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  List,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { useErrorText } from '../../components/errorText.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { ProblemAlert, useNotifyError } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { percentOf } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { idempotencyKey } from '../../policy/forms.ts';
import { dealEvents, useLiveEvents } from '../../policy/liveEvents.ts';
import { readDecision, readRequest } from '../../policy/readers.ts';
import type { QuoteView } from '../../policy/types.ts';
import { isOneOf, isUuid, type QuoteStatus, quoteStatuses } from '../../policy/vocabulary.ts';
import { DecisionModal } from './DecisionModal.tsx';
import { QuoteStatusTag, useMoney } from './labels.tsx';
import { QuoteRating } from './QuoteRating.tsx';

const alertTypes: Record<QuoteStatus, AlertProps['type']> = {
  referred: 'warning',
  offered: 'info',
  declined: 'error',
  accepted: 'info',
  bound: 'success',
  expired: 'warning',
};

function QuoteFacts({ quote }: { quote: QuoteView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const request = readRequest(quote.request);
  const asked = [
    ...request.amounts.map((a) =>
      t('quoteDetail.askedAmount', { label: t(`quoteRequest.${a.field}`), amount: money(a.value) }),
    ),
    ...(request.headcount === null ? [] : [t('quoteDetail.askedHeadcount', { count: request.headcount })]),
    ...(request.continuousYear === null || request.continuousYear < 2
      ? []
      : [t('quoteDetail.continuousYear', { count: request.continuousYear })]),
  ];
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="quote-facts"
      items={[
        {
          key: 'product',
          label: t('quotes.product'),
          children: (
            <Link to={`/products/${quote.product.code}?version=${quote.product.version}`}>
              {t('quoteRequest.productOption', {
                name: pick(quote.product.names, language),
                code: quote.product.code,
              })}
            </Link>
          ),
        },
        { key: 'enterprise', label: t('quotes.enterprise'), children: quote.enterprise.name },
        {
          key: 'insurer',
          label: t('quotes.insurer'),
          children: quote.poolCode
            ? t('quoteDetail.insurerOfPool', { name: quote.insurer.name, pool: quote.poolCode })
            : quote.insurer.name,
        },
        {
          key: 'period',
          label: t('quoteDetail.period'),
          children: t('quoteDetail.periodValue', { start: quote.startDate, end: quote.endDate }),
        },
        { key: 'sumInsured', label: t('quoteDetail.sumInsured'), children: money(quote.sumInsured) },
        {
          key: 'asked',
          label: t('quoteDetail.asked'),
          children: asked.length > 0 ? asked.join(t('common.listSeparator')) : t('common.none'),
        },
        { key: 'basePremium', label: t('quoteDetail.basePremium'), children: money(quote.basePremium) },
        {
          key: 'loading',
          label: t('quoteDetail.loading'),
          children:
            quote.loading && quote.loading !== '0'
              ? t('common.percent', { value: percentOf(quote.loading) })
              : t('common.none'),
        },
        {
          key: 'premium',
          label: t('quotes.premium'),
          children: (
            <Typography.Text strong data-testid="quote-detail-premium">
              {money(quote.premium)}
            </Typography.Text>
          ),
        },
        ...(quote.estimatedSubsidy
          ? [
              {
                key: 'estimatedSubsidy',
                label: t('quoteDetail.estimatedSubsidy'),
                children: (
                  <Flex vertical gap={2} data-testid="quote-detail-subsidy">
                    <Typography.Text type="success" strong data-testid="quote-detail-subsidy-amount">
                      {money(quote.estimatedSubsidy.amount)}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {pick(quote.estimatedSubsidy.explanation, language)}
                    </Typography.Text>
                  </Flex>
                ),
              },
            ]
          : []),
        { key: 'validUntil', label: t('quotes.validUntil'), children: formatDateTime(quote.validUntil) },
        { key: 'createdAt', label: t('quotes.createdAt'), children: formatDateTime(quote.createdAt) },
        ...(quote.priorPolicyId
          ? [
              {
                key: 'prior',
                label: t('quoteDetail.renewalOf'),
                children: <Link to={`/policies/${quote.priorPolicyId}`}>{t('quoteDetail.priorPolicy')}</Link>,
              },
            ]
          : []),
      ]}
    />
  );
}

function Underwriting({ quote }: { quote: QuoteView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decision = readDecision(quote.decision);
  if (!decision && quote.reasons.length === 0 && quote.conditions.length === 0) return null;
  return (
    <Card size="small" title={t('quoteDetail.underwriting')} data-testid="quote-underwriting">
      <Flex vertical gap="middle">
        {quote.reasons.length > 0 ? (
          <List
            size="small"
            header={<Typography.Text strong>{t('quoteDetail.reasons')}</Typography.Text>}
            dataSource={quote.reasons}
            data-testid="quote-reasons"
            renderItem={(r) => <List.Item>{pick(r.message, language)}</List.Item>}
          />
        ) : null}
        {decision ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            data-testid="quote-decision"
            items={[
              {
                key: 'decision',
                label: t('quoteDetail.decision'),
                children: decision.decision ? (
                  <Tag
                    color={decision.decision === 'decline' ? 'red' : 'green'}
                    data-testid="quote-decision-kind"
                  >
                    {t(`underwriting.decisions.${decision.decision}`)}
                  </Tag>
                ) : (
                  '—'
                ),
              },
              {
                key: 'by',
                label: t('quoteDetail.decidedBy'),
                children: decision.by
                  ? t('quoteDetail.decidedByValue', { name: decision.by, at: formatDateTime(decision.at) })
                  : '—',
              },
              {
                key: 'reason',
                label: t('quoteDetail.reason'),
                span: 'filled',
                children: <span data-testid="quote-decision-reason">{pick(decision.reason, language)}</span>,
              },
            ]}
          />
        ) : null}
        {quote.conditions.length > 0 ? (
          <List
            size="small"
            header={<Typography.Text strong>{t('quoteDetail.conditions')}</Typography.Text>}
            dataSource={quote.conditions}
            data-testid="quote-conditions"
            renderItem={(c) => <List.Item>{c}</List.Item>}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/**
 * 投保出单: binds with a fresh Idempotency-Key per click (a retry of the same click replays the policy).
 * An under-placed slip is refused; the insured may then keep the unplaced part and bind again.
 */
function BindAction({ quote, onBound }: { quote: QuoteView; onBound: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [retain, setRetain] = useState(false);
  const [underPlaced, setUnderPlaced] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [binding, setBinding] = useState(false);

  const bind = async () => {
    setBinding(true);
    setError(undefined);
    try {
      const policy = await unwrap(
        api.POST('/api/quotes/{id}/bind', {
          params: { path: { id: quote.id }, header: { 'idempotency-key': idempotencyKey() } },
          body: retain ? { retainUnplaced: true } : {},
        }),
      );
      void message.success(t('quoteDetail.bound', { number: policy.number }));
      setUnderPlaced(undefined);
      onBound();
    } catch (err) {
      if (isApiError(err) && err.problem?.code === 'placement.under_placed') setUnderPlaced(err);
      else setError(err);
    } finally {
      setBinding(false);
    }
  };

  return (
    <Flex vertical gap="small" align="flex-start">
      {underPlaced ? (
        <Alert
          type="warning"
          showIcon
          title={t('quoteDetail.underPlaced')}
          description={
            <Flex vertical gap="small">
              <span>{errorText(underPlaced)}</span>
              <Checkbox
                checked={retain}
                onChange={(e) => setRetain(e.target.checked)}
                data-testid="quote-bind-retain"
              >
                {t('quoteDetail.retain')}
              </Checkbox>
            </Flex>
          }
          data-testid="quote-under-placed"
        />
      ) : null}
      <ProblemAlert error={error} />
      <Button
        type="primary"
        loading={binding}
        disabled={underPlaced !== undefined && !retain}
        onClick={() => void bind()}
        data-testid="quote-bind"
      >
        {t('quoteDetail.bind')}
      </Button>
    </Flex>
  );
}

function Actions({ quote, onChanged }: { quote: QuoteView; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [accepting, setAccepting] = useState(false);
  const [deciding, setDeciding] = useState(false);
  // Only the insured or its broker may accept and bind (the server refuses anyone else).
  const canRequest = hasAnyPermission(me, [Permission.QuoteRequest]) && quote.viewer.isRequester;
  const canDecide = hasAnyPermission(me, [Permission.QuoteUnderwrite]) && quote.viewer.isInsurer;

  const accept = async () => {
    setAccepting(true);
    try {
      await unwrap(api.POST('/api/quotes/{id}/accept', { params: { path: { id: quote.id } } }));
      void message.success(t('quoteDetail.accepted'));
      onChanged();
    } catch (err) {
      notifyError(err);
    } finally {
      setAccepting(false);
    }
  };

  return (
    <Flex gap="middle" wrap align="flex-start">
      {canRequest && quote.status === 'offered' ? (
        <Button type="primary" loading={accepting} onClick={() => void accept()} data-testid="quote-accept">
          {t('quoteDetail.accept')}
        </Button>
      ) : null}
      {canRequest && quote.status === 'accepted' ? <BindAction quote={quote} onBound={onChanged} /> : null}
      {canDecide && quote.status === 'referred' ? (
        <Button type="primary" onClick={() => setDeciding(true)} data-testid="quote-decide">
          {t('underwriting.decide')}
        </Button>
      ) : null}
      {quote.placementId ? (
        <Link to={`/placements/${quote.placementId}`} data-testid="quote-placement-link">
          <Button>{t('quoteDetail.placement')}</Button>
        </Link>
      ) : null}
      {quote.policy ? (
        <Link to={`/policies/${quote.policy.id}`} data-testid="quote-policy-link">
          <Button type={quote.status === 'bound' ? 'primary' : 'default'}>
            {t('quoteDetail.policy', { number: quote.policy.number })}
          </Button>
        </Link>
      ) : null}
      {deciding ? (
        <DecisionModal
          quote={quote}
          onClose={() => setDeciding(false)}
          onDecided={() => {
            setDeciding(false);
            onChanged();
          }}
        />
      ) : null}
    </Flex>
  );
}

function QuoteDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const quote = useApiData(id, () => unwrap(api.GET('/api/quotes/{id}', { params: { path: { id } } })));
  const placementId = quote.data?.placementId;
  useLiveEvents(dealEvents, (event) => {
    if (event.aggregateId === id || (placementId && event.aggregateId === placementId)) quote.reload();
  });

  if (quote.error && !quote.data) {
    if (isApiError(quote.error) && quote.error.status === 404) return <NotFound />;
    return <LoadError error={quote.error} onRetry={quote.reload} />;
  }
  if (!quote.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const data = quote.data;
  const status = isOneOf(quoteStatuses, data.status) ? data.status : null;
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-quote">
            {t('quoteDetail.title', { number: data.number })}
          </Typography.Title>
          <QuoteStatusTag status={data.status} />
        </Flex>
      </Flex>
      {status ? (
        <Alert
          type={alertTypes[status]}
          showIcon
          title={t(`quotes.statuses.${status}`)}
          description={t(`quoteDetail.statusTexts.${status}`)}
          data-testid="quote-state"
          data-status={status}
        />
      ) : null}
      <Actions quote={data} onChanged={quote.reload} />
      <Card size="small">
        <QuoteFacts quote={data} />
      </Card>
      <Underwriting quote={data} />
      <QuoteRating quote={data} />
    </Flex>
  );
}

/** 报价详情 `/quotes/:id`: the quote, its pricing and underwriting, and what can be done with it next. */
export function QuoteDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  return (
    <>
      <Link to="/quotes" style={{ display: 'inline-block', marginBottom: 8 }} data-testid="quote-back">
        {t('quoteDetail.back')}
      </Link>
      <QuoteDetail key={id} id={id} />
    </>
  );
}
