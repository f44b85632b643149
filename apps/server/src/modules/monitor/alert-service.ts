import type { Queryable } from '@kebao/db';
import {
  type AlertDimensions,
  type AlertRule,
  evaluateRule,
  herfindahlIndex,
  ratioText,
  ruleMatches,
} from '@kebao/domain/monitor';
import { shanghaiDateOf } from '@kebao/domain/time';
import { systemActor } from '../../platform/actor.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { appendEvents } from '../../platform/outbox/append.ts';
import { publishAllToStream } from '../../platform/outbox/repo.ts';
import type { DomainEvent, OutboxEvent } from '../../platform/outbox/types.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  type AlertHistoryEntry,
  type AlertRow,
  activeRules,
  backlogByInsurer,
  claimFacts,
  dimensionAmounts,
  findAlert,
  findRule,
  insertAlertHistories,
  insertAlertHistory,
  insertAlerts,
  insurerFigures,
  insurerLossFigures,
  liveAlerts,
  observeMetrics,
  programmeBurn,
  sandboxUsage,
  updateAlert,
} from './repo.ts';

/*
 * Early warning (动态预警). Rules are data (catalog/alerts/*.yaml, or published by the regulator): a
 * metric, a filter, a threshold or a rate of change, a severity. After each event the monitor subscriber
 * observes the metrics that event can move — concentration and each insurer's share, retention and
 * retained premium after a bind; loss ratio, repeated claims, the claim backlog after a claim; a
 * programme's budget burn after a grant; a sandbox product's use — and evaluates the rules on them. A rule
 * that fires opens one alert per rule and subject (or updates the open one); one that no longer fires
 * resolves it. Opening an alert appends `alert.raised` to the outbox in the same transaction, so it reaches
 * the cockpit's event stream (and the insurer concerned) right after.
 */

/** What an event moved: the policy, the insurers whose figures changed, and each insurer's net line on it now. */
export interface Moved {
  key: string | null;
  insurers: string[];
  lines: { orgId: string; netSumInsured: bigint }[];
}

export interface Observation {
  metric: string;
  subject: string;
  subjectOrg: string | null;
  /** Who or what the subject is, for the message. */
  label: string;
  value: string;
  /** Facts a rule's filter may test: insurer, class, region, industry, product. */
  facts: AlertDimensions;
}

/** An observation with when it was made and the event that made it (null: a scheduled pass). */
interface Observed extends Observation {
  at: Date;
  cause: AlertCause | null;
}

/**
 * Observes what a batch of events moved and applies the rules; returns the alerts opened. Figures of the
 * whole zone (concentration, each insurer's share and retained premium) are observed once, after the
 * batch; a risk's retention once per risk, with the event that moved it.
 */
export async function evaluateAlerts(
  tx: Queryable,
  items: readonly { event: OutboxEvent; moved: Moved }[],
  options: { publish?: boolean } = {},
): Promise<number> {
  const observations = await observe(tx, items);
  return applyObservations(tx, observations, options.publish ?? false);
}

/**
 * The time-based pass: a claim falls overdue by the clock, not by an event, so each insurer's backlog is
 * observed again on a schedule (and whenever an alert on it is live, so it can resolve). Returns the
 * alerts opened.
 */
export async function claimBacklogPass(tx: Queryable, at: Date): Promise<number> {
  const observations: Observed[] = (await backlogByInsurer(tx, at)).map((b) => ({
    metric: 'claim_backlog_overdue',
    subject: `insurer:${b.org_id}`,
    subjectOrg: b.org_id,
    label: b.name,
    value: String(b.overdue),
    facts: { insurer: b.org_id },
    at,
    cause: null,
  }));
  return applyObservations(tx, observations, false);
}

/**
 * Records each observation (the last of a metric on a subject, when a batch observed it twice) and applies
 * every active rule that watches it, reading and writing the alerts of all of them together; returns the
 * alerts opened.
 */
