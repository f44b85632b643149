import { Permission } from '@kebao/domain/org';
import type { ProductDefinition, Section } from '../catalog/definition.ts';
import { formatDateTime } from '../format/datetime.ts';
import { fenOf } from '../format/decimal.ts';
import { normaliseYuan } from '../format/money.ts';
import { isOneOf } from '../policy/vocabulary.ts';
import { yuanOfFen } from '../subsidy/forms.ts';
import type {
  ApproveBody,
  AssignBody,
  ClaimDetail,
  ClaimSummary,
  DeclineBody,
  DisputeBody,
  EventBody,
  ExpertBody,
  FileClaimBody,
  MediationBody,
  ReopenBody,
  ReportBody,
  ReserveBody,
} from './types.ts';
import type { AssignMethod, ClaimCurrency, MediationAction } from './vocabulary.ts';

/*
 * The claims pages' small readings and forms: which covers a notice may name, what the viewer may do with
 * a claim, the request bodies the forms become, and where the server's field errors go.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function trimmed(value: string | undefined | null): string | undefined {
  const text = value?.trim() ?? '';
  return text === '' ? undefined : text;
}

/** A yuan amount as typed, with two places when it reads as one (else as typed, for the server to name). */
function yuan(value: string): string {
  const text = value.trim();
  return normaliseYuan(text) ?? text;
}

// ---- the covers of a policy --------------------------------------------------------------------------

/**
 * The sections a notice of loss may name: those on the policy (an optional cover only when it was chosen
 * at the quote: `request.options.<key> === true`), without parametric covers, which pay on the index by
 * themselves. The policy's request is typed unknown by the API; when it cannot be read, every section of
 * the product is offered and the server's coverage check has the last word.
 */
export function claimableSections(definition: ProductDefinition, request: unknown): Section[] {
  const options = isRecord(request) && isRecord(request.options) ? request.options : {};
  return definition.sections.filter(
    (section) =>
      section.trigger.type !== 'parametric' && (!section.optional || options[section.key] === true),
  );
}

/** Whether a section's deductible is a waiting period (等待期): its notice needs the days the interruption lasted. */
export function hasWaitingPeriod(section: Section | undefined): boolean {
  return section?.deductible?.type === 'waiting_days';
}

// ---- who does what -----------------------------------------------------------------------------------

export interface Viewer {
  permissions: readonly string[];
}

export interface ClaimRights {
  /** The policyholder (or its broker): the API shows a holder of claim.file its own claims only. */
  claimant: boolean;
  /** 撤案: before anything is agreed. */
  withdraw: boolean;
  /** 申请调解: a decision to dispute, and no dispute already running. */
  dispute: boolean;
  /** 上传材料: any party, until the notice is withdrawn. */
  upload: boolean;
  /** The lead insurer's claims staff (`canHandle`), and what the desk may do in this status. */
  handle: boolean;
  register: boolean;
  decline: boolean;
  reserve: boolean;
  approve: boolean;
  pay: boolean;
  close: boolean;
  reopen: boolean;
  assignExpert: boolean;
  linkEvent: boolean;
}

type RightsFacts = Pick<ClaimDetail, 'status' | 'canHandle' | 'disputes'>;

const within = (status: string, list: readonly string[]) => list.includes(status);

export function claimRights(claim: RightsFacts, viewer: Viewer): ClaimRights {
  const claimant = viewer.permissions.includes(Permission.ClaimFile);
  const handle = claim.canHandle;
  const { status } = claim;
  const disputing = claim.disputes.some((d) => d.status === 'open' || d.status === 'mediating');
  return {
    claimant,
    withdraw: claimant && within(status, ['notified', 'assessing', 'reserved']),
    dispute: claimant && !disputing && within(status, ['declined', 'approved', 'paid', 'closed']),
    upload: status !== 'withdrawn' && (claimant || handle),
    handle,
    register: handle && status === 'notified',
    decline: handle && within(status, ['notified', 'assessing', 'reserved', 'reopened']),
    reserve: handle && within(status, ['assessing', 'reserved', 'reopened', 'approved']),
    approve: handle && within(status, ['assessing', 'reserved', 'reopened']),
    pay: handle && status === 'approved',
    close: handle && within(status, ['paid', 'approved', 'reserved', 'assessing', 'reopened']),
    reopen: handle && within(status, ['closed', 'declined']),
    assignExpert: handle && within(status, ['notified', 'assessing', 'reserved', 'reopened']),
    linkEvent: handle && status !== 'withdrawn',
  };
}

