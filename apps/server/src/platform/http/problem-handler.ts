import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError, problem } from '../errors.ts';
import { toFieldErrors } from './validation.ts';

const PROBLEM_BASE = 'https://kebao.dev/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  message_zh: string;
  message_en: string;
  detail?: string;
  instance?: string;
  requestId: string;
  errors?: FieldError[];
}

export function problemBody(error: AppError, request: FastifyRequest): ProblemBody {
  const body: ProblemBody = {
    type: `${PROBLEM_BASE}${error.code}`,
    title: error.messageEn,
    status: error.status,
    code: error.code,
    message_zh: error.messageZh,
    message_en: error.messageEn,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  };
  if (error.detail) body.detail = error.detail;
  if (error.errors) body.errors = error.errors;
  return body;
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(problemBody(error, reply.request));
}

/** Maps Fastify's and Ajv's own errors onto our catalogue; anything unknown is a logged 500. */
export function toAppError(error: FastifyError): AppError | null {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const part = error.validationContext ?? 'body';
    return problem('request.invalid', { errors: toFieldErrors(error.validation as ErrorObject[], part) });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('request.invalid_json', { detail: error.message });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('request.body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('request.unsupported_media_type');
  }
  // Errors Fastify raises with a 4xx status that we have no specific code for.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return problem('request.body_too_large');
    if (error.statusCode === 415) return problem('request.unsupported_media_type');
    return problem('request.invalid', { detail: error.message });
  }
  return null;
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = toAppError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, known);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problem('server.internal'));
  });
}
