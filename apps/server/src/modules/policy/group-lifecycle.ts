import { type JournalLine, postPremiumMovement } from '@kebao/domain/ledger';
import { allocate, type Fen, formatYuan } from '@kebao/domain/money';
import { cancellationRefund } from '@kebao/domain/policy';
import { compareDates, parseCalendarDate } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/transaction.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { postJournal } from '../ledger/service.ts';
import { checkNetRetention, releasePoolCapacity, takePoolCapacity } from '../placement/service.ts';
import {
  audienceOf,
  type CancelInput,
  cessionMoves,
  checkEffective,
  cumulativeCessions,
  type EndorseInput,
  mayCancel,
  rerateEndorsement,
  sumCessions,
} from './movement.ts';
import {
  applyPolicyChange,
  type CessionRow,
  cancelCertificates,
  cessionsOf,
  cessionsOfPolicies,
  type EndorsementRow,
  findPolicy,
  insertCessions,
  insertEndorsements,
  linesOf,
  linesOfPolicies,
  lockCertificates,
  moveLines,
  moveLinesOfPolicies,
  type PolicyLineRow,
  type PolicyRow,
} from './repo.ts';

/*
 * The lifecycle of a group policy (集中投保): a master policy with a member certificate (成员凭证) each.
 *
 * The books: the park pays, so the master carries the journal and the invoices; every line of a group
 * movement is the certificate's own posting (its co-insurers' premium, the lead's collection, its
 * cessions) tagged with the certificate, so each member's premium share is traceable and the master's
 * figures are always the sums of its certificates' — premium, written premium, each co-insurer's line,
 * cessions by treaty (`kebao ledger verify` checks it).
 *
 * - A certificate is endorsed (批改) on its own member's facts by the lead; the master moves by the same
 *   amounts. The master itself is not endorsed: its terms are its members' (`endorsement.group_master`).
 * - A member leaving the group (减员) cancels its certificate: its refund (pro rata or short rate on its own
 *   written premium), split by its lines, returned to the park; the master's premium, sum insured and
 *   lines drop by the member's. The last member cannot leave: cancel the group policy instead.
 * - Cancelling the master cancels every certificate still in force from the same date, each refunded as
 *   if it left that day; the master's refund is their sum, each co-insurer's part the sum of its parts.
 *
 * The master is always locked before its certificates, so a member's exit, a certificate's endorsement and
 * the group's cancellation serialise.
 */

/** A master policy of a group purchase (its certificates name it as their master). */
export function isGroupMaster(policy: PolicyRow): boolean {
  return policy.master_policy_id === null && (policy.request as { group?: unknown }).group === true;
}

/** One certificate's movement: its lines' premium and sum insured deltas and its cessions' movement. */
export interface CertificateMove {
  certificate: PolicyRow;
  lines: readonly PolicyLineRow[];
  premiumDeltas: readonly Fen[];
  sumDeltas: readonly Fen[];
  cessions: readonly CessionRow[];
}

/**
 * The master's journal lines for certificate movements: each certificate's premium movement posted by the
 * one posting rule (the park the policyholder), every line tagged with the certificate.
 */
export function groupJournalLines(
  master: Pick<PolicyRow, 'enterprise_id' | 'collection_mode'>,
  moves: readonly CertificateMove[],
): (JournalLine & { certificateId: string })[] {
  return moves.flatMap((m) =>
    postPremiumMovement({
      policyholder: master.enterprise_id,
      funder: null,
      collectionMode: master.collection_mode,
      participants: m.lines.map((l, i) => ({
        orgId: l.org_id,
        lead: l.role === 'lead',
        share: l.share,
        premium: m.premiumDeltas[i] as Fen,
      })),
      subsidy: 0n,
      cessions: m.cessions.map((c) => ({
        orgId: c.org_id,
        reinsurer: c.reinsurer,
        cededPremium: c.ceded_premium,
        commission: c.commission,
      })),
    }).map((line) => ({ ...line, certificateId: m.certificate.id })),
  );
}