async function applyObservations(
  tx: Queryable,
  observed: readonly Observed[],
  publish: boolean,
): Promise<number> {
  if (observed.length === 0) return 0;
  const latest = new Map<string, Observed>();
  for (const o of observed) {
    const key = `${o.metric}\u0000${o.subject}`;
    latest.delete(key);
    latest.set(key, o);
  }
  const observations = [...latest.values()];
  const rules = (await activeRules(tx)).map((r) => r.definition as unknown as AlertRule);
  const watched = observations.map((o) => {
    const watching = rules.filter((r) => r.metric === o.metric && ruleMatches(r, o.facts));
    // The longest rate-of-change window among the rules on this metric: the history the change is read from.
    const windows = watching.flatMap((r) =>
      r.condition.type === 'rate_of_change' ? [r.condition.window_days] : [],
    );
    return { o, watching, windowDays: windows.length > 0 ? Math.max(...windows) : null };
  });
  const previous = await observeMetrics(
    tx,
    watched.map(({ o, windowDays }) => ({
      metric: o.metric,
      subject: o.subject,
      on: shanghaiDateOf(o.at),
      value: o.value,
      windowDays,
    })),
  );
  const pairs = watched.flatMap(({ o, watching }) =>
    watching.map((r) => ({ rule: r.code, subject: o.subject })),
  );
  if (pairs.length === 0) return 0;
  const live = new Map((await liveAlerts(tx, pairs)).map((a) => [`${a.rule_code}\u0000${a.subject}`, a]));
  const moves = new AlertMoves();
  watched.forEach(({ o, watching }, i) => {
    for (const rule of watching) {
      moves.apply(rule, o, previous[i] ?? null, live.get(`${rule.code}\u0000${o.subject}`) ?? null);
    }
  });
  return moves.write(tx, publish);
}

/**
 * The outbox event whose evaluation moved an alert: carried by every alert event, so a listener can tell
 * why (null when a scheduled pass moved it).
 */
export interface AlertCause {
  eventId: string;
  eventType: string;
  aggregateType: string;
  aggregateId: string;
}

function causeOf(event: OutboxEvent): AlertCause {
  return {
    eventId: String(event.id),
    eventType: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
  };
}

/** The payload every `alert.*` event carries: enough for a webhook or a notification to stand alone. */
export function alertEventPayload(
  a: Pick<
    AlertRow,
    | 'id'
    | 'rule_code'
    | 'metric'
    | 'subject'
    | 'subject_label'
    | 'severity'
    | 'status'
    | 'value'
    | 'threshold'
    | 'message'
  >,
  ruleNames: { zh: string; en: string } | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    alertId: a.id,
    rule: a.rule_code,
    ruleNames,
    metric: a.metric,
    severity: a.severity,
    status: a.status,
    subject: a.subject,
    subjectLabel: a.subject_label,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    ...extra,
  };
}

/**
 * What the rules decided for a batch of observations, written together: each rule opens, updates or
 * resolves its alert on the subject, and each move appends its event — `alert.raised`, `alert.updated`
 * (the value changed), `alert.resolved` (the condition is gone) — in the same transaction, with the event
 * that caused it.
 */
class AlertMoves {
  private readonly opened: AlertRow[] = [];
  private readonly updates: { id: string; patch: Parameters<typeof updateAlert>[2]; at: Date }[] = [];
  private readonly history: AlertHistoryEntry[] = [];
  private readonly events: DomainEvent[] = [];
  private last: Date | null = null;

