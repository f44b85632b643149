import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseProgramme } from '@kebao/domain/subsidy';
import type pg from 'pg';
import { parseDocument } from 'yaml';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { findProgramme } from './repo.ts';
import { programmeChecksum, saveProgramme } from './service.ts';

/**
 * Loads the shipped subsidy programmes (`<catalog>/subsidies/*.yaml`) at start: new codes and higher
 * versions are stored, unchanged ones skipped; a file that fails its JSON Schema or a stored version whose
 * file changed stops the start with every problem named, as the product catalogue does.
 */
export async function loadShippedProgrammes(pool: pg.Pool, tx: RunInTransaction, catalogDir: string) {
  const dir = path.join(catalogDir, 'subsidies');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  const problems: string[] = [];
  const fresh: unknown[] = [];
  for (const file of files) {
    const doc = parseDocument(await readFile(path.join(dir, file), 'utf8'), { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${file}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const data = doc.toJS() as Record<string, unknown>;
    const parsed = parseProgramme(data);
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push(`${file}: ${e.path || '/'} ${e.message_en} (${e.code})`);
      continue;
    }
    const stored = await findProgramme(pool, parsed.programme.code);
    if (!stored || stored.version < parsed.programme.version) fresh.push(parsed.programme);
    else if (
      stored.version === parsed.programme.version &&
      stored.checksum !== programmeChecksum(parsed.programme)
    )
      problems.push(
        `${file}: ${parsed.programme.code} version ${stored.version} changed after it was loaded; raise its version`,
      );
  }
  if (problems.length > 0) throw new CatalogError(problems);
  if (fresh.length === 0) return { added: [] as string[] };
  const added: string[] = [];
  await tx(systemActor, 'subsidy-catalog', async (ctx) => {
    for (const p of fresh) {
      const { row } = await saveProgramme(ctx, p, 'catalog');
      added.push(`${row.code}@${row.version}`);
    }
  });
  return { added };
}