const zeros = (n: number): Fen[] => Array.from({ length: n }, () => 0n);
const later = (a: string | null, b: string) =>
  a !== null && compareDates(parseCalendarDate(a), parseCalendarDate(b)) > 0 ? a : b;

/**
 * Stores certificate movements and the master's: the certificates' lines, the master's lines by the sums
 * per co-insurer (plus `masterSumExtra`, a member's sum insured leaving), the cessions of each certificate
 * and their sums per treaty on the master (plus `masterCessionExtra`), the endorsement rows, the journal.
 */
async function storeGroupMovement(
  ctx: Ctx,
  master: PolicyRow,
  masterLines: readonly PolicyLineRow[],
  moves: readonly CertificateMove[],
  record: {
    kind: 'endorse' | 'cancel';
    effective: string;
    changes: Record<string, unknown>;
    premiumAfter: Fen;
    reason: string | null;
    certificateRows: readonly EndorsementRow[];
    masterSumExtra?: ReadonlyMap<string, Fen>;
    masterCessionExtra?: readonly CessionRow[];
    description: string;
  },
) {
  const seq = master.endorsement_seq + 1;
  const premiumByOrg = new Map<string, Fen>(masterLines.map((l) => [l.org_id, 0n]));
  const sumByOrg = new Map<string, Fen>(masterLines.map((l) => [l.org_id, 0n]));
  const certificateDeltas = moves.flatMap((m) =>
    m.lines.map((l, i) => {
      const premium = m.premiumDeltas[i] as Fen;
      const sumInsured = m.sumDeltas[i] as Fen;
      premiumByOrg.set(l.org_id, (premiumByOrg.get(l.org_id) ?? 0n) + premium);
      sumByOrg.set(l.org_id, (sumByOrg.get(l.org_id) ?? 0n) + sumInsured);
      return { policyId: m.certificate.id, orgId: l.org_id, premium, sumInsured };
    }),
  );
  for (const [orgId, extra] of record.masterSumExtra ?? [])
    sumByOrg.set(orgId, (sumByOrg.get(orgId) ?? 0n) + extra);
  const masterDeltas = masterLines.map((l) => ({
    orgId: l.org_id,
    premium: premiumByOrg.get(l.org_id) ?? 0n,
    sumInsured: sumByOrg.get(l.org_id) ?? 0n,
  }));
  await moveLinesOfPolicies(ctx.db, certificateDeltas);
  await moveLines(ctx.db, master.id, masterDeltas);
  const certificateCessions = moves.flatMap((m) => m.cessions);
  await insertCessions(ctx.db, [
    ...certificateCessions,
    ...sumCessions([...certificateCessions, ...(record.masterCessionExtra ?? [])], master.id, seq),
  ]);
  const premiumDelta = masterDeltas.reduce((s, d) => s + d.premium, 0n);
  const lineDeltas = masterDeltas.map((d) => ({ orgId: d.orgId, delta: formatYuan(d.premium) }));
  await insertEndorsements(ctx.db, [
    ...record.certificateRows,
    {
      policy_id: master.id,
      seq,
      kind: record.kind,
      effective_date: record.effective,
      changes: record.changes,
      premium_before: master.premium,
      premium_after: record.premiumAfter,
      premium_delta: premiumDelta,
      line_deltas: lineDeltas,
      reason: record.reason,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    },
  ]);
  await postJournal(ctx, {
    kind: record.kind,
    policyId: master.id,
    description: record.description,
    productCode: master.product_code,
    statisticalClass: master.statistical_class,
    lines: groupJournalLines(master, moves),
  });
  return { seq, premiumDelta, lineDeltas, masterDeltas };
}