  apply(rule: AlertRule, o: Observed, previous: { value: string; on: string } | null, open: AlertRow | null) {
    const at = o.at;
    if (this.last === null || at > this.last) this.last = at;
    const result = evaluateRule(rule, {
      subject: o.label,
      value: o.value,
      at: at.toISOString(),
      previous: previous ? { value: previous.value, at: previous.on } : null,
    });
    const emit = (type: string, a: AlertRow, extra: Record<string, unknown>) =>
      this.events.push({
        type,
        aggregateType: 'alert',
        aggregateId: a.id,
        payload: alertEventPayload(a, rule.names, { ...extra, cause: o.cause }),
        orgIds: a.subject_org ? [a.subject_org] : [],
      });
    if (!result.fired) {
      if (open) {
        this.updates.push({
          id: open.id,
          patch: { status: 'resolved', resolved_at: at, value: o.value },
          at,
        });
        this.history.push({
          alertId: open.id,
          action: 'resolved',
          value: o.value,
          comment: AUTO_RESOLVED,
          by: null,
          at,
        });
        emit(
          'alert.resolved',
          { ...open, status: 'resolved', value: o.value },
          { comment: AUTO_RESOLVED, automatic: true },
        );
      }
      return;
    }
    if (open) {
      if (open.value !== o.value) {
        this.updates.push({
          id: open.id,
          patch: { value: o.value, message: result.message, subject_label: o.label },
          at,
        });
        this.history.push({
          alertId: open.id,
          action: 'updated',
          value: o.value,
          comment: null,
          by: null,
          at,
        });
        emit(
          'alert.updated',
          { ...open, value: o.value, message: result.message, subject_label: o.label },
          { previousValue: open.value },
        );
      }
      return;
    }
    const alert: AlertRow = {
      id: newId(),
      rule_code: rule.code,
      metric: rule.metric,
      subject: o.subject,
      subject_label: o.label,
      subject_org: o.subjectOrg,
      severity: rule.severity,
      status: 'open',
      value: o.value,
      threshold: result.threshold,
      message: result.message,
      opened_at: at,
      updated_at: at,
      resolved_at: null,
    };
    this.opened.push(alert);
    this.history.push({ alertId: alert.id, action: 'opened', value: o.value, comment: null, by: null, at });
    emit('alert.raised', alert, {});
  }

  /**
   * Writes every move; returns the alerts opened. `publish`: also give the alert events their place in the
   * live stream now, in this transaction — only for a caller inside the dispatcher, the one writer of
   * stream positions (the monitor subscriber), so an alert reaches the cockpit when its cause commits its
   * evaluation, not one dispatch pass later.
   */
  async write(tx: Queryable, publish: boolean): Promise<number> {
    await insertAlerts(tx, this.opened);
    for (const u of this.updates) await updateAlert(tx, u.id, u.patch, u.at);
    await insertAlertHistories(tx, this.history);
    if (this.events.length > 0) {
      const ids = await appendEvents(tx as never, systemActor, null, this.events, this.last ?? undefined);
      if (publish) await publishAllToStream(tx, ids);
    }
    return this.opened.length;
  }
}

const AUTO_RESOLVED = '条件已消除（自动）';

/** The metrics a batch of events can move, observed now (after all of them). */
async function observe(
  tx: Queryable,
  items: readonly { event: OutboxEvent; moved: Moved }[],
): Promise<Observed[]> {
  const out: Observed[] = [];
  const exposure = items.filter(
    ({ event }) => event.type.startsWith('policy.') || event.type.startsWith('registration.'),
  );
  if (exposure.length > 0) out.push(...(await observeExposure(tx, exposure)));
  for (const { event } of items) {
    if (event.type.startsWith('policy.') || event.type.startsWith('registration.')) continue;
    const cause = causeOf(event);
    const at = event.createdAt;
    for (const o of await observeEvent(tx, event, at)) out.push({ ...o, at, cause });
  }
  return out;
}

