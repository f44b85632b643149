import { App, Button, Empty, Flex, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { type ExpertValues, expertBody } from '../../claims/forms.ts';
import type { Expert } from '../../claims/types.ts';
import { expertFields } from '../../claims/vocabulary.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNotifyError } from '../../components/ProblemAlert.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { useClaimLabels } from './labels.tsx';

/** 添加专家: a person of the pool with their fields, and the platform login they work under, if any. */
function AddExpertModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const labels = useClaimLabels();
  const [form] = Form.useForm<ExpertValues>();
  const orgId = me.organisation.id;
  const users = useApiData(`expert-users:${orgId}`, () =>
    unwrap(api.GET('/api/orgs/{orgId}/users', { params: { path: { orgId }, query: { limit: 200 } } })).then(
      (page) => page.items,
    ),
  );
  const submit = useFormSubmit(
    form,
    ['name', 'employer', 'fields', 'qualifications', 'regionCode', 'userId'],
    async (values) => {
      const expert = await unwrap(api.POST('/api/experts', { body: expertBody(values) }));
      void message.success(t('experts.added', { name: expert.name }));
      onSaved();
    },
  );
  return (
    <FormModal<ExpertValues>
      title={t('experts.addTitle')}
      okText={t('common.create')}
      testIdPrefix="expert-add"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ fields: [] }}
    >
      <Flex gap="middle">
        <Form.Item
          name="name"
          label={t('experts.name')}
          rules={[{ required: true, whitespace: true, message: t('experts.nameRequired') }]}
          style={{ flex: 1 }}
        >
          <Input maxLength={100} data-testid="expert-add-name" />
        </Form.Item>
        <Form.Item
          name="employer"
          label={t('experts.employer')}
          rules={[{ required: true, whitespace: true, message: t('experts.employerRequired') }]}
          style={{ flex: 2 }}
        >
          <Input maxLength={200} data-testid="expert-add-employer" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="fields"
        label={t('experts.fieldsLabel')}
        rules={[{ required: true, type: 'array', min: 1, message: t('experts.fieldsRequired') }]}
      >
        <Select
          mode="multiple"
          options={expertFields.map((f) => ({ value: f, label: labels.field(f) }))}
          data-testid="expert-add-fields"
        />
      </Form.Item>
      <Form.Item
        name="qualifications"
        label={t('experts.qualifications')}
        extra={t('experts.qualificationsHint')}
      >
        <Select
          mode="tags"
          open={false}
          tokenSeparators={[',', '，', '、']}
          data-testid="expert-add-qualifications"
        />
      </Form.Item>
      <Flex gap="middle">
        <Form.Item
          name="regionCode"
          label={t('experts.region')}
          rules={[{ pattern: /^\d{6}$/, message: t('experts.regionPattern') }]}
          style={{ flex: 1 }}
        >
          <Input maxLength={6} placeholder="310115" data-testid="expert-add-region" />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t('experts.login')}
          extra={t('experts.loginHint')}
          style={{ flex: 2 }}
        >
          <Select
            allowClear
            loading={users.loading}
            options={(users.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName}（${u.email}）`,
            }))}
            data-testid="expert-add-user"
          />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}

/** Whether the expert takes assignments: switched by the platform. */
function Availability({ expert, onSaved }: { expert: Expert; onSaved: () => void }) {
  const notifyError = useNotifyError();
  const [saving, setSaving] = useState(false);
  const change = async (available: boolean) => {
    setSaving(true);
    try {
      await unwrap(
        api.PUT('/api/experts/{id}/availability', {
          params: { path: { id: expert.id } },
          body: { available },
        }),
      );
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Switch
      size="small"
      checked={expert.available}
      loading={saving}
      onChange={(on) => void change(on)}
      data-testid="expert-available"
    />
  );
}

/** 专家库 `/claims/experts` (the platform): the pool by field, who is available, and new experts. */
export function ExpertPoolPage() {
  const { t } = useTranslation();
  const labels = useClaimLabels();
  const [field, setField] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const experts = useApiData(`experts-pool:${field ?? ''}`, () =>
    unwrap(api.GET('/api/experts', { params: { query: field ? { field } : {} } })).then((r) => r.items),
  );
  return (
    <>
      <PageHeader
        page="expert-pool"
        title={t('experts.poolTitle')}
        extra={
          <Button type="primary" onClick={() => setAdding(true)} data-testid="expert-add-open">
            {t('experts.add')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('experts.poolIntro')}</Typography.Paragraph>
      <Flex gap="middle" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('experts.field')}</Typography.Text>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 200 }}
          value={field}
          onChange={setField}
          options={expertFields.map((f) => ({ value: f, label: labels.field(f) }))}
          data-testid="experts-field-filter"
        />
      </Flex>
      {experts.error ? (
        <LoadError error={experts.error} onRetry={experts.reload} />
      ) : (
        <Table<Expert>
          rowKey="id"
          loading={experts.loading}
          dataSource={experts.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={(experts.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          data-testid="experts-table"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('experts.poolEmpty')}
                data-testid="experts-empty"
              />
            ),
          }}
          columns={[
            { key: 'name', title: t('experts.name'), render: (_, e) => e.name },
            { key: 'employer', title: t('experts.employer'), render: (_, e) => e.employer },
            {
              key: 'fields',
              title: t('experts.fieldsLabel'),
              render: (_, e) => (
                <Flex gap={4} wrap>
                  {e.fields.map((f) => (
                    <Tag key={f}>{labels.field(f)}</Tag>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'qualifications',
              title: t('experts.qualifications'),
              render: (_, e) => e.qualifications.join(t('common.listSeparator')) || '—',
            },
            {
              key: 'region',
              title: t('experts.region'),
              render: (_, e) => (e.regionCode ? <RegionName code={e.regionCode} /> : '—'),
            },
            {
              key: 'lastAssignedAt',
              title: t('experts.lastAssignedAt'),
              render: (_, e) => formatDateTime(e.lastAssignedAt),
            },
            {
              key: 'available',
              title: t('experts.available'),
              render: (_, e) => <Availability expert={e} onSaved={experts.reload} />,
            },
          ]}
        />
      )}
      {adding ? (
        <AddExpertModal
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            experts.reload();
          }}
        />
      ) : null}
    </>
  );
}
