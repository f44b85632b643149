import { formatYuan } from '@kebao/domain/money';
import { shanghaiDateOf } from '@kebao/domain/time';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { checkRegistration, type RegistrationInput, type RowProblem } from './registration-rows.ts';
import { findRegistered, insertUpload, upsertRegistered } from './repo.ts';

/*
 * Policy registration (保单登记): an insurer registers business written in its own systems, row by row
 * (API) or as a bordereau (CSV/XLSX). Each good row is stored or, when its figures changed, updated, keyed by
 * the insurer and the policy number; a row identical to what is stored changes nothing; a bad row is
 * reported and not stored. Every stored change emits `registration.recorded`, which moves the live
 * exposure and the statistics exactly like platform business, flagged by its source.
 */

export interface RegistrationReport {
  uploadId: string;
  rows: number;
  stored: number;
  changed: number;
  unchanged: number;
  errors: RowProblem[];
}

export async function registerPolicies(
  ctx: Ctx,
  input: { rows: readonly { number: number; input: RegistrationInput }[]; filename: string },
): Promise<RegistrationReport> {
  const insurer = ctx.actor.orgId as string;
  const uploadId = newId();
  const today = shanghaiDateOf(ctx.now);
  const errors: RowProblem[] = [];
  const seen = new Set<string>();
  let stored = 0;
  let changed = 0;
  let unchanged = 0;
  for (const { number: rowNumber, input: raw } of input.rows) {
    const checked = checkRegistration(raw, rowNumber);
    if (!checked.ok) {
      errors.push(...checked.problems);
      continue;
    }
    const r = checked.value;
    if (seen.has(r.policyNumber)) {
      errors.push({
        row: rowNumber,
        field: 'policyNumber',
        message_zh: `保单号 ${r.policyNumber} 在本次提交中重复`,
        message_en: `policy number ${r.policyNumber} appears twice in this submission`,
      });
      continue;
    }
    seen.add(r.policyNumber);
    const existing = await findRegistered(ctx.db, insurer, r.policyNumber, true);
    if (existing && existing.checksum === r.checksum) {
      unchanged++;
      continue;
    }
    const id = existing?.id ?? newId();
    await upsertRegistered(ctx.db, {
      id,
      insurer_org_id: insurer,
      policy_number: r.policyNumber,
      product_code: r.productCode,
      statistical_class: r.statisticalClass,
      insured_uscc: r.insuredUscc,
      insured_name: r.insuredName,
      industry: r.industry,
      region_code: r.region,
      start_date: r.startDate,
      end_date: r.endDate,
      // Cover ended before today: in force as sent, but expired now (the expiry pass would mark it next).
      status: r.status === 'in_force' && r.endDate < today ? 'expired' : r.status,
      share: r.share,
      sum_insured: r.sumInsured,
      premium: r.premium,
      claims_paid: r.claimsPaid,
      claims_incurred: r.claimsIncurred,
      checksum: r.checksum,
      upload_id: uploadId,
      registered_at: existing?.registered_at ?? ctx.now,
      updated_at: ctx.now,
    });
    if (existing) changed++;
    else stored++;
    ctx.emit({
      type: 'registration.recorded',
      aggregateType: 'registered_policy',
      aggregateId: id,
      payload: {
        registrationId: id,
        policyNumber: r.policyNumber,
        change: existing ? 'changed' : 'new',
        statisticalClass: r.statisticalClass,
        sumInsured: formatYuan(r.sumInsured),
        premium: formatYuan(r.premium),
      },
    });
  }
  await insertUpload(ctx.db, {
    id: uploadId,
    insurer,
    filename: input.filename,
    rows: input.rows.length,
    stored,
    changed,
    unchanged,
    errors,
    by: ctx.actor.userId,
    at: ctx.now,
  });
  ctx.audit({
    action: 'registration.upload',
    entityType: 'registration_upload',
    entityId: uploadId,
    after: {
      filename: input.filename,
      rows: input.rows.length,
      stored,
      changed,
      unchanged,
      errors: errors.length,
    },
  });
  return { uploadId, rows: input.rows.length, stored, changed, unchanged, errors };
}