/** A certificate's own endorsement or cancellation row. */
function certificateRow(
  ctx: Ctx,
  m: CertificateMove,
  kind: 'endorse' | 'cancel',
  effective: string,
  changes: Record<string, unknown>,
  premiumAfter: Fen,
  reason: string | null,
): EndorsementRow {
  const delta = m.premiumDeltas.reduce((s, d) => s + d, 0n);
  return {
    policy_id: m.certificate.id,
    seq: m.certificate.endorsement_seq + 1,
    kind,
    effective_date: effective,
    changes,
    premium_before: m.certificate.premium,
    premium_after: premiumAfter,
    premium_delta: delta,
    line_deltas: m.lines.map((l, i) => ({ orgId: l.org_id, delta: formatYuan(m.premiumDeltas[i] as Fen) })),
    reason,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  };
}

/** A certificate's refund from `cancelDate` split by its lines, with its cessions returned in proportion. */
function refundMove(
  certificate: PolicyRow,
  lines: readonly PolicyLineRow[],
  cessions: readonly CessionRow[],
  input: CancelInput,
): CertificateMove & { refund: Fen } {
  const refund = cancellationRefund({
    premium: certificate.written_premium,
    startDate: certificate.start_date,
    endDate: certificate.end_date,
    cancelDate: input.cancelDate,
    method: input.method,
  });
  const shares = lines.map((l) => l.share);
  const premiumDeltas = refund === 0n ? zeros(lines.length) : allocate(-refund, shares);
  const sumDeltas = zeros(lines.length);
  const { moves } = cessionMoves(cessions, lines, premiumDeltas, sumDeltas, certificate.endorsement_seq + 1);
  return { certificate, lines, premiumDeltas, sumDeltas, cessions: moves, refund };
}

/**
 * A member certificate endorsed (批改) by the lead: re-rated on the member's own request and facts, the
 * movement split by its lines, its cessions moved and each co-insurer's retention re-checked per member;
 * the master moves by the same amounts, posted on the master tagged with the certificate. The period is
 * the group's: a certificate's end date is not changed on its own (`endorsement.group_period`).
 */
