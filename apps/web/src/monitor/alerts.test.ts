import { describe, expect, it } from 'vitest';
import { changeText, metricValueText, readAlertRaised, readRule } from './alerts.ts';

const definition = {
  code: 'insurer-share-high',
  version: 1,
  names: { zh: '单一机构风险占比过高', en: 'One insurer holds too much of the zone’s exposure' },
  metric: 'insurer_share',
  condition: { type: 'threshold', op: 'gt', value: '0.4' },
  severity: 'warning',
  message: { zh: '{subject}', en: '{subject}' },
};

describe('alerts and their rules', () => {
  it('reads a rule for the table and keeps its definition to send back', () => {
    const rule = readRule({
      code: 'insurer-share-high',
      version: 1,
      active: true,
      source: 'catalog',
      definition,
    });
    expect(rule).toMatchObject({
      code: 'insurer-share-high',
      names: { zh: '单一机构风险占比过高' },
      description: null,
      metric: 'insurer_share',
      severity: 'warning',
      condition: { type: 'threshold', op: 'gt', value: '0.4' },
    });
    expect(rule.definition).toBe(definition);
    const change = readRule({
      code: 'x',
      version: 2,
      active: false,
      source: 'api',
      definition: {
        ...definition,
        condition: { type: 'rate_of_change', window_days: 30, op: 'gte', value: '0.5' },
      },
    });
    expect(change.condition).toEqual({ type: 'rate_of_change', op: 'gte', value: '0.5', windowDays: 30 });
    expect(
      readRule({ code: 'y', version: 1, active: true, source: 'api', definition: 'odd' }).condition,
    ).toBeNull();
  });

  it('writes values in their metric’s unit', () => {
    expect(metricValueText('insurer_share', '0.4')).toBe('40%');
    expect(metricValueText('loss_ratio', '0.712345')).toBe('71.23%');
    expect(metricValueText('hhi', '10000.00')).toBe('10000');
    expect(metricValueText('repeated_claims', '3')).toBe('3');
    expect(metricValueText('something_new', '0.4')).toBe('0.4');
    expect(changeText('0.5')).toBe('+50%');
    expect(changeText('-0.3')).toBe('-30%');
  });

  it('reads an alert.raised payload from the live stream', () => {
    expect(
      readAlertRaised({
        alertId: 'a1',
        rule: 'insurer-share-high',
        severity: 'warning',
        subject: 'insurer:x',
        value: '0.6',
        threshold: '0.4',
        message: { zh: '某公司承担了区内 60%', en: 'X carries 60%' },
      }),
    ).toEqual({
      alertId: 'a1',
      rule: 'insurer-share-high',
      severity: 'warning',
      message: { zh: '某公司承担了区内 60%', en: 'X carries 60%' },
    });
    expect(readAlertRaised({ rule: 'x' })).toBeNull();
  });
});
