import { percentOf, trimDecimal } from '../format/decimal.ts';
import type { Bilingual } from '../i18n/labels.ts';
import { isOneOf } from '../policy/vocabulary.ts';
import type { AlertRuleItem } from './types.ts';
import { alertMetrics, alertMetricUnits, type ConditionOp, conditionOps } from './vocabulary.ts';

/*
 * Alerts and their rules as the alerts centre shows them. A rule's definition travels without a schema
 * (`unknown`): it is read here for the table, and sent back unchanged to switch the rule on or off.
 */

export type RuleCondition =
  | { type: 'threshold'; op: ConditionOp; value: string }
  | { type: 'rate_of_change'; op: ConditionOp; value: string; windowDays: number };

export interface RuleSummary {
  code: string;
  version: number;
  active: boolean;
  source: string;
  names: Bilingual | null;
  description: Bilingual | null;
  metric: string;
  severity: string;
  condition: RuleCondition | null;
  /** The definition as stored: what a switch sends back (`PUT …/alert-rules/:code?active=`). */
  definition: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bilingual(value: unknown): Bilingual | null {
  return isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string'
    ? { zh: value.zh, en: value.en }
    : null;
}

function readCondition(value: unknown): RuleCondition | null {
  if (!isRecord(value) || !isOneOf(conditionOps, value.op) || typeof value.value !== 'string') return null;
  const op: ConditionOp = value.op;
  if (value.type === 'threshold') return { type: 'threshold', op, value: value.value };
  if (value.type === 'rate_of_change' && typeof value.window_days === 'number')
    return { type: 'rate_of_change', op, value: value.value, windowDays: value.window_days };
  return null;
}

export function readRule(item: AlertRuleItem): RuleSummary {
  const d = isRecord(item.definition) ? item.definition : {};
  return {
    code: item.code,
    version: item.version,
    active: item.active,
    source: item.source,
    names: bilingual(d.names),
    description: bilingual(d.description),
    metric: typeof d.metric === 'string' ? d.metric : '',
    severity: typeof d.severity === 'string' ? d.severity : '',
    condition: readCondition(d.condition),
    definition: item.definition,
  };
}

/**
 * A value or threshold in its metric's unit: ratios as percents ("0.4" → "40%"), the HHI to two places,
 * counts as they are. A metric this app does not know is shown as it came.
 */
export function metricValueText(metric: string, value: string): string {
  const unit = isOneOf(alertMetrics, metric) ? alertMetricUnits[metric] : null;
  if (unit === 'ratio') return `${trimDecimal(percentOf(value, 6), 2)}%`;
  if (unit === 'index') return trimDecimal(value, 2);
  return value;
}

/** A relative change ("0.5" is +50 %, "-0.3" a fall of 30 %) as a signed percent. */
export function changeText(value: string): string {
  const text = trimDecimal(percentOf(value, 6), 2);
  return `${text.startsWith('-') ? '' : '+'}${text}%`;
}

export interface RaisedAlert {
  alertId: string;
  rule: string;
  severity: string;
  message: Bilingual | null;
}

/** The payload of an `alert.raised` event on the live stream, or null when it is not one. */
export function readAlertRaised(payload: Record<string, unknown>): RaisedAlert | null {
  if (typeof payload.alertId !== 'string' || typeof payload.rule !== 'string') return null;
  return {
    alertId: payload.alertId,
    rule: payload.rule,
    severity: typeof payload.severity === 'string' ? payload.severity : 'warning',
    message: bilingual(payload.message),
  };
}

/** The events that change what the alerts centre lists. */
export const alertEvents = ['alert.raised', 'alert.updated', 'alert.acknowledged', 'alert.resolved'] as const;
