/*
 * The chart of accounts (会计科目表) of the journal. Every line is in the books of one organisation
 * (`orgId`: an insurer, or a funder for the subsidy programme's own accounts) and names the other side
 * (`counterparty`). Debits are positive and credits negative, so an asset or expense account normally
 * carries a positive balance and a liability or income account a negative one.
 *
 * Insurers' names follow the 保险公司会计科目 usage where one exists (应收保费, 未到期责任准备金,
 * 未决赔款准备金, 摊回赔付支出 …); the funder's accounts are those of a programme budget.
 */

export type Account =
  // Premium (posted by postPremiumMovement)
  | 'premium_receivable'
  | 'subsidy_receivable'
  | 'premium_income'
  | 'coinsurance_payable'
  | 'coinsurance_receivable'
  | 'ceded_premium'
  | 'reinsurance_payable'
  | 'commission_receivable'
  | 'ceding_commission_income'
  // Money in and out
  | 'cash'
  | 'payer_credit'
  // Subsidy (the funder's books)
  | 'subsidy_expense'
  | 'subsidy_payable'
  | 'clawback_receivable'
  // Claims
  | 'claims_incurred'
  | 'claims_reserve'
  | 'claims_payable'
  | 'coinsurance_claims_receivable'
  | 'coinsurance_claims_payable'
  | 'reinsurance_recoveries'
  | 'recoveries_receivable'
  // Earning
  | 'upr_change'
  | 'unearned_premium_reserve'
  // Intermediaries
  | 'commission_expense'
  | 'commission_payable';

/** What an account is: assets and expenses are debit-natured, liabilities and income credit-natured. */
export type AccountNature = 'asset' | 'liability' | 'income' | 'expense';

export interface AccountInfo {
  nature: AccountNature;
  zh: string;
  en: string;
}

const account = (nature: AccountNature, zh: string, en: string): AccountInfo =>
  Object.freeze({ nature, zh, en });

/** The chart in reporting order: balance-sheet accounts first, then income and expense. */
export const ACCOUNTS: Readonly<Record<Account, AccountInfo>> = Object.freeze({
  cash: account('asset', '银行存款', 'cash at bank'),
  premium_receivable: account('asset', '应收保费', 'premium receivable'),
  subsidy_receivable: account('asset', '应收保费补贴', 'subsidy receivable'),
  coinsurance_receivable: account('asset', '共保应收款', 'co-insurance receivable'),
  coinsurance_claims_receivable: account('asset', '应收共保赔款', 'co-insurance claims receivable'),
  commission_receivable: account('asset', '应收分保手续费', 'reinsurance commission receivable'),
  recoveries_receivable: account('asset', '应收摊回赔款', 'reinsurance recoveries receivable'),
  clawback_receivable: account('asset', '应收追回补贴', 'subsidy clawback receivable'),
  payer_credit: account('liability', '预收及待退款项', 'payer credit (unapplied receipts)'),
  coinsurance_payable: account('liability', '共保应付款', 'co-insurance payable'),
  coinsurance_claims_payable: account('liability', '应付共保赔款', 'co-insurance claims payable'),
  reinsurance_payable: account('liability', '应付分保账款', 'reinsurance payable'),
  claims_payable: account('liability', '应付赔付款', 'claims payable'),
  claims_reserve: account('liability', '未决赔款准备金', 'outstanding claims reserve'),
  unearned_premium_reserve: account('liability', '未到期责任准备金', 'unearned premium reserve'),
  commission_payable: account('liability', '应付手续费及佣金', 'commission payable'),
  subsidy_payable: account('liability', '应付保费补贴', 'subsidy payable'),
  premium_income: account('income', '保费收入', 'premium income'),
  ceding_commission_income: account('income', '摊回分保费用', 'ceding commission income'),
  reinsurance_recoveries: account('income', '摊回赔付支出', 'reinsurance recoveries'),
  ceded_premium: account('expense', '分出保费', 'ceded premium'),
  claims_incurred: account('expense', '赔付支出', 'claims incurred'),
  upr_change: account('expense', '提取未到期责任准备金', 'change in unearned premium reserve'),
  commission_expense: account('expense', '手续费及佣金支出', 'commission expense'),
  subsidy_expense: account('expense', '保费补贴支出', 'subsidy expense'),
});

/** Whether a string read back from storage is an account of the chart. */
export function isAccount(value: unknown): value is Account {
  return typeof value === 'string' && Object.hasOwn(ACCOUNTS, value);
}