export async function endorseCertificate(
  ctx: Ctx,
  cache: CatalogCache,
  found: PolicyRow,
  input: EndorseInput,
): Promise<PolicyRow> {
  const master = await findPolicy(ctx.db, found.master_policy_id as string, true);
  const certificate = await findPolicy(ctx.db, found.id, true);
  if (!master || !certificate || master.lead_org_id !== ctx.actor.orgId) throw problem('policy.not_found');
  if (master.status !== 'in_force')
    throw problem('policy.not_in_force', { params: { status: master.status } });
  checkEffective(certificate, input.effectiveDate);
  if (input.endDate !== undefined && input.endDate !== certificate.end_date) {
    throw problem('endorsement.group_period', { params: { end: master.end_date } });
  }
  const { endDate: _sameEnd, ...terms } = input;
  const rated = await rerateEndorsement(ctx, cache, certificate, terms);
  const lines = await linesOf(ctx.db, certificate.id);
  const shares = lines.map((l) => l.share);
  const sumDelta = rated.sumInsured - certificate.sum_insured;
  const premiumDeltas = rated.delta === 0n ? zeros(lines.length) : allocate(rated.delta, shares);
  const sumDeltas = sumDelta === 0n ? zeros(lines.length) : allocate(sumDelta, shares);
  const { moves: cessions, netAfter } = cessionMoves(
    await cessionsOf(ctx.db, certificate.id),
    lines,
    premiumDeltas,
    sumDeltas,
    certificate.endorsement_seq + 1,
  );
  // Per risk is per member: each co-insurer's net retention on this member's risk.
  for (const n of netAfter) if (n.raised) await checkNetRetention(ctx, n.orgId, n.net);
  const move: CertificateMove = { certificate, lines, premiumDeltas, sumDeltas, cessions };
  const masterLines = await linesOf(ctx.db, master.id);
  const memberChanges = { certificate: { id: certificate.id, number: certificate.number }, ...rated.changes };
  const masterPremium = master.premium + rated.premium - certificate.premium;
  const { seq, lineDeltas } = await storeGroupMovement(ctx, master, masterLines, [move], {
    kind: 'endorse',
    effective: input.effectiveDate,
    changes: {
      member: memberChanges,
      ...(sumDelta !== 0n
        ? {
            sumInsured: {
              from: formatYuan(master.sum_insured),
              to: formatYuan(master.sum_insured + sumDelta),
            },
          }
        : {}),
    },
    premiumAfter: masterPremium,
    reason: input.reason,
    certificateRows: [
      certificateRow(ctx, move, 'endorse', input.effectiveDate, rated.changes, rated.premium, input.reason),
    ],
    description: `批改 ${master.number} 成员凭证 ${certificate.number}`,
  });
  await applyPolicyChange(ctx.db, certificate.id, {
    status: 'in_force',
    endDate: certificate.end_date,
    sumInsured: rated.sumInsured,
    premium: rated.premium,
    writtenPremium: certificate.written_premium + rated.delta,
    request: rated.next as Record<string, unknown>,
    endorsementSeq: certificate.endorsement_seq + 1,
    lastEffective: input.effectiveDate,
    cancelledOn: null,
    at: ctx.now,
  });
  await applyPolicyChange(ctx.db, master.id, {
    status: 'in_force',
    endDate: master.end_date,
    sumInsured: master.sum_insured + sumDelta,
    premium: masterPremium,
    writtenPremium: master.written_premium + rated.delta,
    request: master.request,
    endorsementSeq: seq,
    lastEffective: later(master.last_effective, input.effectiveDate),
    cancelledOn: null,
    at: ctx.now,
  });
  if (master.pool_code && sumDelta > 0n) await takePoolCapacity(ctx, master.pool_code, sumDelta);
  if (master.pool_code && sumDelta < 0n) await releasePoolCapacity(ctx, master.pool_code, -sumDelta);
  const payload = {
    policyId: master.id,
    number: master.number,
    seq,
    effectiveDate: input.effectiveDate,
    premiumDelta: formatYuan(rated.delta),
    lineDeltas,
    changes: memberChanges,
    certificate: { id: certificate.id, number: certificate.number, enterpriseId: certificate.enterprise_id },
  };
  ctx.audit({
    action: 'policy.endorse',
    entityType: 'policy',
    entityId: certificate.id,
    before: {
      premium: formatYuan(certificate.premium),
      sumInsured: formatYuan(certificate.sum_insured),
      masterPremium: formatYuan(master.premium),
    },
    after: { ...payload, premium: formatYuan(rated.premium), masterPremium: formatYuan(masterPremium) },
  });
  // The master's figures moved: the cockpit's exposure follows the master, the member and the park see it.
  ctx.emit({
    type: 'policy.endorsed',
    aggregateType: 'policy',
    aggregateId: master.id,
    payload,
    orgIds: audienceOf(master, masterLines, certificate.enterprise_org),
  });
  return (await findPolicy(ctx.db, certificate.id)) as PolicyRow;
}

/**
 * A member leaving the group (减员), asked by the park or the lead: the certificate cancelled from 00:00 of
 * the date with its refund split by its lines and its cessions returned; the master's premium, written
 * premium, sum insured, lines and cessions drop by the member's; pool capacity given back.
 */
