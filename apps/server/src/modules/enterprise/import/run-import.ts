import { type EnterpriseProfile, validateProfile } from '@kebao/domain/enterprise';
import type pg from 'pg';
import type { Actor } from '../../../platform/actor.ts';
import { AppError, problem } from '../../../platform/errors.ts';
import { countRows, openRows, type RowSource, type SheetRow } from '../../../platform/files/read-rows.ts';
import { newId } from '../../../platform/ids.ts';
import type { Ctx, RunInTransaction } from '../../../platform/transaction.ts';
import { currentModels, type EvaluationModels } from '../evaluation-models.ts';
import { type SaveOutcome, saveProfiles } from '../service.ts';
import type { Column } from './columns.ts';
import { type HeaderPlan, type ImportRowError, planHeader } from './header-plan.ts';
import {
  addImportCounters,
  finishImport,
  type ImportCounters,
  insertImport,
  insertImportErrors,
  lockStoredProfiles,
  setImportTotal,
} from './import-repo.ts';
import { columnOfPath, mergeProfile } from './merge-profile.ts';
import { rowToProfile } from './row-to-profile.ts';

/** The most data rows one file may hold; a larger file is refused before anything is written. */
export const MAX_IMPORT_ROWS = 100_000;
/** Rows saved per transaction: each batch commits whole (rows, their problems, the counters, an event). */
export const DEFAULT_BATCH_SIZE = 500;
/** Batches committing at once (each on its own connection). */
const MAX_IN_FLIGHT = 2;

export type ImportFailure = { code: string; zh: string; en: string };

export interface ImportProgress extends ImportCounters {
  importId: string | null;
  phase: 'counting' | 'importing' | 'finished' | 'failed';
}

export interface ImportSummary extends ImportCounters {
  importId: string | null;
  status: 'finished' | 'failed';
  format: 'csv' | 'xlsx';
  encoding: string | null;
  dryRun: boolean;
  failure: ImportFailure | null;
}

export interface ImportOptions {
  pool: pg.Pool;
  tx: RunInTransaction;
  actor: Actor;
  requestId?: string | null;
  /** The file on disk (the upload is streamed to a temporary file first). */
  file: string;
  /** The name the user gave it, kept with the import. */
  fileName: string;
  /** The evaluation models to save with; by default the newest stored ones. */
  models?: EvaluationModels;
  /** Read, check and save every batch, then roll each back: the counts without a change. */
  dryRun?: boolean;
  batchSize?: number;
  maxRows?: number;
  /** Aborting stops the import after the batch in hand; it is marked failed (`import.interrupted`). */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** The problems of each committed batch, in row order (the command streams them into its report). */
  onErrors?: (errors: readonly ImportRowError[]) => void | Promise<void>;
  /** Told about an unexpected error that stopped the import (it is recorded as `import.failed`). */
  onUnexpected?: (error: unknown) => void;
}

export interface StartedImport {
  importId: string | null;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  /** Resolves when the import has finished or failed (never rejects unless recording the end failed). */
  finished: Promise<ImportSummary>;
}

interface PendingRow {
  row: number;
  uscc: string;
  doc: Record<string, unknown>;
}

/** Thrown inside a dry run's batch transaction to roll it back with what it found. */
class DryRunRollback extends Error {
  readonly result: BatchResult;
  constructor(result: BatchResult) {
    super('dry run');
    this.result = result;
  }
}

interface BatchResult {
  delta: ImportCounters;
  errors: ImportRowError[];
}

const zeroCounters = (): ImportCounters => ({
  totalRows: null,
  rowsRead: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  errorRows: 0,
  errors: 0,
});

const failureOf = (error: AppError): ImportFailure => ({
  code: error.code,
  zh: error.detail ? `${error.messageZh}（${error.detail}）` : error.messageZh,
  en: error.detail ? `${error.messageEn} (${error.detail})` : error.messageEn,
});

/** A read error of the file (a broken quote, a damaged workbook) as the problem the user sees. */
function unreadable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return problem('import.unreadable', { detail: message.split('\n')[0]?.slice(0, 300) ?? '' });
}

/** A PostgreSQL refusal of the data itself (class 22 data exception, 23 integrity), not of the service. */
function refusedData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

