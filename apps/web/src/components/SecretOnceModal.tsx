import { Alert, App, Button, Flex, Input, Modal, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret shown this once (an API token, a webhook's signing secret): the server cannot show it again,
 * so it comes with a warning and a copy button, and closing needs the button, not a stray click on the
 * mask. `testId` prefixes the test ids: `<testId>`, `<testId>-copy`, `<testId>-close`.
 */
export function SecretOnceModal(props: {
  title: string;
  warning: string;
  doneLabel: string;
  secret: string;
  testId: string;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={props.onClose} data-testid={`${props.testId}-close`}>
          {props.doneLabel}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Alert type="warning" showIcon title={props.warning} />
        {props.children}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={props.secret}
            data-testid={props.testId}
            onFocus={(e) => e.target.select()}
          />
          <Button type="primary" onClick={copy} data-testid={`${props.testId}-copy`}>
            {t('common.copy')}
          </Button>
        </Space.Compact>
      </Flex>
    </Modal>
  );
}
