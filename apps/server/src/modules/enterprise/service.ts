import { createHash } from 'node:crypto';
import type { Queryable } from '@kebao/db';
import {
  type CreditGradeResult,
  type CreditRecord,
  checkHighTech,
  type EnterpriseProfile,
  type EvaluationResult,
  enterpriseFactsOf,
  evaluateTechSme,
  gradeCredit,
  type PointsScore,
  scorePoints,
  validateProfile,
} from '@kebao/domain/enterprise';
import { Permission } from '@kebao/domain/org';
import { shanghaiDateOf } from '@kebao/domain/time';
import { type Actor, can } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { canonicalJson } from '../../platform/json.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { type CreditRecordRow, creditRecordsOfMany, saveCredit } from './credit-repo.ts';
import type { EvaluationModels } from './evaluation-models.ts';
import {
  type EnterpriseRow,
  type EnterpriseScope,
  type EvaluationRow,
  enterpriseOrgsByUscc,
  enterprisesWithPark,
  findEnterpriseById,
  findEnterpriseByOrg,
  insertEnterprises,
  insertEvaluations,
  insertProfileVersions,
  lockEnterprisesByUscc,
  type ProfileVersionRow,
  type RegistryEntryRow,
  searchRegistry,
  updateEnterprises,
} from './repo.ts';

export type ProfileSource = ProfileVersionRow['source'];

/**
 * Government and platform staff see the whole registry; insurers and brokers the consenting part; an
 * enterprise itself. Given the day, a broker also reads the clients whose mandate it holds valid that day.
 */
export function enterpriseScope(actor: Actor, asOf?: string): EnterpriseScope {
  return {
    all: can(actor, Permission.EnterpriseReadAll),
    orgId: actor.orgId,
    consentedOnly: can(actor, Permission.LeadRead),
    mandateAsOf: actor.orgKind === 'broker' && asOf !== undefined ? asOf : null,
  };
}

/** The profile checked against the schema and its semantic rules, or a 422 listing every problem. */
export function checkProfileDocument(doc: unknown, pathPrefix: string): EnterpriseProfile {
  const result = validateProfile(doc);
  if (result.ok) return result.profile;
  throw problem('enterprise.invalid_profile', {
    errors: result.errors.map((e) => ({ ...e, path: `${pathPrefix}${e.path}` })),
  });
}

export function profileChecksum(profile: EnterpriseProfile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex');
}

export interface ProfileEvaluation {
  results: EvaluationResult[];
  points: PointsScore;
  facts: Record<string, unknown>;
}

/** Every model on one profile, and the facts rules read (with the credit grade when there is one). */
export function evaluateProfile(
  models: EvaluationModels,
  profile: EnterpriseProfile,
  credit: CreditGradeResult,
  asOf: string,
): ProfileEvaluation {
  const points = scorePoints(profile, models.points);
  const results: EvaluationResult[] = [
    evaluateTechSme(profile, models.techSme),
    checkHighTech(profile, models.highTech),
    points,
  ];
  const facts = enterpriseFactsOf(profile, { points, credit }, asOf);
  return { results, points, facts: { ...facts } };
}

export function creditRecordOf(row: CreditRecordRow): CreditRecord {
  const record: CreditRecord = {
    kind: row.kind as CreditRecord['kind'],
    severity: row.severity as CreditRecord['severity'],
    occurredOn: row.occurred_on,
  };
  if (row.revoked_on !== null) record.revokedOn = row.revoked_on;
  return record;
}

/**
 * The grade from an enterprise's records in the registry on `asOf`. No record is a clean record: grade A
 * and not dishonest, as far as the registry knows — the explanation says so.
 */
export function creditOf(rows: readonly CreditRecordRow[], asOf: string): CreditGradeResult {
  return gradeCredit(rows.map(creditRecordOf), asOf);
}

export interface SaveOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** Per input, in order: the enterprise id and what happened to it. */
  items: { id: string; uscc: string; version: number; action: 'created' | 'updated' | 'unchanged' }[];
}

export interface ProfileInput {
  profile: EnterpriseProfile;
  /** Link to this enterprise organisation (self-service); otherwise one with the same USCC is linked when found. */
  orgId?: string;
}