async function* readingRows(source: RowSource): AsyncGenerator<SheetRow> {
  const iterator = source.rows[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<SheetRow>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw unreadable(error);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    source.close();
  }
}

/**
 * Checks the file's header and registers the import (status running), then imports in the
 * background: `finished` resolves with the totals. A file that cannot be read or lacks the USCC or
 * name column is refused here, before anything is stored (`import.unreadable`,
 * `import.missing_columns`).
 *
 * The import reads the file twice, streaming: first it counts the rows (a file over `maxRows` is
 * refused whole, nothing written), then it converts each row, checks it, merges it into the
 * stored profile of its USCC (see merge-profile.ts) and saves valid rows in batches through
 * `saveProfiles`, one transaction per batch together with the batch's problems, the counters and
 * an `enterprise.import_progress` event. A row with any problem is not stored at all; a USCC
 * repeated in the file is refused on the later row, naming the first. Two batches commit side by
 * side (one is saved while the next is read and checked). Memory holds those batches and the set
 * of USCCs seen, never the file. Importing the same file again finds every row unchanged.
 */
export async function startImport(options: ImportOptions): Promise<StartedImport> {
  const { tx, actor, file, fileName } = options;
  const requestId = options.requestId ?? null;
  const dryRun = options.dryRun === true;
  let source: RowSource;
  try {
    source = await openRows(file);
  } catch (error) {
    throw unreadable(error);
  }
  const plan = planHeader(source.header);
  if (plan.missing.length > 0) {
    source.close();
    throw problem('import.missing_columns', {
      params: {
        columnsZh: plan.missing.map((m) => m.zh).join('、'),
        columnsEn: plan.missing.map((m) => m.en).join(', '),
      },
    });
  }
  const { format, encoding } = source;
  const importId = dryRun ? null : newId();
  if (importId !== null)
    await tx(actor, requestId, async (ctx) => {
      await insertImport(ctx.db, {
        id: importId,
        org_id: actor.orgId,
        user_id: actor.userId,
        file_name: fileName,
        format,
        encoding,
        started_at: ctx.now,
      });
      emitProgress(ctx, importId, 'running', zeroCounters());
    }).catch((error: unknown) => {
      source.close();
      throw error;
    });
  // The count pass goes on from the header just read: the file is read twice in all, not three times.
  const finished = execute({ ...options, requestId, dryRun }, importId, plan, source);
  return { importId, format, encoding, finished };
}

/** `startImport` and wait for the end. */
export async function runImport(options: ImportOptions): Promise<ImportSummary> {
  return (await startImport(options)).finished;
}

function emitProgress(ctx: Ctx, importId: string, status: string, c: ImportCounters): void {
  ctx.emit({
    type: 'enterprise.import_progress',
    aggregateType: 'enterprise_import',
    aggregateId: importId,
    payload: {
      importId,
      status,
      totalRows: c.totalRows,
      rowsRead: c.rowsRead,
      created: c.created,
      updated: c.updated,
      unchanged: c.unchanged,
      errorRows: c.errorRows,
      errors: c.errors,
    },
  });
}

