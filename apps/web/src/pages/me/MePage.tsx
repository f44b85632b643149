import { Card, Descriptions, Flex, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { kindLabel, orgName, permissionLabel, roleLabel } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { SessionsCard } from './SessionsCard.tsx';

/** 我的账户: who I am, what I may do, and where I am signed in. */
export function MePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();

  return (
    <>
      <PageHeader page="me" title={t('me.title')} />
      <Flex vertical gap="large">
        <Card title={t('me.profile')}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            data-testid="me-profile"
            items={[
              { key: 'name', label: t('me.displayName'), children: me.displayName },
              { key: 'email', label: t('me.email'), children: me.email },
              {
                key: 'org',
                label: t('me.organisation'),
                children: (
                  <Space>
                    {orgName(me.organisation, language)}
                    <Tag>{kindLabel(me.organisation.kind, language)}</Tag>
                  </Space>
                ),
              },
              {
                key: 'session',
                label: t('me.sessionExpiresAt'),
                children: me.session
                  ? t('me.sessionExpiry', {
                      expiresAt: formatDateTime(me.session.expiresAt),
                      idleExpiresAt: formatDateTime(me.session.idleExpiresAt),
                    })
                  : t('me.noSession'),
              },
              {
                key: 'roles',
                label: t('me.roles'),
                span: 'filled',
                children: (
                  <Flex wrap gap="small" data-testid="me-roles">
                    {me.roles.map((role) => (
                      <Tag key={role} color="blue">
                        {roleLabel(role, language)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              {
                key: 'permissions',
                label: t('me.permissions'),
                span: 'filled',
                children: (
                  <Flex wrap gap="small" data-testid="me-permissions">
                    {me.permissions.map((permission) => (
                      <Tag key={permission} title={permission}>
                        {permissionLabel(permission, language)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        </Card>
        <SessionsCard />
      </Flex>
    </>
  );
}