/** After policies moved: concentration, every insurer's share, and each moving insurer's retention and retained premium. */
async function observeExposure(
  tx: Queryable,
  items: readonly { event: OutboxEvent; moved: Moved }[],
): Promise<Observed[]> {
  const lastEvent = (items.at(-1) as { event: OutboxEvent }).event;
  const zone = { at: lastEvent.createdAt, cause: causeOf(lastEvent) };
  const out: Observed[] = [];
  const byInsurer = await dimensionAmounts(tx, 'insurer');
  out.push({
    metric: 'hhi',
    subject: 'zone:insurer',
    subjectOrg: null,
    label: '承保机构集中度',
    value: herfindahlIndex(byInsurer.map((r) => r.sum_insured)).toFixed(2),
    facts: {},
    ...zone,
  });
  const total = byInsurer.reduce((s, r) => s + r.sum_insured, 0n);
  // Every insurer's share moves when the zone's total does; retention and retained premium only for
  // the insurers on the policies that moved.
  const movingOf = ({ moved }: { moved: Moved }) => [
    ...new Set([...moved.insurers, ...moved.lines.map((l) => l.orgId)]),
  ];
  const moving = new Set(items.flatMap(movingOf));
  const all = [...new Set([...moving, ...byInsurer.map((r) => r.key)])];
  const figures = new Map((await insurerFigures(tx, all)).map((f) => [f.org_id, f]));
  for (const f of figures.values()) {
    const share = ratioText(f.sum_insured, total);
    if (share !== null) {
      out.push({
        metric: 'insurer_share',
        subject: `insurer:${f.org_id}`,
        subjectOrg: f.org_id,
        label: f.name,
        value: share,
        facts: { insurer: f.org_id },
        ...zone,
      });
    }
    if (!moving.has(f.org_id) || f.capital_and_reserves === null || f.capital_and_reserves <= 0n) continue;
    const retained = ratioText(f.net_premium, f.capital_and_reserves * 4n);
    if (retained !== null) {
      out.push({
        metric: 'retained_premium_ratio',
        subject: `insurer:${f.org_id}`,
        subjectOrg: f.org_id,
        label: f.name,
        value: retained,
        facts: { insurer: f.org_id },
        ...zone,
      });
    }
  }
  // Per-risk retention (art. 103): each policy's net line against the insurer's limit, one subject per risk.
  for (const item of items) {
    const { moved, event } = item;
    if (!moved.key) continue;
    for (const orgId of movingOf(item)) {
      const f = figures.get(orgId);
      if (!f || f.retention_limit === null || f.retention_limit <= 0n) continue;
      const line = moved.lines.find((l) => l.orgId === orgId);
      const retention = ratioText(line?.netSumInsured ?? 0n, f.retention_limit);
      if (retention !== null) {
        out.push({
          metric: 'retention_ratio',
          subject: `risk:${moved.key}:${orgId}`,
          subjectOrg: orgId,
          label: f.name,
          value: retention,
          facts: { insurer: orgId },
          at: event.createdAt,
          cause: causeOf(event),
        });
      }
    }
  }
  // A sandbox product's use, once per product.
  const sandboxed = new Map<string, OutboxEvent>();
  for (const { event } of items) {
    const payload = event.payload as { productCode?: string; sandbox?: boolean };
    if (payload.productCode && payload.sandbox) sandboxed.set(payload.productCode, event);
  }
  for (const [product, event] of sandboxed) {
    const usage = await sandboxUsage(tx, product);
    const used = usage ? ratioText(usage.sum_insured_bound, usage.max_sum_insured) : null;
    if (used !== null) {
      out.push({
        metric: 'sandbox_usage',
        subject: `product:${product}`,
        subjectOrg: null,
        label: product,
        value: used,
        facts: { product },
        at: event.createdAt,
        cause: causeOf(event),
      });
    }
  }
  return out;
}

