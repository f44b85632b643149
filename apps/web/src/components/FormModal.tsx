import { type ButtonProps, Flex, Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert.tsx';
import { testId } from './testId.ts';
import type { FormSubmit } from './useFormSubmit.ts';

interface Props<T> {
  title: ReactNode;
  okText: ReactNode;
  /** `<prefix>-form` and `<prefix>-submit` test ids. */
  testIdPrefix: string;
  form: FormInstance<T>;
  submit: FormSubmit<T>;
  onClose: () => void;
  initialValues?: Partial<T>;
  children: ReactNode;
}

/**
 * The dialog every create/edit form uses: the server's problem above the fields, its field errors
 * under them, OK submits, closing by the mask is off so typed input is not lost by a stray click.
 */
export function FormModal<T>({
  title,
  okText,
  testIdPrefix,
  form,
  submit,
  onClose,
  initialValues,
  children,
}: Props<T>) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={submit.submitting}
      mask={{ closable: false }}
      okButtonProps={testId<ButtonProps>(`${testIdPrefix}-submit`)}
    >
      <Flex vertical gap="middle">
        <ProblemAlert error={submit.error} />
        <Form<T>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={submit.onFinish}
          data-testid={`${testIdPrefix}-form`}
        >
          {children}
        </Form>
      </Flex>
    </Modal>
  );
}
