import type { FormInstance } from 'antd';
import { fieldErrors } from '../api/problem.ts';
import type { Language } from '../i18n/index.ts';

/**
 * Puts the server's validation messages under the form fields they are about (`/body/email` under
 * `email`). Messages for fields the form does not have stay in the form's error alert.
 */
export function applyFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  language: Language,
  fields: readonly (keyof T & string)[],
): void {
  const known = (name: string): name is keyof T & string => (fields as readonly string[]).includes(name);
  const list = fieldErrors(error, language).flatMap(({ name, errors }) =>
    known(name) ? [{ name, errors }] : [],
  );
  // The field names were checked against `fields` above; antd's NamePath<T> cannot see that.
  const untyped: FormInstance = form;
  if (list.length > 0) untyped.setFields(list);
}
