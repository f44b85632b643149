import { describe, expect, it } from 'vitest';
import {
  asOfValid,
  defaultPerspectiveKey,
  elapsedParts,
  hasActiveRun,
  insurerRiskRows,
  isCancellable,
  newestDoneRun,
  ratioPercent,
  runProgress,
  runRequestBody,
  shownRun,
  wholeYuan,
} from './risk.ts';
import type { RiskPerspective, RiskRunResult } from './types.ts';

function perspective(
  key: string,
  kind: RiskPerspective['kind'],
  id: string | null,
  names: { zh: string; en: string },
  pml: Record<number, number | null>,
  extra: Partial<RiskPerspective> = {},
): RiskPerspective {
  return {
    key,
    kind,
    id,
    names,
    // The server's plain name of whom the perspective is about (the names carry 自留前 / net and so on).
    subject:
      kind === 'ground_up' || kind === 'gross'
        ? null
        : { zh: names.zh.replace(/（.*）$/, ''), en: names.en.replace(/ \(.*\)$/, '') },
    aal: 10,
    aalStandardError: 1,
    standardDeviation: 5,
    lossYearProbability: 0.1,
    maxAnnual: 100,
    ep: [],
    pml: [10, 50, 100, 200, 250, 500].map((rp) => ({
      returnPeriod: rp,
      exceedanceProbability: 1 / rp,
      oep: pml[rp] ?? null,
      aep: pml[rp] ?? null,
    })),
    var995: pml[200] ?? null,
    tvar995: null,
    ...extra,
  };
}

