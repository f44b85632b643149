/*
 * The catalogue's vocabulary from the domain, without the domain's catalogue module as a whole:
 * `@kebao/domain/catalog` also carries the definition schema and its validator (typebox, ajv), which
 * the browser does not need. These two files import nothing, so a deep import brings in only them.
 * (The package exports `@kebao/domain/<folder>` only, hence the relative path into the workspace.)
 */
export {
  type EnterpriseFactName,
  enterpriseFacts,
  type FactType,
  type RequestFactName,
  requestFacts,
} from '../../../../packages/domain/src/catalog/facts.ts';
export {
  type FilingAction,
  filingTransitions,
  type SandboxCriterion,
  sandboxCriteria,
  versionStatuses,
} from '../../../../packages/domain/src/catalog/filing.ts';
