/** The C baseline of the `mc` workload: compiled at run time into a temporary directory, run as a child. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YearLosses } from '@kebao/risk';
import { findCc, requireTool } from '../../harness/tools.ts';

export const SOURCE = fileURLToPath(new URL('./mc.c', import.meta.url));

/** Compiles mc.c with -O3 into `dir`; throws Skip when there is no C compiler. */
export function compileBaseline(dir: string): { binary: string; compiler: string } {
  const cc = requireTool(findCc(), 'a C compiler (cc, gcc or clang)', 'the mc workload’s C baseline');
  const binary = join(dir, 'mc');
  execFileSync(cc, ['-O3', '-std=c11', '-D_POSIX_C_SOURCE=199309L', '-o', binary, SOURCE, '-lm'], {
    stdio: 'pipe',
  });
  const version = execFileSync(cc, ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim() ?? cc;
  return { binary, compiler: version };
}

export interface NativeRun {
  /** Elapsed milliseconds of each run, as the program timed itself (reading the portfolio excluded). */
  wallMs: number[];
  /** CPU milliseconds of each run (the process's CPU clock). */
  cpuMs: number[];
  /** Ground-up losses drawn in the last run. */
  losses: number;
  /** Per perspective, the sums over the years of the annual and of the largest-occurrence losses. */
  sums: { annual: number; maxOccurrence: number }[];
}

/** Runs the compiled baseline over years 0 … years − 1 `repeats` times in one process. */
export function runBaseline(
  binary: string,
  portfolio: string,
  options: { years: number; seedLow: number; seedHigh: number; groundUpOnly: boolean; repeats: number },
): NativeRun {
  const args = [
    portfolio,
    String(options.years),
    String(options.seedLow),
    String(options.seedHigh),
    options.groundUpOnly ? '1' : '0',
    String(options.repeats),
  ];
  const output = execFileSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const runs = [...output.matchAll(/^run ([0-9.]+) ([0-9.]+) ([0-9]+)$/gm)];
  const sums = [...output.matchAll(/^sum ([0-9]+) (\S+) (\S+)$/gm)];
  if (runs.length !== options.repeats || sums.length === 0)
    throw new Error(`the C baseline answered:\n${output}`);
  return {
    wallMs: runs.map((m) => Number(m[1])),
    cpuMs: runs.map((m) => Number(m[2])),
    losses: Number(runs.at(-1)?.[3]),
    sums: sums.map((m) => ({ annual: Number(m[2]), maxOccurrence: Number(m[3]) })),
  };
}

/** The same sums from the JavaScript engine's years. */
export function yearSums(losses: YearLosses): NativeRun['sums'] {
  const { years, perspectiveCount: P, annual, maxOccurrence } = losses;
  return Array.from({ length: P }, (_, p) => {
    let a = 0;
    let m = 0;
    for (let y = 0; y < years; y++) {
      a += annual[y * P + p] as number;
      m += maxOccurrence[y * P + p] as number;
    }
    return { annual: a, maxOccurrence: m };
  });
}

/**
 * The largest relative difference between two sets of sums. The engines draw the same numbers and do the
 * same arithmetic in the same order; only the last bit of a libm exp or log (V8's port of fdlibm against
 * glibc) can differ, so the sums agree to about 1e-15.
 */
export function largestDifference(a: NativeRun['sums'], b: NativeRun['sums']): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  a.forEach((x, p) => {
    const y = b[p] as NativeRun['sums'][number];
    for (const [u, v] of [
      [x.annual, y.annual],
      [x.maxOccurrence, y.maxOccurrence],
    ] as const) {
      worst = Math.max(worst, Math.abs(u - v) / Math.max(1, Math.abs(u), Math.abs(v)));
    }
  });
  return worst;
}
