import { Alert, App, Button } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/problem.ts';
import { requestIdOf, useErrorText } from './errorText.ts';

interface ProblemAlertProps {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
}

/** An inline error box: the server's message in the current language and its request id. */
export function ProblemAlert({ error, onRetry, testId = 'error-alert' }: ProblemAlertProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (error === undefined || error === null) return null;
  const requestId = requestIdOf(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={errorText(error)}
      description={requestId ? t('errors.requestId', { id: requestId }) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** A toast for failed actions. A 401 is not repeated: the app is already on its way to /login. */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && error.status === 401) return;
      void message.error(errorText(error));
    },
    [message, errorText],
  );
}
