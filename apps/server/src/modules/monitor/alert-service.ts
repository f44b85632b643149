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
import type { OutboxEvent } from '../../platform/outbox/types.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  type AlertRow,
  activeRules,
  backlogByInsurer,
  claimFacts,
  dimensionAmounts,
  findAlert,
  findRule,
  insertAlert,
  insertAlertHistory,
  insurerFigures,
  insurerLossFigures,
  liveAlert,
  observeMetric,
  programmeBurn,
  sandboxUsage,
  updateAlert,
} from './repo.ts';
import type { Moved } from './subscriber.ts';

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

export async function evaluateAlerts(
  tx: Queryable,
  input: { event: OutboxEvent; moved: Moved; at: Date },
): Promise<number> {
  const observations = await observe(tx, input.event, input.moved, input.at);
  return applyObservations(tx, observations, input.at, causeOf(input.event));
}

/**
 * The time-based pass: a claim falls overdue by the clock, not by an event, so each insurer's backlog is
 * observed again on a schedule (and whenever an alert on it is live, so it can resolve). Returns the
 * alerts opened.
 */
export async function claimBacklogPass(tx: Queryable, at: Date): Promise<number> {
  const observations: Observation[] = (await backlogByInsurer(tx, at)).map((b) => ({
    metric: 'claim_backlog_overdue',
    subject: `insurer:${b.org_id}`,
    subjectOrg: b.org_id,
    label: b.name,
    value: String(b.overdue),
    facts: { insurer: b.org_id },
  }));
  return applyObservations(tx, observations, at, null);
}

