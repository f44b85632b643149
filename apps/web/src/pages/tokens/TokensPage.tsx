import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { ApiToken, CreatedApiToken } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { formatDateTime } from '../../format/datetime.ts';
import { permissionLabel } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';
import { TokenSecretModal } from './TokenSecretModal.tsx';
import { tokenStatus } from './tokenStatus.ts';

const statusColor = { active: 'green', expired: 'default', revoked: 'red' } as const;

/** 接口令牌: bearer tokens for my organisation's systems. */
export function TokensPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const tokens = useApiData('tokens', () => unwrap(api.GET('/api/tokens')));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const now = Date.now();

  const revoke = async (token: ApiToken) => {
    setRevoking(token.id);
    try {
      await unwrap(api.DELETE('/api/tokens/{tokenId}', { params: { path: { tokenId: token.id } } }));
      void message.success(t('tokens.revoked'));
      tokens.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setRevoking(null);
    }
  };

  return (
    <>
      <PageHeader
        page="tokens"
        title={t('tokens.title')}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {tokens.error ? (
        <LoadError error={tokens.error} onRetry={tokens.reload} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          loading={tokens.loading}
          dataSource={tokens.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tokens.empty') }}
          data-testid="tokens-table"
          columns={[
            { key: 'name', title: t('tokens.name'), dataIndex: 'name' },
            {
              key: 'prefix',
              title: t('tokens.prefix'),
              render: (_, tk) => <Typography.Text code>{`${tk.prefix}…`}</Typography.Text>,
            },
            {
              key: 'scopes',
              title: t('tokens.scopes'),
              render: (_, tk) => (
                <Flex wrap gap="small" style={{ maxWidth: 360 }}>
                  {tk.scopes.map((scope) => (
                    <Tag key={scope} title={scope}>
                      {permissionLabel(scope, language)}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'createdAt',
              title: t('tokens.createdAt'),
              render: (_, tk) => (
                <Flex vertical>
                  {formatDateTime(tk.createdAt)}
                  <Typography.Text type="secondary">{tk.createdBy.displayName}</Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'expiresAt',
              title: t('tokens.expiresAt'),
              render: (_, tk) => formatDateTime(tk.expiresAt),
            },
            {
              key: 'lastUsedAt',
              title: t('tokens.lastUsedAt'),
              render: (_, tk) => (tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('tokens.neverUsed')),
            },
            {
              key: 'status',
              title: t('tokens.status'),
              render: (_, tk) => {
                const status = tokenStatus(tk, now);
                return <Tag color={statusColor[status]}>{t(`tokens.statuses.${status}`)}</Tag>;
              },
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, tk) =>
                tokenStatus(tk, now) === 'active' ? (
                  <Popconfirm
                    title={t('tokens.revokeConfirm', { name: tk.name })}
                    description={t('tokens.revokeWarning')}
                    okText={t('tokens.revoke')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke(tk)}
                  >
                    <Button size="small" danger loading={revoking === tk.id} data-testid="token-revoke">
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      )}
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            tokens.reload();
          }}
        />
      ) : null}
      {created ? <TokenSecretModal token={created} onClose={() => setCreated(null)} /> : null}
    </>
  );
}