/**
 * Upserts profiles by USCC in the open transaction: a new code creates the enterprise at version 1, a
 * changed profile (by checksum) adds a version, an identical one changes nothing. Each new version is
 * evaluated by every current model, its results stored with it, the enterprise's facts, band and grade
 * refreshed, and the change audited; one `enterprise.profiles_changed` event carries the ids that
 * changed, so matching recomputes them.
 */
export async function saveProfiles(
  ctx: Ctx,
  models: EvaluationModels,
  inputs: readonly ProfileInput[],
  source: ProfileSource,
): Promise<SaveOutcome> {
  const usccs = inputs.map((input) => input.profile.uscc);
  if (new Set(usccs).size !== usccs.length)
    throw new Error('saveProfiles: a USCC appears twice in one batch');
  const outcome: SaveOutcome = { created: 0, updated: 0, unchanged: 0, items: [] };
  if (inputs.length === 0) return outcome;
  const asOf = shanghaiDateOf(ctx.now);
  const existing = await lockEnterprisesByUscc(ctx.db, usccs);
  const organisations = await enterpriseOrgsByUscc(ctx.db, usccs);
  const existingIds = [...existing.values()].map((row) => row.id);
  const creditRows = await creditRecordsOfMany(ctx.db, existingIds);

  const inserts: EnterpriseRow[] = [];
  const updates: EnterpriseRow[] = [];
  const versions: ProfileVersionRow[] = [];
  const evaluations: EvaluationRow[] = [];
  const changed: string[] = [];
  const changedOrgs = new Set<string>();
  for (const input of inputs) {
    const { profile } = input;
    const current = existing.get(profile.uscc);
    const checksum = profileChecksum(profile);
    const orgId = current?.org_id ?? input.orgId ?? organisations.get(profile.uscc) ?? null;
    if (current && current.checksum === checksum && current.org_id === orgId) {
      outcome.unchanged++;
      outcome.items.push({
        id: current.id,
        uscc: profile.uscc,
        version: current.current_version,
        action: 'unchanged',
      });
      continue;
    }
    const id = current?.id ?? newId();
    const version = current
      ? current.checksum === checksum
        ? current.current_version
        : current.current_version + 1
      : 1;
    const credit = creditOf(creditRows.get(id) ?? [], asOf);
    const evaluated = evaluateProfile(models, profile, credit, asOf);
    const row: EnterpriseRow = {
      id,
      uscc: profile.uscc,
      org_id: orgId,
      name: profile.name,
      region_code: profile.regionCode ?? null,
      industry_code: profile.industryCode ?? null,
      consent_to_insurers: profile.consentToInsurers === true,
      current_version: version,
      facts: evaluated.facts,
      score_band: evaluated.points.band,
      credit_grade: credit.grade,
      created_at: current?.created_at ?? ctx.now,
      updated_at: ctx.now,
    };
    (current ? updates : inserts).push(row);
    const newVersion = !current || version !== current.current_version;
    if (newVersion) {
      versions.push({
        enterprise_id: id,
        version,
        profile,
        checksum,
        source,
        changed_by: ctx.actor.userId,
        changed_org: ctx.actor.orgId,
        changed_at: ctx.now,
      });
      for (const result of evaluated.results)
        evaluations.push({
          enterprise_id: id,
          profile_version: version,
          model_code: result.modelCode,
          model_version: result.modelVersion,
          result,
          computed_at: ctx.now,
        });
    }
    const action = current ? 'updated' : 'created';
    outcome[action]++;
    outcome.items.push({ id, uscc: profile.uscc, version, action });
    changed.push(id);
    if (orgId) changedOrgs.add(orgId);
    ctx.audit({
      action: current ? 'enterprise.update_profile' : 'enterprise.create',
      entityType: 'enterprise',
      entityId: id,
      orgIds: orgId ? [orgId] : [],
      before: current
        ? { version: current.current_version, checksum: current.checksum, orgId: current.org_id }
        : null,
      after: { uscc: profile.uscc, version, checksum, source, orgId, scoreBand: evaluated.points.band },
    });
  }
  // Versions reference the enterprise; an updated enterprise points at a version inserted first.
  await insertEnterprises(ctx.db, inserts);
  await insertProfileVersions(ctx.db, versions);
  await insertEvaluations(ctx.db, evaluations);
  await updateEnterprises(ctx.db, updates);
  if (changed.length > 0)
    ctx.emit({
      type: 'enterprise.profiles_changed',
      aggregateType: 'enterprise',
      aggregateId: changed.length === 1 ? (changed[0] as string) : `batch-${newId()}`,
      payload: { enterpriseIds: changed, source },
      orgIds: [...changedOrgs],
    });
  return outcome;
}

