import { type OrganisationKind, organisationKinds, Permission } from '@kebao/domain/org';
import { Button, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { Organisation } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { blank, formatDateTime } from '../../format/datetime.ts';
import { groupYuan } from '../../format/money.ts';
import { kindLabel, orgName } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { CreateOrgModal } from './CreateOrgModal.tsx';

/** 机构: every organisation on the platform (platform operators and regulators). */
export function OrgsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const canManage = hasAnyPermission(me, [Permission.OrgManage]);
  const [kind, setKind] = useState<OrganisationKind | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);

  const orgs = useApiData(`${kind ?? ''}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/orgs', {
        params: { query: { kind, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize } },
      }),
    ),
  );

  return (
    <>
      <PageHeader
        page="orgs"
        title={t('orgs.title')}
        extra={
          canManage ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="org-create">
              {t('orgs.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap="middle" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('orgs.kind')}</Typography.Text>
        <Select<OrganisationKind>
          allowClear
          placeholder={t('common.all')}
          style={{ width: 200 }}
          value={kind}
          onChange={(value) => {
            setKind(value);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={organisationKinds.map((k) => ({ value: k, label: kindLabel(k, language) }))}
          data-testid="orgs-kind-filter"
        />
      </Flex>
      {orgs.error ? (
        <LoadError error={orgs.error} onRetry={orgs.reload} />
      ) : (
        <Table<Organisation>
          rowKey="id"
          loading={orgs.loading}
          dataSource={orgs.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('orgs.empty') }}
          data-testid="orgs-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: orgs.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            {
              key: 'name',
              title: t('orgs.name'),
              render: (_, o) => (
                <Flex vertical>
                  {orgName(o, language)}
                  <Typography.Text type="secondary">
                    {language === 'en' ? o.nameZh : o.nameEn}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'kind',
              title: t('orgs.kind'),
              render: (_, o) => <Tag>{kindLabel(o.kind, language)}</Tag>,
            },
            { key: 'uscc', title: t('orgs.uscc'), render: (_, o) => o.uscc ?? blank },
            {
              key: 'registeredCapital',
              title: t('orgs.registeredCapital'),
              align: 'right',
              render: (_, o) =>
                o.registeredCapital === null
                  ? blank
                  : t('common.yuan', { amount: groupYuan(o.registeredCapital) }),
            },
            {
              key: 'regionCode',
              title: t('orgs.regionCode'),
              render: (_, o) => (o.regionCode ? <RegionName code={o.regionCode} /> : blank),
            },
            {
              key: 'status',
              title: t('orgs.status'),
              render: (_, o) =>
                o.status === 'active' ? (
                  <Tag color="green">{t('orgs.statuses.active')}</Tag>
                ) : (
                  <Tag color="orange">{t('orgs.statuses.suspended')}</Tag>
                ),
            },
            { key: 'createdAt', title: t('orgs.createdAt'), render: (_, o) => formatDateTime(o.createdAt) },
          ]}
        />
      )}
      {creating ? (
        <CreateOrgModal
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            orgs.reload();
          }}
        />
      ) : null}
    </>
  );
}