export async function cancelCertificate(ctx: Ctx, found: PolicyRow, input: CancelInput): Promise<PolicyRow> {
  const master = await findPolicy(ctx.db, found.master_policy_id as string, true);
  // The park (the group's policyholder) or the lead takes a member out; the member itself cannot.
  if (!master || !mayCancel(ctx, master)) throw problem('policy.not_found');
  const certificates = await lockCertificates(ctx.db, master.id);
  const certificate = certificates.find((c) => c.id === found.id) as PolicyRow;
  if (master.status !== 'in_force')
    throw problem('policy.not_in_force', { params: { status: master.status } });
  checkEffective(certificate, input.cancelDate);
  if (!certificates.some((c) => c.id !== certificate.id && c.status === 'in_force')) {
    throw problem('group.last_member', { params: { number: master.number } });
  }
  const lines = await linesOf(ctx.db, certificate.id);
  const cessions = await cessionsOf(ctx.db, certificate.id);
  const move = refundMove(certificate, lines, cessions, input);
  const masterLines = await linesOf(ctx.db, master.id);
  // The member's cover leaves the master: its lines' sum insured and what its cessions ceded of it.
  const masterSumExtra = new Map(lines.map((l) => [l.org_id, -l.sum_insured]));
  const masterCessionExtra = cumulativeCessions(cessions).map((c) => ({
    ...c,
    ceded_sum_insured: -c.ceded_sum_insured,
    ceded_premium: 0n,
    commission: 0n,
  }));
  const masterPremium = master.premium - certificate.premium;
  const refund = formatYuan(move.refund);
  const { seq, lineDeltas } = await storeGroupMovement(ctx, master, masterLines, [move], {
    kind: 'endorse',
    effective: input.cancelDate,
    changes: {
      memberExit: {
        certificate: { id: certificate.id, number: certificate.number },
        enterpriseId: certificate.enterprise_id,
        method: input.method,
        refund,
      },
      sumInsured: {
        from: formatYuan(master.sum_insured),
        to: formatYuan(master.sum_insured - certificate.sum_insured),
      },
    },
    premiumAfter: masterPremium,
    reason: input.reason,
    certificateRows: [
      certificateRow(
        ctx,
        move,
        'cancel',
        input.cancelDate,
        { method: input.method, refund },
        certificate.premium,
        input.reason,
      ),
    ],
    masterSumExtra,
    masterCessionExtra,
    description: `减员 ${master.number} 成员凭证 ${certificate.number} 退保`,
  });
  await cancelCertificates(
    ctx.db,
    [
      {
        id: certificate.id,
        writtenPremium: certificate.written_premium - move.refund,
        endorsementSeq: certificate.endorsement_seq + 1,
      },
    ],
    input.cancelDate,
    ctx.now,
  );
  await applyPolicyChange(ctx.db, master.id, {
    status: 'in_force',
    endDate: master.end_date,
    sumInsured: master.sum_insured - certificate.sum_insured,
    premium: masterPremium,
    writtenPremium: master.written_premium - move.refund,
    request: master.request,
    endorsementSeq: seq,
    lastEffective: later(master.last_effective, input.cancelDate),
    cancelledOn: null,
    at: ctx.now,
  });
  if (master.pool_code) await releasePoolCapacity(ctx, master.pool_code, certificate.sum_insured);
  const lineRefunds = lines.map((l, i) => ({
    orgId: l.org_id,
    refund: formatYuan(-(move.premiumDeltas[i] as Fen)),
  }));
  const payload = {
    policyId: certificate.id,
    number: certificate.number,
    masterPolicyId: master.id,
    masterNumber: master.number,
    cancelDate: input.cancelDate,
    method: input.method,
    refund,
    subsidy: formatYuan(0n),
    subsidyReturned: formatYuan(0n),
    enterpriseId: certificate.enterprise_id,
    lineRefunds,
  };
  ctx.audit({
    action: 'policy.member_exit',
    entityType: 'policy',
    entityId: certificate.id,
    before: {
      status: certificate.status,
      masterPremium: formatYuan(master.premium),
      masterSumInsured: formatYuan(master.sum_insured),
    },
    after: {
      ...payload,
      masterPremium: formatYuan(masterPremium),
      masterSumInsured: formatYuan(master.sum_insured - certificate.sum_insured),
    },
  });
  const audience = audienceOf(master, masterLines, certificate.enterprise_org);
  ctx.emit({
    type: 'policy.cancelled',
    aggregateType: 'policy',
    aggregateId: certificate.id,
    payload,
    orgIds: audience,
  });
  ctx.emit({
    type: 'policy.endorsed',
    aggregateType: 'policy',
    aggregateId: master.id,
    payload: {
      policyId: master.id,
      number: master.number,
      seq,
      effectiveDate: input.cancelDate,
      premiumDelta: formatYuan(-move.refund),
      lineDeltas,
      changes: { memberExit: { certificate: certificate.number, refund } },
    },
    orgIds: audience,
  });
  return (await findPolicy(ctx.db, certificate.id)) as PolicyRow;
}

