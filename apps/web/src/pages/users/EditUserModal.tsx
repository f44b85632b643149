import type { Role } from '@kebao/domain/org';
import { App, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { User } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { roleOptions } from './userRules.ts';

interface EditValues {
  displayName: string;
  roles: Role[];
}

interface Props {
  orgId: string;
  kind: string;
  user: User;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function EditUserModal({ orgId, kind, user, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const submit = useFormSubmit(form, ['displayName', 'roles'], async ({ displayName, roles }) => {
    const path = { orgId, userId: user.id };
    // Roles are sent only when they changed: nobody may change their own roles.
    const same = roles.length === user.roles.length && roles.every((r) => user.roles.includes(r));
    const body = same ? { displayName: displayName.trim() } : { displayName: displayName.trim(), roles };
    const saved = await unwrap(api.PATCH('/api/orgs/{orgId}/users/{userId}', { params: { path }, body }));
    void message.success(t('users.updated'));
    onSaved(saved);
  });

  return (
    <FormModal<EditValues>
      title={t('users.editTitle', { email: user.email })}
      okText={t('common.save')}
      testIdPrefix="user-edit"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ displayName: user.displayName, roles: user.roles }}
    >
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input data-testid="user-edit-display-name" />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('users.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
      >
        <Checkbox.Group options={roleOptions(kind, language)} data-testid="user-edit-roles" />
      </Form.Item>
    </FormModal>
  );
}
