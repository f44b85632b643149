import { Permission } from '@kebao/domain/org';
import { App, Button, Flex, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { User } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useAuth, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { roleLabel } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { CreateUserModal } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';

/** 机构用户: the users of my organisation; managers add, edit, disable and enable them. */
export function OrgUsersPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canManage = hasAnyPermission(me, [Permission.UserManage, Permission.UserManageAll]);
  const orgId = me.organisation.id;
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);

  const users = useApiData(`${orgId}:${paging.page}:${paging.pageSize}`, () =>
    unwrap(
      api.GET('/api/orgs/{orgId}/users', {
        params: {
          path: { orgId },
          query: { limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize },
        },
      }),
    ),
  );

  const afterChange = async (user: User) => {
    users.reload();
    // My own roles changed: the menu and my permissions must follow.
    if (user.id === me.id) await refresh().catch(notifyError);
  };

  const setStatus = async (user: User, status: User['status']) => {
    setSwitching(user.id);
    try {
      const path = { orgId, userId: user.id };
      await unwrap(api.PATCH('/api/orgs/{orgId}/users/{userId}', { params: { path }, body: { status } }));
      void message.success(status === 'active' ? t('users.enabled') : t('users.disabled'));
      users.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setSwitching(null);
    }
  };

  return (
    <>
      <PageHeader
        page="org-users"
        title={t('users.title')}
        extra={
          canManage ? (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="user-create">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      {users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : (
        <Table<User>
          rowKey="id"
          loading={users.loading}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('users.empty') }}
          data-testid="users-table"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
            { key: 'email', title: t('users.email'), dataIndex: 'email' },
            {
              key: 'roles',
              title: t('users.roles'),
              render: (_, u) => (
                <Flex wrap gap="small">
                  {u.roles.map((role) => (
                    <Tag key={role} color="blue">
                      {roleLabel(role, language)}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'status',
              title: t('users.status'),
              render: (_, u) =>
                u.status === 'active' ? (
                  <Tag color="green">{t('users.statusActive')}</Tag>
                ) : (
                  <Tag>{t('users.statusDisabled')}</Tag>
                ),
            },
            { key: 'createdAt', title: t('users.createdAt'), render: (_, u) => formatDateTime(u.createdAt) },
            {
              key: 'lastLoginAt',
              title: t('users.lastLoginAt'),
              render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('users.neverLoggedIn')),
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_: unknown, u: User) => (
                      <Flex gap="small">
                        <Button size="small" onClick={() => setEditing(u)} data-testid="user-edit">
                          {t('common.edit')}
                        </Button>
                        {u.id === me.id ? null : (
                          <Popconfirm
                            title={
                              u.status === 'active' ? t('users.disableConfirm') : t('users.enableConfirm')
                            }
                            okText={t('common.confirm')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => setStatus(u, u.status === 'active' ? 'disabled' : 'active')}
                          >
                            <Button
                              size="small"
                              danger={u.status === 'active'}
                              loading={switching === u.id}
                              data-testid="user-toggle-status"
                            >
                              {u.status === 'active' ? t('users.disable') : t('users.enable')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {creating ? (
        <CreateUserModal
          orgId={orgId}
          kind={me.organisation.kind}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            users.reload();
          }}
        />
      ) : null}
      {editing ? (
        <EditUserModal
          orgId={orgId}
          kind={me.organisation.kind}
          user={editing}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            void afterChange(user);
          }}
        />
      ) : null}
    </>
  );
}
