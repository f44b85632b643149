import { Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiData } from '../../api/useApiData.ts';
import { LoadError } from '../../components/LoadError.tsx';

export interface StatusListProps<Row, Status extends string> {
  /** The i18n section (its `status` label) and the test ids' prefix. */
  section: 'quotes' | 'placements' | 'policies' | 'invoices' | 'settlements' | 'grants' | 'claims';
  statuses: readonly Status[];
  statusLabel: (status: Status) => string;
  load: (query: { status: Status | undefined; limit: number; offset: number }) => Promise<{
    items: Row[];
    total: number;
  }>;
  columns: ColumnsType<Row>;
  emptyText: ReactNode;
  /** Further filters shown after the status (their values belong in `filterKey`). */
  filters?: ReactNode;
  /** The other inputs of `load` besides status and page: a change reloads from page 1. */
  filterKey?: string;
  /** A status chosen outside the list (a tab): the status filter is not shown. */
  fixedStatus?: Status;
}

/**
 * A list page's body: a status filter, the table, server-side pagination (20 a page, a new filter or
 * page size goes back to page 1), the empty state and a retry on a failed load.
 */
export function StatusList<Row extends { id: string }, Status extends string>(
  props: StatusListProps<Row, Status>,
) {
  const { t } = useTranslation();
  const { section } = props;
  const [chosenStatus, setStatus] = useState<Status | undefined>();
  const fixed = props.fixedStatus !== undefined;
  const status = fixed ? props.fixedStatus : chosenStatus;
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const filterKey = props.filterKey ?? '';
  const [shownFilter, setShownFilter] = useState(filterKey);
  if (shownFilter !== filterKey) {
    setShownFilter(filterKey);
    setPaging((p) => ({ ...p, page: 1 }));
  }
  const page = shownFilter === filterKey ? paging.page : 1;
  const rows = useApiData(`${section}:${filterKey}:${status ?? ''}:${page}:${paging.pageSize}`, () =>
    props.load({ status, limit: paging.pageSize, offset: (page - 1) * paging.pageSize }),
  );

  return (
    <>
      {fixed && !props.filters ? null : (
        <Flex gap="middle" align="center" wrap style={{ marginBottom: 16 }}>
          {fixed ? null : (
            <>
              <Typography.Text>{t(`${section}.status`)}</Typography.Text>
              <Select<Status>
                allowClear
                placeholder={t('common.all')}
                style={{ width: 160 }}
                value={status}
                onChange={(value) => {
                  setStatus(value);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                options={props.statuses.map((s) => ({ value: s, label: props.statusLabel(s) }))}
                data-testid={`${section}-status-filter`}
              />
            </>
          )}
          {props.filters}
        </Flex>
      )}
      {rows.error ? (
        <LoadError error={rows.error} onRetry={rows.reload} />
      ) : (
        <Table<Row>
          rowKey="id"
          loading={rows.loading}
          dataSource={rows.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: props.emptyText }}
          data-testid={`${section}-table`}
          pagination={{
            current: page,
            pageSize: paging.pageSize,
            total: rows.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          columns={props.columns}
        />
      )}
    </>
  );
}
