import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../api/types.ts';

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('audit.nothing')}</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 360, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The entity before and after the change, side by side. */
export function AuditChange({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} data-testid="audit-change">
      <Col xs={24} md={12}>
        <Typography.Title level={5}>{t('audit.before')}</Typography.Title>
        <Json value={record.before} />
      </Col>
      <Col xs={24} md={12}>
        <Typography.Title level={5}>{t('audit.after')}</Typography.Title>
        <Json value={record.after} />
      </Col>
    </Row>
  );
}
