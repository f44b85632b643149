import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { Language } from '../i18n/index.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { applyFieldErrors, applyMappedFieldErrors, type FieldOfPath } from './formErrors.ts';

export interface FormSubmit<T> {
  submitting: boolean;
  /** The last failure, for a ProblemAlert above the form. */
  error: unknown;
  onFinish: (values: T) => Promise<void>;
}

function useSubmit<T>(
  action: (values: T) => Promise<void>,
  showUnderFields: (error: unknown, language: Language) => void,
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
      showUnderFields(err, language);
    } finally {
      setSubmitting(false);
    }
  };
  return { submitting, error, onFinish };
}

/** Runs `action` for a form's values; failures land in `error` and under the fields they name. */
export function useFormSubmit<T>(
  form: FormInstance<T>,
  fields: readonly (keyof T & string)[],
  action: (values: T) => Promise<void>,
): FormSubmit<T> {
  return useSubmit(action, (error, language) => applyFieldErrors(form, error, language, fields));
}

/** useFormSubmit for nested forms: `map` puts each error path under its field (see applyMappedFieldErrors). */
export function useMappedFormSubmit<T>(
  form: FormInstance<T>,
  map: FieldOfPath,
  action: (values: T) => Promise<void>,
): FormSubmit<T> {
  return useSubmit(action, (error, language) => applyMappedFieldErrors(form, error, language, map));
}
