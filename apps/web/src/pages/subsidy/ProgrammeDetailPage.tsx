import { Permission } from '@kebao/domain/org';
import { Alert, Button, Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { nextProgrammeDraft, programmeInOrder } from '../../subsidy/forms.ts';
import { programmeCodePattern, readProgramme } from '../../subsidy/programme.ts';
import type { ProgrammeView } from '../../subsidy/types.ts';
import { useMoney } from '../policy/labels.tsx';
import { BreakdownCard } from './BreakdownCard.tsx';
import { BudgetBar } from './BudgetBar.tsx';
import { useSubsidyLabels } from './labels.tsx';
import { BudgetModal, OperatorModal, PublishModal } from './ProgrammeModals.tsx';
import { ProgrammeRules } from './ProgrammeRules.tsx';
import { OperatorText } from './ProgrammesPage.tsx';
import { QuotasCard } from './QuotasCard.tsx';
import { ReviewersCard } from './ReviewersCard.tsx';

type View = 'rules' | 'json';

/** 预算执行: the budget, what is committed and paid, what is left, and how many grants were made. */
function BudgetCard({ programme }: { programme: ProgrammeView }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Card size="small" title={t('programme.budgetCard')} data-testid="programme-budget-card">
      <Flex vertical gap="middle">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('subsidies.budget')}
              value={money(programme.budget)}
              valueRender={(node) => <span data-testid="programme-budget-amount">{node}</span>}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('subsidies.committed')}
              value={money(programme.committed)}
              valueRender={(node) => (
                <span data-testid="programme-committed-amount" data-amount={programme.committed}>
                  {node}
                </span>
              )}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('subsidies.paid')} value={money(programme.paid)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('subsidies.left')}
              value={money(programme.left)}
              valueRender={(node) => <span data-testid="programme-left">{node}</span>}
            />
          </Col>
        </Row>
        <BudgetBar programme={programme} />
        <Typography.Text type="secondary">
          {t('programme.grantsCount', { count: programme.grants })} · {t('programme.operatorIs')}
          <OperatorText programme={programme} />
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** The funder operating the programme, with the right to manage subsidies: it changes and approves there. */
function useOperates(funderId: string | undefined): boolean {
  const me = useMe();
  return funderId === me.organisation.id && hasAnyPermission(me, [Permission.SubsidyManage]);
}

function Actions({ programme, onSaved }: { programme: ProgrammeView; onSaved: (p: ProgrammeView) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState<'budget' | 'operator' | 'version' | null>(null);
  // The funder operating the programme changes its budget and publishes its versions; the platform names
  // the operator.
  const operates = useOperates(programme.funder?.id);
  const platform = hasAnyPermission(me, [Permission.OrgManage]);
  const definition = programmeInOrder(programme.definition);
  const close = (saved: ProgrammeView) => {
    setOpen(null);
    onSaved(saved);
  };
  return (
    <Flex gap="small" wrap>
      {operates ? (
        <Button onClick={() => setOpen('version')} data-testid="programme-new-version">
          {t('programme.newVersion')}
        </Button>
      ) : null}
      {operates ? (
        <Button type="primary" onClick={() => setOpen('budget')} data-testid="programme-change-budget">
          {t('programme.changeBudget')}
        </Button>
      ) : null}
      {platform ? (
        <Button type="primary" onClick={() => setOpen('operator')} data-testid="programme-set-operator">
          {t('programme.setOperator')}
        </Button>
      ) : null}
      {open === 'budget' ? (
        <BudgetModal programme={programme} onClose={() => setOpen(null)} onSaved={close} />
      ) : null}
      {open === 'operator' ? (
        <OperatorModal programme={programme} onClose={() => setOpen(null)} onSaved={close} />
      ) : null}
      {open === 'version' ? (
        <PublishModal
          title={t('subsidyPublish.newVersionTitle', { version: programme.version + 1 })}
          initial={nextProgrammeDraft(
            typeof definition === 'object' && definition !== null
              ? (definition as Record<string, unknown>)
              : {},
          )}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Flex>
  );
}

function ProgrammeBody({ code }: { code: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useSubsidyLabels();
  const detail = useApiData(code, () =>
    unwrap(api.GET('/api/subsidy/programmes/{code}', { params: { path: { code } } })),
  );
  const [answered, setAnswered] = useState<ProgrammeView | null>(null);
  const [view, setView] = useState<View>('rules');
  const data = answered ?? detail.data;
  const operates = useOperates(data?.funder?.id);
  if (detail.error && !data) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <LoadError error={detail.error} onRetry={detail.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const definition = readProgramme(data.definition);
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Flex vertical gap={4}>
          <Flex align="center" gap="small" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title-programme">
              {pick(data.names, language)}
            </Typography.Title>
            <Tag>{labels.level(data.level)}</Tag>
            <Tag color={data.mode === 'auto' ? 'green' : 'blue'} data-testid="programme-mode">
              {labels.mode(data.mode)}
            </Tag>
            {data.status !== 'active' ? (
              <Tag>{data.status === 'suspended' ? t('subsidies.statuses.suspended') : data.status}</Tag>
            ) : null}
          </Flex>
          <Typography.Text type="secondary">
            {t('subsidies.codeVersion', { code: data.code, version: data.version })}
          </Typography.Text>
        </Flex>
        <Actions programme={data} onSaved={setAnswered} />
      </Flex>
      {data.funder === null ? (
        <Alert
          type="info"
          showIcon
          title={t('programme.noOperatorNotice')}
          data-testid="programme-no-operator-notice"
        />
      ) : null}
      <BudgetCard programme={data} />
      <BreakdownCard code={data.code} funderId={data.funder?.id} />
      {definition?.quota ? <QuotasCard code={data.code} rule={definition.quota} operates={operates} /> : null}
      {data.mode === 'apply' ? <ReviewersCard code={data.code} operator={data.funder} /> : null}
      <Flex justify="space-between" align="center" wrap gap="middle">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('programme.rules')}
        </Typography.Title>
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            {
              value: 'rules',
              label: <span data-testid="programme-view-rules">{t('programme.views.rules')}</span>,
            },
            {
              value: 'json',
              label: <span data-testid="programme-view-json">{t('programme.views.json')}</span>,
            },
          ]}
        />
      </Flex>
      {view === 'json' || definition === null ? (
        <Flex vertical gap="small">
          {definition === null ? <Alert type="warning" showIcon title={t('programme.unreadable')} /> : null}
          <Card size="small">
            <Typography.Paragraph
              copyable={{ text: JSON.stringify(programmeInOrder(data.definition), null, 2) }}
              style={{ margin: 0 }}
            >
              <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }} data-testid="programme-json">
                {JSON.stringify(programmeInOrder(data.definition), null, 2)}
              </pre>
            </Typography.Paragraph>
          </Card>
        </Flex>
      ) : (
        <ProgrammeRules programme={definition} />
      )}
    </Flex>
  );
}

/** 补贴项目详情 `/subsidy/programmes/:code`: the budget as used so far and the programme's rules, readably. */
export function ProgrammeDetailPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  if (!programmeCodePattern.test(code)) return <NotFound />;
  return (
    <>
      <Link
        to="/subsidy/programmes"
        style={{ display: 'inline-block', marginBottom: 8 }}
        data-testid="programme-back"
      >
        {t('programme.back')}
      </Link>
      <ProgrammeBody key={code} code={code} />
    </>
  );
}