/** What an approved claim still has to pay: agreed − paid, never below zero. */
export function dueToPay(claim: Pick<ClaimSummary, 'agreed' | 'paid'>): string {
  const due = (fenOf(claim.agreed ?? '0') ?? 0n) - (fenOf(claim.paid) ?? 0n);
  return yuanOfFen(due > 0n ? due : 0n);
}

/**
 * The last day of a step, 'YYYY-MM-DD' in Asia/Shanghai: `dueAt` is the end of that day (24:00, the next
 * day's midnight), as the detail's `tracking.due` reads it.
 */
export function dueDay(dueAt: string | null): string | null {
  if (!dueAt) return null;
  const at = Date.parse(dueAt);
  if (Number.isNaN(at)) return null;
  return formatDateTime(new Date(at - 1).toISOString()).slice(0, 10);
}

/** ISO 4217 minor-unit digits of a currency (as ECMA-402 has them): USD 2, JPY 0, KWD 3; 2 when unknown. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * A foreign amount as people read it. The API gives `claimedForeign` in the currency's units with its
 * decimals ("20000.00" USD, "150000" JPY): "USD 20,000.00".
 */
export function foreignAmountText(amount: string, currency: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) return `${currency} ${amount}`;
  const grouped = (match[1] as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return match[2] === undefined ? `${currency} ${grouped}` : `${currency} ${grouped}.${match[2]}`;
}

// ---- 报案 ------------------------------------------------------------------------------------------

export interface FileClaimValues {
  policyId: string;
  sectionKey: string;
  sublimitKey?: string;
  lossDate: string;
  description: string;
  currency: ClaimCurrency;
  claimed?: string;
  foreignCurrency?: string;
  foreignAmount?: string;
  rate?: string;
  interruptionDays?: number | null;
  eventCode?: string;
}

/** The body of POST /api/claims: the amount in yuan, or the foreign amount with its currency and rate. */
export function fileClaimBody(values: FileClaimValues): FileClaimBody {
  const sublimitKey = trimmed(values.sublimitKey);
  const eventCode = trimmed(values.eventCode)?.toUpperCase();
  const days = values.interruptionDays;
  return {
    policyId: values.policyId,
    sectionKey: values.sectionKey,
    ...(sublimitKey ? { sublimitKey } : {}),
    lossDate: values.lossDate,
    description: values.description.trim(),
    ...(values.currency === 'foreign'
      ? {
          foreign: {
            currency: (values.foreignCurrency ?? '').trim().toUpperCase(),
            amount: (values.foreignAmount ?? '').trim().replaceAll(',', ''),
            rate: (values.rate ?? '').trim(),
          },
        }
      : { claimed: yuan(values.claimed ?? '') }),
    ...(typeof days === 'number' ? { interruptionDays: days } : {}),
    ...(eventCode ? { eventCode } : {}),
  };
}

const fileClaimFields = [
  'policyId',
  'sectionKey',
  'sublimitKey',
  'lossDate',
  'description',
  'claimed',
  'interruptionDays',
  'eventCode',
] as const;

/** `/body/foreign/amount` → foreignAmount, `/body/foreign/rate` → rate, … ; the other fields keep their names. */
export function fileClaimFieldOfPath(path: string[]): string[] | null {
  const [root, child] = path;
  if (root === 'foreign') {
    if (child === 'currency') return ['foreignCurrency'];
    if (child === 'rate') return ['rate'];
    return ['foreignAmount'];
  }
  if (root === 'reportedOn') return ['lossDate'];
  return isOneOf(fileClaimFields, root) ? [root] : null;
}

// ---- the lead's desk --------------------------------------------------------------------------------

export interface ReserveValues {
  reserve: string;
  note?: string;
}

export function reserveBody(values: ReserveValues): ReserveBody {
  const note = trimmed(values.note);
  return { reserve: yuan(values.reserve), ...(note ? { note } : {}) };
}

export interface ReopenValues {
  reserve: string;
  note: string;
}

