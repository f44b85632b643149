import { useTranslation } from 'react-i18next';
import type { CreatedApiToken } from '../../api/types.ts';
import { SecretOnceModal } from '../../components/SecretOnceModal.tsx';

/** The secret of a new token, shown this once: the server keeps only its hash, so it cannot be shown again. */
export function TokenSecretModal({ token, onClose }: { token: CreatedApiToken; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretOnceModal
      title={t('tokens.secretTitle', { name: token.name })}
      warning={t('tokens.secretWarning')}
      doneLabel={t('tokens.secretDone')}
      secret={token.secret}
      testId="token-secret"
      onClose={onClose}
    />
  );
}
