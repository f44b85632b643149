import type { DefinitionError } from '../catalog/definition-error.ts';
import { checkEvaluationModel } from './check-evaluation-model.ts';
import {
  type EvaluationModel,
  EvaluationModelHeaderSchema,
  type EvaluationModelKind,
  evaluationModelKinds,
  HighTechModelSchema,
  PointsModelSchema,
  TechSmeModelSchema,
} from './evaluation-model.ts';
import { lazyValidator, schemaProblems } from './schema-problems.ts';

export type ValidateEvaluationModelResult =
  | { ok: true; model: EvaluationModel }
  | { ok: false; errors: DefinitionError[] };

const headerValidator = lazyValidator(EvaluationModelHeaderSchema);
const kindValidators = {
  tech_sme: lazyValidator(TechSmeModelSchema),
  high_tech: lazyValidator(HighTechModelSchema),
  points: lazyValidator(PointsModelSchema),
} as const satisfies Record<EvaluationModelKind, unknown>;

function kindOf(document: unknown): EvaluationModelKind | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const kind = (document as { kind?: unknown }).kind;
  return evaluationModelKinds.find((known) => known === kind);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Reads an evaluation model as it arrives (a parsed `catalog/evaluation/*.yaml`, an upload) and accepts it
 * or lists every problem with a JSON pointer, a stable code and words in zh and en — the way product
 * definitions are read. The schema is chosen by `kind` (so a wrong field is reported against the right
 * kind, not as a failed union); semantic checks (`evaluation.*`) run only on a document of the right shape.
 *
 * The accepted model is a frozen copy: a loaded version never changes (a change is a new version), which is
 * also what lets the evaluators compile it once and keep the compiled form for as long as the model lives.
 */
export function validateEvaluationModel(document: unknown): ValidateEvaluationModelResult {
  const kind = kindOf(document);
  if (kind === undefined) return { ok: false, errors: schemaProblems(headerValidator(), document) };
  const shapeErrors = schemaProblems(kindValidators[kind](), document);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const model = deepFreeze(structuredClone(document) as EvaluationModel);
  const errors = checkEvaluationModel(model);
  return errors.length === 0 ? { ok: true, model } : { ok: false, errors };
}
