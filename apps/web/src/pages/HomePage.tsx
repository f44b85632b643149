import { Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/AuthContext.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { isOrganisationKind, kindLabel, orgName } from '../i18n/labels.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

interface Offer {
  title: string;
  text: string;
}

function isOfferList(value: unknown): value is Offer[] {
  return (
    Array.isArray(value) &&
    value.every(
      (o) => typeof o === 'object' && o !== null && typeof o.title === 'string' && typeof o.text === 'string',
    )
  );
}

/** 工作台: who you are here and what the platform will do for your kind of organisation. */
export function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const kind = me.organisation.kind;
  const offers: unknown = isOrganisationKind(kind) ? t(`home.offers.${kind}`, { returnObjects: true }) : [];

  return (
    <>
      <PageHeader page="home" title={t('home.title')} />
      <Typography.Paragraph style={{ fontSize: 16 }} data-testid="home-greeting">
        {t('home.greeting', { name: me.displayName })}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {orgName(me.organisation, language)}{' '}
        <Tag data-testid="home-org-kind">{kindLabel(kind, language)}</Tag>
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('home.offersTitle')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {isOfferList(offers)
          ? offers.map((offer) => (
              <Col key={offer.title} xs={24} md={12} xl={6}>
                <Card title={offer.title} style={{ height: '100%' }} data-testid="home-offer">
                  <Typography.Text type="secondary">{offer.text}</Typography.Text>
                </Card>
              </Col>
            ))
          : null}
      </Row>
    </>
  );
}
