import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { schemaErrorMessage } from '../schema/messages.ts';
import { conditionShapeProblem } from './condition-shape.ts';
import { ProductDefinitionSchema } from './definition.ts';
import { type DefinitionError, problem, valueAt } from './definition-error.ts';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

/** Compiled on first use, once per process: compiling costs milliseconds, validating microseconds. */
function productValidator(): ValidateFunction {
  validator ??= addFormats(new Ajv({ allErrors: true, strict: false })).compile(
    ProductDefinitionSchema as object,
  );
  return validator;
}

/**
 * The JSON Schema errors of a product document as pointers with codes `schema.<keyword>`. Two kinds of
 * noise are removed: a union (anyOf) reports every alternative it tried, so only the alternative the author
 * evidently meant is kept; and a rule condition that fits none of its shapes becomes one `schema.condition`
 * error at the condition, worded by conditionShapeProblem.
 */
export function schemaErrors(document: unknown): DefinitionError[] {
  const validate = productValidator();
  if (validate(document)) return [];
  const raw = validate.errors ?? [];
  // Ajv reports the schema path of a $ref'd definition relative to that definition, and the root of a
  // product is an object schema without anyOf: so '#/anyOf' is the Condition union itself.
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
  const kept = chooseAlternatives(raw.filter((error) => !insideCondition(error.instancePath)));
  for (const error of raw) {
    const shown = kept.get(error);
    if (shown !== undefined) add(toDefinitionError(shown));
    else if (error.keyword === 'anyOf' && error.schemaPath === '#/anyOf') {
      const at = error.instancePath;
      const shape = conditionShapeProblem(valueAt(document, at));
      // A condition that fails only because a part fails says nothing itself: the part speaks.
      const partFails = conditionPaths.some((other) => other.startsWith(`${at}/`));
      if (shape !== undefined) add(problem(at, 'schema.condition', shape.zh, shape.en));
      else if (!partFails)
        add(problem(at, 'schema.condition', '条件格式不正确', 'The condition is malformed'));
    }
  }
  return out;
}

/**
 * Resolves each failed union, outermost first, to the alternative the author meant: not one whose type
 * or discriminating constant (`type: amount`, `method: annual`) already fails, and among the rest the one
 * with the fewest complaints. When every alternative rejects the value's JSON type, one type error
 * listing the accepted types takes the union's place. Answers each error kept → the error to show.
 */
function chooseAlternatives(errors: ErrorObject[]): Map<ErrorObject, ErrorObject> {
  let kept = errors;
  const replaced = new Map<ErrorObject, ErrorObject>();
  const unions = errors
    .filter((error) => error.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!kept.includes(union)) continue; // it sat in an alternative already dropped
    const prefix = `${union.schemaPath}/`;
    const within = (error: ErrorObject) =>
      error.schemaPath.startsWith(prefix) &&
      (error.instancePath === union.instancePath || error.instancePath.startsWith(`${union.instancePath}/`));
    const branchOf = (error: ErrorObject) => Number(error.schemaPath.slice(prefix.length).split('/')[0]);
    const branches = new Map<number, ErrorObject[]>();
    for (const error of kept) {
      if (!within(error)) continue;
      const list = branches.get(branchOf(error)) ?? [];
      list.push(error);
      branches.set(branchOf(error), list);
    }
    const wrongKind = (list: ErrorObject[]) =>
      list.some(
        (error) =>
          error.keyword === 'const' ||
          (error.keyword === 'type' && error.instancePath === union.instancePath),
      );
    const candidates = [...branches].filter(([, list]) => !wrongKind(list));
    if (candidates.length === 0) {
      const types = [...branches.values()].flatMap((list) =>
        list.filter((error) => error.keyword === 'type').map((error) => String(error.params.type)),
      );
      replaced.set(union, { ...union, keyword: 'type', params: { type: [...new Set(types)].join(',') } });
      kept = kept.filter((error) => !within(error));
      continue;
    }
    candidates.sort(([a, listA], [b, listB]) => listA.length - listB.length || a - b);
    const best = candidates[0]?.[0];
    kept = kept.filter((error) => error !== union && (!within(error) || branchOf(error) === best));
  }
  return new Map(kept.map((error) => [error, replaced.get(error) ?? error]));
}

function toDefinitionError(error: ErrorObject): DefinitionError {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
  const [zh, en] = schemaErrorMessage(error.keyword, params);
  return problem(path, `schema.${error.keyword}`, zh, en);
}
