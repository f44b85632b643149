import { type OrganisationKind, organisationKinds, usccProblem } from '@kebao/domain/org';
import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { NewOrganisation, Organisation } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { normaliseYuan } from '../../format/money.ts';
import { kindLabel } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

interface OrgValues {
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string;
  uscc?: string;
  registeredCapital?: string;
  regionCode?: string;
}

/** Administrative division code (行政区划代码, GB/T 2260): six digits. */
const regionCodePattern = /^\d{6}$/;

/** Optional fields are left out when blank rather than sent as empty strings. */
function toRequest(values: OrgValues): NewOrganisation {
  const body: NewOrganisation = {
    kind: values.kind,
    nameZh: values.nameZh.trim(),
    nameEn: values.nameEn.trim(),
  };
  const uscc = values.uscc?.trim().toUpperCase();
  if (uscc) body.uscc = uscc;
  const capital = values.registeredCapital?.trim();
  if (capital) body.registeredCapital = normaliseYuan(capital) ?? capital;
  const region = values.regionCode?.trim();
  if (region) body.regionCode = region;
  return body;
}

export function CreateOrgModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (org: Organisation) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const fields = ['kind', 'nameZh', 'nameEn', 'uscc', 'registeredCapital', 'regionCode'] as const;
  const submit = useFormSubmit(form, fields, async (values) => {
    const org = await unwrap(api.POST('/api/orgs', { body: toRequest(values) }));
    void message.success(t('orgs.created'));
    onCreated(org);
  });

  return (
    <FormModal<OrgValues>
      title={t('orgs.createTitle')}
      okText={t('common.create')}
      testIdPrefix="org-create"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="kind"
        label={t('orgs.kind')}
        rules={[{ required: true, message: t('orgs.kindRequired') }]}
      >
        <Select<OrganisationKind>
          options={organisationKinds.map((k) => ({ value: k, label: kindLabel(k, language) }))}
          data-testid="org-create-kind"
        />
      </Form.Item>
      <Form.Item
        name="nameZh"
        label={t('orgs.nameZh')}
        rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}
      >
        <Input data-testid="org-create-name-zh" />
      </Form.Item>
      <Form.Item
        name="nameEn"
        label={t('orgs.nameEn')}
        rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}
      >
        <Input data-testid="org-create-name-en" />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('orgs.uscc')}
        extra={t('common.optional')}
        normalize={(value?: string) => value?.toUpperCase()}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              const code = value?.trim();
              const problem = code ? usccProblem(code) : null;
              if (problem) throw new Error(t(`orgs.usccProblems.${problem}`));
            },
          },
        ]}
      >
        <Input maxLength={18} data-testid="org-create-uscc" />
      </Form.Item>
      <Form.Item
        name="registeredCapital"
        label={t('orgs.registeredCapital')}
        extra={t('orgs.registeredCapitalHint')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (value?.trim() && normaliseYuan(value) === null)
                throw new Error(t('orgs.registeredCapitalInvalid'));
            },
          },
        ]}
      >
        <Input inputMode="decimal" suffix={t('common.yuanUnit')} data-testid="org-create-capital" />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('orgs.regionCode')}
        extra={t('orgs.regionCodeHint')}
        rules={[{ pattern: regionCodePattern, message: t('orgs.regionCodeInvalid') }]}
      >
        <Input maxLength={6} inputMode="numeric" data-testid="org-create-region" />
      </Form.Item>
    </FormModal>
  );
}
