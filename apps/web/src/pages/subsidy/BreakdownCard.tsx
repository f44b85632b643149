import { Card, Empty, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { paths } from '../../api/schema.d.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type zhCN from '../../i18n/zh-CN.json';
import {
  type BreakdownDimension,
  breakdownCode,
  breakdownDimensions,
  breakdownLabel,
  seesBreakdown,
  sharePercent,
} from '../../subsidy/breakdown.ts';
import { useMoney, usePercent } from '../policy/labels.tsx';

/*
 * 资金方看板 on a programme's page: its grants by product, statistical class, district or enterprise —
 * how many, what is committed, paid and clawed back under each, and each one's share of what is committed.
 * Shown to the funder operating the programme, the platform and the regulator (the server's rule).
 */

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type BreakdownPage = Json<paths['/api/subsidy/programmes/{code}/breakdown']['get']['responses'][200]>;
export type BreakdownRow = BreakdownPage['items'][number];

type Word =
  | Exclude<keyof (typeof zhCN)['breakdown'], 'by' | 'column'>
  | `by.${BreakdownDimension}`
  | `column.${BreakdownDimension}`;
type Say = (word: Word, vars?: Record<string, string | number>) => string;

/** The breakdown's words (i18n `breakdown.*`) in the current language. */
function useWords(): Say {
  const { t } = useTranslation();
  return useCallback((word, vars = {}) => t(`breakdown.${word}`, vars), [t]);
}

const pageSize = 10;

/** The card, for whoever may see it (nothing for the others). */
export function BreakdownCard({ code, funderId }: { code: string; funderId: string | null | undefined }) {
  const me = useMe();
  return seesBreakdown(me, funderId) ? <BreakdownBody code={code} /> : null;
}

function BreakdownBody({ code }: { code: string }) {
  const say = useWords();
  const language = useLanguage();
  const money = useMoney();
  const percent = usePercent();
  const [by, setBy] = useState<BreakdownDimension>('product');
  const [page, setPage] = useState(1);
  const rows = useApiData(`breakdown:${code}:${by}:${page}`, () =>
    unwrap(
      api.GET('/api/subsidy/programmes/{code}/breakdown', {
        params: { path: { code }, query: { by, limit: pageSize, offset: (page - 1) * pageSize } },
      }),
    ),
  );
  const data = rows.data?.by === by ? rows.data : undefined;
  const totals = data?.totals;

  const columns: ColumnsType<BreakdownRow> = [
    {
      key: 'label',
      title: say(`column.${by}`),
      render: (_, r) => {
        const code = breakdownCode(r, by);
        return (
          <Flex vertical>
            <span data-testid="breakdown-label">{breakdownLabel(r, language)}</span>
            {code ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="breakdown-code">
                {code}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      key: 'grants',
      title: say('grants'),
      align: 'right',
      render: (_, r) => <span data-testid="breakdown-grants">{r.grants}</span>,
    },
    {
      key: 'committed',
      title: say('committed'),
      align: 'right',
      render: (_, r) => (
        <span data-testid="breakdown-committed" data-amount={r.committed}>
          {money(r.committed)}
        </span>
      ),
    },
    { key: 'paid', title: say('paid'), align: 'right', render: (_, r) => money(r.paid) },
    { key: 'clawedBack', title: say('clawedBack'), align: 'right', render: (_, r) => money(r.clawedBack) },
    {
      key: 'share',
      title: say('share'),
      align: 'right',
      render: (_, r) => <span data-testid="breakdown-share">{percent(sharePercent(r.share))}</span>,
    },
  ];

  return (
    <Card
      size="small"
      title={say('title')}
      extra={
        <Segmented<BreakdownDimension>
          size="small"
          value={by}
          onChange={(value) => {
            setBy(value);
            setPage(1);
          }}
          options={breakdownDimensions.map((d) => ({
            value: d,
            label: <span data-testid={`breakdown-by-${d}`}>{say(`by.${d}`)}</span>,
          }))}
        />
      }
      data-testid="breakdown-card"
    >
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{say('intro')}</Typography.Text>
        {rows.error ? (
          <LoadError error={rows.error} onRetry={rows.reload} />
        ) : (
          <Table<BreakdownRow>
            rowKey="key"
            size="small"
            loading={rows.loading}
            dataSource={data?.items ?? []}
            columns={columns}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={say('empty')}
                  data-testid="breakdown-empty"
                />
              ),
            }}
            onRow={(r) => ({ 'data-key': r.key }) as HTMLAttributes<HTMLElement>}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              showTotal: (count) => say('total', { count }),
              onChange: setPage,
            }}
            summary={() =>
              totals && (data?.items.length ?? 0) > 0 ? (
                <Table.Summary.Row data-testid="breakdown-totals">
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{say('totals')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {totals.grants}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <span data-testid="breakdown-total-committed" data-amount={totals.committed}>
                      {money(totals.committed)}
                    </span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {money(totals.paid)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {money(totals.clawedBack)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right" />
                </Table.Summary.Row>
              ) : null
            }
            data-testid="breakdown-table"
          />
        )}
      </Flex>
    </Card>
  );
}
