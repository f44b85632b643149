export { type App, buildApp } from './app.ts';
export {
  type Counts,
  checkReferences,
  countRows,
  cumulativeShares,
  DATA_DATE,
  GENERATOR_VERSION,
  insurerUuid,
  type LoadResult,
  loadScale,
  type Market,
  type Plan,
  scalePlan,
  statsPlan,
  syntheticMarket,
  usccSql,
  zoneMarket,
} from './demo/scale.ts';
export { seedZone } from './demo/zone.ts';
export { CATALOG_DIR, CatalogError, readCatalog } from './modules/catalog/load-catalog.ts';
export { loadEvaluationModels } from './modules/enterprise/evaluation-models.ts';
export { ErrorReportWriter } from './modules/enterprise/import/error-report.ts';
export { type ExportFormat, exportEnterprises } from './modules/enterprise/import/export.ts';
export { type ImportProgress, runImport } from './modules/enterprise/import/run-import.ts';
export { enterpriseScope } from './modules/enterprise/service.ts';
export { closeMonth, previousMonth } from './modules/ledger/close-service.ts';
export { postEntry, postJournal, postJournalBatch, trialBalanceOf } from './modules/ledger/service.ts';
export { type LedgerReport, verifyLedger } from './modules/ledger/verify-service.ts';
export { DEMO_PASSWORD, demoLogins, seedDemoOrganisations } from './modules/org/demo-seed.ts';
export { createUser, findOrganisations } from './modules/org/service.ts';
export { previewAnswer } from './modules/quote/service.ts';
export { loadRegions } from './modules/region/load-regions.ts';
export { type Actor, systemActor } from './platform/actor.ts';
export { type AuditVerification, verifyAudit } from './platform/audit/verify.ts';
export { type Config, ConfigError, loadConfig } from './platform/config.ts';
export { AppError, problem } from './platform/errors.ts';
export { createLogger } from './platform/logger.ts';
export { type Ctx, createTxRunner } from './platform/transaction.ts';
export { DEFAULT_WEB_DIST, type RunningServer, type StartOptions, startServer } from './start.ts';
