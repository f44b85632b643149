import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Machine, machineLine } from './machine.ts';
import type { Limit, Target } from './workload.ts';

export const resultsDir = new URL('../results/', import.meta.url);

/** A limit with the median it was checked against (`values`: one per figure measurement). */
export interface LimitResult extends Limit {
  value: number;
  values: number[];
  met: boolean;
}

/** What `bench/results/<name>.json` holds. */
export interface Result {
  name: string;
  description: string;
  figure: number;
  unit: string;
  baseline: number;
  baselineUnit: string;
  ratio: number;
  target: Target;
  higherIsBetter: boolean;
  /** The target and every limit met. */
  meetsTarget: boolean;
  /** Bounds on other quantities of the figure (e.g. its p99 latency); absent when the workload has none. */
  limits?: LimitResult[];
  runs: number;
  figures: number[];
  baselines: number[];
  notes: string[];
  details: Record<string, unknown>;
  machine: Machine;
  at: string;
}

/** 52310 → "52,310"; 12.34 → "12.3"; 0.01234 → "0.0123". */
export function formatNumber(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const options = abs >= 1 || abs === 0 ? { maximumFractionDigits: digits } : { maximumSignificantDigits: 3 };
  return x.toLocaleString('en-US', options);
}

/** Two decimals, or three when two would round a near miss onto the target; two digits below 0.1. */
export function formatRatio(ratio: number, target: Target): string {
  if (Math.abs(ratio) < 0.1) return ratio.toPrecision(2);
  const two = ratio.toFixed(2);
  return target.ratio !== undefined && two === target.ratio.toFixed(2) ? ratio.toFixed(3) : two;
}

/** The target with its limits and their medians, e.g. '≥ 0.80× and p99 ≤ 10 ms (p99 was 23 ms)'. */
export function describeTarget(r: Result): string {
  const limits = (r.limits ?? []).map(
    (l) => ` and ${l.describe} (${l.what} was ${formatNumber(l.value)} ${l.unit}${l.met ? '' : ', missed'})`,
  );
  return `${r.target.describe}${limits.join('')}`;
}

export function resultLine(r: Result): string {
  return [
    r.name,
    `${formatNumber(r.figure)} ${r.unit}`,
    'vs',
    `${formatNumber(r.baseline)} ${r.baselineUnit}`,
    `ratio ${formatRatio(r.ratio, r.target)}×`,
    `target ${describeTarget(r)} ${r.meetsTarget ? '✓' : '✗'}`,
  ].join('  ');
}

export function writeResult(r: Result): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(new URL(`${r.name}.json`, resultsDir), `${JSON.stringify(r, null, 2)}\n`);
}

function readResults(): Result[] {
  return readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, resultsDir), 'utf8')) as Result);
}

/** `bench/results/SUMMARY.md`: every result file present, and the machines they were measured on. */
export function writeSummary(): string {
  mkdirSync(resultsDir, { recursive: true });
  const results = readResults();
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [
    '# Kebao benchmarks',
    '',
    'Figures and baselines are medians of interleaved runs measured in the same session on the same machine.',
    '',
    row(['workload', 'figure', 'baseline', 'ratio', 'target', 'met', 'runs', 'measured at']),
    row(['---', '---:', '---:', '---:', '---', ':---:', '---:', '---']),
    ...results.map((r) =>
      row([
        r.name,
        `${formatNumber(r.figure)} ${r.unit}`,
        `${formatNumber(r.baseline)} ${r.baselineUnit}`,
        `${formatRatio(r.ratio, r.target)}×`,
        describeTarget(r),
        r.meetsTarget ? '✓' : '✗',
        String(r.runs),
        r.at,
      ]),
    ),
    '',
    '## Machine',
    '',
  ];
  const machines = new Map<string, string[]>();
  for (const r of results) {
    const line = machineLine(r.machine);
    machines.set(line, [...(machines.get(line) ?? []), r.name]);
  }
  for (const [line, names] of machines) {
    lines.push(machines.size === 1 ? `- ${line}` : `- ${line} (${names.join(', ')})`);
  }
  const notes = results.flatMap((r) => r.notes.map((n) => `- ${r.name}: ${n}`));
  if (notes.length > 0) lines.push('', '## Notes', '', ...notes);
  const file = new URL('SUMMARY.md', resultsDir);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return `${results.length} result(s) in bench/results/SUMMARY.md`;
}