export function reopenBody(values: ReopenValues): ReopenBody {
  return { reserve: yuan(values.reserve), note: values.note.trim() };
}

export interface DeclineValues {
  article: string;
  reason: string;
}

export function declineBody(values: DeclineValues): DeclineBody {
  return { article: values.article.trim(), reason: values.reason.trim() };
}

export interface ApproveValues {
  amount: string;
  note?: string;
}

export function approveBody(values: ApproveValues): ApproveBody {
  const note = trimmed(values.note);
  return { amount: yuan(values.amount), ...(note ? { note } : {}) };
}

/** A note alone (支付, 结案, 撤案): nothing when left empty. */
export function noteBody(note: string | undefined): { note?: string } {
  const text = trimmed(note);
  return text ? { note: text } : {};
}

export interface AssignValues {
  field: string;
  method: AssignMethod;
  expertId?: string;
  fee?: string;
}

export function assignBody(values: AssignValues): AssignBody {
  const fee = trimmed(values.fee);
  return {
    field: values.field,
    method: values.method,
    ...(values.method === 'named' && values.expertId ? { expertId: values.expertId } : {}),
    ...(fee ? { fee: yuan(fee) } : {}),
  };
}

export interface EventValues {
  code: string;
  name: string;
  kind: EventBody['kind'];
  occurredOn: string;
}

export function eventBody(values: EventValues): EventBody {
  return {
    code: values.code.trim().toUpperCase(),
    name: values.name.trim(),
    kind: values.kind,
    occurredOn: values.occurredOn,
  };
}

// ---- disputes and the expert ---------------------------------------------------------------------------

export interface DisputeValues {
  grounds: string;
  askedAmount?: string;
}

export function disputeBody(values: DisputeValues): DisputeBody {
  const asked = trimmed(values.askedAmount);
  return { grounds: values.grounds.trim(), ...(asked ? { askedAmount: yuan(asked) } : {}) };
}

export interface MediationValues {
  action: MediationAction;
  mediator?: string;
  on?: string;
  place?: string;
  note?: string;
  outcome?: string;
  amount?: string;
}

/** The body of one mediation step: only the fields its action takes. */
export function mediationBody(values: MediationValues): MediationBody {
  const text = (value: string | undefined) => value?.trim() ?? '';
  switch (values.action) {
    case 'assign':
      return { action: 'assign', mediator: text(values.mediator) };
    case 'hearing': {
      const note = trimmed(values.note);
      return { action: 'hearing', on: values.on ?? '', place: text(values.place), ...(note ? { note } : {}) };
    }
    case 'settle':
      return { action: 'settle', outcome: text(values.outcome), amount: yuan(values.amount ?? '') };
    case 'uphold':
      return { action: 'uphold', outcome: text(values.outcome) };
    case 'withdraw': {
      const outcome = trimmed(values.outcome);
      return { action: 'withdraw', ...(outcome ? { outcome } : {}) };
    }
  }
}

export interface ReportValues {
  report: string;
  amount?: string;
}

export function reportBody(values: ReportValues): ReportBody {
  const amount = trimmed(values.amount);
  return { report: values.report.trim(), ...(amount ? { amount: yuan(amount) } : {}) };
}

export interface ExpertValues {
  name: string;
  employer: string;
  fields: string[];
  qualifications?: string[];
  regionCode?: string;
  userId?: string;
}

export function expertBody(values: ExpertValues): ExpertBody {
  const qualifications = (values.qualifications ?? []).map((q) => q.trim()).filter((q) => q !== '');
  const regionCode = trimmed(values.regionCode);
  return {
    name: values.name.trim(),
    employer: values.employer.trim(),
    fields: values.fields,
    ...(qualifications.length > 0 ? { qualifications } : {}),
    ...(regionCode ? { regionCode } : {}),
    ...(values.userId ? { userId: values.userId } : {}),
  };
}

// ---- where a claim is read -------------------------------------------------------------------------------

/** A claim's page; from a policy, the way back leads to the policy. */
export function claimPath(id: string): string {
  return `/claims/${id}`;
}

/** The download address of a claim document. */
export function documentHref(claimId: string, documentId: string): string {
  return `/api/claims/${encodeURIComponent(claimId)}/documents/${encodeURIComponent(documentId)}`;
}
