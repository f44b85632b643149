import { Checkbox, Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { CreatedApiToken, NewApiToken } from '../../api/types.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { permissionLabel } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { defaultExpiryDays, maxExpiryDays } from './tokenStatus.ts';

interface Props {
  onClose: () => void;
  onCreated: (token: CreatedApiToken) => void;
}

/** A token can do at most what its creator can (scopes ⊆ my permissions). */
export function CreateTokenModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const [form] = Form.useForm<NewApiToken>();
  const submit = useFormSubmit(form, ['name', 'scopes', 'expiresInDays'], async (values) => {
    onCreated(await unwrap(api.POST('/api/tokens', { body: { ...values, name: values.name.trim() } })));
  });

  return (
    <FormModal<NewApiToken>
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      testIdPrefix="token-create"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ scopes: [], expiresInDays: defaultExpiryDays }}
    >
      <Form.Item
        name="name"
        label={t('tokens.name')}
        extra={t('tokens.nameHint')}
        rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}
      >
        <Input maxLength={100} data-testid="token-create-name" />
      </Form.Item>
      <Form.Item
        name="scopes"
        label={t('tokens.scopes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
      >
        <Checkbox.Group
          options={me.permissions.map((p) => ({ value: p, label: permissionLabel(p, language) }))}
          data-testid="token-create-scopes"
        />
      </Form.Item>
      <Form.Item
        name="expiresInDays"
        label={t('tokens.expiresInDays')}
        rules={[
          { required: true, message: t('tokens.expiresInDaysRange', { max: maxExpiryDays }) },
          {
            type: 'integer',
            min: 1,
            max: maxExpiryDays,
            message: t('tokens.expiresInDaysRange', { max: maxExpiryDays }),
          },
        ]}
      >
        <InputNumber
          min={1}
          max={maxExpiryDays}
          precision={0}
          suffix={t('tokens.days')}
          data-testid="token-create-expiry"
        />
      </Form.Item>
    </FormModal>
  );
}
