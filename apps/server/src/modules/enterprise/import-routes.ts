import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { creditGrades, scoreBands } from '@kebao/domain/enterprise';
import { Permission } from '@kebao/domain/org';
import { regionFullName } from '@kebao/domain/region';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError, problem } from '../../platform/errors.ts';
import {
  Binary,
  Nullable,
  Page,
  PageQuery,
  problemResponses,
  Timestamp,
  Uuid,
} from '../../platform/http/schemas.ts';
import { rawBodyValidatorCompiler } from '../../platform/http/validation.ts';
import { newId } from '../../platform/ids.ts';
import { writeErrorReport } from './import/error-report.ts';
import { EXPORT_CONTENT_TYPES, exportEnterprises } from './import/export.ts';
import {
  allImportErrors,
  failStaleImports,
  findImport,
  type ImportRow,
  importErrorsPage,
  listImports,
  runningImport,
} from './import/import-repo.ts';
import { MAX_IMPORT_ROWS, startImport } from './import/run-import.ts';
import { enterpriseScope } from './service.ts';

/** The largest upload: a 100,000-row list is about 20–40 MB as CSV, less as XLSX. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;
/** A running import that showed no progress for this long was stopped with its process. */
const STALE_MS = 10 * 60_000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Windows reports .csv files as application/vnd.ms-excel when Excel is installed. */
const UPLOAD_TYPES = ['text/csv', XLSX_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'];

const Failure = Type.Object({ code: Type.String(), message_zh: Type.String(), message_en: Type.String() });

const ImportView = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  format: Type.Enum(['csv', 'xlsx']),
  encoding: Nullable(Type.String({ description: 'of a CSV file: utf-8, utf-8 (BOM) or gb18030 (GBK)' })),
  status: Type.Enum(['running', 'finished', 'failed']),
  totalRows: Nullable(
    Type.Integer({ description: 'data rows in the file, once counted (null while counting)' }),
  ),
  rowsRead: Type.Integer({ description: 'data rows processed: created + updated + unchanged + errorRows' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errorRows: Type.Integer({ description: 'data rows refused (none of their cells stored)' }),
  errors: Type.Integer({
    description: 'problems reported (a row may have several; header problems are row 1)',
  }),
  failure: Nullable(Failure),
  startedAt: Timestamp,
  updatedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
});

const ImportError = Type.Object({
  row: Type.Integer({ description: 'the row as a spreadsheet shows it (the header is row 1)' }),
  column: Nullable(Type.String({ description: 'the header of the column as written in the file' })),
  code: Type.String(),
  message_zh: Type.String(),
  message_en: Type.String(),
});

const IdParams = Type.Object({ id: Uuid });

const UploadQuery = Type.Object(
  {
    fileName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'the name of the uploaded file, kept with the import',
      }),
    ),
  },
  { additionalProperties: false },
);

const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Enum(['csv', 'xlsx'], { default: 'xlsx' })),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'text in the name or the USCC' })),
    region: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    industry: Type.Optional(
      Type.String({ pattern: '^[A-T]([0-9]{2,4})?$', description: 'GB/T 4754 prefix, e.g. C39' }),
    ),
    band: Type.Optional(Type.Enum([...scoreBands])),
    grade: Type.Optional(Type.Enum([...creditGrades])),
    consented: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const download = (description: string, ...types: string[]) =>
  Type.Unsafe<unknown>({
    description,
    content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  });

function presentImport(r: ImportRow) {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    encoding: r.encoding,
    status: r.status,
    totalRows: r.total_rows,
    rowsRead: r.read_rows,
    created: r.created_rows,
    updated: r.updated_rows,
    unchanged: r.unchanged_rows,
    errorRows: r.error_rows,
    errors: r.error_count,
    failure:
      r.failure_code === null
        ? null
        : { code: r.failure_code, message_zh: r.failure_zh ?? '', message_en: r.failure_en ?? '' },
    startedAt: r.started_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/** `attachment` with the name in ASCII and, for Chinese names, RFC 5987's UTF-8 form. */
function attachment(reply: FastifyReply, fileName: string, contentType: string): void {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  reply
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store')
    .type(contentType);
}

/** Streams the upload to a file, refusing it past `limit` bytes. */
async function saveUpload(body: Readable, file: string, limit: number): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) callback(problem('request.body_too_large'));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(file, { force: true });
    if (error instanceof AppError) throw error;
    throw problem('request.invalid', { detail: 'the upload broke off before its end' });
  }
  return bytes;
}

