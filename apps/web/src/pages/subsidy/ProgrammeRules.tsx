import { Card, Col, Descriptions, Flex, List, Row, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { percentOf } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import type { ProgrammeCaps, ProgrammeDefinition, ShareRow } from '../../subsidy/programme.ts';
import { shareRows } from '../../subsidy/programme.ts';
import { useMoney, usePercent } from '../policy/labels.tsx';
import { statisticalClasses } from '../products/catalogueFilters.ts';
import { useProgrammeConditionText, useSubsidyLabels } from './labels.tsx';

/** A share ("0.5") as people read it: "50%". */
function useShare(): (share: string) => string {
  const percent = usePercent();
  return (share) => percent(percentOf(share));
}

function CapsText({ caps }: { caps: ProgrammeCaps | null | undefined }) {
  const { t } = useTranslation();
  const money = useMoney();
  const parts = [
    caps?.perPolicy ? t('programme.perPolicyValue', { amount: money(caps.perPolicy) }) : null,
    caps?.perEnterprisePerYear
      ? t('programme.perEnterprisePerYearValue', { amount: money(caps.perEnterprisePerYear) })
      : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : <span>{parts.join(t('common.listSeparator'))}</span>;
}

/** 补贴比例: a flat share, a share stepping down by year, or tiers by score band or condition; bonuses. */
function ShareCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = useShare();
  const condition = useProgrammeConditionText();
  const tiered = programme.share.tiers !== undefined;
  const rows = shareRows(programme.share);
  const tierName = (row: ShareRow): ReactNode => {
    if (row.names) return pick(row.names, language);
    if (row.band) return t('programme.band', { band: row.band });
    return t('programme.everyone');
  };
  return (
    <Card
      size="small"
      title={t('programme.share')}
      extra={t('programme.shareHint')}
      data-testid="programme-share"
    >
      <Table<ShareRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        data-testid="programme-tiers"
        columns={[
          ...(tiered
            ? [
                {
                  key: 'tier',
                  title: t('programme.tier'),
                  render: (_: unknown, row: ShareRow) => (
                    <Flex vertical gap={2}>
                      <Typography.Text strong data-testid="programme-tier-name">
                        {tierName(row)}
                      </Typography.Text>
                      {row.when ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('programme.when', { condition: condition(row.when) })}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                  ),
                },
              ]
            : []),
          {
            key: 'share',
            title: t('programme.rate'),
            render: (_, row) =>
              row.byYear ? (
                <Flex vertical gap={2}>
                  <Typography.Text strong data-testid="programme-tier-share">
                    {row.shares.map(share).join(' → ')}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('programme.byYearHint', { count: row.shares.length })}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text strong data-testid="programme-tier-share">
                  {row.shares[0] === undefined ? '—' : share(row.shares[0])}
                </Typography.Text>
              ),
          },
          ...(rows.some((row) => row.caps !== null)
            ? [
                {
                  key: 'caps',
                  title: t('programme.tierCaps'),
                  render: (_: unknown, row: ShareRow) => <CapsText caps={row.caps} />,
                },
              ]
            : []),
        ]}
      />
      {tiered ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('programme.tiersHint')}
        </Typography.Paragraph>
      ) : null}
      {(programme.share.bonuses ?? []).length > 0 ? (
        <List
          size="small"
          header={<Typography.Text strong>{t('programme.bonuses')}</Typography.Text>}
          dataSource={programme.share.bonuses}
          data-testid="programme-bonuses"
          renderItem={(b) => (
            <List.Item>
              <Flex vertical gap={2}>
                <Typography.Text>
                  {pick(b.message, language)}{' '}
                  <Tag color="green">{t('programme.points', { share: share(b.points) })}</Tag>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('programme.when', { condition: condition(b.when) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

/** 补贴上限: caps per policy, per enterprise a year, for the whole programme; the rate cap; the quota. */
function LimitsCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const money = useMoney();
  const share = useShare();
  const { caps, rateCap, quota } = programme;
  const items = [
    caps?.perPolicy
      ? { key: 'perPolicy', label: t('programme.perPolicy'), children: money(caps.perPolicy) }
      : null,
    caps?.perEnterprisePerYear
      ? {
          key: 'perEnterprisePerYear',
          label: t('programme.perEnterprisePerYear'),
          children: money(caps.perEnterprisePerYear),
        }
      : null,
    caps?.perProgramme
      ? { key: 'perProgramme', label: t('programme.perProgramme'), children: money(caps.perProgramme) }
      : null,
    rateCap
      ? {
          key: 'rateCap',
          label: t('programme.rateCap'),
          children: t('programme.rateCapValue', { rate: share(rateCap) }),
        }
      : null,
    quota
      ? {
          key: 'quota',
          label: t('programme.quota'),
          children: t('programme.quotaValue', {
            share: share(quota.percentOfProductValue),
            count: quota.years,
          }),
        }
      : null,
    programme.maxYears
      ? {
          key: 'maxYears',
          label: t('programme.maxYears'),
          children: t('programme.yearsValue', { count: programme.maxYears }),
        }
      : null,
  ].filter((i) => i !== null);
  return (
    <Card size="small" title={t('programme.limits')} data-testid="programme-limits">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('programme.limitsNone')}</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} items={items} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('programme.formula')}
      </Typography.Paragraph>
    </Card>
  );
}

/** 申报条件: each condition with its message in both languages and the rule in plain words. */
function ConditionsCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const condition = useProgrammeConditionText();
  const other = language === 'en' ? 'zh' : 'en';
  return (
    <Card size="small" title={t('programme.conditions')} extra={t('programme.conditionsHint')}>
      <List
        dataSource={programme.conditions}
        locale={{ emptyText: t('programme.conditionsEmpty') }}
        data-testid="programme-conditions"
        renderItem={(c) => (
          <List.Item data-testid="programme-condition" data-reason={c.reason}>
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Typography.Text strong>{pick(c.message, language)}</Typography.Text>
              <Typography.Text type="secondary">{c.message[other]}</Typography.Text>
              <Typography.Text>
                <Typography.Text type="secondary">{t('product.when')}</Typography.Text>
                <span data-testid="programme-condition-when">{condition(c.when)}</span>
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('product.reasonCode', { code: c.reason })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 申报材料, or none for a 免申即享 programme. */
function ChecklistCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card size="small" title={t('programme.checklist')}>
      <List
        size="small"
        dataSource={programme.checklist ?? []}
        locale={{
          emptyText:
            programme.mode === 'auto'
              ? t('programme.checklistAuto', { count: programme.confirmWorkingDays ?? 3 })
              : t('programme.checklistEmpty'),
        }}
        data-testid="programme-checklist"
        renderItem={(item, i) => (
          <List.Item data-testid="programme-checklist-item" data-key={item.key}>
            <Typography.Text>
              {i + 1}. {pick(item.names, language)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 追回 and 分级负担: what comes back on a cancellation or fraud; how each grant is split between levels. */
function FundsCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useSubsidyLabels();
  const share = useShare();
  const { clawback, fundPools } = programme;
  return (
    <Card size="small" title={t('programme.funds')} data-testid="programme-funds">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'clawback',
            label: t('programme.clawback'),
            children: (
              <span data-testid="programme-clawback">{labels.clawback(clawback.onCancellation)}</span>
            ),
          },
          ...(clawback.barYears
            ? [
                {
                  key: 'bar',
                  label: t('programme.bar'),
                  children: t('programme.barValue', { count: clawback.barYears }),
                },
              ]
            : []),
          {
            key: 'pools',
            label: t('programme.fundPools'),
            children: fundPools ? (
              <Flex vertical gap={2} data-testid="programme-fund-pools">
                {fundPools.map((pool) => (
                  <span key={`${pool.level}:${pool.share}`}>
                    {t('programme.poolValue', {
                      name: pool.names ? pick(pool.names, language) : labels.level(pool.level),
                      share: share(pool.share),
                    })}
                  </span>
                ))}
              </Flex>
            ) : (
              t('programme.fundPoolsNone', { level: labels.level(programme.funder.level) })
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 项目概况: who funds it, its window, how it grants and to whom, which products it is for. */
function OverviewCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useSubsidyLabels();
  const { eligibility } = programme;
  const scope = [
    ...(eligibility.tags ?? []).map((tag) => t('programme.byTag', { tag })),
    ...(eligibility.products ?? []).map((code) => t('programme.byProduct', { code })),
    ...(eligibility.classes ?? []).map((c) =>
      t('programme.byClass', { name: isOneOf(statisticalClasses, c) ? t(`products.classes.${c}`) : c }),
    ),
  ];
  return (
    <Card size="small" title={t('programme.overview')}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        data-testid="programme-overview"
        items={[
          {
            key: 'funder',
            label: t('programme.funderNames'),
            children: t('programme.funderValue', {
              name: pick(programme.funder.names, language),
              level: labels.level(programme.funder.level),
            }),
          },
          {
            key: 'window',
            label: t('programme.window'),
            children: (
              <span data-testid="programme-window">
                {t('programme.windowValue', {
                  from: programme.window.from,
                  to: programme.window.to ?? t('programme.openEnded'),
                })}
              </span>
            ),
          },
          {
            key: 'mode',
            label: t('subsidies.mode'),
            children:
              programme.mode === 'auto'
                ? t('programme.autoValue', { count: programme.confirmWorkingDays ?? 3 })
                : labels.mode(programme.mode),
          },
          { key: 'payee', label: t('subsidies.payee'), children: labels.payee(programme.payee) },
          {
            key: 'eligibility',
            label: t('programme.eligibility'),
            children:
              scope.length > 0
                ? scope.join(t('common.listSeparator'))
                : t('programme.byTag', { tag: programme.code }),
          },
          ...(programme.noDoubleDipGroup
            ? [
                {
                  key: 'noDoubleDip',
                  label: t('programme.noDoubleDip'),
                  children: t('programme.noDoubleDipValue', { group: programme.noDoubleDipGroup }),
                },
              ]
            : []),
          { key: 'priority', label: t('programme.priority'), children: programme.priority },
          ...(programme.summary
            ? [{ key: 'summary', label: t('programme.summary'), children: pick(programme.summary, language) }]
            : []),
        ]}
      />
    </Card>
  );
}

/** 政策依据 and 演示假设: the documents the programme follows and where a figure has no public source. */
function SourcesCard({ programme }: { programme: ProgrammeDefinition }) {
  const { t } = useTranslation();
  const sources = programme.sources ?? [];
  const assumptions = programme.assumptions ?? [];
  if (sources.length === 0 && assumptions.length === 0) return null;
  return (
    <Card size="small" title={t('programme.sources')}>
      <Flex vertical gap="small">
        {sources.map((s) => (
          <Typography.Text key={s}>{s}</Typography.Text>
        ))}
        {assumptions.length > 0 ? (
          <>
            <Typography.Text type="secondary">{t('programme.assumptions')}</Typography.Text>
            {assumptions.map((a) => (
              <Typography.Text key={a} type="secondary" style={{ fontSize: 12 }}>
                {a}
              </Typography.Text>
            ))}
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The programme as people read it: overview, share, limits, conditions, checklist, claw-back and funds. */
export function ProgrammeRules({ programme }: { programme: ProgrammeDefinition }) {
  return (
    <Flex vertical gap="middle" data-testid="programme-rules">
      <OverviewCard programme={programme} />
      <ShareCard programme={programme} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <LimitsCard programme={programme} />
        </Col>
        <Col xs={24} xl={12}>
          <FundsCard programme={programme} />
        </Col>
      </Row>
      <ConditionsCard programme={programme} />
      <ChecklistCard programme={programme} />
      <SourcesCard programme={programme} />
    </Flex>
  );
}
