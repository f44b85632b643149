import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CalendarYear, parseCalendarYear } from '@kebao/domain/calendar';
import type pg from 'pg';
import { parseDocument } from 'yaml';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { checksumWasInForce, findCalendarYear } from './repo.ts';
import { calendarChecksum, saveCalendarYear } from './service.ts';

/**
 * Loads the shipped working-day calendars (`<catalog>/calendars/*.yaml`, one year a file, named for it) on
 * every start, demo or not: deadlines count on them. A year is compared by the checksum of its content:
 *
 * - a year not loaded yet is stored; the same content as stored is skipped (so a start is idempotent);
 * - a year the catalogue put in is replaced when its file changed;
 * - a year a platform administrator put in through the API (`PUT /api/calendar/{year}`) stays, unless the
 *   file holds content the year never had — a shipped correction newer than the upload. Whether the year
 *   ever had it is read from the audit log, where every load and replacement names the checksum it stored.
 *
 * A file that fails the calendar schema stops the start with every problem named, as the product
 * catalogue does.
 */
export async function loadShippedCalendars(pool: pg.Pool, tx: RunInTransaction, catalogDir: string) {
  const dir = path.join(catalogDir, 'calendars');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  const problems: string[] = [];
  const fresh: CalendarYear[] = [];
  const kept: number[] = [];
  const fileOfYear = new Map<number, string>();
  for (const file of files) {
    const doc = parseDocument(await readFile(path.join(dir, file), 'utf8'), { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${file}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const parsed = parseCalendarYear(doc.toJS());
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push(`${file}: ${e.path || '/'} ${e.message_en} (${e.code})`);
      continue;
    }
    const { calendar } = parsed;
    const named = /-([0-9]{4})\.yaml$/.exec(file)?.[1];
    if (named !== undefined && Number(named) !== calendar.year) {
      problems.push(`${file}: declares the year ${calendar.year}; name the file for its year`);
      continue;
    }
    const other = fileOfYear.get(calendar.year);
    if (other !== undefined) {
      problems.push(`${file}: ${calendar.year} is already in ${other}`);
      continue;
    }
    fileOfYear.set(calendar.year, file);
    const stored = await findCalendarYear(pool, calendar.year);
    const checksum = calendarChecksum(calendar);
    if (stored?.checksum === checksum) continue;
    if (stored?.origin === 'api' && (await checksumWasInForce(pool, calendar.year, checksum))) {
      kept.push(calendar.year);
      continue;
    }
    fresh.push(calendar);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  if (fresh.length > 0) {
    await tx(systemActor, 'calendar-catalog', async (ctx) => {
      for (const calendar of fresh) await saveCalendarYear(ctx, calendar, 'catalog');
    });
  }
  return { added: fresh.map((c) => c.year), kept };
}
