import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ProductDefinition, validateDefinition } from '@kebao/domain/catalog';
import type pg from 'pg';
import { parseDocument } from 'yaml';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { findVersion } from './repo.ts';
import { definitionChecksum, fileAction, publishVersion } from './service.ts';

export const CATALOG_DIR = fileURLToPath(new URL('../../../../../catalog/', import.meta.url));

/** A shipped catalogue that cannot be loaded: every problem, with its file and JSON path. */
export class CatalogError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The shipped product catalogue has errors:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'CatalogError';
    this.problems = problems;
  }
}

interface ShippedFiling {
  version: number;
  status: 'filed' | 'sandbox';
  sandbox?: { maxPolicies: number; maxSumInsured: string; endsOn: string };
}

async function readYaml(file: string, problems: string[]): Promise<unknown> {
  const doc = parseDocument(await readFile(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push(`${path.basename(file)}: ${e.message.split('\n')[0]}`);
    return null;
  }
  return doc.toJS();
}

/** Reads and checks every definition in `<dir>/products/*.yaml`; refuses the lot if any is wrong. */
export async function readCatalog(
  dir = CATALOG_DIR,
): Promise<{ definitions: ProductDefinition[]; filings: Record<string, ShippedFiling> }> {
  const problems: string[] = [];
  const productDir = path.join(dir, 'products');
  const files = (await readdir(productDir)).filter((f) => f.endsWith('.yaml')).sort();
  const definitions: ProductDefinition[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const doc = await readYaml(path.join(productDir, file), problems);
    if (doc === null) continue;
    const result = validateDefinition(doc);
    if (!result.ok) {
      for (const e of result.errors) problems.push(`${file}: ${e.path || '/'} ${e.message_en} (${e.code})`);
      continue;
    }
    const key = `${result.definition.code}@${result.definition.version}`;
    const other = seen.get(key);
    if (other) problems.push(`${file}: ${key} is also defined in ${other}`);
    seen.set(key, file);
    definitions.push(result.definition);
  }
  const filingsFile = path.join(dir, 'filings.yaml');
  const filings = ((await readYaml(filingsFile, problems).catch(() => ({}))) ?? {}) as Record<
    string,
    ShippedFiling
  >;
  if (problems.length > 0) throw new CatalogError(problems);
  definitions.sort((a, b) => a.code.localeCompare(b.code) || a.version - b.version);
  return { definitions, filings };
}

export interface CatalogLoadReport {
  added: string[];
  unchanged: number;
}

/**
 * Loads the shipped catalogue at start: new versions are stored (filed, or admitted to the sandbox
 * as `catalog/filings.yaml` says), unchanged ones skipped. A stored version whose file changed is
 * refused: versions are immutable, a change must be a new version.
 */
export async function loadShippedCatalog(
  pool: pg.Pool,
  tx: RunInTransaction,
  dir: string = CATALOG_DIR,
): Promise<CatalogLoadReport> {
  const { definitions, filings } = await readCatalog(dir ?? CATALOG_DIR);
  const report: CatalogLoadReport = { added: [], unchanged: 0 };
  const problems: string[] = [];
  const fresh: ProductDefinition[] = [];
  for (const d of definitions) {
    const stored = await findVersion(pool, d.code, d.version);
    if (!stored) fresh.push(d);
    else if (stored.checksum === definitionChecksum(d)) report.unchanged++;
    else
      problems.push(
        `${d.code} version ${d.version} changed after it was loaded; publish it as version ${d.version + 1}`,
      );
  }
  if (problems.length > 0) throw new CatalogError(problems);
  if (fresh.length === 0) return report;

  await tx(systemActor, 'catalog', async (ctx) => {
    for (const d of fresh) {
      const filing = filings[d.code];
      const sandboxed = filing?.status === 'sandbox' && filing.version === d.version;
      if (!sandboxed) {
        await publishVersion(ctx, { definition: d, source: 'catalog', status: 'filed' });
      } else {
        await publishVersion(ctx, { definition: d, source: 'catalog', status: 'submitted' });
        await fileAction(ctx, {
          code: d.code,
          version: d.version,
          action: 'admit_sandbox',
          comment: 'shipped catalogue',
          sandbox: filing.sandbox,
        });
      }
      report.added.push(`${d.code}@${d.version}`);
    }
  });
  return report;
}
