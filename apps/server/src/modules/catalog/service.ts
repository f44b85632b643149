import { createHash } from 'node:crypto';
import type { Queryable } from '@kebao/db';
import {
  type FilingAction,
  filingTransition,
  type ProductDefinition,
  type SandboxCriterion,
  sandboxCriteria,
  validateDefinition,
} from '@kebao/domain/catalog';
import { parseYuan } from '@kebao/domain/money';
import { Permission } from '@kebao/domain/org';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { canonicalJson } from '../../platform/json.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { insurerByUscc } from '../org/service.ts';
import {
  closeSandbox,
  findProduct,
  findSandbox,
  findVersion,
  insertFiling,
  insertProduct,
  insertSandbox,
  insertVersion,
  latestVersionNumber,
  markExitRequested,
  type ProductRow,
  type ProductScope,
  setStatus,
  type VersionRow,
} from './repo.ts';

export function productScope(actor: Actor): ProductScope {
  return { all: can(actor, Permission.ProductReadAll), orgId: actor.orgId };
}

/** The definition checked against the schema and the rules of the catalogue, or a 422 with every error. */
export function checkDefinition(doc: unknown, pathPrefix: string): ProductDefinition {
  const result = validateDefinition(doc);
  if (result.ok) return result.definition;
  throw problem('product.invalid_definition', {
    errors: result.errors.map((e) => ({ ...e, path: `${pathPrefix}${e.path}` })),
  });
}