/**
 * The group policy cancelled (退保/注销), its master locked: every certificate still in force cancelled from
 * the same date, each refunded on its own written premium and split by its lines, cessions returned; the
 * master's refund is the sum of theirs, each co-insurer's part the sum of its parts, one entry on the master.
 */
export async function cancelGroupPolicy(ctx: Ctx, master: PolicyRow, input: CancelInput): Promise<PolicyRow> {
  checkEffective(master, input.cancelDate);
  const inForce = (await lockCertificates(ctx.db, master.id)).filter((c) => c.status === 'in_force');
  for (const c of inForce) checkEffective(c, input.cancelDate);
  const ids = inForce.map((c) => c.id);
  const linesBy = groupBy(await linesOfPolicies(ctx.db, ids), (l) => l.policy_id);
  const cessionsBy = groupBy(await cessionsOfPolicies(ctx.db, ids), (c) => c.policy_id);
  const moves = inForce.map((c) => refundMove(c, linesBy.get(c.id) ?? [], cessionsBy.get(c.id) ?? [], input));
  const refund = moves.reduce((s, m) => s + m.refund, 0n);
  const masterLines = await linesOf(ctx.db, master.id);
  const certificates = moves.map((m) => ({
    id: m.certificate.id,
    number: m.certificate.number,
    refund: formatYuan(m.refund),
  }));
  const { seq, masterDeltas } = await storeGroupMovement(ctx, master, masterLines, moves, {
    kind: 'cancel',
    effective: input.cancelDate,
    changes: { method: input.method, refund: formatYuan(refund), certificates: certificates.length },
    premiumAfter: master.premium,
    reason: input.reason,
    certificateRows: moves.map((m) =>
      certificateRow(
        ctx,
        m,
        'cancel',
        input.cancelDate,
        { method: input.method, refund: formatYuan(m.refund), withGroup: master.number },
        m.certificate.premium,
        input.reason,
      ),
    ),
    description: `退保 ${master.number}（${moves.length} 张成员凭证）`,
  });
  await cancelCertificates(
    ctx.db,
    moves.map((m) => ({
      id: m.certificate.id,
      writtenPremium: m.certificate.written_premium - m.refund,
      endorsementSeq: m.certificate.endorsement_seq + 1,
    })),
    input.cancelDate,
    ctx.now,
  );
  await applyPolicyChange(ctx.db, master.id, {
    status: 'cancelled',
    endDate: master.end_date,
    sumInsured: master.sum_insured,
    premium: master.premium,
    writtenPremium: master.written_premium - refund,
    request: master.request,
    endorsementSeq: seq,
    lastEffective: input.cancelDate,
    cancelledOn: input.cancelDate,
    at: ctx.now,
  });
  const released = inForce.reduce((s, c) => s + c.sum_insured, 0n);
  if (master.pool_code && released > 0n) await releasePoolCapacity(ctx, master.pool_code, released);
  const payload = {
    policyId: master.id,
    number: master.number,
    cancelDate: input.cancelDate,
    method: input.method,
    refund: formatYuan(refund),
    subsidy: formatYuan(0n),
    subsidyReturned: formatYuan(0n),
    enterpriseId: master.enterprise_id,
    lineRefunds: masterDeltas.map((d) => ({ orgId: d.orgId, refund: formatYuan(-d.premium) })),
    certificates,
  };
  ctx.audit({
    action: 'policy.cancel',
    entityType: 'policy',
    entityId: master.id,
    before: { status: master.status },
    after: payload,
  });
  ctx.emit({
    type: 'policy.cancelled',
    aggregateType: 'policy',
    aggregateId: master.id,
    payload,
    orgIds: audienceOf(master, masterLines, ...inForce.map((c) => c.enterprise_org)),
  });
  return (await findPolicy(ctx.db, master.id)) as PolicyRow;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
