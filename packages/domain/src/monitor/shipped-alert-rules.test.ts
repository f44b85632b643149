import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type AlertRule, evaluateRule, parseAlertRule } from './alert-rules.ts';

const SHIPPED_ALERTS = new URL('../../../../catalog/alerts/', import.meta.url);

const files = readdirSync(SHIPPED_ALERTS)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

const load = (file: string): AlertRule => {
  const result = parseAlertRule(parse(readFileSync(new URL(file, SHIPPED_ALERTS), 'utf8')));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.errors, null, 2)}`);
  return result.rule;
};

/** A value just past a rule's threshold, in the direction that fires it. */
const pastThreshold = (rule: AlertRule): string => {
  const { op, value } = rule.condition;
  const step = rule.metric === 'repeated_claims' || rule.metric === 'claim_backlog_overdue' ? 1 : 0.01;
  const number = Number(value);
  if (op === 'gte' || op === 'lte') return value;
  return String(op === 'gt' ? number + step : number - step);
};

describe('the shipped early-warning rules (catalog/alerts)', () => {
  it('ships the rules of the cockpit', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s parses and is named for its code', (file) => {
    const rule = load(file);
    expect(`${rule.code}.yaml`).toBe(file);
  });

  it.each(files)('%s fires past its threshold and words its message', (file) => {
    const rule = load(file);
    expect(rule.condition.type).toBe('threshold');
    const result = evaluateRule(rule, {
      subject: { zh: '观察对象', en: 'Subject' },
      value: pastThreshold(rule),
      at: '2025-06-30',
    });
    expect(result.fired).toBe(true);
    expect(result.message.zh).toContain('观察对象');
    expect(result.message.zh).not.toMatch(/[{}]/);
    expect(result.message.en).not.toMatch(/[{}]/);
  });

  it('has one rule per code', () => {
    const codes = files.map((file) => load(file).code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
