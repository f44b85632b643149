import type { HighTechCheck, PointsScore, TechSmeEvaluation } from '@kebao/domain/enterprise';
import { Alert, Card, Col, Descriptions, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditView } from '../../api/types.ts';
import type { Evaluations } from '../../enterprise/readers.ts';
import { enterpriseStages, oneOf } from '../../enterprise/vocabulary.ts';
import {
  EvaluationNotes,
  GateTable,
  GroupTable,
  IndicatorTable,
  MissingFields,
} from './EvaluationTables.tsx';
import { BandTag, GradeTag } from './labels.tsx';

function QualifiedTag({ qualified }: { qualified: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={qualified ? 'green' : 'default'}
      data-testid="qualified-tag"
      data-qualified={String(qualified)}
    >
      {t(qualified ? 'evaluation.qualifiedYes' : 'evaluation.qualifiedNo')}
    </Tag>
  );
}

function ModelLine({ code, version }: { code: string; version: number }) {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('evaluation.model', { code, version })}</Typography.Text>;
}

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Flex vertical gap="small">
      <Typography.Text strong>{title}</Typography.Text>
      {children}
    </Flex>
  );
}

function TechSmeCard({ result, editLink }: { result: TechSmeEvaluation; editLink?: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('evaluation.techSme')} data-testid="evaluation-tech-sme">
      <Flex vertical gap="middle">
        <Flex gap="large" align="center" wrap>
          <Statistic title={t('evaluation.score')} value={result.score} suffix="/ 100" />
          <QualifiedTag qualified={result.qualified} />
          <ModelLine code={result.modelCode} version={result.modelVersion} />
        </Flex>
        <EvaluationNotes notes={result.notes} testId="tech-sme-notes" />
        <MissingFields
          missing={result.missing}
          couldChange={result.missingCouldChange}
          editLink={editLink}
          testId="tech-sme-missing"
        />
        <Section title={t('evaluation.gates')}>
          <GateTable gates={result.gates} testId="tech-sme-gates" />
        </Section>
        <Section title={t('evaluation.indicators')}>
          <IndicatorTable indicators={result.indicators} testId="tech-sme-indicators" />
        </Section>
      </Flex>
    </Card>
  );
}

function HighTechCard({ result, editLink }: { result: HighTechCheck; editLink?: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('evaluation.highTech')} data-testid="evaluation-high-tech">
      <Flex vertical gap="middle">
        <Alert type="info" showIcon title={t('evaluation.selfCheck')} data-testid="high-tech-self-check" />
        <Flex gap="large" align="center" wrap>
          <Statistic title={t('evaluation.innovationScore')} value={result.score} suffix="/ 100" />
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('evaluation.criteria')}</Typography.Text>
            <Tag color={result.criteriaMet ? 'green' : 'default'} data-testid="high-tech-criteria">
              {t(result.criteriaMet ? 'evaluation.criteriaMetYes' : 'evaluation.criteriaMetNo')}
            </Tag>
          </Flex>
          <QualifiedTag qualified={result.qualified} />
          <ModelLine code={result.modelCode} version={result.modelVersion} />
        </Flex>
        <EvaluationNotes notes={result.notes} testId="high-tech-notes" />
        <MissingFields
          missing={result.missing}
          couldChange={result.missingCouldChange}
          editLink={editLink}
          testId="high-tech-missing"
        />
        <Section title={t('evaluation.criteria')}>
          <GateTable gates={result.gates} testId="high-tech-gates" />
        </Section>
        <Section title={t('evaluation.innovationScore')}>
          <IndicatorTable indicators={result.indicators} testId="high-tech-indicators" />
        </Section>
      </Flex>
    </Card>
  );
}

