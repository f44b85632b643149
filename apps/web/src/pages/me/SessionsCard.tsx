import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { SessionInfo } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { blank, formatDateTime } from '../../format/datetime.ts';

/** My active sessions; revoking the one in use signs me out here. */
export function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { sessionEnded } = useAuth();
  const sessions = useApiData('sessions', () => unwrap(api.GET('/api/me/sessions')));
  const [revoking, setRevoking] = useState<string | null>(null);

  const revoke = async (session: SessionInfo) => {
    setRevoking(session.id);
    try {
      await unwrap(
        api.DELETE('/api/me/sessions/{sessionId}', { params: { path: { sessionId: session.id } } }),
      );
      if (session.current) {
        sessionEnded();
        return;
      }
      void message.success(t('me.sessions.revoked'));
      sessions.reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setRevoking(null);
    }
  };

  return (
    <Card title={t('me.sessions.title')}>
      {sessions.error ? (
        <LoadError error={sessions.error} onRetry={sessions.reload} />
      ) : (
        <Table<SessionInfo>
          rowKey="id"
          size="middle"
          loading={sessions.loading}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('me.sessions.empty') }}
          data-testid="sessions-table"
          columns={[
            {
              key: 'device',
              title: t('me.sessions.device'),
              render: (_, s) => (
                <>
                  <Typography.Text ellipsis style={{ maxWidth: 320 }} title={s.userAgent ?? undefined}>
                    {s.userAgent ?? t('me.sessions.unknownDevice')}
                  </Typography.Text>
                  {s.current ? (
                    <Tag color="green" style={{ marginInlineStart: 8 }} data-testid="session-current">
                      {t('me.sessions.current')}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            { key: 'ip', title: t('me.sessions.ip'), render: (_, s) => s.ip ?? blank },
            {
              key: 'createdAt',
              title: t('me.sessions.createdAt'),
              render: (_, s) => formatDateTime(s.createdAt),
            },
            {
              key: 'lastSeenAt',
              title: t('me.sessions.lastSeenAt'),
              render: (_, s) => formatDateTime(s.lastSeenAt),
            },
            {
              key: 'expiresAt',
              title: t('me.sessions.expiresAt'),
              render: (_, s) => formatDateTime(s.expiresAt),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, s) => (
                <Popconfirm
                  title={s.current ? t('me.sessions.revokeCurrentConfirm') : t('me.sessions.revokeConfirm')}
                  okText={t('me.sessions.revoke')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(s)}
                >
                  <Button size="small" danger loading={revoking === s.id} data-testid="session-revoke">
                    {s.current ? t('me.sessions.revokeCurrent') : t('me.sessions.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
