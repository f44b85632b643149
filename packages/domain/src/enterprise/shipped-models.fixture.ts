import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { EvaluationModel, HighTechModel, PointsModel, TechSmeModel } from './evaluation-model.ts';
import type { EnterpriseProfile } from './profile.ts';
import { validateEvaluationModel } from './validate-evaluation-model.ts';

/** Where the shipped evaluation models live, relative to this folder. */
export const SHIPPED_MODELS = new URL('../../../../catalog/evaluation/', import.meta.url);

/** The parsed YAML of a shipped model, unvalidated (for tests that change it). */
export function readShippedModel(code: string): unknown {
  return parse(readFileSync(new URL(`${code}.yaml`, SHIPPED_MODELS), 'utf8'));
}

/** A shipped model, validated as the platform reads it. Test-only (it reads a file). */
export function loadShippedModel(code: string): EvaluationModel {
  const result = validateEvaluationModel(readShippedModel(code));
  if (!result.ok) throw new Error(`${code} does not validate: ${JSON.stringify(result.errors, null, 2)}`);
  if (result.model.code !== code) throw new Error(`${code}.yaml declares code ${result.model.code}`);
  return result.model;
}

export const techSmeModel = () => loadShippedModel('tech-sme') as TechSmeModel;
export const highTechModel = () => loadShippedModel('high-tech') as HighTechModel;
export const pointsModel = () => loadShippedModel('kebao-points') as PointsModel;

/** Bank of China's published code: a real, valid USCC. */
export const BANK_OF_CHINA = '91110000802100433B';

/** A profile with only its identity and the fields a test names, so the test shows every input it uses. */
export function aProfile(fields: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return { uscc: BANK_OF_CHINA, name: '测试科技有限公司', ...fields };
}
