/** The C baseline of the `match` workload: compiled at run time into a temporary directory, run as a child. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCc, requireTool } from '../../harness/tools.ts';

export const SOURCE = fileURLToPath(new URL('./match.c', import.meta.url));

/** Compiles match.c with -O3 into `dir`; throws Skip when there is no C compiler. */
export function compileBaseline(dir: string): { binary: string; compiler: string } {
  const cc = requireTool(findCc(), 'a C compiler (cc, gcc or clang)', 'the match workload’s C baseline');
  const binary = join(dir, 'match');
  execFileSync(cc, ['-O3', '-std=c11', '-D_POSIX_C_SOURCE=199309L', '-o', binary, SOURCE, '-lm'], {
    stdio: 'pipe',
  });
  const version = execFileSync(cc, ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim() ?? cc;
  return { binary, compiler: version };
}

export interface NativeRun {
  /** Elapsed milliseconds of each run, as the program timed itself (reading the file excluded). */
  runs: number[];
  /** CPU milliseconds of each run (the process's CPU clock). */
  cpu: number[];
  scores: string;
  rankings: string;
}

/** Runs the compiled baseline over the input file `repeats` times in one process. */
export function runBaseline(binary: string, input: string, repeats: number): NativeRun {
  const output = execFileSync(binary, [input, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const lines = [...output.matchAll(/^run ([0-9.]+) ([0-9.]+)$/gm)];
  const sums = /^checksums ([0-9a-f]{8}) ([0-9a-f]{8})$/m.exec(output);
  if (lines.length !== repeats || sums === null) throw new Error(`the C baseline answered:\n${output}`);
  return {
    runs: lines.map((m) => Number(m[1])),
    cpu: lines.map((m) => Number(m[2])),
    scores: sums[1] as string,
    rankings: sums[2] as string,
  };
}
