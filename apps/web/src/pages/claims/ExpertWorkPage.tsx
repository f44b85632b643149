import { App, Button, Empty, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { claimPath, type ReportValues, reportBody } from '../../claims/forms.ts';
import type { Assignment } from '../../claims/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { useMoney } from '../policy/labels.tsx';
import { AssignmentStatusTag, useClaimLabels } from './labels.tsx';

/** The quote of an underwriting evaluation, on servers that send it. */
function quoteOf(assignment: Assignment): { number: string } | null {
  const { quote } = assignment as { quote?: unknown };
  return typeof quote === 'object' &&
    quote !== null &&
    typeof (quote as { number?: unknown }).number === 'string'
    ? (quote as { number: string })
    : null;
}

/** 提交报告: the findings of the survey (查勘定损报告) and, where assessed, the loss in yuan. */
function ReportModal({
  assignment,
  onClose,
  onSaved,
}: {
  assignment: Assignment;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const submit = useFormSubmit(form, ['report', 'amount'], async (values) => {
    await unwrap(
      api.POST('/api/expert/assignments/{id}/report', {
        params: { path: { id: assignment.id } },
        body: reportBody(values),
      }),
    );
    void message.success(t('experts.reported'));
    onSaved();
  });
  return (
    <FormModal<ReportValues>
      title={t('experts.reportTitle', {
        number: assignment.claim?.number ?? quoteOf(assignment)?.number ?? '',
      })}
      okText={t('experts.reportSubmit')}
      testIdPrefix="expert-report"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('experts.reportHint')}</Typography.Paragraph>
      <Form.Item
        name="report"
        label={t('experts.report')}
        rules={[
          { required: true, whitespace: true, message: t('experts.reportRequired') },
          { min: 10, message: t('experts.reportShort') },
        ]}
      >
        <Input.TextArea rows={8} maxLength={20000} showCount data-testid="expert-report-text" />
      </Form.Item>
      <Form.Item name="amount" label={t('experts.reportAmount')}>
        <Input
          prefix="¥"
          inputMode="decimal"
          maxLength={24}
          placeholder={t('common.optional')}
          data-testid="expert-report-amount"
        />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 专家工作台 `/expert/assignments` (pool experts): the claims assigned to the signed-in expert, each linking
 * to the claim, with the report to submit.
 */
export function ExpertWorkPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useClaimLabels();
  const assignments = useApiData('expert-assignments', () =>
    unwrap(api.GET('/api/expert/assignments')).then((r) => r.items),
  );
  const [reporting, setReporting] = useState<Assignment | null>(null);
  return (
    <>
      <PageHeader page="expert-work" title={t('experts.workTitle')} />
      <Typography.Paragraph type="secondary">{t('experts.workIntro')}</Typography.Paragraph>
      {assignments.error ? (
        <LoadError error={assignments.error} onRetry={assignments.reload} />
      ) : (
        <Table<Assignment>
          rowKey="id"
          loading={assignments.loading}
          dataSource={assignments.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={(assignments.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          data-testid="assignments-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('experts.workEmpty')}
                data-testid="assignments-empty"
              />
            ),
          }}
          expandable={{
            rowExpandable: (a) => a.report !== null,
            expandedRowRender: (a) => (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {a.report}
              </Typography.Paragraph>
            ),
          }}
          columns={[
            {
              key: 'claim',
              title: t('experts.subject'),
              render: (_, a) => {
                if (a.claim)
                  return (
                    <Link to={claimPath(a.claim.id)} data-testid="assignment-claim-link">
                      {a.claim.number}
                    </Link>
                  );
                // A risk evaluation before underwriting names the quote (newer servers).
                const quote = quoteOf(a);
                return quote ? t('experts.quoteSubject', { number: quote.number }) : '—';
              },
            },
            { key: 'method', title: t('experts.method'), render: (_, a) => labels.method(a.method) },
            {
              key: 'status',
              title: t('experts.status'),
              render: (_, a) => <AssignmentStatusTag status={a.status} />,
            },
            { key: 'fee', title: t('experts.fee'), align: 'right', render: (_, a) => money(a.fee) },
            {
              key: 'reportAmount',
              title: t('experts.reportAmount'),
              align: 'right',
              render: (_, a) => money(a.reportAmount),
            },
            {
              key: 'assignedAt',
              title: t('experts.assignedAt'),
              render: (_, a) => formatDateTime(a.assignedAt),
            },
            {
              key: 'reportedAt',
              title: t('experts.reportedAt'),
              render: (_, a) => formatDateTime(a.reportedAt),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, a) =>
                a.status === 'assigned' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setReporting(a)}
                    data-testid="assignment-report"
                  >
                    {t('experts.reportOpen')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {reporting ? (
        <ReportModal
          assignment={reporting}
          onClose={() => setReporting(null)}
          onSaved={() => {
            setReporting(null);
            assignments.reload();
          }}
        />
      ) : null}
    </>
  );
}
