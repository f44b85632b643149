/**
 * One simulated user of the bind workload: a keep-alive connection of its own, signed in as the demo
 * enterprise (the session cookie and the CSRF token from the login answer, as the web app sends them),
 * binding quotes in a closed loop: quote → accept → bind, each answer checked. Other workloads sign in as
 * another demo user (the regulator, an insurer) and send their own requests through `request`.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

export const ENTERPRISE_EMAIL = 'enterprise@demo.kebao.cn';
export const DEMO_PASSWORD = 'kebao-demo-2026';
export const PRODUCT_CODE = 'KB-BR-CYBER';
export const QUOTE_BODY = JSON.stringify({ productCode: PRODUCT_CODE, request: { limit: '5000000.00' } });
const EMPTY_BODY = '{}';
const REQUEST_TIMEOUT_MS = 30_000;
const SESSION_COOKIE = 'kebao_session=';

export interface Reply {
  status: number;
  text: string;
  setCookie: string[];
}

/** A bind that went through: what each step took, ms, and when it ended (performance.now()). */
export interface BindSample {
  quoteMs: number;
  acceptMs: number;
  bindMs: number;
  chainMs: number;
  endedAt: number;
}

/** A bind sample with the policy it made (the alerts workload matches alerts to it). */
export interface BoundSample extends BindSample {
  policyId: string;
}

export interface ClientOptions {
  /** The demo user to sign in as (the demo enterprise unless said). */
  email?: string;
  /** Concurrent connections (1: one request at a time, as one user of the web app). */
  maxSockets?: number;
}

/** Why a run stops: an answer that was not the expected 2xx (or not the expected shape). */
export class BadAnswer extends Error {
  override name = 'BadAnswer';
}

function parse(method: string, path: string, reply: Reply): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(reply.text);
    if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BadAnswer(
    `${method} ${path}: ${reply.status} with a body that is not a JSON object: ${reply.text}`,
  );
}

export function expect(method: string, path: string, reply: Reply, status: number): Record<string, unknown> {
  if (reply.status !== status) {
    throw new BadAnswer(
      `${method} ${path}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 1000)}`,
    );
  }
  return parse(method, path, reply);
}

export function field(body: Record<string, unknown>, key: string, what: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') {
    throw new BadAnswer(`${what}: no ${key} in ${JSON.stringify(body).slice(0, 500)}`);
  }
  return value;
}

export class BindClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly email: string;
  private cookie = '';
  private csrf = '';

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.base = new URL(baseUrl);
    this.email = options.email ?? ENTERPRISE_EMAIL;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 1 });
  }

  /** The session cookie and the CSRF token, for a request sent another way (the event stream). */
  sessionHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    return headers;
  }

  /** One request on this client's connection(s) with its session; a JSON body unless `body` is undefined. */
  request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: string,
    extra: Record<string, string> = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
      ...extra,
      ...this.sessionHeaders(),
    };
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, path, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const cookies = res.headers['set-cookie'] ?? [];
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString(),
              setCookie: cookies,
            });
          });
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new BadAnswer(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Signs in as the client's demo user; later requests carry the session cookie and the CSRF token. */
  async login(): Promise<void> {
    const path = '/api/auth/login';
    const reply = await this.request(
      'POST',
      path,
      JSON.stringify({ email: this.email, password: DEMO_PASSWORD }),
    );
    const body = expect('POST', path, reply, 200);
    this.csrf = field(body, 'csrfToken', 'the login answer');
    const cookie = reply.setCookie.find((c) => c.startsWith(SESSION_COOKIE))?.split(';')[0];
    if (!cookie || cookie === SESSION_COOKIE) throw new BadAnswer('the login answer set no session cookie');
    this.cookie = cookie;
  }

  /** quote → accept → bind; throws a BadAnswer unless each answer is the expected 2xx. */
  async bindOnce(): Promise<BoundSample> {
    const t0 = performance.now();
    const quotePath = '/api/quotes';
    const quote = expect('POST', quotePath, await this.request('POST', quotePath, QUOTE_BODY), 201);
    const id = field(quote, 'id', 'the quote');
    if (quote.status !== 'offered') {
      throw new BadAnswer(
        `the quote ${id} is ${String(quote.status)}, not offered: ${JSON.stringify(quote)}`,
      );
    }
    const t1 = performance.now();
    const acceptPath = `/api/quotes/${id}/accept`;
    const accepted = expect('POST', acceptPath, await this.request('POST', acceptPath, EMPTY_BODY), 200);
    if (accepted.status !== 'accepted') {
      throw new BadAnswer(`the accepted quote ${id} is ${String(accepted.status)}, not accepted`);
    }
    const t2 = performance.now();
    const bindPath = `/api/quotes/${id}/bind`;
    const bindReply = await this.request('POST', bindPath, EMPTY_BODY, {
      'idempotency-key': `bench-${randomUUID()}`,
    });
    const policy = expect('POST', bindPath, bindReply, 201);
    const number = field(policy, 'number', 'the bound policy');
    const policyId = field(policy, 'id', 'the bound policy');
    if (!number.startsWith(`${PRODUCT_CODE}-`))
      throw new BadAnswer(`the policy number ${number} is not a ${PRODUCT_CODE} one`);
    const t3 = performance.now();
    return { quoteMs: t1 - t0, acceptMs: t2 - t1, bindMs: t3 - t2, chainMs: t3 - t0, endedAt: t3, policyId };
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs every client in a closed loop (one chain at a time each) while `more()` says so, handing each bind
 * to `onBind`. The first bad answer stops every client (each finishes the chain it is in) and is thrown.
 */
export async function drive(
  clients: readonly BindClient[],
  more: () => boolean,
  onBind: (sample: BindSample) => void,
): Promise<void> {
  const failures: unknown[] = [];
  await Promise.all(
    clients.map(async (client) => {
      while (failures.length === 0 && more()) {
        try {
          onBind(await client.bindOnce());
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}
