import type { EnterpriseProfile } from '@kebao/domain/enterprise';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RegionName } from '../../components/RegionName.tsx';
import { type ListKey, profileSections, type ScalarField } from '../../enterprise/profileFields.ts';
import { enterpriseStages, frontierTags, oneOf } from '../../enterprise/vocabulary.ts';
import { percentOf } from '../../format/decimal.ts';
import { useYuan } from '../products/labels.tsx';

function NotGiven() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('enterprise.notGiven')}</Typography.Text>;
}

function ScalarValue({ field, profile }: { field: ScalarField; profile: EnterpriseProfile }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const value = profile[field.key];
  if (value === undefined || value === '') return <NotGiven />;
  switch (field.kind) {
    case 'money':
      return <>{yuan(String(value))}</>;
    case 'ratio':
      return <>{t('common.percent', { value: percentOf(String(value)) })}</>;
    case 'region':
      return <RegionName code={String(value)} />;
    case 'stage':
      return <>{oneOf(enterpriseStages, value) ? t(`enterprise.stages.${value}`) : String(value)}</>;
    case 'boolean':
      return field.key === 'consentToInsurers' ? (
        <Tag color={value ? 'green' : undefined}>
          {t(value ? 'enterprise.consented' : 'enterprise.notConsented')}
        </Tag>
      ) : (
        t(value ? 'common.yes' : 'common.no')
      );
    case 'tags':
      if (!Array.isArray(value) || value.length === 0) return <>{t('enterprise.listNone')}</>;
      return (
        <Flex wrap gap={4}>
          {value.map((tag: string) => (
            <Tag key={tag} color="geekblue" style={{ marginInlineEnd: 0 }}>
              {oneOf(frontierTags, tag) ? t(`enterprise.frontierTags.${tag}`) : tag}
            </Tag>
          ))}
        </Flex>
      );
    default:
      return <>{String(value)}</>;
  }
}

/** One line per item of a list section, its parts joined with " · ". */
function useListLines(): (list: ListKey, profile: EnterpriseProfile) => string[] | undefined {
  const { t } = useTranslation();
  const validity = (from?: string, to?: string) => {
    if (from && to) return t('enterprise.validity', { from, to });
    if (from) return t('enterprise.validFromOnly', { from });
    return to ? t('enterprise.validToOnly', { to }) : undefined;
  };
  const join = (parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');
  return (list, profile) => {
    switch (list) {
      case 'qualifications':
        return profile.qualifications?.map((q) =>
          join([
            t(`enterprise.qualificationKinds.${q.kind}`),
            q.certificateNo,
            validity(q.validFrom, q.validTo),
          ]),
        );
      case 'catalogueListings':
        return profile.catalogueListings?.map((l) =>
          join([
            t(`enterprise.listingKinds.${l.kind}`),
            l.item,
            l.listedOn ? t('enterprise.listedOn', { date: l.listedOn }) : undefined,
          ]),
        );
      case 'projects':
        return profile.projects?.map((p) => join([p.name, t('enterprise.trlValue', { trl: p.trl })]));
      case 'contacts':
        return profile.contacts?.map((c) => join([c.name, c.role, c.phone, c.email]));
    }
  };
}

function ListValue({ lines }: { lines: string[] | undefined }) {
  const { t } = useTranslation();
  if (lines === undefined) return <NotGiven />;
  if (lines.length === 0) return <Typography.Text>{t('enterprise.listNone')}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {lines.map((line, i) => (
        // Items have no identity of their own; their position is it.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

function SectionCard({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ height: '100%' }} data-testid={`profile-section-${id}`}>
      {children}
    </Card>
  );
}

/** The profile by sections (基本信息, 规模, 研发, …), read-only; "未填写" where the profile is silent. */
export function ProfileSections({ profile }: { profile: EnterpriseProfile }) {
  const { t } = useTranslation();
  const listLines = useListLines();
  return (
    <Row gutter={[16, 16]}>
      {profileSections.map((section) => (
        <Col key={section.key} xs={24} xl={'fields' in section && section.fields.length > 4 ? 24 : 12}>
          <SectionCard id={section.key} title={t(`enterprise.sections.${section.key}`)}>
            {'fields' in section ? (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 3 }}
                items={section.fields.map((field) => ({
                  key: field.key,
                  label: t(`enterprise.fields.${field.key}`),
                  children: (
                    <span data-testid={`profile-field-${field.key}`}>
                      <ScalarValue field={field} profile={profile} />
                    </span>
                  ),
                }))}
              />
            ) : (
              <div data-testid={`profile-field-${section.list}`}>
                <ListValue lines={listLines(section.list, profile)} />
              </div>
            )}
          </SectionCard>
        </Col>
      ))}
    </Row>
  );
}