/** Records each observation and applies every active rule that watches it; returns the alerts opened. */
async function applyObservations(
  tx: Queryable,
  observations: readonly Observation[],
  at: Date,
  cause: AlertCause | null,
): Promise<number> {
  if (observations.length === 0) return 0;
  const rules = (await activeRules(tx)).map((r) => r.definition as unknown as AlertRule);
  const today = shanghaiDateOf(at);
  let raised = 0;
  for (const o of observations) {
    const watching = rules.filter((r) => r.metric === o.metric && ruleMatches(r, o.facts));
    // The longest rate-of-change window among the rules on this metric: the history the change is read from.
    const windows = watching.flatMap((r) =>
      r.condition.type === 'rate_of_change' ? [r.condition.window_days] : [],
    );
    const previous = await observeMetric(tx, {
      metric: o.metric,
      subject: o.subject,
      on: today,
      value: o.value,
      windowDays: windows.length > 0 ? Math.max(...windows) : null,
    });
    for (const rule of watching) {
      if (await applyRule(tx, rule, o, previous, at, cause)) raised++;
    }
  }
  return raised;
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
 * Opens, updates or resolves the rule's alert on the subject; true when it opened one. Each move appends
 * its event — `alert.raised`, `alert.updated` (the value changed), `alert.resolved` (the condition is gone)
 * — in the same transaction, with the event that caused it.
 */
async function applyRule(
  tx: Queryable,
  rule: AlertRule,
  o: Observation,
  previous: { value: string; on: string } | null,
  at: Date,
  cause: AlertCause | null,
): Promise<boolean> {
  const open = await liveAlert(tx, rule.code, o.subject);
  const result = evaluateRule(rule, {
    subject: o.label,
    value: o.value,
    at: at.toISOString(),
    previous: previous ? { value: previous.value, at: previous.on } : null,
  });
  const emit = (type: string, a: AlertRow, extra: Record<string, unknown>) =>
    appendEvents(
      tx as never,
      systemActor,
      null,
      [
        {
          type,
          aggregateType: 'alert',
          aggregateId: a.id,
          payload: alertEventPayload(a, rule.names, { ...extra, cause }),
          orgIds: a.subject_org ? [a.subject_org] : [],
        },
      ],
      at,
    );
  if (!result.fired) {
    if (open) {
      await updateAlert(tx, open.id, { status: 'resolved', resolved_at: at, value: o.value }, at);
      await insertAlertHistory(tx, {
        alertId: open.id,
        action: 'resolved',
        value: o.value,
        comment: AUTO_RESOLVED,
        by: null,
        at,
      });
      await emit(
        'alert.resolved',
        { ...open, status: 'resolved', value: o.value },
        { comment: AUTO_RESOLVED, automatic: true },
      );
    }
    return false;
  }
  if (open) {
    if (open.value !== o.value) {
      await updateAlert(tx, open.id, { value: o.value, message: result.message, subject_label: o.label }, at);
      await insertAlertHistory(tx, {
        alertId: open.id,
        action: 'updated',
        value: o.value,
        comment: null,
        by: null,
        at,
      });
      await emit(
        'alert.updated',
        { ...open, value: o.value, message: result.message, subject_label: o.label },
        { previousValue: open.value },
      );
    }
    return false;
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
  await insertAlert(tx, alert);
  await insertAlertHistory(tx, {
    alertId: alert.id,
    action: 'opened',
    value: o.value,
    comment: null,
    by: null,
    at,
  });
  await emit('alert.raised', alert, {});
  return true;
}

const AUTO_RESOLVED = '条件已消除（自动）';

/** The metrics an event can move, observed now. */
async function observe(tx: Queryable, event: OutboxEvent, moved: Moved, at: Date): Promise<Observation[]> {
  const insurers = [...new Set([...moved.insurers, ...moved.lines.map((l) => l.orgId)])];
  const out: Observation[] = [];
  if (event.type.startsWith('policy.') || event.type.startsWith('registration.')) {
    const byInsurer = await dimensionAmounts(tx, 'insurer');
    out.push({
      metric: 'hhi',
      subject: 'zone:insurer',
      subjectOrg: null,
      label: '承保机构集中度',
      value: herfindahlIndex(byInsurer.map((r) => r.sum_insured)).toFixed(2),
      facts: {},
    });
    const zone = byInsurer.reduce((s, r) => s + r.sum_insured, 0n);
    // Every insurer's share moves when the zone's total does; retention and retained premium only for
    // the insurers on the policy that moved.
    const moving = new Set(insurers);
    const all = [...new Set([...insurers, ...byInsurer.map((r) => r.key)])];
    for (const f of await insurerFigures(tx, all)) {
      const facts = { insurer: f.org_id };
      const share = ratioText(f.sum_insured, zone);
      if (share !== null) {
        out.push({
          metric: 'insurer_share',
          subject: `insurer:${f.org_id}`,
          subjectOrg: f.org_id,
          label: f.name,
          value: share,
          facts,
        });
      }
      if (!moving.has(f.org_id)) continue;
      // Per-risk retention (art. 103): this policy's net line against the insurer's limit, one subject per risk.
      const line = moved.lines.find((l) => l.orgId === f.org_id);
      if (moved.key && f.retention_limit !== null && f.retention_limit > 0n) {
        const retention = ratioText(line?.netSumInsured ?? 0n, f.retention_limit);
        if (retention !== null) {
          out.push({
            metric: 'retention_ratio',
            subject: `risk:${moved.key}:${f.org_id}`,
            subjectOrg: f.org_id,
            label: f.name,
            value: retention,
            facts,
          });
        }
      }
      if (f.capital_and_reserves !== null && f.capital_and_reserves > 0n) {
        const retained = ratioText(f.net_premium, f.capital_and_reserves * 4n);
        if (retained !== null) {
          out.push({
            metric: 'retained_premium_ratio',
            subject: `insurer:${f.org_id}`,
            subjectOrg: f.org_id,
            label: f.name,
            value: retained,
            facts,
          });
        }
      }
    }
    const product = (event.payload as { productCode?: string; sandbox?: boolean }).productCode;
    if (product && (event.payload as { sandbox?: boolean }).sandbox) {
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
        });
      }
    }
  } else if (event.type.startsWith('claim.')) {
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
