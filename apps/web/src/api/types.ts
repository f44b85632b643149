import type { paths } from './schema.d.ts';

// Payload types read off the generated `paths`, so they follow the server's OpenAPI document
// whatever it names its component schemas.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Me = Json<paths['/api/me']['get']['responses'][200]>;
export type SessionInfo = Json<paths['/api/me/sessions']['get']['responses'][200]>['items'][number];
export type OrganisationPage = Json<paths['/api/orgs']['get']['responses'][200]>;
export type Organisation = OrganisationPage['items'][number];
export type NewOrganisation = Json<NonNullable<paths['/api/orgs']['post']['requestBody']>>;
export type UserPage = Json<paths['/api/orgs/{orgId}/users']['get']['responses'][200]>;
export type User = UserPage['items'][number];
export type NewUser = Json<NonNullable<paths['/api/orgs/{orgId}/users']['post']['requestBody']>>;
export type UserChange = Json<NonNullable<paths['/api/orgs/{orgId}/users/{userId}']['patch']['requestBody']>>;
export type ApiToken = Json<paths['/api/tokens']['get']['responses'][200]>['items'][number];
export type NewApiToken = Json<NonNullable<paths['/api/tokens']['post']['requestBody']>>;
export type CreatedApiToken = Json<paths['/api/tokens']['post']['responses'][201]>;
export type AuditPage = Json<paths['/api/audit']['get']['responses'][200]>;
export type AuditRecord = AuditPage['items'][number];

export type ProductQuery = NonNullable<paths['/api/products']['get']['parameters']['query']>;
export type ProductPage = Json<paths['/api/products']['get']['responses'][200]>;
export type ProductSummary = ProductPage['items'][number];
export type StatisticalClass = ProductSummary['statisticalClass'];
export type VersionStatus = ProductSummary['status'];
export type VersionDetail = Json<paths['/api/products/{code}/versions/{version}']['get']['responses'][200]>;
export type SandboxState = NonNullable<VersionDetail['sandbox']>;
export type FilingRecord = NonNullable<VersionDetail['filings']>[number];
export type DefinitionUpload = Json<paths['/api/products']['post']['requestBody']>;
export type ValidationAnswer = Json<paths['/api/products/validate']['post']['responses'][200]>;
export type ValidationError = ValidationAnswer['errors'][number];
export type WriterFiling = Json<
  paths['/api/products/{code}/versions/{version}/filing']['post']['requestBody']
>;
export type RegulatorReview = Json<
  paths['/api/products/{code}/versions/{version}/review']['post']['requestBody']
>;
export type QueueItem = Json<paths['/api/filings/queue']['get']['responses'][200]>['items'][number];
export type QuotePreviewBody = Json<paths['/api/quotes/preview']['post']['requestBody']>;
export type QuotePreview = Json<paths['/api/quotes/preview']['post']['responses'][200]>;
export type QuoteOutcome = QuotePreview['outcome'];
export type BreakdownStep = NonNullable<QuotePreview['rating']>['breakdown'][number];

export type EnterpriseDetail = Json<paths['/api/enterprises/{id}']['get']['responses'][200]>;
export type CreditView = EnterpriseDetail['credit'];
export type CreditRecordView = NonNullable<CreditView['records']>[number];
export type ProfileHistoryItem = EnterpriseDetail['history'][number];
export type SaveAnswer = Json<paths['/api/enterprise/me/profile']['put']['responses'][200]>;
export type EnterprisePage = Json<paths['/api/enterprises']['get']['responses'][200]>;
export type EnterpriseSummary = EnterprisePage['items'][number];
export type NewCreditRecord = Json<paths['/api/enterprises/{id}/credit-records']['post']['requestBody']>;
export type CreditRevocation = Json<paths['/api/credit-records/{id}/revoke']['post']['requestBody']>;
export type MatchView = Json<
  paths['/api/enterprise/me/recommendations']['get']['responses'][200]
>['items'][number];
export type LeadQuery = NonNullable<paths['/api/leads']['get']['parameters']['query']>;
export type LeadView = Json<paths['/api/leads']['get']['responses'][200]>['items'][number];
export type ImportView = Json<paths['/api/enterprise-imports/{id}']['get']['responses'][200]>;
export type ImportRowError = Json<
  paths['/api/enterprise-imports/{id}/errors']['get']['responses'][200]
>['items'][number];
