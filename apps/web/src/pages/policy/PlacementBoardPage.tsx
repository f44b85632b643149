import { Permission } from '@kebao/domain/org';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Col,
  Descriptions,
  Flex,
  Popconfirm,
  Radio,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { readDefinition } from '../../catalog/definition.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { dealEvents, useLiveEvents } from '../../policy/liveEvents.ts';
import { contractProduct } from '../../policy/readers.ts';
import type { PlacementLine, PlacementView } from '../../policy/types.ts';
import { type CollectionMode, collectionModes, isOneOf, isUuid } from '../../policy/vocabulary.ts';
import { LineStatusTag, PlacementStatusTag, useMoney, usePercent } from './labels.tsx';
import { InviteModal, WriteLineModal } from './PlacementModals.tsx';

/** Percent strings compared exactly: "100.0000" as 1,000,000 units of 0.0001 %. */
function units(percent: string): bigint | null {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(percent);
  return match ? BigInt(match[1] as string) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0')) : null;
}

const WHOLE = 1_000_000n;

/** The five sames (五个同一): the product (contract), the insured (subject), the cover, the period, the amount. */
function Terms({ placement }: { placement: PlacementView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = useMoney();
  const { terms } = placement;
  const product = contractProduct(terms.contract);
  const version = useApiData(`${terms.contract}`, () =>
    product
      ? unwrap(
          api.GET('/api/products/{code}/versions/{version}', {
            params: { path: { code: product.code, version: product.version } },
          }),
        )
      : Promise.resolve(null),
  );
  const definition = version.data ? readDefinition(version.data.definition) : null;
  const sectionName = (key: string) => {
    const section = definition?.sections.find((s) => s.key === key);
    return section ? pick(section.names, language) : key;
  };
  return (
    <Card size="small" title={t('board.terms')} data-testid="board-terms">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'contract',
            label: t('board.fiveSames.contract'),
            children:
              definition && product
                ? t('board.contractValue', {
                    name: pick(definition.names, language),
                    code: product.code,
                    version: product.version,
                  })
                : terms.contract,
          },
          {
            key: 'subject',
            label: t('board.fiveSames.subject'),
            children: t('board.subjectValue', { name: placement.enterprise.name, uscc: terms.subject }),
          },
          {
            key: 'liability',
            label: t('board.fiveSames.liability'),
            span: 'filled',
            children: (
              <Flex wrap gap={4}>
                {terms.liability.map((key) => (
                  <Tag key={key} style={{ marginInlineEnd: 0 }}>
                    {sectionName(key)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            key: 'period',
            label: t('board.fiveSames.period'),
            children: t('quoteDetail.periodValue', { start: terms.startDate, end: terms.endDate }),
          },
          {
            key: 'sumInsured',
            label: t('board.fiveSames.sumInsured'),
            children: <span data-testid="board-sum-insured">{money(terms.sumInsured)}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** 保费收取方式: the lead switches it while the slip is open; everyone else reads it. */
function Collection({
  placement,
  onSaved,
}: {
  placement: PlacementView;
  onSaved: (b: PlacementView) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const editable =
    placement.viewer.isLead &&
    placement.status === 'open' &&
    hasAnyPermission(me, [Permission.PlacementWrite]);
  const mode = placement.collectionMode;
  const change = async (next: CollectionMode) => {
    setSaving(true);
    try {
      const board = await unwrap(
        api.PUT('/api/placements/{id}/collection-mode', {
          params: { path: { id: placement.id } },
          body: { mode: next },
        }),
      );
      void message.success(t('board.collectionChanged', { mode: t(`board.collectionModes.${next}`) }));
      onSaved(board);
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex gap="middle" align="center" wrap data-testid="board-collection">
      <Typography.Text strong>{t('board.collection')}</Typography.Text>
      {editable ? (
        <Radio.Group
          optionType="button"
          value={isOneOf(collectionModes, mode) ? mode : undefined}
          disabled={saving}
          onChange={(e) => {
            if (isOneOf(collectionModes, e.target.value)) void change(e.target.value);
          }}
          options={collectionModes.map((m) => ({
            value: m,
            label: <span data-testid={`collection-${m}`}>{t(`board.collectionModes.${m}`)}</span>,
          }))}
        />
      ) : (
        <Tag data-testid="board-collection-mode" data-mode={mode}>
          {isOneOf(collectionModes, mode) ? t(`board.collectionModes.${mode}`) : mode}
        </Tag>
      )}
    </Flex>
  );
}

function Lines({ placement }: { placement: PlacementView }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const signedShown = placement.status !== 'open';
  return (
    <Table<PlacementLine>
      rowKey="orgId"
      size="small"
      pagination={false}
      dataSource={placement.lines}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('board.noLines') }}
      data-testid="board-lines"
      columns={[
        {
          key: 'insurer',
          title: t('board.insurer'),
          render: (_, l) => <span data-testid="line-insurer">{l.name}</span>,
        },
        {
          key: 'role',
          title: t('board.role'),
          render: (_, l) => (
            <Tag color={l.lead ? 'blue' : undefined}>
              {l.lead ? t('board.roles.lead') : t('board.roles.follower')}
            </Tag>
          ),
        },
        {
          key: 'status',
          title: t('board.lineStatus'),
          render: (_, l) => <LineStatusTag status={l.status} />,
        },
        {
          key: 'written',
          title: t('board.written'),
          align: 'right',
          render: (_, l) => <span data-testid="line-written-share">{percent(l.written)}</span>,
        },
        {
          key: 'toStand',
          title: t('board.toStand'),
          render: (_, l) => (l.toStand ? <Tag color="purple">{t('board.toStand')}</Tag> : null),
        },
        ...(signedShown
          ? [
              {
                key: 'signed',
                title: t('board.signed'),
                align: 'right' as const,
                render: (_: unknown, l: PlacementLine) => (
                  <span data-testid="line-signed">{percent(l.signed)}</span>
                ),
              },
            ]
          : []),
        { key: 'writtenAt', title: t('board.writtenAt'), render: (_, l) => formatDateTime(l.writtenAt) },
        { key: 'comment', title: t('board.comment'), render: (_, l) => l.comment ?? '' },
      ]}
    />
  );
}

function Summary({ placement }: { placement: PlacementView }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const money = useMoney();
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Statistic
          title={t('board.writtenTotal')}
          value={percent(placement.writtenTotal)}
          data-testid="board-written-total"
        />
      </Col>
      <Col xs={24} md={8}>
        <Statistic title={t('board.unplaced')} value={percent(placement.unplaced)} />
      </Col>
      <Col xs={24} md={8}>
        <Statistic title={t('board.premium')} value={money(placement.premium)} />
      </Col>
    </Row>
  );
}

/** The state of the slip in a sentence: over or under 100 % while open, signed when closed. */
function StateNotice({ placement }: { placement: PlacementView }) {
  const { t } = useTranslation();
  const total = units(placement.writtenTotal);
  if (placement.status === 'open') {
    if (total === null || total === WHOLE) return null;
    return (
      <Alert
        type={total > WHOLE ? 'info' : 'warning'}
        showIcon
        title={total > WHOLE ? t('board.overTotal') : t('board.underTotal')}
        data-testid="board-total-notice"
      />
    );
  }
  return (
    <Alert
      type={placement.status === 'cancelled' ? 'warning' : 'success'}
      showIcon
      title={t(
        `board.closedTexts.${placement.status === 'bound' ? 'bound' : placement.status === 'cancelled' ? 'cancelled' : 'closed'}`,
        {
          at: formatDateTime(placement.closedAt),
        },
      )}
      data-testid="board-closed"
    />
  );
}

function Actions({ placement, onSaved }: { placement: PlacementView; onSaved: (b: PlacementView) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [writing, setWriting] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [busy, setBusy] = useState<'close' | 'decline' | null>(null);
  if (placement.status !== 'open' || !hasAnyPermission(me, [Permission.PlacementWrite])) return null;
  const { viewer } = placement;
  const mine = placement.lines.find((l) => l.orgId === me.organisation.id);
  const canWrite = viewer.isLead || viewer.hasLine || viewer.invited;
  const canDecline = !viewer.isLead && (viewer.hasLine || viewer.invited) && mine?.status !== 'declined';

  const act = async (kind: 'close' | 'decline') => {
    setBusy(kind);
    try {
      const path = { id: placement.id };
      const board =
        kind === 'close'
          ? await unwrap(api.POST('/api/placements/{id}/close', { params: { path } }))
          : await unwrap(api.POST('/api/placements/{id}/decline', { params: { path }, body: {} }));
      void message.success(kind === 'close' ? t('board.closed') : t('board.declined'));
      onSaved(board);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex gap="small" wrap>
      {canWrite ? (
        <Button type="primary" onClick={() => setWriting(true)} data-testid="board-write">
          {mine?.written ? t('board.rewrite') : t('board.write')}
        </Button>
      ) : null}
      {canDecline ? (
        <Popconfirm
          title={t('board.declineConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={testId<ButtonProps>('board-decline-confirm')}
          onConfirm={() => void act('decline')}
        >
          <Button danger loading={busy === 'decline'} data-testid="board-decline">
            {t('board.decline')}
          </Button>
        </Popconfirm>
      ) : null}
      {viewer.isLead ? (
        <>
          <Button onClick={() => setInviting(true)} data-testid="board-invite">
            {t('board.invite')}
          </Button>
          <Popconfirm
            title={t('board.closeConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={testId<ButtonProps>('board-close-confirm')}
            onConfirm={() => void act('close')}
          >
            <Button loading={busy === 'close'} data-testid="board-close">
              {t('board.close')}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {writing ? (
        <WriteLineModal
          placement={placement}
          mine={mine}
          onClose={() => setWriting(false)}
          onSaved={(board) => {
            setWriting(false);
            onSaved(board);
          }}
        />
      ) : null}
      {inviting ? (
        <InviteModal
          placement={placement}
          onClose={() => setInviting(false)}
          onSaved={(board) => {
            setInviting(false);
            onSaved(board);
          }}
        />
      ) : null}
    </Flex>
  );
}

function Board({ id }: { id: string }) {
  const { t } = useTranslation();
  const board = useApiData(id, () => unwrap(api.GET('/api/placements/{id}', { params: { path: { id } } })));
  // What an action answered is shown at once, until the next read of the board replaces it.
  const [answered, setAnswered] = useState<PlacementView | null>(null);
  useEffect(() => {
    if (board.data) setAnswered(null);
  }, [board.data]);
  const data = answered ?? board.data;
  // Every party's change arrives as an event: the board is read again (a bind names its placement).
  useLiveEvents(dealEvents, (event) => {
    if (!data) return;
    const ours =
      event.aggregateId === id ||
      event.aggregateId === data.quoteId ||
      (event.type === 'policy.bound' && event.payload.placementId === id);
    if (ours) board.reload();
  });

  if (board.error && !data) {
    if (isApiError(board.error) && board.error.status === 404) return <NotFound />;
    return <LoadError error={board.error} onRetry={board.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const saved = (next: PlacementView) => {
    setAnswered(next);
    board.reload();
  };
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex align="center" gap="small" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-placement">
            {t('board.title', { number: data.quoteNumber })}
          </Typography.Title>
          <PlacementStatusTag status={data.status} />
          {data.poolCode ? <Tag color="geekblue">{t('board.pool', { pool: data.poolCode })}</Tag> : null}
        </Flex>
        <Flex gap="small" align="center">
          <Typography.Text type="secondary">{t('board.leadIs', { name: data.lead.name })}</Typography.Text>
          <Link to={`/quotes/${data.quoteId}`} data-testid="board-quote-link">
            {t('board.quote', { number: data.quoteNumber })}
          </Link>
        </Flex>
      </Flex>
      <StateNotice placement={data} />
      <Actions placement={data} onSaved={saved} />
      <Card size="small">
        <Flex vertical gap="middle">
          <Summary placement={data} />
          <Collection placement={data} onSaved={saved} />
        </Flex>
      </Card>
      <Terms placement={data} />
      <Card size="small" title={t('board.lines')}>
        <Lines placement={data} />
      </Card>
    </Flex>
  );
}

/** 共保安排 `/placements/:id`: the placement board, live. */
export function PlacementBoardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  if (!isUuid(id)) return <NotFound />;
  // Insurers come from the list of placements; the insured from its quotes.
  const back = hasAnyPermission(me, [Permission.QuoteUnderwrite])
    ? { to: '/placements', label: t('board.back') }
    : { to: '/quotes', label: t('quoteDetail.back') };
  return (
    <>
      <Link to={back.to} style={{ display: 'inline-block', marginBottom: 8 }} data-testid="board-back">
        {back.label}
      </Link>
      <Board key={id} id={id} />
    </>
  );
}
