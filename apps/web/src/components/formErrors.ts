import type { FormInstance } from 'antd';
import { fieldErrors, nestedFieldErrors } from '../api/problem.ts';
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

/** Where a body error's path goes in a form: its name path there, or null when it has no field. */
export type FieldOfPath = (path: string[]) => (string | number)[] | null;

/**
 * Like applyFieldErrors for forms whose fields are nested or named differently from the body:
 * `map` says which field each error path belongs to.
 */
export function applyMappedFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  language: Language,
  map: FieldOfPath,
): void {
  const list = nestedFieldErrors(error, language).flatMap(({ path, errors }) => {
    const name = map(path);
    return name ? [{ name, errors }] : [];
  });
  // antd's NamePath<T> cannot follow a path computed at run time; `map` names fields the form has.
  const untyped: FormInstance = form;
  if (list.length > 0) untyped.setFields(list);
}
