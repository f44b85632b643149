/**
 * A problem found in a product definition or in a quote request: where (a JSON pointer into the
 * document, RFC 6901), what (a stable code the API and the editor can key on) and why, Chinese first.
 * The same shape as the field errors of the HTTP layer, so a problem+json answer can carry it as is.
 */
export interface DefinitionError {
  path: string;
  code: string;
  message_zh: string;
  message_en: string;
}

/** Problems in a quote request have the same shape; the alias says which document the path points into. */
export type InputError = DefinitionError;

export function problem(path: string, code: string, zh: string, en: string): DefinitionError {
  return { path, code, message_zh: zh, message_en: en };
}

/** Appends segments to a JSON pointer, escaping '~' and '/' as RFC 6901 requires. */
export function pointer(base: string, ...segments: (string | number)[]): string {
  let path = base;
  for (const segment of segments) path += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return path;
}

/** The value a JSON pointer designates in a parsed document, or undefined when there is none. */
export function valueAt(document: unknown, path: string): unknown {
  if (path === '') return document;
  let node = document;
  for (const raw of path.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
