import type { paths } from '../api/schema.d.ts';

// Payload types of billing, payments, the books and settlement, read off the generated `paths` as
// api/types.ts does for the rest of the app.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type InvoiceQuery = NonNullable<paths['/api/invoices']['get']['parameters']['query']>;
export type InvoicePage = Json<paths['/api/invoices']['get']['responses'][200]>;
export type InvoiceSummary = InvoicePage['items'][number];
export type InvoiceDetail = Json<paths['/api/invoices/{id}']['get']['responses'][200]>;
export type Instalment = InvoiceDetail['instalments'][number];
export type InvoiceSettlement = InvoiceDetail['settlements'][number];
export type InstalmentsBody = Json<paths['/api/invoices/{id}/instalments']['put']['requestBody']>;
export type RefundBody = Json<NonNullable<paths['/api/invoices/{id}/refund']['post']['requestBody']>>;

export type PaymentBody = Json<NonNullable<paths['/api/payments']['post']['requestBody']>>;
export type PaymentView = Json<paths['/api/payments']['post']['responses'][201]>;
export type PaymentPage = Json<paths['/api/payments']['get']['responses'][200]>;

export type Balances = Json<paths['/api/ledger/balances']['get']['responses'][200]>;
export type BalanceRow = Balances['items'][number];
export type StatementQuery = NonNullable<paths['/api/ledger/statement']['get']['parameters']['query']>;
export type AccountStatement = Json<paths['/api/ledger/statement']['get']['responses'][200]>;
export type StatementLine = AccountStatement['items'][number];
export type TrialBalance = Json<paths['/api/ledger/trial-balance']['get']['responses'][200]>;
export type TrialBalanceRow = TrialBalance['rows'][number];
export type VerifyReport = Json<paths['/api/ledger/verify']['get']['responses'][200]>;
export type VerifyProblem = VerifyReport['problems'][number];
export type CloseView = Json<paths['/api/ledger/closes']['get']['responses'][200]>['items'][number];
export type EarnedView = Json<paths['/api/policies/{id}/earned']['get']['responses'][200]>;
export type EarnedParticipant = EarnedView['participants'][number];

export type SettlementPage = Json<paths['/api/settlements']['get']['responses'][200]>;
export type SettlementSummary = SettlementPage['items'][number];
export type SettlementDetail = Json<paths['/api/settlements/{id}']['get']['responses'][200]>;
export type SettlementLine = SettlementDetail['lines'][number];
export type SettlementCreate = Json<NonNullable<paths['/api/settlements']['post']['requestBody']>>;
