import { percentOf, trimDecimal } from '../format/decimal.ts';
import { normaliseYuan } from '../format/money.ts';
import { moneyTargetMetrics } from './vocabulary.ts';

/*
 * The zone targets (建设目标) as the cockpit shows and edits them: progress is an exact ratio string
 * ("0.123456", null while a reported figure is missing) shown as a bar; changes go back as
 * `PUT /api/monitor/targets/:code` with the target in yuan (two places) or as a whole count.
 */

/** Whether a target counts yuan (risk protection, insurance funds) rather than enterprises or products. */
export function isMoneyTarget(metric: string): boolean {
  return moneyTargetMetrics.includes(metric);
}

/** Progress for a bar: percent with one decimal, rounded down, at most 100; null without a current figure. */
export function progressPercent(progress: string | null): number | null {
  if (progress === null) return null;
  const value = Number(trimDecimal(percentOf(progress, 6), 6));
  if (!Number.isFinite(value)) return null;
  return Math.min(100, Math.max(0, Math.floor(value * 10) / 10));
}

/** Progress as written under the bar: "12.35%", exact to two decimals (can pass 100 %). */
export function progressText(progress: string | null): string | null {
  return progress === null ? null : `${trimDecimal(percentOf(progress, 6), 2)}%`;
}

export interface TargetFormValues {
  target: string;
  /** The figure the zone reports (insurance funds introduced), yuan; only for reported targets. */
  reported?: string;
  dueYear: number;
}

export type TargetBody = { target: string; dueYear: number; reported?: string };

/**
 * The change to send for what was typed, or the field that is not valid: yuan targets take amounts
 * ("1,000,000" → "1000000.00"), count targets whole numbers; the due year lies in 2020–2100.
 */
export function targetBody(
  metric: string,
  source: string,
  values: TargetFormValues,
): { ok: true; body: TargetBody } | { ok: false; field: keyof TargetFormValues } {
  const money = isMoneyTarget(metric);
  const typed = values.target.trim().replaceAll(',', '');
  const target = money
    ? normaliseYuan(typed)
    : /^[0-9]{1,16}$/.test(typed)
      ? typed.replace(/^0+(?=\d)/, '')
      : null;
  if (target === null || !/^[0-9]{1,16}(\.[0-9]{1,2})?$/.test(target) || /^0+(\.0+)?$/.test(target))
    return { ok: false, field: 'target' };
  if (!Number.isInteger(values.dueYear) || values.dueYear < 2020 || values.dueYear > 2100)
    return { ok: false, field: 'dueYear' };
  const body: TargetBody = { target, dueYear: values.dueYear };
  if (source === 'reported' && values.reported !== undefined && values.reported.trim() !== '') {
    const reported = normaliseYuan(values.reported);
    if (reported === null) return { ok: false, field: 'reported' };
    body.reported = reported;
  }
  return { ok: true, body };
}
