import { DEMO_PASSWORD } from '@kebao/server';
import { baseUrl } from './browser.ts';

/** A signed-in API caller outside the browser, e.g. a second user acting while the test watches. */
export interface ApiSession {
  me: { id: string; email: string; organisation: { id: string; nameZh: string } };
  /** The `Cookie` header that carries the session. */
  cookie: string;
  /** The token writes carry in `x-csrf-token`. */
  csrfToken: string;
}

export async function apiLogin(email: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${email}: HTTP ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await response.json()) as ApiSession['me'] & { csrfToken: string };
  return { me: body, cookie, csrfToken: body.csrfToken };
}

/** `method path` as the session (its cookie and CSRF token), expecting a 2xx JSON answer. */
export async function callJson<T>(
  session: ApiSession,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** `GET path` from Node (an organisation's system, or a stolen cookie); the answer's status only. */
export async function statusOf(path: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  await response.body?.cancel();
  return response.status;
}

/** `GET path` from Node, expecting 200 and JSON. */
export async function getJson<T>(path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
