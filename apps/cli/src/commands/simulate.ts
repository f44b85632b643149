import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  type Compiled,
  compilePortfolio,
  PortfolioError,
  type Progress,
  perspectiveHasOccurrences,
  type SimulationResult,
  simulate,
  syntheticPortfolio,
} from '@kebao/risk';

/**
 * `kebao simulate [portfolio.json]`: the Monte Carlo risk engine on a portfolio file (format in
 * docs/risk.md) or, with --demo, on a generated synthetic portfolio. Prints a progress bar on stderr and
 * either a summary table on stdout or, with --out, the full results as JSON or CSV. Amounts are yuan as
 * binary floats: estimates, not amounts to post.
 */

export interface SimulateCommandOptions {
  demo?: boolean;
  policies?: string;
  years?: string;
  seed?: string;
  workers?: string;
  blockYears?: string;
  out?: string;
}

/** Worker threads by default: one per CPU, at most eight. */
export const defaultWorkers = () => Math.max(1, Math.min(os.availableParallelism(), 8));

const out = (text: string) => process.stdout.write(`${text}\n`);
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const amount = (value: number | null) => (value === null ? '—' : n(value));

function wholeNumber(
  text: string | undefined,
  what: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(
      `${what} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, not "${text}"`,
    );
  }
  return value;
}

