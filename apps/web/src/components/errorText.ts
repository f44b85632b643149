import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, problemMessage, retryAfterMinutes } from '../api/problem.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** Turns anything a call can throw into one sentence in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return error instanceof TypeError ? t('errors.network') : t('errors.unknown');
      const text = error.problem
        ? problemMessage(error.problem, language)
        : t('errors.http', { status: error.status });
      const minutes = retryAfterMinutes(error);
      return minutes === null ? text : `${text} ${t('errors.retryAfter', { count: minutes })}`;
    },
    [t, language],
  );
}

/** The server's request id of a failed call, for support. */
export function requestIdOf(error: unknown): string | null {
  return isApiError(error) ? (error.problem?.requestId ?? null) : null;
}
