import { Alert, App, Button, Flex, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../api/types.ts';

/**
 * The secret of a new token, shown this once: the server keeps only its hash, so it cannot be shown
 * again. Closing needs the button, not a stray click on the mask.
 */
export function TokenSecretModal({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('common.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('tokens.secretTitle', { name: token.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-close">
          {t('tokens.secretDone')}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Alert type="warning" showIcon title={t('tokens.secretWarning')} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={token.secret}
            data-testid="token-secret"
            onFocus={(e) => e.target.select()}
          />
          <Button type="primary" onClick={copy} data-testid="token-secret-copy">
            {t('common.copy')}
          </Button>
        </Space.Compact>
      </Flex>
    </Modal>
  );
}
