import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../i18n/useLanguage.ts';
import { applyFieldErrors } from './formErrors.ts';

export interface FormSubmit<T> {
  submitting: boolean;
  /** The last failure, for a ProblemAlert above the form. */
  error: unknown;
  onFinish: (values: T) => Promise<void>;
}

/** Runs `action` for a form's values; failures land in `error` and under the fields they name. */
export function useFormSubmit<T>(
  form: FormInstance<T>,
  fields: readonly (keyof T & string)[],
  action: (values: T) => Promise<void>,
): FormSubmit<T> {
  const language = useLanguage();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();
  const onFinish = async (values: T) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await action(values);
    } catch (err) {
      setError(err);
      applyFieldErrors(form, err, language, fields);
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, error, onFinish };
}
