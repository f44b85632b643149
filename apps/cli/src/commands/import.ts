import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { migrate } from '@kebao/db';
import { regionFullName } from '@kebao/domain/region';
import {
  CATALOG_DIR,
  createTxRunner,
  ErrorReportWriter,
  type ExportFormat,
  enterpriseScope,
  exportEnterprises,
  type ImportProgress,
  loadEvaluationModels,
  loadRegions,
  runImport,
  systemActor,
} from '@kebao/server';
import type { Command } from 'commander';
import { withDatabase } from '../database.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const mb = (kilobytes: number) => `${Math.round(kilobytes / 1024)} MB`;

/** `<dir>/<name>.errors.xlsx` next to the input file. */
export function defaultReportPath(file: string): string {
  const parsed = path.parse(file);
  return path.join(parsed.dir, `${parsed.name}.errors.xlsx`);
}

/**
 * The progress line on stderr: redrawn in place (at most ten times a second) on a terminal,
 * otherwise one line per tenth of the file, so a log stays short.
 */
function progressPrinter(started: number) {
  const tty = process.stderr.isTTY === true;
  let importing = 0;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(p: ImportProgress) {
      const now = performance.now();
      if (p.phase === 'counting') {
        if (tty) process.stderr.write('\rcounting rows…\x1b[K');
        return;
      }
      if (importing === 0) importing = now;
      const seconds = Math.max((now - importing) / 1000, 0.001);
      const share = p.totalRows ? p.rowsRead / p.totalRows : 1;
      const width = 24;
      const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
      const line =
        `${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${n(p.rowsRead)}/${n(p.totalRows ?? 0)} rows` +
        `  ${n(p.rowsRead / seconds)} rows/s  ${n(p.errorRows)} refused  ${((now - started) / 1000).toFixed(0)} s`;
      const end = p.phase !== 'importing';
      if (tty) {
        if (!end && now - lastDraw < 100) return;
        lastDraw = now;
        drawn = true;
        process.stderr.write(`\r${line}\x1b[K`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth || end) {
        if (tenth > lastTenth) process.stderr.write(`${line}\n`);
        lastTenth = tenth;
      }
    },
    done() {
      if (tty && drawn) process.stderr.write('\n');
    },
  };
}

interface ImportCommandOptions {
  dryRun?: boolean;
  errors?: string;
  batchSize?: string;
}

/**
 * `kebao import enterprises FILE`: imports the tech-enterprise list as the system (the same import
 * as the web upload: batches, per-row problems, upsert by USCC), with a progress line, the totals,
 * the peak memory, and the error report as XLSX when there are problems. Exit code 0 when the import
 * finished (bad rows included), 1 when it failed.
 */
export async function importEnterprisesCommand(file: string, options: ImportCommandOptions): Promise<void> {
  const started = performance.now();
  const batchSize = options.batchSize === undefined ? undefined : Number(options.batchSize);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2000))
    throw new Error('--batch-size must be a whole number from 1 to 2000');
  const reportPath = options.errors ?? defaultReportPath(file);
  let report: { writer: ErrorReportWriter; stream: NodeJS.WritableStream } | null = null;
  const printer = progressPrinter(started);

  const summary = await withDatabase(async (db, config) => {
    await migrate(db.url);
    const tx = createTxRunner({ pool: db.pool, clock: () => new Date() });
    const models = await loadEvaluationModels(db.pool, tx, config.catalogDir ?? CATALOG_DIR);
    try {
      return await runImport({
        pool: db.pool,
        tx,
        actor: systemActor,
        requestId: 'cli-import',
        file,
        fileName: path.basename(file),
        models,
        dryRun: options.dryRun === true,
        ...(batchSize === undefined ? {} : { batchSize }),
        onProgress: (p) => printer.update(p),
        onErrors: (errors) => {
          if (report === null) {
            const stream = createWriteStream(reportPath);
            report = { writer: new ErrorReportWriter(stream), stream };
          }
          report.writer.add(errors);
        },
        onUnexpected: (error) =>
          process.stderr.write(
            `\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
          ),
      });
    } finally {
      printer.done();
      const open = report as { writer: ErrorReportWriter; stream: NodeJS.WritableStream } | null;
      if (open !== null) {
        await open.writer.finish();
        await finished(open.stream);
      }
    }
  });

  const seconds = (performance.now() - started) / 1000;
  const verb = summary.dryRun ? 'checked (dry run, nothing stored)' : 'imported';
  const encoding = summary.encoding ? `, ${summary.encoding}` : '';
  out(
    `${verb} ${path.basename(file)} (${summary.format}${encoding}): ${n(summary.rowsRead)} rows in ${seconds.toFixed(1)} s` +
      ` (${n(summary.rowsRead / Math.max(seconds, 0.001))} rows/s)`,
  );
  out(
    `  created ${n(summary.created)} · updated ${n(summary.updated)} · unchanged ${n(summary.unchanged)}` +
      ` · refused ${n(summary.errorRows)} (${n(summary.errors)} problems)`,
  );
  out(`  peak RSS ${mb(process.resourceUsage().maxRSS)}`);
  if (summary.importId) out(`  import ${summary.importId}`);
  if (summary.errors > 0) out(`  error report: ${reportPath}`);
  if (summary.failure) {
    process.stderr.write(`kebao: import failed: ${summary.failure.zh} / ${summary.failure.en}\n`);
    process.exitCode = 1;
  }
}

/** `kebao export enterprises FILE`: the whole registry as .xlsx or .csv (by the extension), in the import columns. */
export async function exportEnterprisesCommand(file: string): Promise<void> {
  const extension = path.extname(file).slice(1).toLowerCase();
  if (extension !== 'csv' && extension !== 'xlsx') throw new Error('the file name must end in .xlsx or .csv');
  const format: ExportFormat = extension;
  const started = performance.now();
  const count = await withDatabase(async (db, config) => {
    const { index } = await loadRegions(config.catalogDir ?? CATALOG_DIR);
    const regionName = (code: string) => regionFullName(index, code, 'zh');
    const stream = createWriteStream(file);
    const written = await exportEnterprises(
      db.pool,
      enterpriseScope(systemActor),
      {},
      format,
      stream,
      regionName,
    );
    await finished(stream);
    return written;
  });
  out(
    `exported ${n(count)} enterprises to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Registers `kebao import enterprises` and `kebao export enterprises`. */
export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('import data')
    .command('enterprises <file>')
    .description(
      'import the tech-enterprise list from CSV (UTF-8 or GBK) or XLSX: rows upserted by USCC, problems to an XLSX report',
    )
    .option('--dry-run', 'check every row and count what would change, store nothing')
    .option(
      '--errors <file.xlsx>',
      'where to write the error report (default: <name>.errors.xlsx next to the file)',
    )
    .option('--batch-size <rows>', 'rows per transaction (default 500)')
    .action(importEnterprisesCommand);
  program
    .command('export')
    .description('export data')
    .command('enterprises <file>')
    .description('export the enterprise registry to .xlsx or .csv (the columns the import reads)')
    .action(exportEnterprisesCommand);
}
