import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProductDefinitionSchema, validateDefinition } from '@kebao/domain/catalog';
import { Permission } from '@kebao/domain/org';
import type pg from 'pg';
import { Type } from 'typebox';
import { parseDocument } from 'yaml';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { Page, problemResponses } from '../../platform/http/schemas.ts';
import { publicOrganisation } from '../org/service.ts';
import { presentFiling, presentSandbox, presentSummary, presentVersion } from './present.ts';
import {
  filingHistory,
  findProduct,
  findSandbox,
  listLatestVersions,
  listVersions,
  reviewQueue,
} from './repo.ts';
import {
  CodeParams,
  DefinitionUpload,
  ProductQuery,
  ProductSummary,
  QueueItem,
  RegulatorReview,
  ValidationAnswer,
  VersionDetail,
  VersionParams,
  WriterFiling,
} from './schemas.ts';
import { checkDefinition, fileAction, getVersion, productScope, publishVersion } from './service.ts';

/** The uploaded definition: JSON as is, or YAML parsed (a syntax error names its line). */
function uploadedDocument(body: { definition?: unknown; yaml?: string }): { doc: unknown; prefix: string } {
  if (body.yaml === undefined) return { doc: body.definition, prefix: '/body/definition' };
  const parsed = parseDocument(body.yaml, { prettyErrors: true });
  if (parsed.errors.length > 0) {
    throw problem('product.invalid_definition', {
      errors: parsed.errors.map((e) => ({
        path: '/body/yaml',
        code: 'yaml.syntax',
        message_zh: `YAML 语法错误：${e.message.split('\n')[0]}`,
        message_en: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    });
  }
  return { doc: parsed.toJS(), prefix: '/body/yaml' };
}

async function detail(db: pg.Pool, actor: Actor, code: string, version: number) {
  const row = await getVersion(db, actor, code, version);
  const product = await findProduct(db, code);
  const insider = can(actor, Permission.ProductReadAll) || product?.writer_org_id === actor.orgId;
  const versions = await listVersions(db, productScope(actor), code);
  const writer = product?.writer_org_id ? await publicOrganisation(db, product.writer_org_id) : null;
  return {
    ...presentVersion(row),
    writer: {
      orgId: product?.writer_org_id ?? null,
      pool: product?.writer_pool_code ?? null,
      nameZh: writer?.nameZh ?? null,
      nameEn: writer?.nameEn ?? null,
    },
    viewer: { isWriter: product?.writer_org_id != null && product.writer_org_id === actor.orgId },
    sandbox: presentSandbox(await findSandbox(db, code, version)),
    filings: insider ? (await filingHistory(db, code, version)).map(presentFiling) : null,
    versions: versions.map((v) => ({ version: v.version, status: v.status })),
  };
}

/** The product catalogue (产品目录): browse, publish versions, file them, and the regulator's review. */
export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;
  const tags = ['catalog'];

  app.get(
    '/api/catalog/schema/product.json',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The JSON Schema of a product definition (for editors and uploads)' },
    },
    async () => ProductDefinitionSchema,
  );

  app.get(
    '/api/products',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Search the catalogue: the newest visible version of each product',
        description:
          'Anyone sees filed and sandbox products; an insurer also its own drafts and filings; the regulator everything.',
        querystring: ProductQuery,
        response: { 200: Page(ProductSummary), ...problemResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const { rows, total } = await listLatestVersions(pool, productScope(request.actor), {
        statisticalClass: q.class,
        writerOrgId: q.insurer,
        subsidyTag: q.subsidyTag,
        status: q.status,
        text: q.q?.trim() || undefined,
        limit,
        offset,
      });
      return { items: rows.map(presentSummary), total, limit, offset };
    },
  );

  app.get(
    '/api/products/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A product: its newest visible version, with sections, limits, clause and versions',
        params: CodeParams,
        response: { 200: VersionDetail, ...problemResponses(404) },
      },
    },
    async (request) => {
      const versions = await listVersions(pool, productScope(request.actor), request.params.code);
      const newest = versions.find((v) => v.status === 'filed' || v.status === 'sandbox') ?? versions[0];
      if (!newest) throw problem('product.not_found');
      return detail(pool, request.actor, newest.code, newest.version);
    },
  );

  app.get(
    '/api/products/:code/versions/:version',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One version of a product (versions never change once stored)',
        params: VersionParams,
        response: { 200: VersionDetail, ...problemResponses(404) },
      },
    },
    async (request) => detail(pool, request.actor, request.params.code, request.params.version),
  );

  app.post(
    '/api/products/validate',
    {
      config: { access: Permission.ProductPublish },
      schema: {
        tags,
        summary: 'Check a definition without storing it (live validation in the editor)',
        body: DefinitionUpload,
        response: { 200: ValidationAnswer, ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request) => {
      const { doc, prefix } = uploadedDocument(request.body);
      const result = validateDefinition(doc);
      return {
        ok: result.ok,
        errors: result.ok ? [] : result.errors.map((e) => ({ ...e, path: `${prefix}${e.path}` })),
      };
    },
  );

  app.post(
    '/api/products',
    {
      config: { access: Permission.ProductPublish },
      schema: {
        tags,
        summary: "Publish a new version of one of your organisation's products (stored as a draft)",
        description:
          'The first version of a new code is 1; each next version is the latest + 1. A definition with errors is ' +
          'refused with 422 and every error with its JSON path; nothing is stored.',
        body: DefinitionUpload,
        response: { 201: VersionDetail, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { doc, prefix } = uploadedDocument(request.body);
      const definition = checkDefinition(doc, prefix);
      const version = await tx(request.actor, request.id, (ctx) =>
        publishVersion(ctx, { definition, source: 'upload' }),
      );
      return reply.code(201).send(await detail(pool, request.actor, version.code, version.version));
    },
  );

  app.post(
    '/api/products/:code/versions/:version/filing',
    {
      config: { access: Permission.ProductPublish },
      schema: {
        tags,
        summary: 'The writer files a version with the regulator, asks to leave the sandbox, or withdraws it',
        params: VersionParams,
        body: WriterFiling,
        response: { 200: VersionDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { code, version } = request.params;
      await tx(request.actor, request.id, (ctx) => fileAction(ctx, { code, version, ...request.body }));
      return detail(pool, request.actor, code, version);
    },
  );

  app.post(
    '/api/products/:code/versions/:version/review',
    {
      config: { access: Permission.ProductReview },
      schema: {
        tags,
        summary:
          'The regulator approves, rejects (with reasons), admits to the sandbox with limits, graduates or stops',
        params: VersionParams,
        body: RegulatorReview,
        response: { 200: VersionDetail, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { code, version } = request.params;
      await tx(request.actor, request.id, (ctx) => fileAction(ctx, { code, version, ...request.body }));
      return detail(pool, request.actor, code, version);
    },
  );

  app.get(
    '/api/filings/queue',
    {
      config: { access: Permission.ProductReview },
      schema: {
        tags,
        summary: "The regulator's queue: submitted filings and sandbox versions asking to exit, oldest first",
        response: { 200: Type.Object({ items: Type.Array(QueueItem) }), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      const rows = await reviewQueue(pool, productScope(request.actor));
      return {
        items: rows.map((r) => ({
          ...presentSummary(r),
          exitRequestedAt: r.exit_requested_at?.toISOString() ?? null,
          reviewKind: r.status === 'submitted' ? ('filing' as const) : ('sandbox_exit' as const),
        })),
      };
    },
  );
};
