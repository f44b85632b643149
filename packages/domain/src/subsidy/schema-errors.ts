import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { conditionShapeProblem } from '../catalog/condition-shape.ts';
import { type DefinitionError, problem, valueAt } from '../catalog/definition-error.ts';
import { schemaErrorMessage } from '../schema/messages.ts';
import { SubsidyProgrammeSchema } from './programme.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

/** Compiled on first use, once per process, like the product definition's (catalog/schema-errors.ts). */
function programmeValidator(): ValidateFunction {
  validator ??= addFormats(new Ajv({ allErrors: true, strict: false })).compile(
    SubsidyProgrammeSchema as object,
  );
  return validator;
}

/**
 * The JSON Schema errors of a programme document as pointers with codes `schema.<keyword>`. The only
 * union in the schema is the rule language's condition, so the one kind of noise to remove is the list of
 * every alternative a malformed condition failed: it becomes one `schema.condition` error at the
 * condition, worded by conditionShapeProblem — exactly as in a product definition.
 */
export function programmeSchemaErrors(document: unknown): DefinitionError[] {
  const validate = programmeValidator();
  if (validate(document)) return [];
  const raw = validate.errors ?? [];
  // Ajv reports a $ref'd definition's schema path relative to it, so '#/anyOf' is the Condition union.
  const conditionPaths = raw
    .filter((error) => error.keyword === 'anyOf' && error.schemaPath === '#/anyOf')
    .map((error) => error.instancePath);
  const insideCondition = (path: string) =>
    conditionPaths.some((at) => path === at || path.startsWith(`${at}/`));

  const out: DefinitionError[] = [];
  const seen = new Set<string>();
  const add = (error: DefinitionError) => {
    const key = `${error.path} ${error.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(error);
  };
  for (const error of raw) {
    if (error.keyword === 'anyOf' && error.schemaPath === '#/anyOf') {
      const at = error.instancePath;
      const shape = conditionShapeProblem(valueAt(document, at));
      // A condition that fails only because a part fails says nothing itself: the part speaks.
      const partFails = conditionPaths.some((other) => other.startsWith(`${at}/`));
      if (shape !== undefined) add(problem(at, 'schema.condition', shape.zh, shape.en));
      else if (!partFails)
        add(problem(at, 'schema.condition', '条件格式不正确', 'The condition is malformed'));
    } else if (!insideCondition(error.instancePath)) {
      add(toDefinitionError(error));
    }
  }
  return out;
}

function toDefinitionError(error: ErrorObject): DefinitionError {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
  const [zh, en] =
    error.keyword === 'pattern' && path === '/code'
      ? [
          '项目代码应为小写字母、数字和连字符（3 至 48 个字符），如 shanghai-2025-tiered',
          'must be a programme code of lower-case letters, digits and hyphens (3 to 48), e.g. shanghai-2025-tiered',
        ]
      : schemaErrorMessage(error.keyword, params);
  return problem(path, `schema.${error.keyword}`, zh, en);
}
