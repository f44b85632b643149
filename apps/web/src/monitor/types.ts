import type { paths } from '../api/schema.d.ts';

// Payload types of the monitoring API (exposure, alerts, rules, targets, registrations, insurers), read off
// the generated `paths` as api/types.ts does for the rest of the app. Statistics, the development index and
// the registered policies are read defensively by the readers in statistics.ts, devIndex.ts, registrations.ts.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<R> = Json<NonNullable<R>>;

export type ExposureDimension = NonNullable<
  NonNullable<paths['/api/monitor/exposure']['get']['parameters']['query']>['dimension']
>;
export type ExposureAnswer = Json<paths['/api/monitor/exposure']['get']['responses'][200]>;
export type ExposureItem = ExposureAnswer['items'][number];

export type AlertQuery = NonNullable<paths['/api/monitor/alerts']['get']['parameters']['query']>;
export type AlertPage = Json<paths['/api/monitor/alerts']['get']['responses'][200]>;
export type AlertView = AlertPage['items'][number];
export type AlertDetail = Json<paths['/api/monitor/alerts/{id}']['get']['responses'][200]>;
export type AlertHistoryItem = NonNullable<AlertDetail['history']>[number];
export type AlertComment = Body<paths['/api/monitor/alerts/{id}/acknowledge']['post']['requestBody']>;
export type AlertRuleItem = Json<paths['/api/monitor/alert-rules']['get']['responses'][200]>['items'][number];

export type TargetView = Json<paths['/api/monitor/targets']['get']['responses'][200]>['items'][number];
export type TargetChange = Body<paths['/api/monitor/targets/{code}']['put']['requestBody']>;

/** An insurer the statistics can be filtered by (a regulator sees every one; an insurer only itself). */
export type MonitorInsurer = Json<paths['/api/monitor/insurers']['get']['responses'][200]>['items'][number];

export type RegistrationAnswer = Json<paths['/api/registrations/bordereau']['post']['responses'][200]>;
export type RegistrationError = RegistrationAnswer['errors'][number];

/** Risk runs (风险模拟): a run as listed, and one with its results (what the reader may see of them). */
export type RiskRunPage = Json<paths['/api/risk/runs']['get']['responses'][200]>;
export type RiskRun = RiskRunPage['items'][number];
export type RiskRunStatus = RiskRun['status'];
export type RiskRunRequest = Body<paths['/api/risk/runs']['post']['requestBody']>;
export type RiskRunResult = Json<paths['/api/risk/runs/{id}']['get']['responses'][200]>;
export type RiskPerspective = RiskRunResult['perspectives'][number];
export type RiskEpPoint = RiskPerspective['ep'][number];
export type RiskCapacity = RiskRunResult['capacity'][number];
