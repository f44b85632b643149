import type { paths } from '../api/schema.d.ts';

// Payload types of subsidy programmes and grants, read off the generated `paths` as api/types.ts does
// for the rest of the app.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type ProgrammeList = Json<paths['/api/subsidy/programmes']['get']['responses'][200]>;
export type ProgrammeView = ProgrammeList['items'][number];
export type BudgetBody = Json<
  NonNullable<paths['/api/subsidy/programmes/{code}/budget']['put']['requestBody']>
>;
export type OperatorBody = Json<
  NonNullable<paths['/api/subsidy/programmes/{code}/operator']['put']['requestBody']>
>;

export type GrantQuery = NonNullable<paths['/api/subsidy/grants']['get']['parameters']['query']>;
export type GrantPage = Json<paths['/api/subsidy/grants']['get']['responses'][200]>;
export type GrantSummary = GrantPage['items'][number];
export type GrantDetail = Json<paths['/api/subsidy/grants/{id}']['get']['responses'][200]>;
export type Material = NonNullable<GrantDetail['materials']>[number];
export type ReviewBody = Json<NonNullable<paths['/api/subsidy/grants/{id}/review']['post']['requestBody']>>;
export type FraudBody = Json<NonNullable<paths['/api/subsidy/grants/{id}/fraud']['post']['requestBody']>>;
export type Review = NonNullable<GrantDetail['reviews']>[number];
export type Reviewers = Json<paths['/api/subsidy/programmes/{code}/reviewers']['get']['responses'][200]>;
export type ReviewerBody = Json<
  NonNullable<paths['/api/subsidy/programmes/{code}/reviewers']['put']['requestBody']>
>;
export type PayBody = Json<NonNullable<paths['/api/subsidy/grants/{id}/pay']['post']['requestBody']>>;
