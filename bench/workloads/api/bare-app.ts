import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import {
  INDUSTRIES,
  MONEY_MAX_LENGTH,
  MONEY_PATTERN,
  PRODUCT_CODE_MAX_LENGTH,
  previewQuote,
  type QuoteInput,
  TERM_DAYS_MAX,
  TERM_DAYS_MIN,
} from './quote.ts';

const BODY_LIMIT = 1024 * 1024; // Fastify's default bodyLimit
const BODY_KEYS = new Set(['productCode', 'sumInsured', 'termDays', 'industry', 'options']);
const industries = new Set<string>(INDUSTRIES);
const money = new RegExp(MONEY_PATTERN);

/** Length in code points, as JSON Schema (and Ajv) count it. */
function lengthOf(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isMoney = (v: unknown) => typeof v === 'string' && lengthOf(v) <= MONEY_MAX_LENGTH && money.test(v);

/** The same rules as the TypeBox schema, by hand: types, lengths, pattern, range, enum, no extra fields. */
function isQuoteInput(body: unknown): body is QuoteInput {
  if (!isObject(body)) return false;
  let keys = 0;
  for (const key in body) {
    if (!BODY_KEYS.has(key)) return false;
    keys++;
  }
  if (keys !== BODY_KEYS.size) return false;
  const { productCode, sumInsured, termDays, industry, options } = body;
  if (typeof productCode !== 'string') return false;
  const length = lengthOf(productCode);
  if (length < 1 || length > PRODUCT_CODE_MAX_LENGTH) return false;
  if (!isMoney(sumInsured)) return false;
  if (typeof termDays !== 'number' || !Number.isInteger(termDays)) return false;
  if (termDays < TERM_DAYS_MIN || termDays > TERM_DAYS_MAX) return false;
  if (typeof industry !== 'string' || !industries.has(industry)) return false;
  if (!isObject(options)) return false;
  for (const key in options) if (key !== 'deductible') return false;
  return isMoney(options.deductible);
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const fail = (res: ServerResponse, status: number, message: string) =>
  send(res, status, { statusCode: status, error: STATUS_CODES[status], message });

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST' || req.url !== '/quote-preview') {
    fail(res, 404, 'not found');
    return;
  }
  if (!req.headers['content-type']?.startsWith('application/json')) {
    fail(res, 415, 'JSON only');
    return;
  }
  let text = '';
  let size = 0;
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      fail(res, 413, 'body too large');
      req.destroy();
      return;
    }
    text += chunk;
  });
  req.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      fail(res, 400, 'body is not JSON');
      return;
    }
    if (isQuoteInput(body)) send(res, 200, previewQuote(body));
    else fail(res, 400, 'body does not match the schema');
  });
}

/** The baseline: bare node:http doing the same work by hand. */
export async function listen() {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('node:http: no TCP address');
  return {
    port: address.port,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
