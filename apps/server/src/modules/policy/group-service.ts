import type { EnterpriseFacts, QuoteRequest } from '@kebao/domain/catalog';
import { requestTermDays } from '@kebao/domain/catalog';
import { allocate, type Fen, formatYuan } from '@kebao/domain/money';
import { certificateNumber, policyNumber, sumInsuredOf } from '@kebao/domain/policy';
import { addDays, compareDates, parseCalendarDate, shanghaiDateOf } from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { takeSandboxRoom } from '../catalog/sandbox.ts';
import { enterpriseOfOrganisation, enterprisesInParks } from '../enterprise/service.ts';
import { postJournal } from '../ledger/service.ts';
import { cessionsAtBind, standingLines, takePoolCapacity } from '../placement/service.ts';
import { type CertificateMove, groupJournalLines } from './group-lifecycle.ts';
import { bindCessionRows, sumCessions } from './movement.ts';
import { insertCessions, insertPolicy, insertPolicyLines, nextPolicySeq, type PolicyRow } from './repo.ts';
import type { BindDeps } from './service.ts';

/*
 * Group purchase (集中投保, Shanghai 2025 三): a park or incubator buys a standard package for the firms in
 * it as one master policy with a certificate per member. Each member is rated on its own registry facts
 * and must be offered on them (no referral in a group); the master's premium and sum insured are the
 * members' sums. The buyer is the park's own registered enterprise, and every member's profile must name
 * the same park. Lines are the writer at 100 % or the pool's default shares; per risk means per member,
 * so pool capacity, sandbox room and the retention check are taken member by member. The park pays: the
 * master carries the journal, each member's posting in it tagged with its certificate; certificates are its
 * breakdown (each with its lines and cessions, summing exactly; the master's are their sums). Endorsement,
 * a member's exit and the group's cancellation: group-lifecycle.ts.
 */

export const GROUP_MAX_MEMBERS = 500;

export interface GroupMemberInput {
  enterpriseId: string;
  request: QuoteRequest;
}

export interface GroupInput {
  productCode: string;
  startDate?: string | undefined;
  options?: Record<string, string | number | boolean> | undefined;
  members: GroupMemberInput[];
}

