import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreditRecordView, CreditView } from '../../api/types.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { GradeTag } from './labels.tsx';

const statusColors: Record<CreditRecordView['status'], string | undefined> = {
  in_effect: 'red',
  expired: undefined,
  revoked: undefined,
  future: 'blue',
};

interface CreditPanelProps {
  credit: CreditView;
  /** Given to those who record credit events (credit.record): a revoke button on records in effect. */
  onRevoke?: (record: CreditRecordView) => void;
}

/** 信用等级: the grade with its explanation, and every record with what it does to the grade today. */
export function CreditPanel({ credit, onRevoke }: CreditPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Flex vertical gap="middle">
      <Card size="small" title={t('credit.title')} data-testid="credit-panel">
        <Flex vertical gap="small">
          <Flex gap="small" align="center" wrap>
            <GradeTag grade={credit.grade} />
            <Typography.Text type="secondary">{t('credit.asOf', { date: credit.asOf })}</Typography.Text>
            {credit.dishonest ? <Tag color="red">{t('credit.dishonest')}</Tag> : null}
          </Flex>
          <Typography.Paragraph style={{ margin: 0 }} data-testid="credit-explanation">
            {pick(credit.explanation, language)}
          </Typography.Paragraph>
        </Flex>
      </Card>
      <Card size="small" title={t('credit.records')}>
        {credit.records === null ? (
          <Alert type="info" showIcon title={t('credit.recordsHidden')} data-testid="credit-records-hidden" />
        ) : (
          <Table<CreditRecordView>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={credit.records}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('credit.empty') }}
            data-testid="credit-records"
            columns={[
              { key: 'occurredOn', title: t('credit.occurredOn'), render: (_, r) => r.occurredOn },
              {
                key: 'kind',
                title: t('credit.kind'),
                render: (_, r) => (
                  <Flex vertical>
                    {t(`credit.kinds.${r.kind}`)}
                    <Typography.Text type="secondary">{t(`credit.severities.${r.severity}`)}</Typography.Text>
                  </Flex>
                ),
              },
              {
                key: 'description',
                title: t('credit.description'),
                render: (_, r) => (
                  <Flex vertical style={{ maxWidth: 360 }}>
                    <Typography.Text>{r.description}</Typography.Text>
                    {r.evidence.map((e) => (
                      <Typography.Text key={`${e.title}:${e.reference}`} type="secondary">
                        {[e.title, e.reference, e.issuedBy].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    ))}
                  </Flex>
                ),
              },
              {
                key: 'status',
                title: t('credit.status'),
                render: (_, r) => (
                  <Flex vertical gap={2}>
                    <Tag
                      color={statusColors[r.status]}
                      data-testid="credit-record-status"
                      data-status={r.status}
                    >
                      {t(`credit.statuses.${r.status}`)}
                    </Tag>
                    {r.revokedOn ? (
                      <Typography.Text type="secondary">
                        {t('credit.revokedNote', { date: r.revokedOn, reason: r.revokeReason ?? '' })}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
              {
                key: 'effect',
                title: t('credit.effect'),
                render: (_, r) => (
                  <Typography.Text style={{ maxWidth: 360, display: 'inline-block' }}>
                    {pick(r.effect, language)}
                  </Typography.Text>
                ),
              },
              {
                key: 'recordedAt',
                title: t('credit.recordedAt'),
                render: (_, r) => formatDateTime(r.recordedAt),
              },
              ...(onRevoke
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      render: (_: unknown, r: CreditRecordView) =>
                        r.revokedOn === null ? (
                          <Button size="small" onClick={() => onRevoke(r)} data-testid="credit-revoke">
                            {t('credit.revoke')}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
