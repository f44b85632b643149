import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { compileProduct, type QuoteInput } from '@kebao/domain/catalog';
import { previewAnswer } from '@kebao/server';
import { PREVIEW_PATH, PRODUCT_CODE, readProduct, shippedStatus } from './preview.ts';

const BODY_LIMIT = 1024 * 1024; // apps/server's default KEBAO_BODY_LIMIT

// The product compiled once at start, as apps/server's catalogue cache compiles it on the first quote.
const definition = readProduct(PRODUCT_CODE);
const status = shippedStatus(PRODUCT_CODE, definition.version);
const quote = compileProduct(definition);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A problem+json answer in apps/server's shape (only the codes this baseline can give). */
function problem(
  res: ServerResponse,
  status: number,
  code: string,
  zh: string,
  en: string,
  errors?: unknown[],
): void {
  const body: Record<string, unknown> = {
    type: `https://kebao.dev/problems/${code}`,
    title: en,
    status,
    code,
    message_zh: zh,
    message_en: en,
    instance: PREVIEW_PATH,
    requestId: randomUUID(),
  };
  if (errors) body.errors = errors;
  send(res, status, 'application/problem+json', JSON.stringify(body));
}

/** Parses the body and answers from the compiled product; the domain checks the facts and options. */
function answer(res: ServerResponse, text: string): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problem(res, 400, 'request.invalid_json', '请求体不是合法的 JSON', 'The request body is not valid JSON');
    return;
  }
  if (!isObject(body) || typeof body.productCode !== 'string') {
    problem(res, 400, 'request.invalid', '请求参数不正确', 'The request is invalid');
    return;
  }
  if (
    body.productCode !== PRODUCT_CODE ||
    (body.version !== undefined && body.version !== definition.version)
  ) {
    problem(res, 404, 'product.not_found', '产品不存在', 'No such product');
    return;
  }
  // No schema here: validateQuoteInput inside the compiled product checks every fact's type and every
  // option against the definition, and refuses what is not an object.
  const result = quote({ enterprise: body.enterprise, request: body.request } as QuoteInput);
  if (result.inputErrors.length > 0) {
    const errors = result.inputErrors.map((e) => ({ ...e, path: `/body${e.path}` }));
    problem(
      res,
      422,
      'quote.invalid_input',
      '报价信息有误，请按提示修改',
      'The quote request has errors; see the list',
      errors,
    );
    return;
  }
  send(
    res,
    200,
    'application/json',
    JSON.stringify(
      previewAnswer(definition, { code: definition.code, version: definition.version, status }, result),
    ),
  );
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST' || req.url !== PREVIEW_PATH) {
    problem(res, 404, 'request.not_found', '请求的地址不存在', 'No such endpoint');
    return;
  }
  if (!req.headers['content-type']?.startsWith('application/json')) {
    problem(
      res,
      415,
      'request.unsupported_media_type',
      '不支持的内容类型，请使用 application/json',
      'Unsupported content type; send application/json',
    );
    return;
  }
  let text = '';
  let size = 0;
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      problem(res, 413, 'request.body_too_large', '请求体过大', 'The request body is too large');
      req.destroy();
      return;
    }
    text += chunk;
  });
  req.on('end', () => answer(res, text));
}

/** The baseline: bare node:http answering the preview with the same domain function and the same JSON. */
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
