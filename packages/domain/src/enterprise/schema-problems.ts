import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type DefinitionError, problem } from '../catalog/definition-error.ts';
import { schemaErrorMessage } from '../schema/messages.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let ajv: Ajv | undefined;

/**
 * A validator for one of this context's documents (profile, evaluation model), compiled on first use and
 * kept for the process: compiling costs milliseconds, validating microseconds — the same approach as the
 * product definitions (catalog/schema-errors.ts). These schemas have no unions, so Ajv's errors need no
 * choosing between alternatives.
 */
export function lazyValidator(schema: object): () => ValidateFunction {
  let validator: ValidateFunction | undefined;
  return () => {
    ajv ??= addFormats(new Ajv({ allErrors: true, strict: false }));
    validator ??= ajv.compile(schema);
    return validator;
  };
}

/** The JSON Schema errors of a document as pointers with codes `schema.<keyword>`, worded in zh and en. */
export function schemaProblems(validate: ValidateFunction, document: unknown): DefinitionError[] {
  if (validate(document)) return [];
  const out: DefinitionError[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const shown = toProblem(error);
    const key = `${shown.path} ${shown.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(shown);
  }
  return out;
}

function toProblem(error: ErrorObject): DefinitionError {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
  const [zh, en] = schemaErrorMessage(error.keyword, params);
  return problem(path, `schema.${error.keyword}`, zh, en);
}
