import type { Language } from '../i18n/index.ts';

/** RFC 9457 problem details as the Kebao server sends them (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  message_zh: string;
  message_en: string;
  detail?: string;
  instance?: string;
  requestId: string;
  errors?: ProblemFieldError[];
}

export interface ProblemFieldError {
  path: string;
  code: string;
  message_zh: string;
  message_en: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldError(value: unknown): value is ProblemFieldError {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    typeof value.message_zh === 'string' &&
    typeof value.message_en === 'string'
  );
}

export function isProblem(value: unknown): value is Problem {
  return (
    isRecord(value) &&
    typeof value.status === 'number' &&
    typeof value.code === 'string' &&
    typeof value.message_zh === 'string' &&
    typeof value.message_en === 'string' &&
    (value.errors === undefined || (Array.isArray(value.errors) && value.errors.every(isFieldError)))
  );
}

/** The message of a problem, a field error or anything else the server words in both languages. */
export function problemMessage(
  problem: Pick<ProblemFieldError, 'message_zh' | 'message_en'>,
  language: Language,
): string {
  return language === 'en' ? problem.message_en : problem.message_zh;
}

/** A call that answered with a status outside 2xx. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** Seconds from the `Retry-After` header (429 and lock-outs), when the server sent one. */
  readonly retryAfter: number | null;

  constructor(response: Response, body: unknown) {
    const problem = isProblem(body) ? body : null;
    super(problem?.message_en ?? `HTTP ${response.status}`);
    this.name = 'ApiError';
    this.status = response.status;
    this.problem = problem;
    this.retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Whole minutes to wait, rounded up so "try again in 1 minute" is never too early. */
export function retryAfterMinutes(error: unknown): number | null {
  if (!isApiError(error) || error.retryAfter === null) return null;
  return Math.max(1, Math.ceil(error.retryAfter / 60));
}

interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful call; any other status becomes an ApiError. */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response, error);
  return data as T;
}

/**
 * Form field names for the validation errors of a request body: `/body/email` → `email`,
 * `/body/roles/0` → `roles`. Errors about the query or path are not fields of a form.
 */
export function fieldErrors(error: unknown, language: Language): Array<{ name: string; errors: string[] }> {
  if (!isApiError(error) || !error.problem?.errors) return [];
  const byField = new Map<string, string[]>();
  for (const item of error.problem.errors) {
    const name = bodyField(item.path);
    if (name === null) continue;
    byField.set(name, [...(byField.get(name) ?? []), problemMessage(item, language)]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

function bodyField(path: string): string | null {
  const [root, field] = path.split('/').slice(1);
  if (root !== 'body' || !field) return null;
  // JSON Pointer escapes (RFC 6901).
  return field.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * The path of a body error as a form's name path: `/body/request/options/deductible` →
 * `['request', 'options', 'deductible']`; null for errors about the query, the path or the body as a whole.
 */
export function bodyPath(path: string): string[] | null {
  const [root, ...rest] = path.split('/').slice(1);
  if (root !== 'body' || rest.length === 0 || rest[0] === '') return null;
  return rest.map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The validation errors of a nested request body, by name path, one message per path: a nullable field
 * is a union in the schema, and the later messages are about the other branches ("must be null"), not
 * about what was given.
 */
export function nestedFieldErrors(
  error: unknown,
  language: Language,
): Array<{ path: string[]; errors: string[] }> {
  if (!isApiError(error) || !error.problem?.errors) return [];
  const byPath = new Map<string, { path: string[]; errors: string[] }>();
  for (const item of error.problem.errors) {
    const path = bodyPath(item.path);
    if (path === null || byPath.has(item.path)) continue;
    byPath.set(item.path, { path, errors: [problemMessage(item, language)] });
  }
  return [...byPath.values()];
}
