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
  activeRules,
  claimFacts,
  dimensionAmounts,
  findAlert,
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
  const observations = await observe(tx, input.event, input.moved);
  if (observations.length === 0) return 0;
  const rules = (await activeRules(tx)).map((r) => r.definition as unknown as AlertRule);
  const today = shanghaiDateOf(input.at);
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
      if (await applyRule(tx, rule, o, previous, input.at)) raised++;
    }
  }
  return raised;
}

/** Opens, updates or resolves the rule's alert on the subject; true when it opened one. */
async function applyRule(
  tx: Queryable,
  rule: AlertRule,
  o: Observation,
  previous: { value: string; on: string } | null,
  at: Date,
): Promise<boolean> {
  const open = await liveAlert(tx, rule.code, o.subject);
  const result = evaluateRule(rule, {
    subject: o.label,
    value: o.value,
    at: at.toISOString(),
    previous: previous ? { value: previous.value, at: previous.on } : null,
  });
  if (!result.fired) {
    if (open) {
      await updateAlert(tx, open.id, { status: 'resolved', resolved_at: at, value: o.value }, at);
      await insertAlertHistory(tx, {
        alertId: open.id,
        action: 'resolved',
        value: o.value,
        comment: '条件已消除（自动）',
        by: null,
        at,
      });
    }
    return false;
  }
  if (open) {
    if (open.value !== o.value) {
      await updateAlert(tx, open.id, { value: o.value, message: result.message }, at);
      await insertAlertHistory(tx, {
        alertId: open.id,
        action: 'updated',
        value: o.value,
        comment: null,
        by: null,
        at,
      });
    }
    return false;
  }
  const id = newId();
  await insertAlert(tx, {
    id,
    rule_code: rule.code,
    subject: o.subject,
    subject_org: o.subjectOrg,
    severity: rule.severity,
    status: 'open',
    value: o.value,
    threshold: result.threshold,
    message: result.message,
    opened_at: at,
    updated_at: at,
    resolved_at: null,
  });
  await insertAlertHistory(tx, {
    alertId: id,
    action: 'opened',
    value: o.value,
    comment: null,
    by: null,
    at,
  });
  await appendEvents(tx as never, systemActor, null, [
    {
      type: 'alert.raised',
      aggregateType: 'alert',
      aggregateId: id,
      payload: {
        alertId: id,
        rule: rule.code,
        severity: rule.severity,
        subject: o.subject,
        value: o.value,
        threshold: result.threshold,
        message: result.message,
      },
      orgIds: o.subjectOrg ? [o.subjectOrg] : [],
    },
  ]);
  return true;
}

/** The metrics an event can move, observed now. */
async function observe(tx: Queryable, event: OutboxEvent, moved: Moved): Promise<Observation[]> {
  const insurers = [...new Set([...moved.insurers, ...moved.lines.map((l) => l.orgId)])];
  const out: Observation[] = [];
  if (event.type.startsWith('policy.') || event.type === 'registration.recorded') {
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
    for (const f of await insurerFigures(tx, insurers)) {
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
    const c = await claimFacts(tx, (event.payload as { claimId?: string }).claimId ?? event.aggregateId);
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
    payload: { alertId: id, comment },
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
    payload: { alertId: id, comment },
    orgIds: alert.subject_org ? [alert.subject_org] : [],
  });
}