async function execute(
  options: ImportOptions & { requestId: string | null; dryRun: boolean },
  importId: string | null,
  plan: HeaderPlan,
  counted: RowSource,
): Promise<ImportSummary> {
  const { format, encoding } = counted;
  const { pool, tx, actor, requestId, dryRun, file, signal } = options;
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  /** What the committed batches add up to (batches may commit in any order: the sums do not care). */
  const totals = zeroCounters();
  let nextSeq = 1;
  const progress = (phase: ImportProgress['phase']) => options.onProgress?.({ ...totals, importId, phase });
  const tooMany = () => problem('import.too_many_rows', { params: { max: maxRows.toLocaleString('en-US') } });
  const interrupted = () => problem('import.interrupted');

  /** Commits one batch: merge, validate, save, record problems and counters; returns its problems. */
  const commit = async (
    rows: readonly PendingRow[],
    found: readonly ImportRowError[],
    readDelta: number,
    badDelta: number,
    models: EvaluationModels,
  ): Promise<ImportRowError[]> => {
    const work = async (ctx: Ctx): Promise<BatchResult> => {
      const stored = await lockStoredProfiles(
        ctx.db,
        rows.map((r) => r.uscc),
      );
      const valid: EnterpriseProfile[] = [];
      const errors = [...found];
      let refused = 0;
      for (const r of rows) {
        const current = stored.get(r.uscc);
        const doc = current ? mergeProfile(current, r.doc) : r.doc;
        const result = validateProfile(doc);
        if (result.ok) {
          valid.push(result.profile);
          continue;
        }
        refused++;
        for (const e of result.errors)
          errors.push({
            row: r.row,
            column: columnOfPath(e.path, doc, plan),
            code: e.code,
            message_zh: e.message_zh,
            message_en: e.message_en,
          });
      }
      const outcome: SaveOutcome =
        valid.length > 0
          ? await saveProfiles(
              ctx,
              models,
              valid.map((profile) => ({ profile })),
              'import',
            )
          : { created: 0, updated: 0, unchanged: 0, items: [] };
      errors.sort((a, b) => a.row - b.row);
      const delta: ImportCounters = {
        totalRows: null,
        rowsRead: readDelta,
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        errorRows: badDelta + refused,
        errors: errors.length,
      };
      if (importId !== null) {
        // Sequence numbers only order the problems; a batch rolled back leaves a gap, nothing else.
        const firstSeq = nextSeq;
        nextSeq += errors.length;
        await insertImportErrors(ctx.db, importId, firstSeq, errors);
        const now = await addImportCounters(ctx.db, importId, delta, ctx.now);
        emitProgress(ctx, importId, 'running', now);
      }
      const result = { delta, errors };
      if (dryRun) throw new DryRunRollback(result);
      return result;
    };
    let result: BatchResult;
    try {
      result = await tx(actor, requestId, work);
    } catch (error) {
      if (!(error instanceof DryRunRollback)) throw error;
      result = error.result;
    }
    addCounters(totals, result.delta);
    return result.errors;
  };

  /**
   * A batch the database refused as a whole (two imports creating the same new USCC at once, a
   * value a constraint refuses) is retried row by row, so one row cannot keep the others out; a row
   * refused on its own is reported and not stored.
   */
  const commitBatch = async (
    rows: readonly PendingRow[],
    found: readonly ImportRowError[],
    readDelta: number,
    badDelta: number,
    models: EvaluationModels,
  ): Promise<ImportRowError[]> => {
    try {
      return await commit(rows, found, readDelta, badDelta, models);
    } catch (error) {
      if (!refusedData(error) || rows.length === 0) throw error;
    }
    const failures: ImportRowError[] = [];
    const problems: ImportRowError[] = [];
    let stored = 0;
    for (const r of rows) {
      try {
        problems.push(...(await commit([r], [], 1, 0, models)));
        stored++;
      } catch (error) {
        if (!refusedData(error)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        failures.push({
          row: r.row,
          column: null,
          code: 'import.row_refused',
          message_zh: `该行未能保存，数据库拒绝：${message}`,
          message_en: `the row could not be stored; the database refused it: ${message}`,
        });
      }
    }
    problems.push(
      ...(await commit([], [...found, ...failures], readDelta - stored, badDelta + failures.length, models)),
    );
    return problems.sort((a, b) => a.row - b.row);
  };

  const finish = async (failure: ImportFailure | null): Promise<ImportSummary> => {
    const status = failure ? 'failed' : 'finished';
    if (importId !== null)
      await tx(actor, requestId, async (ctx) => {
        const final = await finishImport(ctx.db, importId, ctx.now, failure);
        ctx.audit({
          action: 'enterprise.import',
          entityType: 'enterprise_import',
          entityId: importId,
          after: {
            fileName: options.fileName,
            format,
            encoding,
            status,
            ...final,
            failure: failure?.code ?? null,
          },
        });
        emitProgress(ctx, importId, status, final);
      });
    progress(failure ? 'failed' : 'finished');
    return { ...totals, importId, status, format, encoding, dryRun, failure };
  };

  // Two batches in flight: one commits while the next is read, checked and evaluated. They never
  // share a USCC (repeats are refused while reading), and their problems reach onErrors in file order.
  const inFlight: Promise<void>[] = [];
  let reported: Promise<void> = Promise.resolve();
  try {
    progress('counting');
    let total: number;
    try {
      total = await countRows(counted, maxRows);
    } catch (error) {
      throw unreadable(error);
    }
    if (total > maxRows) throw tooMany();
    totals.totalRows = total;
    if (importId !== null) await setImportTotal(pool, importId, total);
    const models = options.models ?? (await currentModels(pool));
    progress('importing');

    let source: RowSource;
    try {
      source = await openRows(file);
    } catch (error) {
      throw unreadable(error);
    }
    const seen = new Map<string, number>();
    const usccHeader = plan.headerOf.get('uscc') ?? null;
    let pending: PendingRow[] = [];
    let found: ImportRowError[] = [...plan.problems];
    let readDelta = 0;
    let badDelta = 0;
    let rowsSeen = 0;
    const flush = async () => {
      if (signal?.aborted) throw interrupted();
      while (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      const [rows, problems, read, bad] = [pending, found, readDelta, badDelta];
      pending = [];
      found = [];
      readDelta = 0;
      badDelta = 0;
      const previous = reported;
      const task = (async () => {
        const errors = await commitBatch(rows, problems, read, bad, models);
        await previous;
        if (errors.length > 0) await options.onErrors?.(errors);
        progress('importing');
      })();
      task.catch(() => {}); // awaited below; this only marks it handled while it runs
      inFlight.push(task);
      reported = task;
    };

    for await (const sheetRow of readingRows(source)) {
      if (rowsSeen >= maxRows) throw tooMany();
      rowsSeen++;
      readDelta++;
      const cells = new Map<Column, { header: string; value: string }>();
      for (const p of plan.columns)
        cells.set(p.column, { header: p.header, value: sheetRow.cells[p.index] ?? '' });
      const converted = rowToProfile(cells);
      const problems: ImportRowError[] = converted.errors.map((e) => ({ row: sheetRow.number, ...e }));
      const uscc = typeof converted.profile.uscc === 'string' ? converted.profile.uscc : '';
      if (uscc === '')
        problems.unshift({
          row: sheetRow.number,
          column: usccHeader,
          code: 'import.uscc_missing',
          message_zh: '统一社会信用代码为空',
          message_en: 'the unified social credit code is empty',
        });
      else {
        const first = seen.get(uscc);
        // A copy, not the text itself: a cell read from XLSX can be a slice of a whole chunk of the
        // sheet's XML, which the map would otherwise keep alive for every code it holds.
        if (first === undefined) seen.set(Buffer.from(uscc, 'utf8').toString('utf8'), sheetRow.number);
        else
          problems.push({
            row: sheetRow.number,
            column: usccHeader,
            code: 'import.duplicate_uscc',
            message_zh: `统一社会信用代码与第 ${first} 行重复，本行未导入`,
            message_en: `the unified social credit code repeats row ${first}; this row was not imported`,
          });
      }
      if (problems.length > 0) {
        // Say everything wrong with the row at once: also what the profile checks find in the cells
        // that could be read (a missing field may still come from the stored profile, so not that).
        if (converted.errors.length > 0 && uscc !== '') {
          const checked = validateProfile(converted.profile);
          if (!checked.ok)
            for (const e of checked.errors)
              if (e.code !== 'schema.required')
                problems.push({
                  row: sheetRow.number,
                  column: columnOfPath(e.path, converted.profile, plan),
                  code: e.code,
                  message_zh: e.message_zh,
                  message_en: e.message_en,
                });
        }
        badDelta++;
        found.push(...problems);
      } else pending.push({ row: sheetRow.number, uscc, doc: converted.profile });
      if (pending.length >= batchSize || found.length >= batchSize * 4) await flush();
    }
    await flush();
    while (inFlight.length > 0) await inFlight.shift();
    return await finish(null);
  } catch (error) {
    counted.close();
    // Nothing may still be writing when the end is recorded.
    await Promise.allSettled(inFlight);
    if (!(error instanceof AppError)) options.onUnexpected?.(error);
    // An unexpected error's text stays in the log (onUnexpected), as a 500's does.
    return finish(failureOf(error instanceof AppError ? error : problem('import.failed')));
  }
}

function addCounters(to: ImportCounters, delta: ImportCounters): void {
  to.rowsRead += delta.rowsRead;
  to.created += delta.created;
  to.updated += delta.updated;
  to.unchanged += delta.unchanged;
  to.errorRows += delta.errorRows;
  to.errors += delta.errors;
}
