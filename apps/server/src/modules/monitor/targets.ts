import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '@kebao/db';
import { formatYuan, parseYuan } from '@kebao/domain/money';
import { ratioText } from '@kebao/domain/monitor';
import type pg from 'pg';
import { parse } from 'yaml';
import { systemActor } from '../../platform/actor.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { listTargets, type TargetRow, targetFigures, upsertTarget } from './repo.ts';

/*
 * Zone targets (建设目标): insured tech enterprises, risk protection, insurance funds introduced, new
 * institutions, products filed — each with its progress. The shipped targets (catalog/zone-targets.yaml)
 * are loaded once; the regulator changes them, and reports the figures the platform cannot know (the
 * insurance funds introduced into the zone), through the API.
 */

export async function loadShippedTargets(tx: RunInTransaction, catalogDir: string) {
  const text = await readFile(path.join(catalogDir, 'zone-targets.yaml'), 'utf8').catch(() => null);
  if (text === null) return 0;
  const items = parse(text) as {
    code: string;
    names: { zh: string; en: string };
    metric: TargetRow['metric'];
    target: string;
    unit: string;
    dueYear: number;
  }[];
  await tx(systemActor, 'zone-targets', async (ctx) => {
    for (const t of items) {
      await upsertTarget(
        ctx.db,
        {
          code: t.code,
          names: t.names,
          metric: t.metric,
          target: t.target,
          reported: null,
          unit: t.unit,
          due_year: t.dueYear,
        },
        ctx.now,
        true,
      );
    }
  });
  return items.length;
}

const MONEY_METRICS = new Set(['risk_protection', 'insurance_funds']);

/** Every target with its current value and progress (an exact ratio, 6 decimals). */
export async function targetProgress(db: Queryable | pg.Pool, today: string) {
  const figures = await targetFigures(db, today);
  return (await listTargets(db)).map((t) => {
    const money = MONEY_METRICS.has(t.metric);
    const current: bigint | null =
      t.metric === 'insured_enterprises'
        ? BigInt(figures.insured_enterprises)
        : t.metric === 'risk_protection'
          ? figures.risk_protection
          : t.metric === 'institutions'
            ? BigInt(figures.institutions)
            : t.metric === 'products_filed'
              ? BigInt(figures.products_filed)
              : t.reported === null
                ? null
                : parseYuan(t.reported);
    const target = money ? parseYuan(t.target) : BigInt(t.target);
    return {
      code: t.code,
      names: t.names,
      metric: t.metric,
      unit: t.unit,
      dueYear: t.due_year,
      target: money ? formatYuan(target) : target.toString(),
      current: current === null ? null : money ? formatYuan(current) : current.toString(),
      progress: current === null ? null : ratioText(current, target),
      source: t.metric === 'insurance_funds' ? 'reported' : 'data',
    };
  });
}
