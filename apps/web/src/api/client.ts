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

const sessionEnded: Middleware = {
  onResponse({ response, schemaPath }) {
    if (response.status === 401 && schemaPath !== '/api/auth/login') unauthorizedListener();
    return response;
  },
};

api.use(csrf, sessionEnded);