const interrupted = () => {
  const e = problem('import.interrupted');
  return { code: e.code, zh: e.messageZh, en: e.messageEn };
};

/**
 * Bulk import and export of the tech-enterprise list (企业名录): upload a CSV or XLSX file, follow
 * the import (live as `enterprise.import_progress` events on /api/events, or by polling), read or
 * download its per-row error report; export the registry in the same columns.
 */
export const enterpriseImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx, clock, regions } = app.kebao;
  const tags = ['enterprise'];
  const running = new Map<string, { controller: AbortController; finished: Promise<unknown> }>();

  // Encapsulated in this plugin: elsewhere the API still speaks JSON only.
  app.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));

  // On shutdown, running imports stop after their current batch and are marked interrupted.
  app.addHook('onClose', async () => {
    for (const r of running.values()) r.controller.abort();
    await Promise.allSettled([...running.values()].map((r) => r.finished));
  });

  /** The actor's import, after marking its organisation's stalled imports failed (their process ended). */
  const ownImport = async (orgId: string | null, id: string) => {
    if (orgId !== null) await failStaleOf(orgId);
    const row = await findImport(pool, orgId, id);
    if (!row) throw problem('import.not_found');
    return row;
  };
  const failStaleOf = async (orgId: string) => {
    const now = clock();
    await failStaleImports(pool, orgId, new Date(now.getTime() - STALE_MS), interrupted(), now);
  };

  app.post(
    '/api/enterprise-imports',
    {
      bodyLimit: UPLOAD_LIMIT_BYTES,
      // The body is the raw file (a stream, not JSON): only the other parts are validated.
      validatorCompiler: rawBodyValidatorCompiler,
      config: { access: Permission.EnterpriseManage },
      schema: {
        tags,
        summary: 'Import the tech-enterprise list from a CSV or XLSX file (runs in the background)',
        description:
          'The body is the file itself: CSV (UTF-8 with or without BOM, or GBK — detected) or XLSX (first sheet), ' +
          `at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} data rows and 64 MB. The first row is the header; ` +
          'columns are matched by their Chinese or English name (the export writes them), unknown columns are ' +
          'reported once. The USCC and name columns are required (422 `import.missing_columns` at once). ' +
          'The answer is 202 with the import; it then runs in batches: valid rows are upserted by USCC — a filled ' +
          'cell sets the field, an empty cell keeps what is stored — and a row with any problem is not stored ' +
          'at all; a USCC repeated in the file is refused on the later row. Progress arrives as ' +
          '`enterprise.import_progress` events on /api/events and in GET /api/enterprise-imports/{id}. ' +
          'Importing the same file again changes nothing. One import per organisation at a time (409).',
        consumes: UPLOAD_TYPES,
        querystring: UploadQuery,
        body: Binary('the CSV or XLSX file'),
        response: { 202: ImportView, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body as Readable | null;
      if (body === null || typeof (body as { pipe?: unknown }).pipe !== 'function')
        throw problem('request.unsupported_media_type', {
          detail: `send the file as ${UPLOAD_TYPES.join(', ')}`,
        });
      const declared = Number(request.headers['content-length'] ?? '0');
      if (declared > UPLOAD_LIMIT_BYTES) throw problem('request.body_too_large');
      const { actor } = request;
      if (actor.orgId !== null) {
        await failStaleOf(actor.orgId);
        if (await runningImport(pool, actor.orgId, new Date(clock().getTime() - STALE_MS)))
          throw problem('import.already_running');
      }
      const file = path.join(tmpdir(), `kebao-import-${newId()}`);
      await saveUpload(body, file, UPLOAD_LIMIT_BYTES);
      const controller = new AbortController();
      let started: Awaited<ReturnType<typeof startImport>>;
      try {
        started = await startImport({
          pool,
          tx,
          actor,
          requestId: request.id,
          file,
          fileName: request.query.fileName ?? 'upload',
          signal: controller.signal,
          onUnexpected: (error) => request.log.error({ err: error }, 'enterprise import failed'),
        });
      } catch (error) {
        await rm(file, { force: true });
        throw error;
      }
      const importId = started.importId as string;
      const finished = started.finished
        .catch((error: unknown) =>
          request.log.error({ err: error }, 'enterprise import could not record its end'),
        )
        .finally(async () => {
          running.delete(importId);
          await rm(file, { force: true });
        });
      running.set(importId, { controller, finished });
      return reply.code(202).send(presentImport(await ownImport(actor.orgId, importId)));
    },
  );

  app.get(
    '/api/enterprise-imports',
    {
      config: { access: Permission.EnterpriseManage },
      schema: {
        tags,
        summary: "Your organisation's imports of the enterprise list, newest first",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(ImportView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      if (request.actor.orgId !== null) await failStaleOf(request.actor.orgId);
      const { rows, total } = await listImports(pool, request.actor.orgId, limit, offset);
      return { items: rows.map(presentImport), total, limit, offset };
    },
  );

  app.get(
    '/api/enterprise-imports/:id',
    {
      config: { access: Permission.EnterpriseManage },
      schema: {
        tags,
        summary: 'One import: status and counters (another organisation’s import is not found)',
        params: IdParams,
        response: { 200: ImportView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentImport(await ownImport(request.actor.orgId, request.params.id)),
  );

  app.get(
    '/api/enterprise-imports/:id/errors',
    {
      config: { access: Permission.EnterpriseManage },
      schema: {
        tags,
        summary: 'The problems an import found, in row order (row, column, code, message in zh and en)',
        params: IdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(ImportError), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      const row = await ownImport(request.actor.orgId, request.params.id);
      const items = await importErrorsPage(pool, row.id, limit, offset);
      return { items, total: row.error_count, limit, offset };
    },
  );

  app.get(
    '/api/enterprise-imports/:id/errors.xlsx',
    {
      config: { access: Permission.EnterpriseManage },
      schema: {
        tags,
        summary:
          'Download the error report of an import as XLSX (行号/Row, 列/Column, 错误代码/Code, messages)',
        params: IdParams,
        response: { 200: download('the error report', XLSX_TYPE), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const row = await ownImport(request.actor.orgId, request.params.id);
      const base = row.file_name.replace(/\.(csv|xlsx|xls|txt)$/i, '');
      attachment(reply, `${base}.errors.xlsx`, XLSX_TYPE);
      const stream = new PassThrough();
      writeErrorReport(allImportErrors(pool, row.id), stream).catch((error: unknown) => {
        request.log.error({ err: error }, 'error report failed');
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply.send(stream);
    },
  );

  app.get(
    '/api/enterprises/export',
    {
      config: { access: Permission.EnterpriseReadAll },
      schema: {
        tags,
        summary:
          'Export the enterprise registry (with the list filters) as XLSX or CSV, in the import columns',
        description:
          'The columns and Chinese headers the importer reads, so an exported file imports back unchanged. CSV is ' +
          'UTF-8 with a BOM (Excel opens the Chinese correctly); XLSX keeps codes and amounts as text, so a ' +
          'spreadsheet cannot turn them into numbers. Streamed page by page, so memory does not grow with the list.',
        querystring: ExportQuery,
        response: {
          200: download('the registry', EXPORT_CONTENT_TYPES.xlsx, 'text/csv'),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const format = q.format ?? 'xlsx';
      const filter = {
        q: q.q?.trim() || undefined,
        regionCode: q.region,
        industryCode: q.industry,
        scoreBand: q.band,
        creditGrade: q.grade,
        consented: q.consented,
      };
      await tx(request.actor, request.id, async (ctx) =>
        ctx.audit({ action: 'enterprise.export', entityType: 'enterprise', after: { format, filter } }),
      );
      const day = clock().toISOString().slice(0, 10).replaceAll('-', '');
      attachment(reply, `科技型企业名录-${day}.${format}`, EXPORT_CONTENT_TYPES[format]);
      const stream = new PassThrough();
      const regionName = (code: string) => regionFullName(regions.index, code, 'zh');
      exportEnterprises(pool, enterpriseScope(request.actor), filter, format, stream, regionName).catch(
        (error: unknown) => {
          request.log.error({ err: error }, 'export failed');
          stream.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return reply.send(stream);
    },
  );
};