export async function bindGroupPolicy(ctx: Ctx, deps: BindDeps, input: GroupInput): Promise<PolicyRow> {
  const buyer = ctx.actor.orgId ? await enterpriseOfOrganisation(ctx.db, ctx.actor.orgId) : null;
  if (!buyer) throw problem('enterprise.not_registered');
  const cached = await deps.cache.get(input.productCode);
  if (!cached) throw problem('product.not_found');
  const { version, product } = cached;
  if (version.status !== 'filed' && version.status !== 'sandbox') throw problem('quote.product_unavailable');

  const today = shanghaiDateOf(ctx.now);
  const start = input.startDate ? parseCalendarDate(input.startDate) : addDays(today, 1);
  if (compareDates(start, today) < 0) throw problem('quote.start_in_past');
  const term = requestTermDays({ startDate: start });
  const end = addDays(start, term - 1);

  const ids = input.members.map((m) => m.enterpriseId);
  if (new Set(ids).size !== ids.length) {
    throw problem('request.invalid', {
      errors: [
        {
          path: '/body/members',
          code: 'group.duplicate_member',
          message_zh: '成员企业重复',
          message_en: 'A member is listed twice',
        },
      ],
    });
  }
  const rows = new Map((await enterprisesInParks(ctx.db, ids)).map((r) => [r.id, r]));
  const buyerPark = (await enterprisesInParks(ctx.db, [buyer.id]))[0]?.park ?? null;
  const priced = input.members.map((m, i) => {
    const row = rows.get(m.enterpriseId);
    const path = `/body/members/${i}/enterpriseId`;
    if (!row) {
      throw problem('request.invalid', {
        errors: [
          {
            path,
            code: 'group.member_unknown',
            message_zh: '企业名录中没有该企业',
            message_en: 'No such enterprise in the registry',
          },
        ],
      });
    }
    if (!buyerPark || row.park !== buyerPark) {
      throw problem('request.invalid', {
        errors: [
          {
            path,
            code: 'group.member_outside_park',
            message_zh: `${row.name} 不在本园区（${buyerPark ?? '投保方画像未填写园区'}）`,
            message_en: `${row.name} is not in the buyer's park`,
          },
        ],
      });
    }
    const request: QuoteRequest = {
      ...m.request,
      ...(input.options ? { options: { ...input.options, ...(m.request.options ?? {}) } } : {}),
      startDate: start,
      termDays: term,
    };
    const evaluation = cached.quote({ enterprise: row.facts as EnterpriseFacts, request });
    if (evaluation.outcome !== 'accept' || evaluation.premiumFen === null) {
      const why = evaluation.reasons.map((r) => r.message.zh).join('；') || evaluation.outcome;
      throw problem('group.member_not_eligible', {
        params: { name: `${row.name}（${why}）` },
        detail: `member ${i}`,
      });
    }
    const sumInsured = sumInsuredOf(cached.definition, request);
    return { row, request, premium: evaluation.premiumFen, sumInsured };
  });

  const lines = await standingLines(
    ctx.db,
    { orgId: product.writer_org_id, poolCode: product.writer_pool_code },
    start,
  );
  if (lines.length === 0) throw problem('pool.no_members');
  const shares = lines.map((l) => l.share);
  const premium = priced.reduce((s, m) => s + m.premium, 0n);
  const sumInsured = priced.reduce((s, m) => s + m.sumInsured, 0n);

  for (const m of priced) {
    if (product.writer_pool_code) await takePoolCapacity(ctx, product.writer_pool_code, m.sumInsured);
    await takeSandboxRoom(ctx, {
      code: version.code,
      version: version.version,
      sumInsured: m.sumInsured,
      facts: m.row.facts as never,
    });
  }
  // Each member's lines split its own premium and sum insured exactly; per risk = per member: each member's
  // lines are ceded (and each participant's retention checked) on their own. The master's lines and
  // cessions are the sums of its certificates'.
  const members: ((typeof priced)[number] & {
    id: string;
    premiums: Fen[];
    sums: Fen[];
    cessions: Awaited<ReturnType<typeof cessionsAtBind>>;
  })[] = [];
  for (const m of priced) {
    const memberSums = allocate(m.sumInsured, shares);
    const memberPremiums = allocate(m.premium, shares);
    const result = await cessionsAtBind(ctx, {
      statisticalClass: product.statistical_class,
      startDate: start,
      participants: lines.map((l, i) => ({
        orgId: l.orgId,
        sumInsured: memberSums[i] as Fen,
        premium: memberPremiums[i] as Fen,
        facultative: [],
      })),
    });
    members.push({ ...m, id: newId(), premiums: memberPremiums, sums: memberSums, cessions: result });
  }
  const premiums = lines.map((_, i) => members.reduce((s, m) => s + (m.premiums[i] as Fen), 0n));
  const sums = lines.map((_, i) => members.reduce((s, m) => s + (m.sums[i] as Fen), 0n));

  const masterId = newId();
  const number = policyNumber(version.code, Number(today.slice(0, 4)), await nextPolicySeq(ctx.db));
  const base = {
    placement_id: null,
    quote_id: null,
    broker_org_id: null,
    lead_org_id: lines.find((l) => l.lead)?.orgId ?? (lines[0]?.orgId as string),
    pool_code: product.writer_pool_code,
    product_code: version.code,
    product_version: version.version,
    statistical_class: product.statistical_class,
    sandbox: version.status === 'sandbox',
    status: 'in_force' as const,
    start_date: start,
    end_date: end,
    subsidy: 0n,
    subsidy_funder: null,
    insured_retention: 0,
    collection_mode: 'lead_collects' as const,
    prior_policy_id: null,
    endorsement_seq: 0,
    last_effective: null,
    cancelled_on: null,
    bound_by: ctx.actor.userId,
    bound_at: ctx.now,
    updated_at: ctx.now,
  };
  const master: PolicyRow = {
    ...base,
    id: masterId,
    number,
    enterprise_id: buyer.id,
    enterprise_org: buyer.org_id,
    sum_insured: sumInsured,
    premium,
    written_premium: premium,
    net_payable: premium,
    request: { group: true, members: priced.length, options: input.options ?? {} },
    facts: buyer.facts,
    master_policy_id: null,
    member_seq: null,
  };
  await insertPolicy(ctx.db, master);
  const lineRows = (policyId: string, p: Fen[], s: Fen[]) =>
    lines.map((l, i) => ({
      policy_id: policyId,
      org_id: l.orgId,
      role: l.lead ? ('lead' as const) : ('follower' as const),
      written: l.share,
      share: l.share,
      premium: p[i] as Fen,
      sum_insured: s[i] as Fen,
    }));
  await insertPolicyLines(ctx.db, lineRows(masterId, premiums, sums));
  const moves: CertificateMove[] = [];
  for (const [i, m] of members.entries()) {
    const id = m.id;
    const certificate: PolicyRow = {
      ...base,
      id,
      number: certificateNumber(number, i + 1),
      enterprise_id: m.row.id,
      enterprise_org: m.row.org_id,
      sum_insured: m.sumInsured,
      premium: m.premium,
      written_premium: m.premium,
      net_payable: m.premium,
      request: m.request as Record<string, unknown>,
      facts: m.row.facts,
      master_policy_id: masterId,
      member_seq: i + 1,
    };
    await insertPolicy(ctx.db, certificate);
    const certificateLines = lineRows(id, m.premiums, m.sums);
    await insertPolicyLines(ctx.db, certificateLines);
    const cessions = bindCessionRows(id, m.cessions);
    moves.push({
      certificate,
      lines: certificateLines,
      premiumDeltas: m.premiums,
      sumDeltas: m.sums,
      cessions,
    });
  }
  const certificateCessions = moves.flatMap((m) => m.cessions);
  await insertCessions(ctx.db, [...certificateCessions, ...sumCessions(certificateCessions, masterId, 0)]);
  // The park pays: one entry on the master, each member's posting in it tagged with its certificate.
  await postJournal(ctx, {
    kind: 'bind',
    policyId: masterId,
    description: `团体出单 ${number}（${priced.length} 家成员）`,
    productCode: version.code,
    statisticalClass: product.statistical_class,
    lines: groupJournalLines(master, moves),
  });
  const summary = {
    number,
    members: priced.length,
    premium: formatYuan(premium),
    sumInsured: formatYuan(sumInsured),
    memberPremiums: priced.map((m) => ({ enterpriseId: m.row.id, premium: formatYuan(m.premium) })),
  };
  ctx.audit({ action: 'policy.bind_group', entityType: 'policy', entityId: masterId, after: summary });
  ctx.emit({
    type: 'policy.bound',
    aggregateType: 'policy',
    aggregateId: masterId,
    payload: {
      policyId: masterId,
      ...summary,
      group: true,
      productCode: version.code,
      statisticalClass: product.statistical_class,
      enterpriseId: buyer.id,
      startDate: start,
      endDate: end,
      poolCode: product.writer_pool_code,
      sandbox: master.sandbox,
    },
    orgIds: [...lines.map((l) => l.orgId), ...priced.flatMap((m) => (m.row.org_id ? [m.row.org_id] : []))],
  });
  return master;
}
