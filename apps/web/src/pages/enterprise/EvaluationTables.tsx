import type { GateResult, GroupResult, IndicatorResult } from '@kebao/domain/enterprise';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { indicatorInputText, pointsOutOf } from '../../enterprise/indicatorText.ts';
import { trimDecimal } from '../../format/decimal.ts';
import { type Bilingual, pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useFieldLabel } from './labels.tsx';

/** An indicator's or a gate's own note, and how an estimate stands in for an expert review. */
function NoteCell({ note, estimate }: { note?: Bilingual; estimate?: Bilingual }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!note && !estimate) return null;
  return (
    <Flex vertical gap={2} style={{ maxWidth: 360 }}>
      {note ? <Typography.Text type="secondary">{pick(note, language)}</Typography.Text> : null}
      {estimate ? (
        <Typography.Text type="secondary">
          <Tag color="purple">{t('evaluation.estimate')}</Tag>
          {pick(estimate, language)}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** Every indicator: the value used, the band it reached, the points it earned of its maximum. */
export function IndicatorTable({ indicators, testId }: { indicators: IndicatorResult[]; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table<IndicatorResult>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={indicators}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      columns={[
        { key: 'name', title: t('evaluation.indicator'), render: (_, i) => pick(i.names, language) },
        {
          key: 'input',
          title: t('evaluation.input'),
          render: (_, i) => (
            <Typography.Text type={i.input === 'missing' ? 'warning' : undefined}>
              {indicatorInputText(t, i.input)}
            </Typography.Text>
          ),
        },
        {
          key: 'band',
          title: t('evaluation.bandReached'),
          render: (_, i) => (
            <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>{pick(i.band, language)}</div>
          ),
        },
        {
          key: 'points',
          title: t('evaluation.pointsOfMax'),
          align: 'right',
          render: (_, i) => <span data-testid="indicator-points">{pointsOutOf(i.points, i.max)}</span>,
        },
        {
          key: 'note',
          title: t('evaluation.note'),
          render: (_, i) => <NoteCell note={i.note} estimate={i.estimate} />,
        },
      ]}
    />
  );
}

const gateColors = { true: 'green', false: 'red', unknown: 'default' } as const;

/** Conditions (门槛) with the enterprise's figure, the limit and whether it passed. */
export function GateTable({ gates, testId }: { gates: GateResult[]; testId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (gates.length === 0) return null;
  return (
    <Table<GateResult>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={gates}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      columns={[
        { key: 'name', title: t('evaluation.gate'), render: (_, g) => pick(g.names, language) },
        { key: 'input', title: t('evaluation.input'), render: (_, g) => indicatorInputText(t, g.input) },
        { key: 'limit', title: t('evaluation.limit'), render: (_, g) => pick(g.limit, language) },
        {
          key: 'passed',
          title: t('evaluation.result'),
          render: (_, g) => {
            const result = g.passed === null ? 'unknown' : g.passed ? 'true' : 'false';
            return <Tag color={gateColors[result]}>{t(`evaluation.gateResults.${result}`)}</Tag>;
          },
        },
        { key: 'note', title: t('evaluation.note'), render: (_, g) => <NoteCell note={g.note} /> },
      ]}
    />
  );
}

/** The groups of the tech score: weight at the stage used, points of the maximum, what they add. */
export function GroupTable({ groups }: { groups: GroupResult[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table<GroupResult>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={groups}
      scroll={{ x: 'max-content' }}
      data-testid="points-groups"
      columns={[
        { key: 'name', title: t('evaluation.group'), render: (_, g) => pick(g.names, language) },
        {
          key: 'weight',
          title: t('evaluation.weight'),
          align: 'right',
          render: (_, g) => trimDecimal(g.weight),
        },
        {
          key: 'points',
          title: t('evaluation.pointsOfMax'),
          align: 'right',
          render: (_, g) => pointsOutOf(g.points, g.max),
        },
        { key: 'weighted', title: t('evaluation.weighted'), align: 'right', render: (_, g) => g.weighted },
      ]}
    />
  );
}

/** The outcome in sentences and anything a reader must know, as the engine wrote them. */
export function EvaluationNotes({ notes, testId }: { notes: Bilingual[]; testId: string }) {
  const language = useLanguage();
  if (notes.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={testId}>
      {notes.map((note) => (
        <li key={note.en}>
          <Typography.Text>{pick(note, language)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** The profile fields the model read and did not find, named, with a way to fill them in. */
export function MissingFields({
  missing,
  couldChange,
  editLink,
  testId,
}: {
  missing: string[];
  couldChange?: boolean;
  editLink?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  if (missing.length === 0) return null;
  const description: ReactNode = couldChange ? t('evaluation.missingCouldChange') : undefined;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={t('evaluation.missingList', { fields: missing.map(fieldLabel).join(t('common.listSeparator')) })}
      description={description}
      action={editLink ? <Link to={editLink}>{t('evaluation.completeProfile')}</Link> : undefined}
    />
  );
}
