export * from './alert-rules.ts';
export * from './development-index.ts';
export * from './development-index-v1.ts';
export * from './exposure.ts';
export { benchExposure, exposureBenchPolicies } from './exposure-bench.ts';
export {
  AHP_CR_LIMIT,
  AHP_MAX_SIZE,
  type AhpAnalysis,
  analyseAhpMatrix,
  entropyWeights,
  INDEX_DECIMALS,
  type IndexErrorCode,
  IndexMethodologyError,
  SAATY_RANDOM_INDEX,
} from './index-weights.ts';
export * from './limits.ts';
export { RATIO_DECIMALS, ratioText } from './ratio.ts';
