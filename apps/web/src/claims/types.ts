import type { paths } from '../api/schema.d.ts';

// Payload types of claims, disputes, loss events, the expert pool and reserving, read off the generated
// `paths` as api/types.ts does for the rest of the app.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<R> = Json<NonNullable<R>>;

export type ClaimQuery = NonNullable<paths['/api/claims']['get']['parameters']['query']>;
export type ClaimPage = Json<paths['/api/claims']['get']['responses'][200]>;
export type ClaimSummary = ClaimPage['items'][number];
export type ClaimDetail = Json<paths['/api/claims/{id}']['get']['responses'][200]>;
export type ClaimTracking = ClaimDetail['tracking'];
export type MissingDocument = ClaimTracking['missing'][number];
export type ClaimDocument = ClaimDetail['documents'][number];
export type TimelineStep = ClaimDetail['timeline'][number];
export type ClaimShare = ClaimDetail['shares'][number];
export type ClaimRecovery = ClaimDetail['recoveries'][number];
export type ClaimDecline = NonNullable<ClaimDetail['decline']>;

export type FileClaimBody = Body<paths['/api/claims']['post']['requestBody']>;
export type ReserveBody = Body<paths['/api/claims/{id}/register']['post']['requestBody']>;
export type DeclineBody = Body<paths['/api/claims/{id}/decline']['post']['requestBody']>;
export type ApproveBody = Body<paths['/api/claims/{id}/approve']['post']['requestBody']>;
export type ReopenBody = Body<paths['/api/claims/{id}/reopen']['post']['requestBody']>;
export type AssignBody = Body<paths['/api/claims/{id}/experts']['post']['requestBody']>;
export type DisputeBody = Body<paths['/api/claims/{id}/disputes']['post']['requestBody']>;

export type DisputeQuery = NonNullable<paths['/api/disputes']['get']['parameters']['query']>;
export type DisputeView = Json<paths['/api/disputes']['get']['responses'][200]>['items'][number];
export type MediationBody = Body<paths['/api/disputes/{id}/mediation']['post']['requestBody']>;

export type LossEvent = Json<paths['/api/loss-events']['get']['responses'][200]>['items'][number];
export type EventBody = Body<paths['/api/loss-events']['post']['requestBody']>;

export type Expert = Json<paths['/api/experts']['get']['responses'][200]>['items'][number];
export type ExpertBody = Body<paths['/api/experts']['post']['requestBody']>;
export type Assignment = Json<paths['/api/expert/assignments']['get']['responses'][200]>['items'][number];
export type ReportBody = Body<paths['/api/expert/assignments/{id}/report']['post']['requestBody']>;

export type ReservingQuery = NonNullable<paths['/api/claims/reserving']['get']['parameters']['query']>;
