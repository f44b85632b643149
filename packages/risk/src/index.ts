export { type SyntheticOptions, syntheticPortfolio } from './demo/synthetic.ts';
export { type AliasTable, aliasPick, aliasTable } from './distributions/alias.ts';
export {
  type CountTable,
  countProbabilities,
  countTable,
  type FrequencyModel,
  invertCount,
  negativeBinomialParameters,
} from './distributions/frequency.ts';
export {
  erfc,
  lognormalLayerExpectedValue,
  lognormalLimitedExpectedValue,
  normalCdf,
  normalQuantile,
} from './distributions/normal.ts';
export { type SeverityModel, severityCode } from './distributions/severity.ts';
export {
  defaultBlockYears,
  type Progress,
  type RunOptions,
  runInline,
  type YearLosses,
} from './engine/run.ts';
export {
  createYearEngine,
  type ScenarioLoss,
  settleScenario,
  type YearEngine,
  type YearEngineOptions,
} from './engine/year-engine.ts';
export {
  type Compiled,
  type CompiledPortfolio,
  compilePortfolio,
  type PerspectiveKind,
  type PerspectiveLabel,
  type PortfolioLabels,
  perspectiveHasOccurrences,
  surplusCededFraction,
} from './model/compile.ts';
export * from './model/portfolio.ts';
export { type PoolRunOptions, type SimulationPool, startSimulationPool } from './parallel/pool.ts';
export { CounterRandom } from './random/counter-random.ts';
export { DrawStream, seedWords } from './random/draw-stream.ts';
export { philox4x32 } from './random/philox.ts';
export {
  type BornhuetterFergusonOrigin,
  type BornhuetterFergusonResult,
  bornhuetterFerguson,
  type DevelopedOrigin,
} from './reserving/bornhuetter-ferguson.ts';
export {
  type ChainLadderOptions,
  type ChainLadderOrigin,
  type ChainLadderResult,
  type ChainLadderTotals,
  chainLadder,
  checkTriangle,
  type DevelopmentFactor,
  estimateFactors,
} from './reserving/chain-ladder.ts';
export {
  type BornhuetterFergusonPrior,
  type BornhuetterFergusonReserve,
  type ChainLadderReserve,
  type ClassReserve,
  type ReservingBasis,
  type ReservingOptions,
  type ReservingSummary,
  reservingSummary,
} from './reserving/ibnr.ts';
export {
  ALL_CLASSES,
  buildTriangles,
  type ClaimMovement,
  type ClaimRecord,
  type ClaimTriangles,
  type DevelopmentPeriod,
  type FenTriangle,
  latestDiagonal,
  type PaidIncurredTriangles,
  periodIndex,
  periodLabel,
  type Triangle,
  type TriangleOptions,
  toYuan,
} from './reserving/triangle.ts';
export * from './results/metrics.ts';
export { type SimulateOptions, type SimulationResult, simulate } from './simulate.ts';
