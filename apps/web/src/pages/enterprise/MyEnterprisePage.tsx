import { Button, Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { ProfileFormValues } from '../../enterprise/profileForm.ts';
import { readProfile } from '../../enterprise/readers.ts';
import { EnterpriseView, versionOf } from './EnterpriseView.tsx';
import { editProfileHref } from './links.ts';
import { ProfileForm } from './ProfileForm.tsx';

const notRegistered = (error: unknown) =>
  isApiError(error) && error.status === 404 && error.problem?.code === 'enterprise.not_registered';

/** The organisation's names, and its code when the caller may read the organisation, for a first profile. */
function useStartValues(): ProfileFormValues {
  const me = useMe();
  const org = useApiData(`org:${me.organisation.id}`, () =>
    unwrap(api.GET('/api/orgs/{orgId}', { params: { path: { orgId: me.organisation.id } } })).catch(
      () => null,
    ),
  );
  return {
    name: me.organisation.nameZh,
    nameEn: me.organisation.nameEn || undefined,
    uscc: org.data?.uscc ?? undefined,
    regionCode: org.data?.regionCode ?? undefined,
  };
}

function FirstProfile({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const start = useStartValues();
  const me = useMe();
  const editing = params.get('edit') === '1';
  const setEditing = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('edit', '1');
    else next.delete('edit');
    setParams(next, { replace: true });
  };
  if (!editing)
    return (
      <Result
        status="info"
        title={t('enterprise.notRegisteredTitle')}
        subTitle={t('enterprise.notRegisteredText')}
        data-testid="enterprise-not-registered"
        extra={
          <Button type="primary" onClick={() => setEditing(true)} data-testid="enterprise-fill">
            {t('enterprise.fillProfile')}
          </Button>
        }
      />
    );
  return (
    <Card title={t('enterprise.createTitle')}>
      <ProfileForm
        // The organisation's code arrives after the first render; the form starts again with it.
        key={`${me.organisation.id}:${start.uscc ?? ''}`}
        profile={null}
        start={start}
        onSaved={() => {
          setEditing(false);
          onSaved();
        }}
        onCancel={() => setEditing(false)}
      />
    </Card>
  );
}

/** 我的企业画像 `/enterprise` (`?version=` for a past version, `?tab=`, `?edit=1` for the form). */
export function MyEnterprisePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const version = versionOf(params.get('version'));
  const editing = params.get('edit') === '1' && version === undefined;

  const current = useApiData('me', () => unwrap(api.GET('/api/enterprise/me')));
  const id = current.data?.id;
  const past = useApiData(`${id ?? ''}@${version ?? ''}`, async () =>
    id && version !== undefined && version !== current.data?.version
      ? unwrap(api.GET('/api/enterprises/{id}/versions/{version}', { params: { path: { id, version } } }))
      : null,
  );

  const setEditing = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) {
      next.set('edit', '1');
      next.set('tab', 'profile');
    } else next.delete('edit');
    setParams(next, { replace: true });
  };
  const hrefOf = (v?: number) => (v === undefined ? '/enterprise' : `/enterprise?version=${v}`);

  const header = <PageHeader page="enterprise" title={t('enterprise.title')} />;
  if (current.error && notRegistered(current.error))
    return (
      <>
        {header}
        <FirstProfile onSaved={current.reload} />
      </>
    );
  const error = current.error ?? past.error;
  if (error)
    return (
      <>
        {header}
        <LoadError
          error={error}
          onRetry={() => {
            current.reload();
            past.reload();
          }}
        />
      </>
    );
  const detail = past.data ?? current.data;
  if (!detail || past.loading) return <Skeleton active paragraph={{ rows: 10 }} />;
  const profile = readProfile(current.data?.profile);

  return (
    <>
      {header}
      <EnterpriseView
        detail={detail}
        hrefOf={hrefOf}
        editLink={version === undefined ? editProfileHref : undefined}
        actions={
          version === undefined && !editing ? (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="enterprise-edit">
              {t('enterprise.edit')}
            </Button>
          ) : null
        }
        profileContent={
          editing ? (
            <ProfileForm
              profile={profile}
              start={{}}
              onSaved={() => {
                setEditing(false);
                current.reload();
              }}
              onCancel={() => setEditing(false)}
            />
          ) : undefined
        }
      />
    </>
  );
}