/**
 * Re-grades one enterprise from its records on today's date, stores the grade with its explanation,
 * refreshes the facts rules read, and audits the change of grade (before and after).
 */
export async function regradeCredit(
  ctx: Ctx,
  enterprise: EnterpriseRow,
  profile: EnterpriseProfile,
  models: EvaluationModels,
  reason: { action: string; recordId: string },
): Promise<CreditGradeResult> {
  const asOf = shanghaiDateOf(ctx.now);
  const rows = (await creditRecordsOfMany(ctx.db, [enterprise.id])).get(enterprise.id) ?? [];
  const credit = creditOf(rows, asOf);
  const evaluated = evaluateProfile(models, profile, credit, asOf);
  await saveCredit(ctx.db, enterprise.id, credit.grade, credit, asOf, ctx.now);
  const updated: EnterpriseRow = {
    ...enterprise,
    facts: evaluated.facts,
    score_band: evaluated.points.band,
    credit_grade: credit.grade,
    updated_at: ctx.now,
  };
  await updateEnterprises(ctx.db, [updated]);
  const orgIds = enterprise.org_id ? [enterprise.org_id] : [];
  ctx.audit({
    action: reason.action,
    entityType: 'enterprise',
    entityId: enterprise.id,
    orgIds,
    before: { creditGrade: enterprise.credit_grade },
    after: {
      creditGrade: credit.grade,
      recordId: reason.recordId,
      explanation: credit.explanation,
    },
  });
  ctx.emit({
    type: 'enterprise.credit_changed',
    aggregateType: 'enterprise',
    aggregateId: enterprise.id,
    payload: {
      enterpriseIds: [enterprise.id],
      grade: credit.grade,
      before: enterprise.credit_grade,
    },
    orgIds,
  });
  return credit;
}

/** The registry row of an enterprise (for other contexts: quotes, policies), locked when asked. */
export function enterpriseRecord(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<EnterpriseRow | null> {
  return findEnterpriseById(db, id, forUpdate);
}

/** The registry row linked to an enterprise organisation's account, if it has filled in its profile. */
export function enterpriseOfOrganisation(db: Queryable, orgId: string): Promise<EnterpriseRow | null> {
  return findEnterpriseByOrg(db, orgId);
}

/** Enterprises with the park named in their current profile (a group purchase checks membership). */
export function enterprisesInParks(db: Queryable, ids: readonly string[]) {
  return enterprisesWithPark(db, ids);
}

/** A unified social credit code as typed: 18 characters of the code's alphabet (the check is the registry's). */
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/**
 * The registry as a broker looking for a new client sees it (按名称或统一社会信用代码检索): entries whose name
 * contains the text, or whose code is the text, with their name, code, region and industry only — never
 * the profile, scores, credit or policies, which need the client's mandate or consent.
 */
export function searchRegistryEntries(
  db: Queryable,
  input: { q: string; limit: number; offset: number },
): Promise<{ rows: RegistryEntryRow[]; total: number }> {
  const text = input.q.trim().replace(/\s+/g, ' ');
  if ([...text].length < 2) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/querystring/q',
          code: 'registry.query_too_short',
          message_zh: '请输入至少 2 个字的企业名称或完整的统一社会信用代码',
          message_en: 'Enter at least 2 characters of the name, or the full unified social credit code',
        },
      ],
    });
  }
  const upper = text.toUpperCase();
  return searchRegistry(db, {
    fragment: text,
    uscc: USCC_SHAPE.test(upper) ? upper : null,
    limit: input.limit,
    offset: input.offset,
  });
}
