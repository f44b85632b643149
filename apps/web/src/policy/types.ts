import type { paths } from '../api/schema.d.ts';

// Payload types of quotes, underwriting, placement and policies, read off the generated `paths` as
// api/types.ts does for the rest of the app.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type QuotePage = Json<paths['/api/quotes']['get']['responses'][200]>;
export type QuoteView = QuotePage['items'][number];
export type QuoteCreateBody = Json<NonNullable<paths['/api/quotes']['post']['requestBody']>>;
export type QuoteRequestBody = QuoteCreateBody['request'];
export type DecisionBody = Json<NonNullable<paths['/api/quotes/{id}/decision']['post']['requestBody']>>;
export type BrokerClient = Json<paths['/api/broker/clients']['get']['responses'][200]>[number];

export type PlacementPage = Json<paths['/api/placements']['get']['responses'][200]>;
export type PlacementSummary = PlacementPage['items'][number];
export type PlacementView = Json<paths['/api/placements/{id}']['get']['responses'][200]>;
export type PlacementLine = PlacementView['lines'][number];
export type PlacementTerms = PlacementView['terms'];
export type Insurer = Json<paths['/api/insurers']['get']['responses'][200]>[number];

export type PolicyPage = Json<paths['/api/policies']['get']['responses'][200]>;
export type PolicySummary = PolicyPage['items'][number];
export type PolicyDetail = Json<paths['/api/policies/{id}']['get']['responses'][200]>;
export type PolicyLine = PolicyDetail['lines'][number];
export type Cession = NonNullable<PolicyDetail['cessions']>[number];
export type Endorsement = PolicyDetail['endorsements'][number];
export type JournalLine = NonNullable<PolicyDetail['journal']>[number];
export type EndorseBody = Json<NonNullable<paths['/api/policies/{id}/endorsements']['post']['requestBody']>>;
export type CancelBody = Json<NonNullable<paths['/api/policies/{id}/cancel']['post']['requestBody']>>;
