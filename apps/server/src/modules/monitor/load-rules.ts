import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAlertRule } from '@kebao/domain/monitor';
import type pg from 'pg';
import { parseDocument } from 'yaml';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { allRules, upsertRule } from './repo.ts';

/**
 * Loads the shipped early-warning rules (`<catalog>/alerts/*.yaml`) at start: new codes and higher versions
 * are stored (a rule published through the API with a higher version stays); a file that fails the rule
 * schema stops the start with every problem named.
 */
export async function loadShippedRules(pool: pg.Pool, tx: RunInTransaction, catalogDir: string) {
  const dir = path.join(catalogDir, 'alerts');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.yaml')).sort();
  const stored = new Map((await allRules(pool)).map((r) => [r.code, r.version]));
  const problems: string[] = [];
  const fresh: { code: string; version: number; definition: unknown }[] = [];
  for (const file of files) {
    const doc = parseDocument(await readFile(path.join(dir, file), 'utf8'), { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${file}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const parsed = parseAlertRule(doc.toJS());
    if (!parsed.ok) {
      for (const e of parsed.errors) problems.push(`${file}: ${e.path || '/'} ${e.message_en} (${e.code})`);
      continue;
    }
    const version = stored.get(parsed.rule.code);
    if (version === undefined || version < parsed.rule.version)
      fresh.push({ code: parsed.rule.code, version: parsed.rule.version, definition: parsed.rule });
  }
  if (problems.length > 0) throw new CatalogError(problems);
  if (fresh.length === 0) return { added: [] as string[] };
  await tx(systemActor, 'alert-catalog', async (ctx) => {
    for (const r of fresh) {
      await upsertRule(ctx.db, { ...r, active: true, source: 'catalog' }, ctx.now);
      ctx.audit({
        action: 'alert.rule_load',
        entityType: 'alert_rule',
        entityId: r.code,
        after: { version: r.version },
      });
    }
  });
  return { added: fresh.map((r) => `${r.code}@${r.version}`) };
}
