import { allPermissions, type OrganisationKind } from '@kebao/domain/org';
import { WHOLE } from '@kebao/domain/placement';
import { addDays, parseCalendarDate, shanghaiDateOf, startOfDayInstant } from '@kebao/domain/time';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { CatalogCache } from '../modules/catalog/catalog-cache.ts';
import {
  approveClaim,
  closeClaim,
  declineClaim,
  fileClaim,
  payClaim,
  registerClaim,
} from '../modules/claim/service.ts';
import { recordPayment } from '../modules/ledger/billing-service.ts';
import { closeMonth } from '../modules/ledger/close-service.ts';
import { invoicesOfPolicy } from '../modules/ledger/service.ts';
import { drawUpStatement, settleStatement, voidStatement } from '../modules/ledger/settlement-service.ts';
import { subsidyCounterparties, subsidyListing } from '../modules/ledger/subsidy-settlement-service.ts';
import { registerPolicies } from '../modules/monitor/registration-service.ts';
import { DEMO_REINSURER } from '../modules/placement/demo-seed.ts';
import { inviteFollowers, placementTermsOfQuote, writeLine } from '../modules/placement/service.ts';
import { bindQuote, cancelPolicy, endorsePolicy, renewPolicy } from '../modules/policy/service.ts';
import { acceptQuote, requestQuote } from '../modules/quote/request-service.ts';
import { reviewGrant } from '../modules/subsidy/review-service.ts';
import {
  approveQuota,
  confirmGrant,
  grantsOf,
  lapseUnconfirmed,
  payGrant,
  submitApplication,
  subsidyEngine,
  uploadMaterial,
} from '../modules/subsidy/service.ts';
import type { Actor } from '../platform/actor.ts';
import { systemActor } from '../platform/actor.ts';
import { AppError } from '../platform/errors.ts';
import { type Ctx, createTxRunner } from '../platform/transaction.ts';
import {
  brokerClients,
  enterpriseOfOrg,
  hasPolicies,
  otherInsurers,
  registryInsureds,
  userByEmail,
} from './repo.ts';

/*
 * A year of demo activity (演示业务), so a new zone is not empty tables: quotes for the demo enterprise and
 * for the broker's clients, binds (some co-insured with a follower, the IC pool's by its default shares),
 * payments — on time, late, partial, over or never —, endorsements, cancellations, the monthly closes,
 * quarterly settlements with followers and the reinsurer, the funder's quarterly subsidy settlement statements
 * (补贴结算单) with the insurers it owes subsidy, claims (noticed, registered, settled or
 * declined, with the reporting and settlement lags of each kind of risk). Every step goes through the same services the
 * API uses, in its own transaction, on a clock walked forward through the past year, so every invariant
 * holds (`kebao ledger verify` passes on it). Deterministic for a seed. Runs once, on a zone without
 * policies.
 */

export interface DemoActivityOptions {
  /** Policies to try to bind over the period (some quotes are referred or declined and bind nothing). */
  policies: number;
  /** Days back from today the activity starts. */
  days: number;
  seed: number;
  now: Date;
}

export interface DemoActivityReport {
  quotes: number;
  policies: number;
  payments: number;
  endorsements: number;
  cancellations: number;
  closes: number;
  settlements: number;
  claims: number;
  claimsPaid: number;
  renewals: number;
  registered: number;
  skipped: number;
}

type Step = { at: Date; seq: number; run: () => Promise<unknown> };

