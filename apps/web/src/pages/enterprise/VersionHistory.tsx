import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProfileHistoryItem } from '../../api/types.ts';
import { formatDateTime } from '../../format/datetime.ts';

/** 版本记录: every version of the profile, newest first; each opens with the evaluations made of it. */
export function VersionHistory({
  history,
  shown,
  hrefOf,
}: {
  history: ProfileHistoryItem[];
  shown: number;
  hrefOf: (version: number) => string;
}) {
  const { t } = useTranslation();
  const items = [...history].sort((a, b) => b.version - a.version);
  const newest = items[0]?.version;
  return (
    <Table<ProfileHistoryItem>
      rowKey="version"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      data-testid="profile-history"
      columns={[
        {
          key: 'version',
          title: t('history.version'),
          render: (_, h) =>
            h.version === shown ? (
              <Typography.Text strong data-testid="history-version" data-version={h.version}>
                {t('enterprise.versionN', { version: h.version })}
              </Typography.Text>
            ) : (
              <Link to={hrefOf(h.version)} data-testid="history-version" data-version={h.version}>
                {t('enterprise.versionN', { version: h.version })}
              </Link>
            ),
        },
        {
          key: 'state',
          render: (_, h) => (
            <>
              {h.version === newest ? <Tag color="blue">{t('history.current')}</Tag> : null}
              {h.version === shown ? <Tag>{t('history.shown')}</Tag> : null}
            </>
          ),
        },
        { key: 'source', title: t('history.source'), render: (_, h) => t(`history.sources.${h.source}`) },
        { key: 'changedAt', title: t('history.changedAt'), render: (_, h) => formatDateTime(h.changedAt) },
        {
          key: 'checksum',
          title: t('history.checksum'),
          render: (_, h) => (
            <Typography.Text type="secondary" copyable={{ text: h.checksum }}>
              {h.checksum.slice(0, 12)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
