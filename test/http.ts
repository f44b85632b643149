import { DEMO_PASSWORD } from '@kebao/server';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** Skip the CSRF header even with a session (to prove it is required). */
  noCsrf?: boolean;
}

/**
 * A real HTTP client over fetch with a cookie and CSRF token, acting like the web app (session)
 * or like a system (bearer token).
 */
export class Client {
  readonly baseUrl: string;
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && !options.noCsrf && !['GET', 'HEAD'].includes(method))
      headers['x-csrf-token'] = this.csrf;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie?.startsWith('kebao_session=')) {
      const value = setCookie.split(';')[0] as string;
      this.cookie = value === 'kebao_session=' ? null : value;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {}
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  /** Signs in; afterwards requests carry the session cookie and the CSRF token. */
  async login(email: string, password = DEMO_PASSWORD): Promise<Answer<any>> {
    const answer = await this.post('/api/auth/login', { email, password });
    if (answer.status === 200) this.csrf = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }
}