export async function seedDemoActivity(
  pool: pg.Pool,
  cache: CatalogCache,
  log: Logger,
  options: DemoActivityOptions,
): Promise<DemoActivityReport | null> {
  if (options.policies <= 0 || (await hasPolicies(pool))) return null;
  const [broker, enterprise, lead, follower, funderUser] = await Promise.all(
    ['broker', 'enterprise', 'insurer', 'insurer2', 'funder'].map((who) =>
      userByEmail(pool, `${who}@demo.kebao.cn`),
    ),
  );
  if (!broker || !enterprise || !lead || !follower) return null;
  const [leadOrg, followerOrg] = [lead.org_id, follower.org_id];
  const clients = await brokerClients(pool, 400);
  const subsidies = subsidyEngine(cache);

  let clock = options.now;
  const tx = createTxRunner({ pool, clock: () => clock });
  const random = mulberry32(options.seed);
  // Losses draw from their own stream, so adding them left the rest of the year as it was.
  const lossRandom = mulberry32(options.seed + 7919);
  const renewalRandom = mulberry32(options.seed + 104_729);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const report: DemoActivityReport = {
    quotes: 0,
    policies: 0,
    payments: 0,
    endorsements: 0,
    cancellations: 0,
    closes: 0,
    settlements: 0,
    claims: 0,
    claimsPaid: 0,
    renewals: 0,
    registered: 0,
    skipped: 0,
  };
  const actor = (u: NonNullable<typeof broker>): Actor => ({
    type: 'user',
    userId: u.user_id,
    orgId: u.org_id,
    orgKind: u.kind as OrganisationKind,
    displayName: u.name_zh,
    permissions: new Set(allPermissions),
    sessionId: null,
    tokenId: null,
  });
  const asBroker = actor(broker);
  const asEnterprise = actor(enterprise);
  const asLead = actor(lead);
  const asFollower = actor(follower);

  // The timeline: steps sorted by time; a step may schedule later ones.
  const steps: Step[] = [];
  let seq = 0;
  const schedule = (at: Date, run: () => Promise<unknown>) => {
    if (at.getTime() >= options.now.getTime()) return;
    const step = { at, seq: seq++, run };
    let i = steps.length;
    while (i > 0 && before(step, steps[i - 1] as Step)) i--;
    steps.splice(i, 0, step);
  };
  const attempt = async <T>(as: Actor, fn: (ctx: Ctx) => Promise<T>): Promise<T | null> => {
    try {
      return await tx(as, 'demo-activity', fn);
    } catch (error) {
      if (error instanceof AppError) {
        report.skipped++;
        return null;
      }
      throw error;
    }
  };
  const at = (day: string, minutes: number) =>
    new Date(startOfDayInstant(parseCalendarDate(day)).getTime() + minutes * 60_000);
  const first = addDays(shanghaiDateOf(options.now), -options.days);

  // New business follows the season: busy before the year-end and in spring, quiet at the Spring
  // Festival and in summer (weights per month, January first).
  const MONTH_WEIGHTS = [1.2, 0.6, 1.2, 1.0, 0.9, 1.1, 0.8, 0.8, 1.0, 1.0, 1.1, 1.4];
  const cumulative: number[] = [];
  for (let d = 0, sum = 0; d < options.days; d++) {
    sum += MONTH_WEIGHTS[Number(addDays(first, d).slice(5, 7)) - 1] as number;
    cumulative.push(sum);
  }
  const seasonalDay = (i: number): string => {
    const target = ((i + 0.5) / options.policies) * (cumulative[cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return addDays(first, lo);
  };

  for (let i = 0; i < options.policies; i++) {
    const forDemoEnterprise = i % 8 === 0;
    const client = forDemoEnterprise ? null : pick(clients);
    if (!forDemoEnterprise && !client) continue;
    const requester = forDemoEnterprise ? asEnterprise : asBroker;
    const product =
      client?.ic && random() < 0.5
        ? 'KB-BR-ICPOOL'
        : random() < 0.7 || forDemoEnterprise
          ? 'KB-BR-CYBER'
          : 'KB-BR-SMEPACK';
    const coInsure = product === 'KB-BR-CYBER' && random() < 0.35;
    const request =
      product === 'KB-BR-ICPOOL'
        ? {
            sumInsured: pick(['150000000.00', '300000000.00', '800000000.00']),
            options: { fab_type: 'wafer_fab' },
          }
        : product === 'KB-BR-CYBER'
          ? { limit: pick(['1000000.00', '2000000.00', '5000000.00', '10000000.00']) }
          : { sumInsured: pick(['1000000.00', '2000000.00', '3000000.00', '5000000.00']) };
    const fate = random();
    const payDelay = 3 + Math.floor(random() * 40);
    const laterDelay = 40 + Math.floor(random() * 220);
    const loss = lossOf(product, lossRandom);
    schedule(at(seasonalDay(i), 9 * 60 + 30 + (i % 300)), async () => {
      const quote = await attempt(requester, (ctx) =>
        requestQuote(ctx, cache, {
          productCode: product,
          ...(client
            ? {
                enterpriseId: client.id,
                mandate: {
                  reference: `WT-${shanghaiDateOf(ctx.now).slice(0, 4)}-${String(i + 1).padStart(4, '0')}`,
                  validUntil: addDays(shanghaiDateOf(ctx.now), 365),
                },
              }
            : {}),
          request: request as never,
        }),
      );
      if (!quote) return;
      report.quotes++;
      await carryOn(quote, {
        requester,
        product,
        coInsure,
        fate,
        payDelay,
        laterDelay,
        loss,
        forDemoEnterprise,
      });
    });
  }

  interface Fate {
    requester: Actor;
    product: string;
    coInsure: boolean;
    fate: number;
    payDelay: number;
    laterDelay: number;
    loss: Loss | null;
    forDemoEnterprise: boolean;
  }

  /**
   * An offered quote's life: accepted, placed (co-insured 60/40 with the follower for some cyber risks),
   * bound, paid (or not), perhaps endorsed, cancelled or claimed on, and — about seven in ten — renewed
   * a fortnight before it ends, the renewal living the same kind of life.
   */
  async function carryOn(quote: { id: string; status: string; insurer_org_id: string }, f: Fate) {
    const { requester, product, coInsure, fate, payDelay, laterDelay, loss, forDemoEnterprise } = f;
    if (quote.status !== 'offered') return;
    if (!(await attempt(requester, (ctx) => acceptQuote(ctx, cache, quote.id)))) return;
    if (coInsure && quote.insurer_org_id === leadOrg) {
      const slip = await placementTermsOfQuote(pool, quote.id);
      if (slip) {
        await attempt(asLead, (ctx) => inviteFollowers(ctx, slip.placementId, [followerOrg]));
        await attempt(asLead, (ctx) =>
          writeLine(ctx, slip.placementId, { written: (WHOLE * 3) / 5, toStand: false, terms: slip.terms }),
        );
        await attempt(asFollower, (ctx) =>
          writeLine(ctx, slip.placementId, { written: (WHOLE * 2) / 5, toStand: false, terms: slip.terms }),
        );
      }
    }
    const policy = await attempt(requester, (ctx) =>
      bindQuote(ctx, { cache, subsidy: subsidies }, quote.id, {}),
    );
    if (!policy) return;
    report.policies++;
    // The demo enterprise confirms its 免申即享 subsidy the next day; the broker's clients (no account
    // on the platform) cannot, and theirs lapse at the next pass.
    if (forDemoEnterprise) {
      schedule(addMinutes(clock, 1440), async () => {
        for (const g of await grantsOf(pool, policy.id)) {
          if (g.status === 'reserved') await attempt(asEnterprise, (ctx) => confirmGrant(ctx, g.id));
        }
      });
    }
    if (loss) scheduleClaim(policy, requester, loss);
    // Money: 78 % pay in full, 8 % in two parts, 4 % a little too much, the rest not yet.
    schedule(addMinutes(clock, payDelay * 1440), () =>
      pay(policy.id, fate, forDemoEnterprise ? 'statement' : 'transfer'),
    );
    if (fate > 0.9 && fate < 0.96) {
      schedule(addMinutes(clock, laterDelay * 1440), () =>
        attempt(asLead, (ctx) => {
          const effective = addDays(shanghaiDateOf(ctx.now), 1);
          const bigger = product === 'KB-BR-CYBER' ? { limit: '20000000.00' } : { sumInsured: '8000000.00' };
          return endorsePolicy(
            ctx,
            cache,
            policy.id,
            { effectiveDate: effective, ...bigger, reason: '追加保额（演示）' },
            subsidies,
          );
        }).then((r) => r && report.endorsements++),
      );
    }
    if (fate >= 0.96) {
      schedule(addMinutes(clock, laterDelay * 1440), () =>
        attempt(requester, (ctx) =>
          cancelPolicy(
            ctx,
            policy.id,
            {
              cancelDate: addDays(shanghaiDateOf(ctx.now), 1),
              method: 'pro_rata',
              reason: '经营调整（演示）',
            },
            subsidies,
          ),
        ).then((r) => r && report.cancellations++),
      );
      return;
    }
    // Renewal (续保), on its own random stream: most renew, the renewal re-rated on today's profile.
    const renews = renewalRandom() < 0.7;
    const next: Fate = {
      ...f,
      fate: renewalRandom(),
      payDelay: 3 + Math.floor(renewalRandom() * 40),
      laterDelay: 40 + Math.floor(renewalRandom() * 220),
      loss: lossOf(product, lossRandom),
      coInsure: false,
    };
    if (!renews) return;
    schedule(at(addDays(parseCalendarDate(policy.end_date), -15), 10 * 60), async () => {
      const renewal = await attempt(requester, (ctx) => renewPolicy(ctx, cache, policy.id));
      if (!renewal) return;
      report.quotes++;
      report.renewals++;
      await carryOn(renewal, next);
    });
  }

  /** The lead's claims desk (its claims system, acting for the insurer). */
  const desk = (orgId: string): Actor => ({
    ...systemActor,
    orgId,
    orgKind: 'insurer',
    displayName: '理赔（演示）',
  });

  /**
   * A loss on a policy: noticed after the reporting lag, registered with a reserve three days later,
   * assessed, and after the settlement lag approved (a part of the payable amount, as adjusted), paid
   * and closed; one in ten is declined by the lead after review instead.
   */
  function scheduleClaim(
    policy: { id: string; lead_org_id: string; start_date: string },
    requester: Actor,
    loss: Loss,
  ) {
    const lossDay = addDays(parseCalendarDate(policy.start_date), loss.afterStartDays);
    const noticeAt = at(addDays(lossDay, loss.reportLagDays), 14 * 60);
    schedule(noticeAt, async () => {
      const claim = await attempt(requester, (ctx) =>
        fileClaim(ctx, cache, {
          policyId: policy.id,
          sectionKey: loss.section,
          lossDate: lossDay,
          description: loss.description,
          claimed: loss.claimed,
          ...(loss.interruptionDays ? { interruptionDays: loss.interruptionDays } : {}),
        }),
      );
      if (!claim) return;
      report.claims++;
      if (claim.status !== 'notified') return;
      const lead = desk(policy.lead_org_id);
      schedule(addMinutes(clock, 3 * 1440), async () => {
        if (!(await attempt(lead, (ctx) => registerClaim(ctx, cache, claim.id, { reserve: claim.payable }))))
          return;
        schedule(addMinutes(clock, loss.settleLagDays * 1440), async () => {
          if (loss.declined) {
            await attempt(lead, (ctx) =>
              declineClaim(ctx, cache, claim.id, {
                article: '责任免除',
                reason: '经查勘，损失系约定的除外原因造成（演示）',
              }),
            );
            return;
          }
          const agreed = (claim.payable * BigInt(loss.agreedPercent)) / 100n;
          if (!(await attempt(lead, (ctx) => approveClaim(ctx, cache, claim.id, { amount: agreed })))) return;
          if (await attempt(lead, (ctx) => payClaim(ctx, claim.id))) report.claimsPaid++;
          schedule(addMinutes(clock, 5 * 1440), () => attempt(lead, (ctx) => closeClaim(ctx, claim.id, {})));
        });
      });
    });
  }

  /** The collecting insurer's bank feed (an API token in a real zone) records what arrived. */
  const bankFeed = (orgId: string): Actor => ({
    type: 'token',
    userId: null,
    orgId,
    orgKind: 'insurer',
    displayName: '银行到账（演示）',
    permissions: new Set(allPermissions),
    sessionId: null,
    tokenId: null,
  });

  /**
   * The bills of a policy paid as its holder pays — on time, in two parts, a little over — or not at all.
   * The funder pays the subsidy bill of a policy the broker placed at the same time, one transfer of exactly
   * the amount quoting the bill's number; the demo enterprise's, confirmed on the platform, it settles once a
   * quarter by statement (补贴结算单, below).
   */
  async function pay(policyId: string, fate: number, subsidyBill: 'transfer' | 'statement') {
    if (fate > 0.9) return; // not paid (yet): overdue by now
    const invoices = (await invoicesOfPolicy(pool, policyId)).filter(
      (v) =>
        v.amount > 0n && v.settled !== v.amount && (v.payer_kind !== 'funder' || subsidyBill === 'transfer'),
    );
    for (const invoice of invoices) {
      const due = invoice.amount - invoice.settled;
      const parts =
        invoice.payer_kind === 'funder'
          ? [due]
          : fate < 0.08
            ? [due / 2n, due - due / 2n]
            : fate < 0.12
              ? [due + 10_000n]
              : [due];
      for (const [k, amount] of parts.entries()) {
        const run = async () => {
          const done = await attempt(bankFeed(invoice.org_id), (ctx) =>
            recordPayment(ctx, {
              payerKind: invoice.payer_kind,
              payerId: invoice.payer_id,
              channel: k === 0 && fate < 0.5 ? 'bank_transfer' : fate < 0.7 ? 'ecny' : 'bank_transfer',
              channelRef: `DEMO${invoice.number.replaceAll('-', '')}${k}`,
              reference: invoice.number,
              amount,
              receivedOn: shanghaiDateOf(ctx.now),
            }),
          );
          if (done) report.payments++;
        };
        if (k === 0) await run();
        else schedule(addMinutes(clock, 30 * 1440), run);
      }
    }
  }

  // Off-platform business (保单登记): the zone's other insurers write tech insurance in their own systems
  // and send the platform a bordereau at the start of each month for the month before — the larger the
  // insurer, the more policies. Its own random stream, so the platform business above stays as it was.
  const registrars = await otherInsurers(pool, [leadOrg, followerOrg]);
  const insureds = await registryInsureds(pool, 600);
  const bordereauRandom = mulberry32(options.seed + 1_299_709);
  const CLASSES = ['rd_transfer', 'application', 'application', 'intellectual_property', 'base', 'base'];
  const bordereau = (insurer: (typeof registrars)[number], month: string) => {
    const capital = Number((insurer.registered_capital ?? 0n) / 100_000_000_000n); // 10 亿 units
    const count = 1 + Math.floor(bordereauRandom() * (2 + Math.min(capital, 10)));
    const rows = [];
    for (let k = 0; k < count; k++) {
      const who = insureds[Math.floor(bordereauRandom() * insureds.length)];
      if (!who) break;
      const cls =
        who.ic && bordereauRandom() < 0.5
          ? 'base'
          : (CLASSES[Math.floor(bordereauRandom() * CLASSES.length)] as string);
      const start = addDays(parseCalendarDate(`${month}-01`), Math.floor(bordereauRandom() * 28));
      const sumInsured = BigInt(1 + Math.floor(bordereauRandom() * (cls === 'base' ? 50 : 10))) * 1_000_000n;
      const rate = 40 + Math.floor(bordereauRandom() * 160); // ‱ of the sum insured
      const claimed = bordereauRandom() < 0.05;
      const incurred = claimed ? (sumInsured * BigInt(5 + Math.floor(bordereauRandom() * 30))) / 100n : 0n;
      rows.push({
        number: k + 1,
        input: {
          policyNumber: `${insurer.uscc.slice(8, 12)}-${month.replace('-', '')}-${String(k + 1).padStart(4, '0')}`,
          statisticalClass: cls,
          insuredUscc: who.uscc,
          insuredName: who.name,
          ...(who.industry_code ? { industry: who.industry_code } : {}),
          ...(who.region_code ? { region: who.region_code } : {}),
          startDate: start,
          endDate: addDays(start, 364),
          share: bordereauRandom() < 0.8 ? '100' : '50',
          sumInsured: `${sumInsured}.00`,
          premium: `${(sumInsured * BigInt(rate)) / 10_000n}.00`,
          ...(claimed ? { claimsPaid: `${incurred / 2n}.00`, claimsIncurred: `${incurred}.00` } : {}),
        },
      });
    }
    return rows;
  };

  /**
   * 补贴结算单. Once a quarter's confirmation windows are over — the grants nobody confirmed lapsed at the first
   * pass of the second month after it —, the funder draws up a statement as of the quarter's last day with each
   * insurer whose subsidy bills to it are still open, and pays it ten days later by bank transfer. The zone
   * opens with the latest statement unpaid: the one before the last quarter's is held, and paid as the last
   * quarter's is drawn up — unless that quarter brought nothing new, when the held one stays open. A statement
   * a claw-back overtook meanwhile (settling is refused) is voided and drawn up afresh.
   */
  type Statement = Awaited<ReturnType<typeof drawUpStatement>>;
  const heldStatements = new Map<string, Statement>();
  async function subsidyQuarter(
    funder: NonNullable<typeof funderUser>,
    asOf: string,
    stage: 'settle' | 'hold' | 'last',
  ) {
    const asFunder = actor(funder);
    const drawUp = (insurer: string) =>
      attempt(asFunder, (ctx) => drawUpStatement(ctx, { kind: 'subsidy', counterparty: insurer, asOf }));
    const pay = async (s: Statement) => {
      const paid = await attempt(asFunder, (ctx) =>
        settleStatement(ctx, s.id, { channelRef: `DEMO-${s.number}` }),
      );
      if (paid) report.settlements++;
      else await attempt(asFunder, (ctx) => voidStatement(ctx, s.id));
      return paid !== null;
    };
    const owed = await subsidyCounterparties(pool, funder.org_id, asOf);
    for (const insurer of new Set([...heldStatements.keys(), ...owed.map((i) => i.id)])) {
      const held = heldStatements.get(insurer);
      if (held) {
        const { items } = await subsidyListing(pool, funder.org_id, insurer, endOfDay(asOf));
        if (-items.reduce((sum, i) => (i.orgId ? sum : sum + i.amount), 0n) === held.amount) continue;
        heldStatements.delete(insurer);
        await pay(held);
      }
      const s = await drawUp(insurer);
      if (!s) continue;
      if (stage !== 'settle') heldStatements.set(insurer, s);
      else
        schedule(addMinutes(clock, 10 * 1440), async () => {
          if (await pay(s)) return;
          const again = await drawUp(insurer);
          if (again) await pay(again);
        });
    }
  }

  // Month ends, quarter settlements and the funder's quarterly subsidy statements.
  const quarterDay = (start: Date) => new Date(start.getTime() + 4 * 86_400_000 + 10 * 3_600_000);
  for (
    let month = monthStart(addDays(first, 31));
    month.getTime() < options.now.getTime();
    month = nextMonth(month)
  ) {
    const m = new Date(month.getTime() - 86_400_000);
    const closing = shanghaiDateOf(m).slice(0, 7);
    schedule(new Date(month.getTime() + 2 * 3_600_000), async () => {
      await attempt(systemActor, (ctx) => lapseUnconfirmed(ctx, 10_000));
      if (await attempt(systemActor, (ctx) => closeMonth(ctx, closing))) report.closes++;
    });
    for (const insurer of registrars) {
      const rows = bordereau(insurer, closing);
      schedule(new Date(month.getTime() + 3 * 86_400_000), async () => {
        const done = await attempt(desk(insurer.id), (ctx) =>
          registerPolicies(ctx, { rows, filename: `${insurer.name_zh}-${closing}.csv` }),
        );
        if (done) report.registered += done.stored;
      });
    }
    const monthIndex = Number(shanghaiDateOf(month).slice(5, 7)) - 1;
    // In the second month after a quarter its confirmation windows are over and the grants nobody confirmed
    // lapsed at the month's first pass: the funder settles the rest.
    if (funderUser && [1, 4, 7, 10].includes(monthIndex)) {
      const quarterEnd = addDays(parseCalendarDate(`${closing}-01`), -1);
      const later = (quarters: number) => {
        let start = month;
        for (let k = 0; k < 3 * quarters; k++) start = nextMonth(start);
        return quarterDay(start).getTime() >= options.now.getTime();
      };
      const stage = later(1) ? 'last' : later(2) ? 'hold' : 'settle';
      schedule(quarterDay(month), () => subsidyQuarter(funderUser, quarterEnd, stage));
    }
    if ([0, 3, 6, 9].includes(monthIndex)) {
      schedule(new Date(month.getTime() + 4 * 86_400_000), async () => {
        const parties = [
          { kind: 'coinsurance' as const, counterparty: follower.org_id },
          { kind: 'reinsurance' as const, counterparty: DEMO_REINSURER },
        ];
        for (const { kind, counterparty } of parties) {
          const s = await attempt(asLead, (ctx) => drawUpStatement(ctx, { kind, counterparty }));
          if (s) {
            schedule(addMinutes(clock, 10 * 1440), async () => {
              if (
                await attempt(asLead, (ctx) => settleStatement(ctx, s.id, { channelRef: `DEMO-${s.number}` }))
              )
                report.settlements++;
            });
          }
        }
      });
    }
  }

  /*
   * 首台套: the central office approves the demo enterprise's listed wafer-inspection equipment (a quota),
   * and three equipment policies draw applications on it. The first goes through the province (上海市经济和
   * 信息化委员会) and the ministry and is paid; the second is sent back for a clearer payment voucher (补正),
   * resubmitted and waits at the ministry; the third waits at the province — so both reviewers' queues hold
   * one on a new zone.
   */
  const [centralUser, provinceUser] = await Promise.all(
    ['central', 'shanghai'].map((who) => userByEmail(pool, `${who}@demo.kebao.cn`)),
  );
  const demoEnterpriseId = await enterpriseOfOrg(pool, enterprise.org_id);
  if (centralUser && provinceUser && demoEnterpriseId && options.days >= 150) {
    const asCentral = actor(centralUser);
    const asProvince = actor(provinceUser);
    const today = shanghaiDateOf(options.now);
    const FIRST_SET = 'central-first-set-2024';
    const MATERIALS = [
      'sealed_policy',
      'premium_invoice',
      'insurer_receipt',
      'payment_voucher',
      'end_user_acceptance',
    ];
    const pdf = (key: string, n: number) => ({
      filename: `${key}-${n}.pdf`,
      contentType: 'application/pdf',
      content: Buffer.from(`%PDF-1.4\n% 演示材料 ${key} ${n}\n`),
    });
    const later = (days: number, run: () => Promise<unknown>) =>
      schedule(addMinutes(clock, days * 1440), run);
    const review = (
      as: Actor,
      id: string,
      decision: 'approve' | 'request_more',
      note: string,
      requested?: string[],
    ) => attempt(as, (ctx) => reviewGrant(ctx, id, { decision, note, ...(requested ? { requested } : {}) }));
    const submitAll = async (id: string, n: number) => {
      for (const key of MATERIALS)
        await attempt(asEnterprise, (ctx) => uploadMaterial(ctx, id, key, pdf(key, n)));
      await attempt(asEnterprise, (ctx) => submitApplication(ctx, id));
    };
    const bindEquipment = (n: number, then: (grantId: string) => void) => async () => {
      const quote = await attempt(asEnterprise, (ctx) =>
        requestQuote(ctx, cache, {
          productCode: 'KB-AP-EQUIP',
          request: {
            contractValue: '8000000.00',
            continuousYear: n,
            options: { deductible: '50000.00' },
          } as never,
        }),
      );
      if (!quote) return;

      if (!(await attempt(asEnterprise, (ctx) => acceptQuote(ctx, cache, quote.id)))) return;
      const policy = await attempt(asEnterprise, (ctx) =>
        bindQuote(ctx, { cache, subsidy: subsidies }, quote.id, {}),
      );
      if (!policy) return;
      report.policies++;
      later(3, () => pay(policy.id, 0.3, 'statement'));
      const grant = (await grantsOf(pool, policy.id)).find((g) => g.programme_code === FIRST_SET);
      if (grant) then(grant.id);
    };
    schedule(at(addDays(today, -140), 10 * 60), () =>
      attempt(asCentral, (ctx) =>
        approveQuota(ctx, FIRST_SET, {
          enterpriseId: demoEnterpriseId,
          item: '12 英寸晶圆缺陷检测设备',
          productValue: 1_200_000_000n,
          approvalRef: `工信厅装函〔${addDays(today, -140).slice(0, 4)}〕18号（示例）`,
        }),
      ),
    );
    schedule(
      at(addDays(today, -130), 10 * 60),
      bindEquipment(1, (id) => {
        later(10, () => submitAll(id, 1));
        later(20, () => review(asProvince, id, 'approve', '材料齐全，同意报送'));
        later(35, () => review(asCentral, id, 'approve', '审核通过'));
        later(45, () => attempt(asCentral, (ctx) => payGrant(ctx, id, `MIIT-DEMO-${id.slice(0, 8)}`)));
      }),
    );
    schedule(
      at(addDays(today, -60), 10 * 60),
      bindEquipment(2, (id) => {
        later(10, () => submitAll(id, 2));
        later(16, () =>
          review(asProvince, id, 'request_more', '保费支付凭证不清晰，请重新上传加盖财务章的凭证', [
            'payment_voucher',
          ]),
        );
        later(20, async () => {
          await attempt(asEnterprise, (ctx) =>
            uploadMaterial(ctx, id, 'payment_voucher', pdf('payment_voucher', 3)),
          );
          await attempt(asEnterprise, (ctx) => submitApplication(ctx, id));
        });
        later(27, () => review(asProvince, id, 'approve', '补正材料已核实，同意报送'));
      }),
    );
    schedule(
      at(addDays(today, -15), 10 * 60),
      bindEquipment(3, (id) => later(6, () => submitAll(id, 4))),
    );
  }

  const started = Date.now();
  while (steps.length > 0) {
    const step = steps.shift() as Step;
    clock = step.at;
    await step.run();
  }
  clock = options.now;
  log.info({ ...report, seconds: Math.round((Date.now() - started) / 100) / 10 }, 'seeded the demo activity');
  return report;
}

interface Loss {
  section: string;
  description: string;
  claimed: bigint;
  afterStartDays: number;
  reportLagDays: number;
  settleLagDays: number;
  agreedPercent: number;
  declined: boolean;
  interruptionDays?: number;
}

/**
 * Whether a policy has a loss in the demo year, and its shape: cyber and the IC pool's fab risks claim
 * more often and report and settle more slowly (forensics, loss adjusting of a fab) than the SME package.
 */
function lossOf(product: string, random: () => number): Loss | null {
  const chance = product === 'KB-BR-CYBER' ? 0.12 : product === 'KB-BR-ICPOOL' ? 0.15 : 0.06;
  const draws = Array.from({ length: 7 }, () => random());
  if ((draws[0] as number) >= chance) return null;
  const [, a, b, c, d, e, f] = draws as [number, number, number, number, number, number, number];
  const amounts = (xs: readonly number[]) => BigInt(xs[Math.floor(b * xs.length)] as number) * 100n;
  const base = {
    afterStartDays: 10 + Math.floor(a * 300),
    agreedPercent: 70 + Math.floor(e * 31),
    declined: f < 0.1,
  };
  if (product === 'KB-BR-CYBER') {
    const sections = [
      { section: 'direct_loss', description: '勒索软件加密生产服务器（演示）' },
      { section: 'data_restoration', description: '数据库遭破坏，需要恢复数据（演示）' },
      { section: 'incident_response', description: '网络入侵事件应急响应与取证（演示）' },
    ] as const;
    return {
      ...base,
      ...(sections[Math.floor(c * sections.length)] as (typeof sections)[number]),
      claimed: amounts([120_000, 280_000, 450_000, 900_000]),
      reportLagDays: 3 + Math.floor(d * 40),
      settleLagDays: 30 + Math.floor(d * 90),
    };
  }
  if (product === 'KB-BR-ICPOOL') {
    return {
      ...base,
      section: c < 0.6 ? 'property_all_risks' : 'machinery_breakdown',
      description: c < 0.6 ? '洁净室局部火灾，设备与在制晶圆受损（演示）' : '光刻机真空系统故障停机（演示）',
      claimed: amounts([3_000_000, 8_000_000, 20_000_000, 45_000_000]),
      reportLagDays: 2 + Math.floor(d * 20),
      settleLagDays: 60 + Math.floor(d * 150),
    };
  }
  return {
    ...base,
    section: c < 0.5 ? 'property_all_risks' : 'rd_equipment_breakdown',
    description: c < 0.5 ? '研发楼漏水，实验设备受损（演示）' : '研发测试设备电气故障（演示）',
    claimed: amounts([60_000, 150_000, 300_000]),
    reportLagDays: 1 + Math.floor(d * 15),
    settleLagDays: 15 + Math.floor(d * 30),
  };
}

function before(a: Step, b: Step): boolean {
  return a.at.getTime() < b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.seq < b.seq);
}

/** The end of a calendar day (00:00 Asia/Shanghai of the next). */
function endOfDay(day: string): Date {
  return startOfDayInstant(addDays(parseCalendarDate(day), 1));
}

function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}

/** 00:00 Asia/Shanghai of the first day of the month containing `day`. */
function monthStart(day: string): Date {
  return startOfDayInstant(parseCalendarDate(`${day.slice(0, 7)}-01`));
}

function nextMonth(start: Date): Date {
  const day = shanghaiDateOf(start);
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return monthStart(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);
}

/** A small seeded generator (mulberry32): the same seed gives the same zone. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