function PointsCard({ result, editLink }: { result: PointsScore; editLink?: string }) {
  const { t } = useTranslation();
  const stage = oneOf(enterpriseStages, result.stage) ? t(`enterprise.stages.${result.stage}`) : result.stage;
  return (
    <Card size="small" title={t('evaluation.points')} data-testid="evaluation-points">
      <Flex vertical gap="middle">
        <Flex gap="large" align="center" wrap>
          <Statistic title={t('evaluation.score')} value={result.score} suffix="/ 100" />
          <BandTag band={result.band} />
          <Descriptions
            size="small"
            items={[{ key: 'stage', label: t('evaluation.stage'), children: stage }]}
          />
          <ModelLine code={result.modelCode} version={result.modelVersion} />
        </Flex>
        <EvaluationNotes notes={result.notes} testId="points-notes" />
        <MissingFields missing={result.missing} editLink={editLink} testId="points-missing" />
        <Section title={t('evaluation.groups')}>
          <GroupTable groups={result.groups} />
        </Section>
        <Section title={t('evaluation.indicators')}>
          <IndicatorTable indicators={result.indicators} testId="points-indicators" />
        </Section>
      </Flex>
    </Card>
  );
}

/** Each evaluation explained indicator by indicator, with its notes and the fields it missed. */
export function EvaluationCards({ evaluations, editLink }: { evaluations: Evaluations; editLink?: string }) {
  const { t } = useTranslation();
  const { techSme, highTech, points } = evaluations;
  if (!techSme && !highTech && !points) return <Empty description={t('evaluation.none')} />;
  return (
    <Flex vertical gap="middle">
      {techSme ? <TechSmeCard result={techSme} editLink={editLink} /> : null}
      {highTech ? <HighTechCard result={highTech} editLink={editLink} /> : null}
      {points ? <PointsCard result={points} editLink={editLink} /> : null}
    </Flex>
  );
}

/** The headline numbers above the tabs: tech-SME score, high-tech self-check, tech score and band, credit. */
export function EvaluationSummary({ evaluations, credit }: { evaluations: Evaluations; credit: CreditView }) {
  const { t } = useTranslation();
  const { techSme, highTech, points } = evaluations;
  const cell = (testId: string, title: string, body: ReactNode) => (
    <Col xs={24} md={12} xl={6}>
      <Card size="small" style={{ height: '100%' }} data-testid={testId}>
        <Flex vertical gap="small">
          <Typography.Text type="secondary">{title}</Typography.Text>
          {body}
        </Flex>
      </Card>
    </Col>
  );
  const none = <Typography.Text type="secondary">{t('evaluation.none')}</Typography.Text>;
  return (
    <Row gutter={[16, 16]}>
      {cell(
        'summary-tech-sme',
        t('evaluation.techSme'),
        techSme ? (
          <Flex gap="small" align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="summary-tech-sme-score">
              {t('evaluation.scoreValue', { score: techSme.score })}
            </Typography.Title>
            <QualifiedTag qualified={techSme.qualified} />
          </Flex>
        ) : (
          none
        ),
      )}
      {cell(
        'summary-high-tech',
        t('evaluation.highTech'),
        highTech ? (
          <Flex gap="small" align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('evaluation.estimatedScore', { score: highTech.score })}
            </Typography.Title>
            <Tag color={highTech.criteriaMet ? 'green' : 'default'}>
              {t(highTech.criteriaMet ? 'evaluation.criteriaMetYes' : 'evaluation.criteriaMetNo')}
            </Tag>
          </Flex>
        ) : (
          none
        ),
      )}
      {cell(
        'summary-points',
        t('evaluation.points'),
        points ? (
          <Flex gap="small" align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="summary-points-score">
              {t('evaluation.scoreValue', { score: points.score })}
            </Typography.Title>
            <BandTag band={points.band} />
          </Flex>
        ) : (
          none
        ),
      )}
      {cell(
        'summary-credit',
        t('credit.grade'),
        <Flex gap="small" align="center" wrap>
          <GradeTag grade={credit.grade} />
          <Typography.Text type="secondary">{t('credit.asOf', { date: credit.asOf })}</Typography.Text>
        </Flex>,
      )}
    </Row>
  );
}