export function definitionChecksum(definition: ProductDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

export interface PublishInput {
  definition: ProductDefinition;
  source: 'catalog' | 'upload';
  /** Status a shipped catalogue version starts in; uploads are always drafts. */
  status?: VersionRow['status'];
}

/**
 * Stores a new version of a product (creating the product on its first version). Versions are
 * numbered 1, 2, 3… per product and never change once stored; quotes and policies refer to them.
 */
export async function publishVersion(ctx: Ctx, input: PublishInput): Promise<VersionRow> {
  const d = input.definition;
  const writer = 'insurer' in d.writer ? await insurerByUscc(ctx.db, d.writer.insurer) : null;
  if (input.source === 'upload') {
    if (!('insurer' in d.writer) || !writer || writer.id !== ctx.actor.orgId)
      throw problem('product.writer_mismatch');
  }
  let product = await findProduct(ctx.db, d.code);
  if (product && input.source === 'upload' && product.writer_org_id !== ctx.actor.orgId)
    throw problem('product.not_writer');
  const latest = await latestVersionNumber(ctx.db, d.code);
  if (await findVersion(ctx.db, d.code, d.version)) {
    throw problem('product.version_exists', { params: { code: d.code, version: d.version } });
  }
  if (d.version !== latest + 1)
    throw problem('product.version_sequence', { params: { code: d.code, expected: latest + 1 } });

  if (!product) {
    product = {
      code: d.code,
      statistical_class: d.statisticalClass,
      writer_org_id: writer?.id ?? null,
      writer_pool_code: 'pool' in d.writer ? d.writer.pool : null,
      writer_uscc: 'insurer' in d.writer ? d.writer.insurer : null,
      created_at: ctx.now,
    } satisfies ProductRow;
    await insertProduct(ctx.db, product);
  }
  const version: VersionRow = {
    code: d.code,
    version: d.version,
    definition: d,
    checksum: definitionChecksum(d),
    name_zh: d.names.zh,
    name_en: d.names.en,
    subsidy_tags: d.subsidyTags,
    effective_from: d.effective.from,
    effective_to: d.effective.to ?? null,
    source: input.source,
    status: input.status ?? 'draft',
    status_changed_at: ctx.now,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  };
  await insertVersion(ctx.db, version);
  const orgIds = product.writer_org_id ? [product.writer_org_id] : [];
  ctx.audit({
    action: 'product.publish_version',
    entityType: 'product_version',
    entityId: `${d.code}@${d.version}`,
    orgIds,
    after: {
      code: d.code,
      version: d.version,
      status: version.status,
      checksum: version.checksum,
      source: input.source,
    },
  });
  ctx.emit({
    type: 'product.version_published',
    aggregateType: 'product',
    aggregateId: d.code,
    payload: { code: d.code, version: d.version, status: version.status },
    orgIds,
  });
  return version;
}

export interface FilingInput {
  code: string;
  version: number;
  action: FilingAction;
  comment?: string | undefined;
  sandbox?: { maxPolicies: number; maxSumInsured: string; endsOn: string; conditions?: unknown } | undefined;
  assessment?:
    | { scores: Partial<Record<SandboxCriterion, number>>; comment?: string | undefined }
    | undefined;
}

/**
 * One step of filing: the writer submits, asks to leave the sandbox or withdraws; the regulator
 * approves, rejects, admits to the sandbox with limits, graduates or stops. Every step is recorded
 * with its reasons and audited.
 */
export async function fileAction(ctx: Ctx, input: FilingInput): Promise<VersionRow> {
  const product = await findProduct(ctx.db, input.code);
  const version = product ? await findVersion(ctx.db, input.code, input.version, true) : null;
  if (!product || !version) throw problem('product.version_not_found');
  const isWriter = product.writer_org_id !== null && product.writer_org_id === ctx.actor.orgId;
  const isRegulator = can(ctx.actor, Permission.ProductReview);
  const party = isRegulator && !isWriter ? 'regulator' : 'writer';
  if (party === 'writer' && !isWriter) {
    // Someone else's draft does not exist for this reader; a published version is visible but not theirs.
    if (version.status === 'filed' || version.status === 'sandbox') throw problem('product.not_writer');
    throw problem('product.version_not_found');
  }
  const step = filingTransition(version.status, input.action, party);
  if (!step.ok) {
    if (step.reason === 'wrong_party') throw problem('auth.forbidden');
    throw problem('filing.invalid_transition', { params: { status: version.status } });
  }
  const comment = input.comment?.trim() || null;
  if ((input.action === 'reject' || input.action === 'stop') && !comment)
    throw problem('filing.comment_required');

  let details: unknown = null;
  if (input.action === 'admit_sandbox') {
    if (!input.sandbox) throw problem('filing.sandbox_limits_required');
    const limits = {
      max_policies: input.sandbox.maxPolicies,
      max_sum_insured: parseYuan(input.sandbox.maxSumInsured),
      ends_on: input.sandbox.endsOn,
      conditions: input.sandbox.conditions ?? null,
    };
    await insertSandbox(ctx.db, {
      code: input.code,
      version: input.version,
      ...limits,
      admitted_at: ctx.now,
    });
    details = { ...input.sandbox };
  }
  if (input.action === 'request_exit') await markExitRequested(ctx.db, input.code, input.version, ctx.now);
  if (input.action === 'graduate' || input.action === 'stop') {
    const sandbox = await findSandbox(ctx.db, input.code, input.version, true);
    if (input.action === 'graduate') {
      if (!sandbox?.exit_requested_at) throw problem('filing.exit_not_requested');
      const scores = input.assessment?.scores ?? {};
      const complete = sandboxCriteria.every((c) => {
        const s = scores[c.key];
        return typeof s === 'number' && Number.isInteger(s) && s >= 1 && s <= 5;
      });
      if (!complete) throw problem('filing.assessment_required');
    }
    details = { assessment: input.assessment ?? null };
    await closeSandbox(
      ctx.db,
      input.code,
      input.version,
      { ...(input.assessment ?? {}), outcome: input.action },
      ctx.now,
    );
  }

  await setStatus(ctx.db, input.code, input.version, step.to, ctx.now);
  await insertFiling(ctx.db, {
    id: newId(ctx.now.getTime()),
    code: input.code,
    version: input.version,
    action: input.action,
    from_status: version.status,
    to_status: step.to,
    comment,
    details,
    actor_user_id: ctx.actor.userId,
    actor_org_id: ctx.actor.orgId,
    at: ctx.now,
  });
  const orgIds = product.writer_org_id ? [product.writer_org_id] : [];
  ctx.audit({
    action: `product.${input.action}`,
    entityType: 'product_version',
    entityId: `${input.code}@${input.version}`,
    orgIds,
    before: { status: version.status },
    after: { status: step.to, comment, details },
  });
  ctx.emit({
    type: `product.${input.action}`,
    aggregateType: 'product',
    aggregateId: input.code,
    payload: { code: input.code, version: input.version, from: version.status, to: step.to, comment },
    orgIds,
  });
  return { ...version, status: step.to, status_changed_at: ctx.now };
}

export async function getVersion(
  db: Queryable,
  actor: Actor,
  code: string,
  version: number,
): Promise<VersionRow> {
  const product = await findProduct(db, code);
  const row = product ? await findVersion(db, code, version) : null;
  if (!product || !row) throw problem('product.version_not_found');
  const scope = productScope(actor);
  const visible =
    row.status === 'filed' || row.status === 'sandbox' || scope.all || product.writer_org_id === scope.orgId;
  if (!visible) throw problem('product.version_not_found');
  return row;
}