/** The progress bar on stderr: redrawn in place on a terminal, otherwise one line per tenth of the years. */
function progressPrinter(started: number) {
  const tty = process.stderr.isTTY === true;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(p: Progress) {
      const now = performance.now();
      const share = p.yearsDone / p.years;
      const seconds = Math.max((now - started) / 1000, 0.001);
      const width = 24;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      const line =
        `${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${n(p.yearsDone)}/${n(p.years)} years` +
        `  ${n(p.yearsDone / seconds)} years/s  ${seconds.toFixed(1)} s`;
      const end = p.yearsDone === p.years;
      if (tty) {
        if (!end && now - lastDraw < 100) return;
        lastDraw = now;
        drawn = true;
        process.stderr.write(`\r${line}\x1b[K`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth) {
        process.stderr.write(`${line}\n`);
        lastTenth = tenth;
      }
    },
    done() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}

/** The results without the per-year arrays: what --out file.json holds. */
export function resultJson(
  result: SimulationResult,
): Omit<SimulationResult, 'yearLosses'> & { unit: string } {
  const { yearLosses: _years, ...rest } = result;
  return { ...rest, unit: 'yuan (binary floating point; estimates, not amounts to post)' };
}

const csvCell = (value: string | number | null) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The results as CSV, one value a row: perspective, kind, id, measure, return_period, value. Measures:
 * aal, aal_standard_error, standard_deviation, loss_year_probability, max_annual, var_99_5, tvar_99_5, oep
 * and aep (per return period; no oep for the annual reinstatement premiums, insurer_rip and reinsurer_rip),
 * and for each insurer with capital the capacity view (capital, net_aal, net_pml_200, net_tvar_99_5,
 * gross_pml_200, coverage_ratio, utilisation) under perspective "capacity:<insurer>".
 */
export function resultCsv(result: SimulationResult): string {
  const rows: (string | number | null)[][] = [
    ['perspective', 'kind', 'id', 'measure', 'return_period', 'value'],
  ];
  for (const p of result.perspectives) {
    const row = (measure: string, returnPeriod: number | null, value: number | null) =>
      rows.push([p.key, p.kind, p.id, measure, returnPeriod, value]);
    row('aal', null, p.aal);
    row('aal_standard_error', null, p.aalStandardError);
    row('standard_deviation', null, p.standardDeviation);
    row('loss_year_probability', null, p.lossYearProbability);
    row('max_annual', null, p.maxAnnual);
    row('var_99_5', null, p.var995);
    row('tvar_99_5', null, p.tvar995);
    const occurrences = perspectiveHasOccurrences(p.kind);
    const points = new Map([...p.ep, ...p.pml].map((point) => [point.returnPeriod, point]));
    for (const point of [...points.values()].sort((a, b) => a.returnPeriod - b.returnPeriod)) {
      if (occurrences) row('oep', point.returnPeriod, point.oep);
      row('aep', point.returnPeriod, point.aep);
    }
  }
  for (const c of result.capacity) {
    const row = (measure: string, value: number | null) =>
      rows.push([`capacity:${c.insurer}`, 'capacity', c.insurer, measure, null, value]);
    row('capital', c.capital);
    row('net_aal', c.netAal);
    row('net_pml_200', c.netPml200);
    row('net_tvar_99_5', c.netTvar995);
    row('gross_pml_200', c.grossPml200);
    row('coverage_ratio', c.coverageRatio);
    row('utilisation', c.utilisation);
  }
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/** A summary table for the terminal: AAL, PML (AEP) at 100, 200 and 250 years and TVaR 99.5 %, in yuan. */
export function resultTable(result: SimulationResult): string[] {
  const aep = (p: SimulationResult['perspectives'][number], t: number) =>
    p.pml.find((point) => point.returnPeriod === t)?.aep ?? null;
  const header = ['perspective', 'AAL', 'PML 100', 'PML 200', 'PML 250', 'TVaR 99.5%'];
  const body = result.perspectives.map((p) => [
    p.key,
    n(p.aal),
    amount(aep(p, 100)),
    amount(aep(p, 200)),
    amount(aep(p, 250)),
    amount(p.tvar995),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ');
  const lines = [line(header), ...body.map(line)];
  if (result.capacity.length > 0) {
    lines.push('', 'capacity (net PML 1-in-200 against capital):');
    for (const c of result.capacity) {
      const ratio = c.coverageRatio === null ? '—' : `${(c.coverageRatio * 100).toFixed(0)}%`;
      lines.push(
        `  ${c.insurer}: capital ${n(c.capital)}, net PML 200 ${amount(c.netPml200)}, coverage ${ratio}`,
      );
    }
  }
  return lines;
}

async function readPortfolio(file: string): Promise<Compiled> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the portfolio ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  return compilePortfolio(json);
}

/** `kebao simulate [portfolio] [--demo] [--years N] [--seed N] [--workers N] [--out file.json|file.csv]`. */
export async function simulateCommand(
  file: string | undefined,
  options: SimulateCommandOptions,
): Promise<void> {
  if ((file === undefined) === (options.demo !== true)) {
    throw new Error('give a portfolio file or --demo (one of them)');
  }
  const years = wholeNumber(options.years, '--years', 10_000, 1, 50_000_000);
  const seed = wholeNumber(options.seed, '--seed', 2026, 0, Number.MAX_SAFE_INTEGER);
  const workers = wholeNumber(options.workers, '--workers', defaultWorkers(), 0, 64);
  const blockYears =
    options.blockYears === undefined
      ? undefined
      : wholeNumber(options.blockYears, '--block-years', 1, 1, 1_000_000);
  const format = options.out === undefined ? null : path.extname(options.out).toLowerCase();
  if (format !== null && format !== '.json' && format !== '.csv') {
    throw new Error(`--out must name a .json or .csv file, not ${options.out}`);
  }

  let compiled: Compiled;
  try {
    compiled =
      file === undefined
        ? compilePortfolio(
            syntheticPortfolio({
              policies: wholeNumber(options.policies, '--policies', 10_000, 1, 2_000_000),
            }),
          )
        : await readPortfolio(file);
  } catch (error) {
    if (!(error instanceof PortfolioError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`${error.problems.length} problem(s) in the portfolio\n`);
    process.exitCode = 1;
    return;
  }

  const started = performance.now();
  const progress = progressPrinter(started);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  let result: SimulationResult;
  try {
    result = await simulate(compiled, {
      years,
      seed,
      workers,
      ...(blockYears === undefined ? {} : { blockYears }),
      onProgress: (p) => progress.update(p),
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted) {
      progress.done();
      process.stderr.write('simulation cancelled\n');
      process.exitCode = 130;
      return;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
  progress.done();

  const what =
    `${n(result.portfolio.units)} policies and groups (${n(result.portfolio.risks)} risks), ${n(years)} years, ` +
    `seed ${seed}, ${result.workers === 0 ? 'this thread' : `${result.workers} worker thread(s)`}: ` +
    `${n(result.losses)} losses in ${(result.elapsedMs / 1000).toFixed(1)} s`;
  if (options.out === undefined) {
    out(`${result.portfolio.name}: ${what}; amounts in yuan`);
    for (const line of resultTable(result)) out(line);
    return;
  }
  const text = format === '.csv' ? resultCsv(result) : `${JSON.stringify(resultJson(result), null, 2)}\n`;
  await writeFile(options.out, text);
  out(`wrote ${options.out}: ${result.perspectives.length} perspectives; ${what}`);
}
