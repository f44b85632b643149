import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PortfolioInput } from '@kebao/risk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulateCommand } from '../src/commands/simulate.ts';
import { runCli } from './run-cli.ts';

/** A small portfolio file: two classes, a co-insured policy, a pooled group, a programme and an event set. */
const portfolio: PortfolioInput = {
  name: 'CLI test portfolio',
  classes: [
    { id: 'rd_transfer', frequency: 0.3, severity: { kind: 'lognormal', mean: '800000', cv: 1.5 } },
    {
      id: 'base',
      frequency: { kind: 'negative_binomial', mean: 0.2, variance: 0.5 },
      severity: { kind: 'gamma', mean: 300_000, cv: 1 },
    },
  ],
  insurers: [
    {
      id: 'INS-LEAD',
      capital: '500000000.00',
      programme: [
        { id: 'QS', kind: 'quota_share', cededShare: 300_000, reinsurer: 'RE-1' },
        { id: 'CAT', kind: 'catastrophe_xl', layers: [{ attachment: 5e6, limit: 2e7, reinsurer: 'RE-2' }] },
      ],
    },
    { id: 'INS-B', capital: 200_000_000 },
  ],
  events: [
    {
      id: 'EV-CYBER',
      kind: 'cyber',
      annualRate: 0.2,
      footprint: { classes: ['base'] },
      hitProbability: 0.3,
      intensitySigma: 0.5,
      damageRatio: { mean: 0.05, cv: 1 },
    },
  ],
  policies: [
    ...Array.from({ length: 20 }, (_, i) => ({
      id: `P-${i + 1}`,
      class: 'rd_transfer',
      sumInsured: 5_000_000 + i * 1_000_000,
      deductible: 20_000,
      aggregateLimit: 8_000_000,
      lines: [
        { insurer: 'INS-LEAD', share: 600_000 },
        { insurer: 'INS-B', share: 400_000 },
      ],
    })),
    {
      id: 'G-1',
      class: 'base',
      count: 50,
      sumInsured: 1_000_000,
      pool: 'SME-POOL',
      lines: [{ insurer: 'INS-LEAD', share: 1_000_000 }],
    },
  ],
};

