import type { BreakdownStep } from '../api/types.ts';
import type { Bilingual } from '../i18n/labels.ts';
import { type AmountField, amountFields, type DecisionKind, decisionKinds, isOneOf } from './vocabulary.ts';

/*
 * The quote and policy API types a few stored documents as unknown: the rating of a quote, the
 * underwriter's decision, the request as priced, an endorsement's changes and line movements. These
 * readers check the outline the pages rely on; anything unreadable is left out rather than shown wrong.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isBilingual = (value: unknown): value is Bilingual =>
  isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string';

function isStep(value: unknown): value is BreakdownStep {
  return (
    isRecord(value) &&
    typeof value.key === 'string' &&
    isBilingual(value.names) &&
    typeof value.kind === 'string' &&
    typeof value.value === 'string' &&
    typeof value.amount === 'string'
  );
}

/** A quote's stored rating: the annual premium before term and limits, the effective rate and every step. */
export interface QuoteRating {
  annualPremium: string;
  effectiveRate: string;
  breakdown: BreakdownStep[];
}

export function readRating(value: unknown): QuoteRating | null {
  if (!isRecord(value) || value.ok === false) return null;
  const { annualPremium, effectiveRate, breakdown } = value;
  if (typeof annualPremium !== 'string' || typeof effectiveRate !== 'string' || !Array.isArray(breakdown))
    return null;
  return { annualPremium, effectiveRate, breakdown: breakdown.filter(isStep) };
}

/** The underwriter's decision on a referred quote. */
export interface QuoteDecision {
  decision: DecisionKind | null;
  /** The loading as a decimal ("0.15" = +15 %); null for a decline. */
  loading: string | null;
  reason: Bilingual;
  by: string | null;
  at: string | null;
}

export function readDecision(value: unknown): QuoteDecision | null {
  if (!isRecord(value) || !isRecord(value.reason) || typeof value.reason.zh !== 'string') return null;
  const zh = value.reason.zh;
  const en = typeof value.reason.en === 'string' && value.reason.en !== '' ? value.reason.en : zh;
  return {
    decision: isOneOf(decisionKinds, value.decision) ? value.decision : null,
    loading: typeof value.loading === 'string' ? value.loading : null,
    reason: { zh, en },
    by: typeof value.by === 'string' ? value.by : null,
    at: typeof value.at === 'string' ? value.at : null,
  };
}

/** What was asked for: the amounts given, the head count, the term and the start date. */
export interface RequestFigures {
  amounts: { field: AmountField; value: string }[];
  headcount: number | null;
  termDays: number | null;
  startDate: string | null;
  continuousYear: number | null;
}

export function readRequest(value: unknown): RequestFigures {
  const request = isRecord(value) ? value : {};
  const amounts = amountFields.flatMap((field) => {
    const amount = request[field];
    return typeof amount === 'string' ? [{ field, value: amount }] : [];
  });
  const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    amounts,
    headcount: count(request.headcount),
    termDays: count(request.termDays),
    startDate: typeof request.startDate === 'string' ? request.startDate : null,
    continuousYear: count(request.continuousYear),
  };
}

/**
 * An endorsement's or cancellation's changes: amounts and dates moved, the refund and its method; on a group
 * policy, the member certificate that moved it (endorsed, or its member leaving the group).
 */
export interface MovementChanges {
  sumInsured: { from: string; to: string } | null;
  endDate: { from: string; to: string } | null;
  method: string | null;
  refund: string | null;
  member: { number: string; exit: boolean } | null;
}

function fromTo(value: unknown): { from: string; to: string } | null {
  return isRecord(value) && typeof value.from === 'string' && typeof value.to === 'string'
    ? { from: value.from, to: value.to }
    : null;
}

/** The certificate number a group movement names (`{ certificate: { number } }`), if any. */
function certificateNumber(value: unknown): string | null {
  if (!isRecord(value) || !isRecord(value.certificate)) return null;
  return typeof value.certificate.number === 'string' ? value.certificate.number : null;
}

export function readChanges(value: unknown): MovementChanges {
  const changes = isRecord(value) ? value : {};
  const exit = isRecord(changes.memberExit) ? changes.memberExit : null;
  const exitNumber = certificateNumber(exit);
  const endorsedNumber = certificateNumber(changes.member);
  return {
    sumInsured: fromTo(changes.sumInsured),
    endDate: fromTo(changes.endDate),
    method:
      typeof changes.method === 'string'
        ? changes.method
        : typeof exit?.method === 'string'
          ? exit.method
          : null,
    refund:
      typeof changes.refund === 'string'
        ? changes.refund
        : typeof exit?.refund === 'string'
          ? exit.refund
          : null,
    member:
      exitNumber !== null
        ? { number: exitNumber, exit: true }
        : endorsedNumber !== null
          ? { number: endorsedNumber, exit: false }
          : null,
  };
}

/** Each co-insurer's part of a premium movement. */
export function readLineDeltas(value: unknown): { orgId: string; delta: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((d) =>
    isRecord(d) && typeof d.orgId === 'string' && typeof d.delta === 'string'
      ? [{ orgId: d.orgId, delta: d.delta }]
      : [],
  );
}

/** `KB-BR-CYBER@1`, the contract of a placement's terms, as the product and version it names. */
export function contractProduct(contract: string): { code: string; version: number } | null {
  const match = /^(KB-(?:RD|AP|IP|BR)-[A-Z0-9]{2,12})@([1-9]\d{0,3})$/.exec(contract);
  return match ? { code: match[1] as string, version: Number(match[2]) } : null;
}
