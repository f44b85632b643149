import { Alert, Card, Col, Descriptions, Flex, Progress, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SandboxState } from '../../api/types.ts';
import { sandboxCriteria } from '../../catalog/vocabulary.ts';
import { blank, formatDateTime } from '../../format/datetime.ts';
import { usedPercent } from '../../format/decimal.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { type Assessment, readAssessment } from './filingDetails.ts';
import { useYuan } from './labels.tsx';

export function AssessmentScores({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="sandbox-assessment"
      items={[
        ...sandboxCriteria.map((c) => ({
          key: c.key,
          label: pick(c, language),
          children:
            assessment.scores[c.key] === undefined
              ? blank
              : t('filing.scoreValue', { score: assessment.scores[c.key] }),
        })),
        ...(assessment.comment
          ? [{ key: 'comment', label: t('filing.assessmentComment'), children: assessment.comment }]
          : []),
      ]}
    />
  );
}

/** 监管沙盒: the test's limits and how much of them is used, the exit request and the assessment. */
export function SandboxPanel({ sandbox }: { sandbox: SandboxState }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const policies = usedPercent(sandbox.policiesBound, sandbox.maxPolicies);
  const sumInsured = usedPercent(sandbox.sumInsuredBound, sandbox.maxSumInsured);
  const assessment = readAssessment(sandbox.assessment);
  const status = (percent: number) => (percent >= 100 ? 'exception' : 'active');
  return (
    <Card title={t('sandbox.title')} size="small" data-testid="sandbox-panel">
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">
          {sandbox.closedAt ? t('sandbox.closedIntro') : t('sandbox.intro')}
        </Typography.Text>
        <Row gutter={[24, 16]}>
          <Col xs={24} md={12}>
            <Typography.Text>{t('sandbox.policies')}</Typography.Text>
            <Progress percent={policies} status={status(policies)} data-testid="sandbox-policies" />
            <Typography.Text type="secondary">
              {t('sandbox.policiesUsed', { used: sandbox.policiesBound, max: sandbox.maxPolicies })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text>{t('sandbox.sumInsured')}</Typography.Text>
            <Progress percent={sumInsured} status={status(sumInsured)} data-testid="sandbox-sum-insured" />
            <Typography.Text type="secondary">
              {t('sandbox.sumInsuredUsed', {
                used: yuan(sandbox.sumInsuredBound),
                max: yuan(sandbox.maxSumInsured),
              })}
            </Typography.Text>
          </Col>
        </Row>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'endsOn', label: t('sandbox.endsOn'), children: sandbox.endsOn },
            {
              key: 'exit',
              label: t('sandbox.exitRequestedAt'),
              children: formatDateTime(sandbox.exitRequestedAt),
            },
            { key: 'closed', label: t('sandbox.closedAt'), children: formatDateTime(sandbox.closedAt) },
          ]}
        />
        {sandbox.exitRequestedAt && !sandbox.closedAt ? (
          <Alert
            type="info"
            showIcon
            title={t('sandbox.exitPending', { at: formatDateTime(sandbox.exitRequestedAt) })}
            data-testid="sandbox-exit-pending"
          />
        ) : null}
        {assessment ? (
          <>
            <Typography.Text strong>{t('sandbox.assessment')}</Typography.Text>
            <AssessmentScores assessment={assessment} />
          </>
        ) : null}
      </Flex>
    </Card>
  );
}