let dir: string;
let file: string;
let output: string[];
let errors: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kebao-simulate-'));
  file = path.join(dir, 'portfolio.json');
  await writeFile(file, JSON.stringify(portfolio));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture(): void {
  output = [];
  errors = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    errors.push(String(chunk));
    return true;
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function runJson(options: Record<string, string>) {
  const out = path.join(dir, `result-${Math.random().toString(36).slice(2)}.json`);
  capture();
  await simulateCommand(file, { years: '2000', seed: '7', workers: '0', ...options, out });
  vi.restoreAllMocks();
  return JSON.parse(await readFile(out, 'utf8'));
}

describe('kebao simulate', () => {
  it('writes AAL, EP curves, PML and TVaR per perspective, and the capacity view, as JSON', async () => {
    const result = await runJson({});
    expect(output.join('')).toMatch(
      /^wrote .*result-.*\.json: 11 perspectives; 21 policies and groups \(70 risks\)/,
    );
    expect(errors.join('')).toMatch(/100%\s+2,000\/2,000 years/);
    expect(result.years).toBe(2000);
    expect(result.currency).toBe('CNY');
    expect(result.yearLosses).toBeUndefined();
    expect(result.perspectives.map((p: { key: string }) => p.key)).toEqual([
      'ground_up',
      'gross',
      'class:rd_transfer',
      'class:base',
      'pool:SME-POOL',
      'insurer_gross:INS-LEAD',
      'insurer_gross:INS-B',
      'insurer_net:INS-LEAD',
      'insurer_net:INS-B',
      'reinsurer:RE-1',
      'reinsurer:RE-2',
    ]);
    const gross = result.perspectives[1];
    expect(gross.aal).toBeGreaterThan(0);
    expect(gross.pml.map((p: { returnPeriod: number }) => p.returnPeriod)).toEqual([
      10, 50, 100, 200, 250, 500,
    ]);
    expect(gross.var995).toBe(gross.pml[3].aep);
    expect(gross.tvar995).toBeGreaterThanOrEqual(gross.var995);
    expect(result.capacity.map((c: { insurer: string }) => c.insurer)).toEqual(['INS-LEAD', 'INS-B']);
    expect(result.capacity[0].coverageRatio).toBeCloseTo(5e8 / result.capacity[0].netPml200, 9);
  });

  it('gives the same results with worker threads and another block size', async () => {
    const alone = await runJson({});
    const pooled = await runJson({ workers: '2', blockYears: '64' });
    expect(pooled.workers).toBe(2);
    expect(pooled.perspectives).toEqual(alone.perspectives);
    expect(pooled.capacity).toEqual(alone.capacity);
  });

  it('writes CSV, one value a row', async () => {
    const out = path.join(dir, 'result.csv');
    capture();
    await simulateCommand(file, { years: '400', seed: '7', workers: '0', out });
    vi.restoreAllMocks();
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines[0]).toBe('perspective,kind,id,measure,return_period,value');
    expect(lines[1]).toMatch(/^ground_up,ground_up,,aal,,[0-9.e+]+$/);
    // 400 years: the PML table's 500 years lies beyond them (empty), 200 years does not.
    expect(lines).toContain('insurer_net:INS-B,insurer_net,INS-B,aep,500,');
    expect(lines.some((l) => /^gross,gross,,aep,200,[0-9.e+]+$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('capacity:INS-LEAD,capacity,INS-LEAD,coverage_ratio,,'))).toBe(
      true,
    );
  });

  it('carries the reinstatement premiums as annual perspectives in JSON, CSV and the table', async () => {
    // The same portfolio with a paid reinstatement on the catastrophe layer: two more perspectives, last.
    const ripFile = path.join(dir, 'portfolio-rip.json');
    const lead = portfolio.insurers[0] as NonNullable<PortfolioInput['insurers'][number]>;
    await writeFile(
      ripFile,
      JSON.stringify({
        ...portfolio,
        insurers: [
          {
            ...lead,
            programme: [
              { id: 'QS', kind: 'quota_share', cededShare: 300_000, reinsurer: 'RE-1' },
              {
                id: 'CAT',
                kind: 'catastrophe_xl',
                layers: [
                  {
                    attachment: 2e5,
                    limit: 2e6,
                    premium: 4e5,
                    reinstatements: [1, 0.5],
                    reinsurers: [{ id: 'RE-2', share: 800_000 }],
                  },
                ],
              },
            ],
          },
          ...portfolio.insurers.slice(1),
        ],
      }),
    );
    const json = path.join(dir, 'rip.json');
    const csv = path.join(dir, 'rip.csv');
    capture();
    await simulateCommand(ripFile, { years: '400', seed: '7', workers: '0', out: json });
    await simulateCommand(ripFile, { years: '400', seed: '7', workers: '0', out: csv });
    await simulateCommand(ripFile, { years: '400', seed: '7', workers: '0' });
    vi.restoreAllMocks();
    expect(process.exitCode).toBeUndefined();
    const result = JSON.parse(await readFile(json, 'utf8'));
    const keys = result.perspectives.map((p: { key: string }) => p.key);
    expect(keys).toHaveLength(13);
    expect(keys.slice(-2)).toEqual(['insurer_rip:INS-LEAD', 'reinsurer_rip:RE-2']);
    const paid = result.perspectives[11];
    const received = result.perspectives[12];
    expect(paid).toMatchObject({ kind: 'insurer_rip', id: 'INS-LEAD' });
    expect(received).toMatchObject({ kind: 'reinsurer_rip', id: 'RE-2' });
    expect(paid.aal).toBeGreaterThan(0);
    // 80 % placed: the insurer pays what RE-2 receives, year by year, so on average too.
    expect(received.aal).toBeCloseTo(paid.aal, 6);
    // At most 400,000 × (1 + 0.5) a year.
    expect(paid.maxAnnual).toBeLessThanOrEqual(6e5 + 1e-6);
    expect(paid.ep.every((point: { oep: unknown }) => point.oep === null)).toBe(true);
    expect(paid.pml[0].aep).not.toBeNull();
    const lines = (await readFile(csv, 'utf8')).trimEnd().split('\n');
    expect(lines.some((l) => /^insurer_rip:INS-LEAD,insurer_rip,INS-LEAD,aal,,[0-9.e+]+$/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /^reinsurer_rip:RE-2,reinsurer_rip,RE-2,aep,100,[0-9.e+]+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^(insurer|reinsurer)_rip:[^,]+,[^,]+,[^,]+,oep,/.test(l))).toBe(false);
    expect(output.join('')).toMatch(/\ninsurer_rip:INS-LEAD +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+\n/);
  });

  it('prints a summary table without --out, and simulates the demo portfolio', async () => {
    capture();
    await simulateCommand(undefined, { demo: true, policies: '300', years: '300', seed: '1', workers: '0' });
    const text = output.join('');
    expect(text).toMatch(
      /^synthetic tech-insurance portfolio \(300 policies, 5 SME groups\): 305 policies and groups/,
    );
    expect(text).toMatch(/\nperspective +AAL +PML 100 +PML 200 +PML 250 +TVaR 99\.5%\n/);
    expect(text).toMatch(/\ninsurer_net:INS-LEAD +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+\n/);
    expect(text).toContain('capacity (net PML 1-in-200 against capital):');
  });

  it('lists every problem of a bad portfolio and exits 1', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...portfolio, policies: [{ id: 'X', class: 'nope', lines: [] }] }));
    capture();
    await simulateCommand(bad, { years: '10', workers: '0' });
    expect(process.exitCode).toBe(1);
    expect(errors.join('')).toContain('policies[0].class: names no class of the portfolio: "nope"');
    expect(errors.join('')).toMatch(/\d+ problem\(s\) in the portfolio\n$/);
  });

  it('refuses unclear arguments', async () => {
    await expect(simulateCommand(undefined, {})).rejects.toThrow(/portfolio file or --demo/);
    await expect(simulateCommand(file, { demo: true })).rejects.toThrow(/one of them/);
    await expect(simulateCommand(file, { years: '1.5' })).rejects.toThrow(/--years must be a whole number/);
    await expect(simulateCommand(file, { out: path.join(dir, 'x.txt') })).rejects.toThrow(/\.json or \.csv/);
    await expect(simulateCommand(path.join(dir, 'missing.json'), {})).rejects.toThrow(/cannot read/);
  });

  it('is a command of kebao', async () => {
    const out = path.join(dir, 'child.json');
    const r = await runCli([
      'simulate',
      file,
      '--years',
      '300',
      '--seed',
      '7',
      '--workers',
      '1',
      '--out',
      out,
    ]);
    expect(r.stderr).toMatch(/100%\s+300\/300 years/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*child\.json: 11 perspectives/);
    expect(JSON.parse(await readFile(out, 'utf8')).years).toBe(300);
  }, 60_000);
});
