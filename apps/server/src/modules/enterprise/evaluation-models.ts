import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type EvaluationModel,
  type HighTechModel,
  type PointsModel,
  type TechSmeModel,
  validateEvaluationModel,
} from '@kebao/domain/enterprise';
import type pg from 'pg';
import { parseDocument } from 'yaml';
import { systemActor } from '../../platform/actor.ts';
import { canonicalJson } from '../../platform/json.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import { CatalogError } from '../catalog/load-catalog.ts';
import { findModel, insertModel, latestModels } from './models-repo.ts';

/** The models every profile is evaluated with: the newest stored version of each kind. */
export interface EvaluationModels {
  techSme: TechSmeModel;
  highTech: HighTechModel;
  points: PointsModel;
}

export function modelChecksum(model: EvaluationModel): string {
  return createHash('sha256').update(canonicalJson(model)).digest('hex');
}

/** Reads and checks `<catalog>/evaluation/*.yaml`; refuses the lot if any is wrong. */
export async function readEvaluationModels(catalogDir: string): Promise<EvaluationModel[]> {
  const dir = path.join(catalogDir, 'evaluation');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const problems: string[] = [];
  const models: EvaluationModel[] = [];
  for (const file of files) {
    const doc = parseDocument(await readFile(path.join(dir, file), 'utf8'), { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`evaluation/${file}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const result = validateEvaluationModel(doc.toJS());
    if (!result.ok) {
      for (const e of result.errors)
        problems.push(`evaluation/${file}: ${e.path || '/'} ${e.message_en} (${e.code})`);
      continue;
    }
    models.push(result.model);
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return models;
}

/**
 * Stores the shipped evaluation models at start (new versions added, unchanged skipped; a stored
 * version whose file changed is refused — a change must be a new version, so every stored result
 * still names the table that produced it) and returns the newest version of each kind.
 */
export async function loadEvaluationModels(
  pool: pg.Pool,
  tx: RunInTransaction,
  catalogDir: string,
): Promise<EvaluationModels> {
  const shipped = await readEvaluationModels(catalogDir);
  const problems: string[] = [];
  const fresh: EvaluationModel[] = [];
  for (const model of shipped) {
    const stored = await findModel(pool, model.code, model.version);
    if (!stored) fresh.push(model);
    else if (stored.checksum !== modelChecksum(model))
      problems.push(
        `evaluation model ${model.code} version ${model.version} changed after it was loaded; publish it as version ${model.version + 1}`,
      );
  }
  if (problems.length > 0) throw new CatalogError(problems);
  if (fresh.length > 0) {
    await tx(systemActor, 'catalog', async (ctx) => {
      for (const model of fresh) {
        const checksum = modelChecksum(model);
        await insertModel(ctx.db, {
          code: model.code,
          version: model.version,
          definition: model,
          checksum,
          created_at: ctx.now,
        });
        ctx.audit({
          action: 'evaluation_model.load',
          entityType: 'evaluation_model',
          entityId: `${model.code}@${model.version}`,
          after: { code: model.code, version: model.version, kind: model.kind, checksum },
        });
      }
    });
  }
  return currentModels(pool);
}

/** The newest stored version of each kind (a kind with several codes takes the newest stored). */
export async function currentModels(db: pg.Pool | pg.PoolClient): Promise<EvaluationModels> {
  const rows = await latestModels(db);
  rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  return modelsByKind(rows.map((row) => row.definition as EvaluationModel));
}

/** One model of each kind from a list (the last of a kind wins). */
export function modelsByKind(models: readonly EvaluationModel[]): EvaluationModels {
  const byKind = new Map<string, EvaluationModel>();
  for (const model of models) byKind.set(model.kind, model);
  const techSme = byKind.get('tech_sme') as TechSmeModel | undefined;
  const highTech = byKind.get('high_tech') as HighTechModel | undefined;
  const points = byKind.get('points') as PointsModel | undefined;
  if (!techSme || !highTech || !points)
    throw new CatalogError(['catalog/evaluation must hold a tech_sme, a high_tech and a points model']);
  return { techSme, highTech, points };
}
