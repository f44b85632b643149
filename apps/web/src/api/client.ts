import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

/**
 * The one API client. Cookies carry the session; state-changing calls also carry the CSRF token the
 * server handed out with the login or `/api/me` answer. It is kept in memory only, never in storage.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken && unsafeMethods.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

type UnauthorizedListener = () => void;
let unauthorizedListener: UnauthorizedListener = () => {};

/** Called when any call but the login itself answers 401: the session has ended. */
export function onUnauthorized(listener: UnauthorizedListener): void {
  unauthorizedListener = listener;
}

/**
 * A state-changing call made with `fetch` rather than `api` (a file sent as the request body): the same
 * session cookie, the same CSRF token, and a 401 that ends the session the same way.
 */
export async function sendRaw(
  url: string,
  init: RequestInit & { method: 'PUT' | 'POST' },
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (csrfToken) headers.set('X-CSRF-Token', csrfToken);
  const response = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401) unauthorizedListener();
  return response;
}

const sessionEnded: Middleware = {
  onResponse({ response, schemaPath }) {
    if (response.status === 401 && schemaPath !== '/api/auth/login') unauthorizedListener();
    return response;
  },
};

api.use(csrf, sessionEnded);