/** The metrics a claim or a subsidy event moves, observed now. */
async function observeEvent(tx: Queryable, event: OutboxEvent, at: Date): Promise<Observation[]> {
  const out: Observation[] = [];
  if (event.type.startsWith('claim.')) {
    const c = await claimFacts(tx, (event.payload as { claimId?: string }).claimId ?? event.aggregateId, at);
    if (!c) return out;
    for (const f of await insurerFigures(tx, c.lines)) {
      const loss = await insurerLossFigures(tx, f.org_id);
      const ratio = ratioText(loss.incurred, loss.premium);
      if (ratio !== null) {
        out.push({
          metric: 'loss_ratio',
          subject: `insurer:${f.org_id}`,
          subjectOrg: f.org_id,
          label: f.name,
          value: ratio,
          facts: { insurer: f.org_id },
        });
      }
    }
    const lead = (await insurerFigures(tx, [c.lead_org_id]))[0];
    out.push({
      metric: 'claim_backlog_overdue',
      subject: `insurer:${c.lead_org_id}`,
      subjectOrg: c.lead_org_id,
      label: lead?.name ?? c.lead_org_id,
      value: String(c.overdue),
      facts: { insurer: c.lead_org_id },
    });
    out.push({
      metric: 'repeated_claims',
      subject: `enterprise:${c.enterprise_id}`,
      subjectOrg: null,
      label: c.enterprise_name,
      value: String(c.claims_12m),
      facts: {},
    });
    out.push({
      metric: 'subsidy_and_claim',
      subject: `enterprise:${c.enterprise_id}`,
      subjectOrg: null,
      label: c.enterprise_name,
      value: c.subsidised ? String(c.claims_12m) : '0',
      facts: {},
    });
  } else if (event.type.startsWith('subsidy.')) {
    const code = (event.payload as { programme?: string }).programme;
    const p = code ? await programmeBurn(tx, code) : null;
    const burn = p ? ratioText(p.committed, p.budget) : null;
    if (p && burn !== null) {
      out.push({
        metric: 'subsidy_burn',
        subject: `programme:${p.code}`,
        subjectOrg: null,
        label: p.name_zh,
        value: burn,
        facts: { programme: p.code },
      });
    }
  }
  return out;
}

// ---- The regulator's hand on alerts ------------------------------------------------------------------

async function ruleNamesOf(db: Queryable, code: string): Promise<{ zh: string; en: string } | null> {
  const rule = await findRule(db, code);
  return (rule?.definition as { names?: { zh: string; en: string } } | undefined)?.names ?? null;
}

const ALERT_STATUS_ZH = { open: '待处理', acknowledged: '已确认', resolved: '已解除' } as const;

export async function acknowledgeAlert(ctx: Ctx, id: string, comment: string) {
  const alert = await findAlert(ctx.db, id, true);
  if (!alert) throw problem('alert.not_found');
  if (alert.status !== 'open')
    throw problem('alert.not_open', {
      params: { status: ALERT_STATUS_ZH[alert.status], state: alert.status },
    });
  await updateAlert(ctx.db, id, { status: 'acknowledged' }, ctx.now);
  await insertAlertHistory(ctx.db, {
    alertId: id,
    action: 'acknowledged',
    value: null,
    comment,
    by: ctx.actor.userId,
    at: ctx.now,
  });
  ctx.audit({ action: 'alert.acknowledge', entityType: 'alert', entityId: id, after: { comment } });
  ctx.emit({
    type: 'alert.acknowledged',
    aggregateType: 'alert',
    aggregateId: id,
    payload: alertEventPayload(
      { ...alert, status: 'acknowledged' },
      await ruleNamesOf(ctx.db, alert.rule_code),
      {
        comment,
        by: ctx.actor.userId,
      },
    ),
    orgIds: alert.subject_org ? [alert.subject_org] : [],
  });
}

export async function resolveAlert(ctx: Ctx, id: string, comment: string) {
  const alert = await findAlert(ctx.db, id, true);
  if (!alert) throw problem('alert.not_found');
  if (alert.status === 'resolved')
    throw problem('alert.not_open', {
      params: { status: ALERT_STATUS_ZH[alert.status], state: alert.status },
    });
  await updateAlert(ctx.db, id, { status: 'resolved', resolved_at: ctx.now }, ctx.now);
  await insertAlertHistory(ctx.db, {
    alertId: id,
    action: 'resolved',
    value: null,
    comment,
    by: ctx.actor.userId,
    at: ctx.now,
  });
  ctx.audit({ action: 'alert.resolve', entityType: 'alert', entityId: id, after: { comment } });
  ctx.emit({
    type: 'alert.resolved',
    aggregateType: 'alert',
    aggregateId: id,
    payload: alertEventPayload({ ...alert, status: 'resolved' }, await ruleNamesOf(ctx.db, alert.rule_code), {
      comment,
      by: ctx.actor.userId,
    }),
    orgIds: alert.subject_org ? [alert.subject_org] : [],
  });
}
