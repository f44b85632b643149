/**
 * Product filing (产品报备) and the regulatory sandbox (监管沙盒, after the PBoC fintech innovation
 * supervision tool, JR/T 0198-2020): the states a product version goes through and who moves it.
 *
 *   draft ──submit──▶ submitted ──approve──▶ filed
 *                        │  └──reject──▶ rejected          (a fix is a new version)
 *                        └──admit_sandbox──▶ sandbox ──request_exit──▶ (assessment) ──graduate──▶ filed
 *                                                 └──────────────stop──────────────▶ stopped
 *   draft, submitted, filed, sandbox ──withdraw──▶ withdrawn
 */
export const versionStatuses = [
  'draft',
  'submitted',
  'filed',
  'sandbox',
  'rejected',
  'withdrawn',
  'stopped',
] as const;
export type VersionStatus = (typeof versionStatuses)[number];

export const filingActions = [
  'submit',
  'approve',
  'reject',
  'admit_sandbox',
  'request_exit',
  'graduate',
  'stop',
  'withdraw',
] as const;
export type FilingAction = (typeof filingActions)[number];

/** Who may take an action: the insurer that writes the product, or the regulator. */
export type FilingParty = 'writer' | 'regulator';

interface Transition {
  from: readonly VersionStatus[];
  to: VersionStatus;
  by: FilingParty;
}

export const filingTransitions: Record<FilingAction, Transition> = {
  submit: { from: ['draft'], to: 'submitted', by: 'writer' },
  approve: { from: ['submitted'], to: 'filed', by: 'regulator' },
  reject: { from: ['submitted'], to: 'rejected', by: 'regulator' },
  admit_sandbox: { from: ['submitted'], to: 'sandbox', by: 'regulator' },
  request_exit: { from: ['sandbox'], to: 'sandbox', by: 'writer' },
  graduate: { from: ['sandbox'], to: 'filed', by: 'regulator' },
  stop: { from: ['sandbox'], to: 'stopped', by: 'regulator' },
  withdraw: { from: ['draft', 'submitted', 'filed', 'sandbox'], to: 'withdrawn', by: 'writer' },
};

/** Versions offered to the public and quotable by anyone. */
export const publishedStatuses: readonly VersionStatus[] = ['filed', 'sandbox'];

export type TransitionResult =
  | { ok: true; to: VersionStatus }
  | { ok: false; reason: 'wrong_party' | 'wrong_status' };

export function filingTransition(
  status: VersionStatus,
  action: FilingAction,
  party: FilingParty,
): TransitionResult {
  const t = filingTransitions[action];
  if (t.by !== party) return { ok: false, reason: 'wrong_party' };
  if (!t.from.includes(status)) return { ok: false, reason: 'wrong_status' };
  return { ok: true, to: t.to };
}

/** The exit assessment criteria of the sandbox (JR/T 0198-2020), each scored 1–5. */
export const sandboxCriteria = [
  { key: 'innovation_value', zh: '创新价值', en: 'Innovation value' },
  { key: 'service_quality', zh: '服务质量', en: 'Service quality' },
  { key: 'user_satisfaction', zh: '用户满意度', en: 'User satisfaction' },
  { key: 'continuity', zh: '业务连续性', en: 'Business continuity' },
  { key: 'compliance', zh: '合规性', en: 'Compliance' },
  { key: 'data_security', zh: '数据安全', en: 'Data security' },
  { key: 'risk_control', zh: '风险防控', en: 'Risk control' },
] as const;
export type SandboxCriterion = (typeof sandboxCriteria)[number]['key'];

export interface SandboxLimits {
  maxPolicies: number;
  /** Aggregate sum insured, fen. */
  maxSumInsured: bigint;
  /** Last day of the test, 'YYYY-MM-DD'. */
  endsOn: string;
}

export interface SandboxUse {
  policiesBound: number;
  sumInsuredBound: bigint;
}

export type SandboxRefusal =
  | 'sandbox.ended'
  | 'sandbox.policy_limit'
  | 'sandbox.sum_insured_limit'
  | 'sandbox.closed';

/**
 * Whether one more policy of `sumInsured` (fen) fits the sandbox test on `today`: the end date is
 * inclusive; both the count and the aggregate sum insured are hard limits.
 */
export function sandboxRoom(
  limits: SandboxLimits,
  use: SandboxUse,
  sumInsured: bigint,
  today: string,
  closed: boolean,
): SandboxRefusal | null {
  if (closed) return 'sandbox.closed';
  if (today > limits.endsOn) return 'sandbox.ended';
  if (use.policiesBound + 1 > limits.maxPolicies) return 'sandbox.policy_limit';
  if (use.sumInsuredBound + sumInsured > limits.maxSumInsured) return 'sandbox.sum_insured_limit';
  return null;
}
