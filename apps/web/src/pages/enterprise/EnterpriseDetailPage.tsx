import { Permission } from '@kebao/domain/org';
import { Alert, App, Button, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { CreditRecordView, EnterpriseDetail } from '../../api/types.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { CreditRecordModal } from './CreditRecordModal.tsx';
import { gradeChangeText } from './creditForm.ts';
import { EnterpriseView, versionOf } from './EnterpriseView.tsx';
import { RevokeRecordModal } from './RevokeRecordModal.tsx';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface GradeChange {
  before: string | null;
  after: EnterpriseDetail['credit'];
}

function Detail({ id, version }: { id: string; version: number | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<CreditRecordView | null>(null);
  const [change, setChange] = useState<GradeChange | null>(null);
  const [, setParams] = useSearchParams();

  const detail = useApiData(`${id}@${version ?? 'current'}`, () =>
    version === undefined
      ? unwrap(api.GET('/api/enterprises/{id}', { params: { path: { id } } }))
      : unwrap(api.GET('/api/enterprises/{id}/versions/{version}', { params: { path: { id, version } } })),
  );

  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const data = detail.data;
  const hrefOf = (v?: number) => (v === undefined ? `/enterprises/${id}` : `/enterprises/${id}?version=${v}`);
  // Credit is recorded against the enterprise, not a version: only on the current one.
  const canRecord = data.viewer.canRecordCredit && version === undefined;

  const saved = (next: EnterpriseDetail) => {
    setChange({ before: data.credit.grade, after: next.credit });
    setRecording(false);
    setRevoking(null);
    void message.success(gradeChangeText(t, data.credit.grade, next.credit.grade));
    setParams({ tab: 'credit' }, { replace: true });
    detail.reload();
  };

  return (
    <>
      <EnterpriseView
        detail={data}
        hrefOf={hrefOf}
        actions={
          canRecord ? (
            <Button
              onClick={() => {
                setParams({ tab: 'credit' }, { replace: true });
                setRecording(true);
              }}
              data-testid="enterprise-record-credit"
            >
              {t('credit.add')}
            </Button>
          ) : null
        }
        onRevokeCredit={canRecord ? setRevoking : undefined}
        creditNotice={
          change ? (
            <Alert
              type={change.after.grade === change.before ? 'info' : 'warning'}
              showIcon
              closable={{ onClose: () => setChange(null) }}
              data-testid="credit-change"
              title={gradeChangeText(t, change.before, change.after.grade)}
              description={
                <Typography.Text data-testid="credit-change-explanation">
                  {pick(change.after.explanation, language)}
                </Typography.Text>
              }
            />
          ) : null
        }
      />
      {recording ? (
        <CreditRecordModal enterpriseId={data.id} onClose={() => setRecording(false)} onSaved={saved} />
      ) : null}
      {revoking ? (
        <RevokeRecordModal record={revoking} onClose={() => setRevoking(null)} onSaved={saved} />
      ) : null}
    </>
  );
}

/** 企业详情 `/enterprises/:id` (`?version=` for a past version, `?tab=`): read-only, credit for its recorders. */
export function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  if (!uuidPattern.test(id)) return <NotFound />;
  // Back to where such a page is usually opened from: the registry, or the leads inbox.
  const back = hasAnyPermission(me, [Permission.EnterpriseReadAll])
    ? { to: '/enterprises', label: t('registry.back') }
    : hasAnyPermission(me, [Permission.LeadRead])
      ? { to: '/leads', label: t('leads.back') }
      : null;
  return (
    <>
      {back ? (
        <Link to={back.to} style={{ display: 'inline-block', marginBottom: 8 }} data-testid="enterprise-back">
          {back.label}
        </Link>
      ) : null}
      <Detail key={id} id={id} version={versionOf(params.get('version'))} />
    </>
  );
}