describe('risk runs', () => {
  it('polls while a run is queued, running or being cancelled, and lets the queued and running be cancelled', () => {
    expect(hasActiveRun([{ status: 'done' }, { status: 'failed' }, { status: 'cancelled' }])).toBe(false);
    for (const status of ['queued', 'running', 'cancelling'] as const)
      expect(hasActiveRun([{ status: 'done' }, { status }])).toBe(true);
    expect(['queued', 'running', 'cancelling', 'done'].map(isCancellable)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(runProgress({ years: 2000, yearsDone: 1500 })).toBe(75);
    expect(runProgress({ years: 2000, yearsDone: 2000 })).toBe(100);
    expect(runProgress({ years: 3, yearsDone: 1 })).toBe(33);
  });

  it('shows the run chosen, else the newest with results, else the newest', () => {
    const runs = [
      { id: 'c', status: 'running' as const },
      { id: 'b', status: 'done' as const },
      { id: 'a', status: 'done' as const },
    ];
    expect(newestDoneRun(runs)?.id).toBe('b');
    expect(shownRun(runs, null)?.id).toBe('b');
    expect(shownRun(runs, 'a')?.id).toBe('a');
    expect(shownRun(runs, 'gone')?.id).toBe('b');
    expect(shownRun([{ id: 'x', status: 'failed' as const }], null)?.id).toBe('x');
    expect(shownRun([], null)).toBeUndefined();
    expect(defaultPerspectiveKey([{ key: 'ground_up' }, { key: 'gross' }])).toBe('gross');
    expect(defaultPerspectiveKey([{ key: 'class:base' }])).toBe('class:base');
    expect(defaultPerspectiveKey([])).toBeNull();
  });

  it('writes estimates in whole yuan, ratios as percents and the time taken', () => {
    expect(wholeYuan(1_234_567.5)).toBe('1,234,568');
    expect(wholeYuan(-0.2)).toBe('0');
    expect(wholeYuan(999)).toBe('999');
    expect(ratioPercent(1.23456)).toBe('123.5%');
    expect(ratioPercent(36_390.358)).toBe('3,639,035.8%');
    expect(ratioPercent(null)).toBeNull();
    expect(elapsedParts(12_345)).toEqual({ minutes: 0, seconds: '12.3' });
    expect(elapsedParts(125_000)).toEqual({ minutes: 2, seconds: '5.0' });
  });

  it('makes one PML row per insurer from its gross and net perspectives and its capacity', () => {
    const result: Pick<RiskRunResult, 'perspectives' | 'capacity'> = {
      perspectives: [
        perspective('gross', 'gross', null, { zh: '毛损失', en: 'Gross' }, { 200: 9e6 }),
        perspective(
          'insurer_gross:a',
          'insurer_gross',
          'a',
          { zh: '甲保险（自留前）', en: '甲保险 (gross)' },
          { 100: 1e6, 200: 2e6, 250: 2.5e6 },
        ),
        perspective(
          'insurer_net:a',
          'insurer_net',
          'a',
          { zh: '甲保险（再保后自留）', en: '甲保险 (net)' },
          { 100: 5e5, 200: 1e6, 250: 1.2e6 },
          { aal: 3e4, tvar995: 1.5e6 },
        ),
        perspective(
          'insurer_gross:b',
          'insurer_gross',
          'b',
          { zh: '乙保险（自留前）', en: '乙保险 (gross)' },
          { 100: 3e6, 200: 4e6, 250: 5e6 },
        ),
        perspective(
          'insurer_net:b',
          'insurer_net',
          'b',
          { zh: '乙保险（再保后自留）', en: '乙保险 (net)' },
          { 100: 3e6, 200: 4e6, 250: 5e6 },
        ),
      ],
      capacity: [
        {
          insurer: 'a',
          names: { zh: '甲保险', en: '甲保险' },
          capital: 5e6,
          netAal: 3e4,
          netPml200: 1e6,
          netTvar995: 1.5e6,
          grossPml200: 2e6,
          coverageRatio: 5,
          utilisation: 0.2,
        },
      ],
    };
    const rows = insurerRiskRows(result);
    // The largest gross PML 1-in-200 first.
    expect(rows.map((r) => r.insurer)).toEqual(['b', 'a']);
    expect(rows[1]).toEqual({
      insurer: 'a',
      names: { zh: '甲保险', en: '甲保险' },
      grossPml: { 100: 1e6, 200: 2e6, 250: 2.5e6 },
      netPml: { 100: 5e5, 200: 1e6, 250: 1.2e6 },
      netTvar995: 1.5e6,
      netAal: 3e4,
      capital: 5e6,
      coverageRatio: 5,
    });
    // Without capacity: the insurer's plain name (the perspective's subject), no capital, no coverage.
    expect(rows[0]).toMatchObject({
      names: { zh: '乙保险', en: '乙保险' },
      capital: null,
      coverageRatio: null,
    });
    expect(insurerRiskRows({ perspectives: result.perspectives.slice(0, 1), capacity: [] })).toEqual([]);
  });

  it('checks the start form: years 1,000–200,000, a seed ≥ 0, a day no later than today', () => {
    const today = '2026-03-15';
    expect(runRequestBody({ years: 2000, seed: 7, asOf: '2026-03-01' }, today)).toEqual({
      ok: true,
      body: { years: 2000, seed: 7, asOf: '2026-03-01' },
    });
    expect(runRequestBody({ years: null, seed: undefined, asOf: '' }, today)).toEqual({ ok: true, body: {} });
    expect(runRequestBody({ years: 999 }, today)).toEqual({ ok: false, field: 'years' });
    expect(runRequestBody({ years: 200_001 }, today)).toEqual({ ok: false, field: 'years' });
    expect(runRequestBody({ years: 1500.5 }, today)).toEqual({ ok: false, field: 'years' });
    expect(runRequestBody({ seed: -1 }, today)).toEqual({ ok: false, field: 'seed' });
    expect(runRequestBody({ asOf: '2026-03-16' }, today)).toEqual({ ok: false, field: 'asOf' });
    expect(asOfValid('2026-02-30', today)).toBe(false);
    expect(asOfValid('2026-03-15', today)).toBe(true);
  });
});
