import type { Role } from '@kebao/domain/org';
import { App, type ButtonProps, Checkbox, Flex, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { User } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
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
    <Modal
      open
      title={t('users.editTitle', { email: user.email })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submit.submitting}
      mask={{ closable: false }}
      okButtonProps={testId<ButtonProps>('user-edit-submit')}
    >
      <Flex vertical gap="middle">
        <ProblemAlert error={submit.error} />
        <Form<EditValues>
          form={form}
          layout="vertical"
          initialValues={{ displayName: user.displayName, roles: user.roles }}
          onFinish={submit.onFinish}
          data-testid="user-edit-form"
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
        </Form>
      </Flex>
    </Modal>
  );
}
