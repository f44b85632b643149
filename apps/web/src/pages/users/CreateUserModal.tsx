import { App, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { NewUser, User } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { minPasswordLength, roleOptions } from './userRules.ts';

interface Props {
  orgId: string;
  kind: string;
  onClose: () => void;
  onCreated: (user: User) => void;
}

export function CreateUserModal({ orgId, kind, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const submit = useFormSubmit(form, ['email', 'displayName', 'roles', 'password'], async (values) => {
    const body = { ...values, email: values.email.trim(), displayName: values.displayName.trim() };
    const user = await unwrap(api.POST('/api/orgs/{orgId}/users', { params: { path: { orgId } }, body }));
    void message.success(t('users.created'));
    onCreated(user);
  });

  return (
    <FormModal<NewUser>
      title={t('users.createTitle')}
      okText={t('common.create')}
      testIdPrefix="user-create"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="email"
        label={t('users.email')}
        rules={[
          { required: true, message: t('users.emailRequired') },
          { type: 'email', message: t('users.emailInvalid') },
        ]}
      >
        <Input autoComplete="off" data-testid="user-create-email" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input data-testid="user-create-display-name" />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('users.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
      >
        <Checkbox.Group options={roleOptions(kind, language)} data-testid="user-create-roles" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('users.password')}
        extra={t('users.passwordHint', { count: minPasswordLength })}
        rules={[
          { required: true, message: t('users.passwordRequired') },
          { min: minPasswordLength, message: t('users.passwordHint', { count: minPasswordLength }) },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-create-password" />
      </Form.Item>
    </FormModal>
  );
}
