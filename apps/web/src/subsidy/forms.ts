import { Permission } from '@kebao/domain/org';
import { fenOf } from '../format/decimal.ts';
import { normaliseYuan } from '../format/money.ts';
import { isOneOf } from '../policy/vocabulary.ts';
import type { BudgetBody, FraudBody, GrantSummary, PayBody, ReviewBody } from './types.ts';
import {
  fraudStatuses,
  MATERIAL_MAX_BYTES,
  type MaterialType,
  materialTypes,
  type ReviewDecision,
} from './vocabulary.ts';

/*
 * The subsidy pages' small readings and forms: the computation steps of a grant, what the viewer may do
 * with it, how much of a budget is used, the checks on a material before it is sent, the request bodies,
 * and where the server's errors about a published programme point.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- 补贴计算过程 -------------------------------------------------------------------------------------

/** One rule's contribution to a grant, as the server stored it (amounts as yuan strings). */
export interface GrantStep {
  rule: string;
  zh: string;
  en: string;
  /** Where the rule stands in yuan: the eligible premium, the share of it, a cap or what is left. */
  amount?: string;
  /** The share or rate it applies ("0.5"). */
  value?: string;
  /** The programme's reason code of a condition or bonus. */
  reason?: string;
  /** A check: pass · fail · unknown (a fact not known yet). */
  result?: string;
  /** A limit that lowered the grant (it binds). */
  binds?: boolean;
}

/** The steps of a grant (`steps` is typed unknown by the API): the well-formed ones, in order. */
export function readSteps(value: unknown): GrantStep[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): GrantStep[] => {
    if (!isRecord(item)) return [];
    const { rule, zh, en, amount, value: applied, reason, result, binds } = item;
    if (typeof rule !== 'string' || typeof zh !== 'string' || typeof en !== 'string') return [];
    const step: GrantStep = { rule, zh, en };
    if (typeof amount === 'string') step.amount = amount;
    else if (typeof amount === 'number' && Number.isSafeInteger(amount)) step.amount = `${amount}.00`;
    if (typeof applied === 'string') step.value = applied;
    if (typeof reason === 'string') step.reason = reason;
    if (typeof result === 'string') step.result = result;
    if (typeof binds === 'boolean') step.binds = binds;
    return [step];
  });
}

/** The step that decided the amount: the last limit that bound, or else the share of the premium. */
export function decidingStep(steps: readonly GrantStep[]): number {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]?.binds) return i;
  return steps.findIndex((s) => s.rule === 'share_of_premium');
}

// ---- amounts -----------------------------------------------------------------------------------------

/** Fen as a yuan string with two places: -12345n → "-123.45". */
export function yuanOfFen(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** What is still to be paid on a grant: amount − clawed back − paid, never below zero. */
export function grantDue(grant: Pick<GrantSummary, 'amount' | 'clawedBack' | 'paid'>): string {
  const due = (fenOf(grant.amount) ?? 0n) - (fenOf(grant.clawedBack) ?? 0n) - (fenOf(grant.paid) ?? 0n);
  return yuanOfFen(due > 0n ? due : 0n);
}

/** `a + b` of yuan strings; null when either is no amount. */
export function addYuan(a: string, b: string): string | null {
  const x = fenOf(a);
  const y = fenOf(b);
  return x === null || y === null ? null : yuanOfFen(x + y);
}

/** How much of a programme's budget is committed and how much paid, in percent (0–100, one decimal). */
export function budgetUse(programme: { budget: string; committed: string; paid: string }): {
  committed: number;
  paid: number;
} {
  const budget = fenOf(programme.budget) ?? 0n;
  const percent = (amount: string) => {
    const fen = fenOf(amount);
    if (fen === null || budget <= 0n || fen <= 0n) return 0;
    return Math.min(100, Number((fen * 1000n) / budget) / 10);
  };
  return { committed: percent(programme.committed), paid: percent(programme.paid) };
}

// ---- who does what -----------------------------------------------------------------------------------

export interface Viewer {
  orgId: string;
  permissions: readonly string[];
}

export interface GrantRights {
  /** The enterprise of the grant (it sees only its own). */
  enterprise: boolean;
  /** The funder operating the programme, with subsidy.manage. */
  funder: boolean;
  /** The reviewer of the stage the application waits at (审核单位), with subsidy.manage. */
  reviewer: boolean;
  /** 确认: a 免申即享 grant waiting for the enterprise, within its deadline. */
  confirm: boolean;
  /** The deadline to confirm has passed: the grant will lapse. */
  confirmLate: boolean;
  /** 上传材料 and 提交申报: an application not yet submitted, or returned for more (补正). */
  apply: boolean;
  /** The application was returned for more materials: submitting it again is 重新提交. */
  resubmit: boolean;
  /** 审核: a submitted application waiting at the viewer's stage. */
  review: boolean;
  /** 认定骗补: the operating funder, on a grant not yet ended. */
  fraud: boolean;
  /** 拨付: a grant paid to the enterprise, approved (or confirmed, 免申即享), with money still due. */
  pay: boolean;
}

type GrantFacts = Pick<
  GrantSummary,
  'status' | 'mode' | 'payee' | 'confirmBy' | 'amount' | 'clawedBack' | 'paid'
> & {
  funder: { id: string };
  review: { reviewer: { id: string } };
};

export function grantRights(grant: GrantFacts, viewer: Viewer, today: string): GrantRights {
  const holds = (p: Permission) => viewer.permissions.includes(p);
  // The API shows an enterprise its own grants only; readers of everything hold no enterprise.self.
  const enterprise = holds(Permission.EnterpriseSelf);
  const manages = holds(Permission.SubsidyManage);
  const funder = grant.funder.id === viewer.orgId && manages;
  const reviewer = grant.review.reviewer.id === viewer.orgId && manages;
  const reserved = grant.status === 'reserved';
  const returned = grant.status === 'returned';
  const late = reserved && grant.confirmBy !== null && today > grant.confirmBy;
  const payable = grant.status === 'approved' || (grant.mode === 'auto' && grant.status === 'confirmed');
  return {
    enterprise,
    funder,
    reviewer,
    confirm: enterprise && reserved && !late,
    confirmLate: late,
    apply: enterprise && (grant.status === 'applied' || returned),
    resubmit: enterprise && returned,
    review: reviewer && grant.status === 'submitted',
    fraud: funder && isOneOf(fraudStatuses, grant.status),
    pay: funder && grant.payee === 'enterprise' && payable && (fenOf(grantDue(grant)) ?? 0n) > 0n,
  };
}

/** Calendar days from `today` to `date` (both 'YYYY-MM-DD'): 0 on the day itself, negative after. */
export function daysUntil(date: string, today: string): number {
  const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return Math.round((at(date) - at(today)) / 86_400_000);
}

/**
 * A grant's page for this viewer: a government body managing subsidies reads it under 补贴审核 — it sees
 * only the grants of the programmes it operates and the applications of the regions whose stage it reviews
 * (the stage the application waits at now, or one it passed); everyone else reads it under 我的补贴 (the
 * enterprise) or on its own.
 */
export function grantPath(
  grant: { id: string; funder: { id: string }; review: { reviewer: { id: string } } },
  viewer: Viewer,
): string {
  const holds = (p: Permission) => viewer.permissions.includes(p);
  const party = grant.funder.id === viewer.orgId || grant.review.reviewer.id === viewer.orgId;
  const reviews = holds(Permission.SubsidyManage) && (party || !holds(Permission.EnterpriseSelf));
  return reviews ? `/subsidy/review/${grant.id}` : `/subsidy/grants/${grant.id}`;
}

/** The last request for more (要求补正) in the trail, or null. */
export function lastRequest<R extends { decision: string }>(reviews: readonly R[]): R | null {
  for (let i = reviews.length - 1; i >= 0; i--) {
    const review = reviews[i];
    if (review?.decision === 'request_more') return review;
  }
  return null;
}

/** The materials the last request for more (要求补正) asked to upload again; none when it named none. */
export function requestedMaterials(reviews: readonly { decision: string; requested: string[] | null }[]) {
  return lastRequest(reviews)?.requested ?? [];
}

// ---- materials ---------------------------------------------------------------------------------------

const extensionTypes: Record<string, MaterialType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The type a material is sent as: the browser's, or by its extension when the browser gives none. */
export function materialContentType(file: { name: string; type: string }): MaterialType | null {
  const type = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isOneOf(materialTypes, type)) return type;
  if (type !== '' && type !== 'application/octet-stream') return null;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return extensionTypes[extension] ?? null;
}

/** Why a file cannot be a material (before it is sent): not PDF/JPEG/PNG, empty, or above 10 MB. */
export function materialProblem(file: {
  name: string;
  type: string;
  size: number;
}): 'type' | 'empty' | 'size' | null {
  if (materialContentType(file) === null) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MATERIAL_MAX_BYTES) return 'size';
  return null;
}

/** A file size as people read it: 980 B, 12.5 KB, 3.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// ---- request bodies ----------------------------------------------------------------------------------

/** The new budget, with two places; an amount that cannot be read is sent as typed for the server to name. */
export function budgetBody(budget: string): BudgetBody {
  const text = budget.trim();
  return { budget: normaliseYuan(text) ?? text };
}

export interface ReviewValues {
  decision: ReviewDecision;
  note: string;
  /** 要求补正: the checklist materials to upload again. */
  requested?: string[];
}

/** The decision with its note; the materials asked for only with a request for more. */
export function reviewBody(values: ReviewValues): ReviewBody {
  const body: ReviewBody = { decision: values.decision, note: values.note.trim() };
  if (values.decision === 'request_more') body.requested = [...new Set(values.requested ?? [])];
  return body;
}

export function fraudBody(note: string): FraudBody {
  return { note: note.trim() };
}

/** A region-code prefix a reviewer is assigned for: 0 to 6 digits (31 Shanghai, 310115 Pudong), '' everywhere. */
export const regionPrefixPattern = /^[0-9]{0,6}$/;

export function payBody(channelRef: string): PayBody {
  return { channelRef: channelRef.trim() };
}

// ---- publishing a programme --------------------------------------------------------------------------

export type ParsedProgramme =
  | { ok: true; definition: Record<string, unknown>; code: string }
  | { ok: false; problem: 'syntax'; message: string }
  | { ok: false; problem: 'notObject' | 'noCode' };

/** The pasted or uploaded text as a programme to PUT: JSON, an object, with a code for the address. */
export function parseProgrammeText(text: string): ParsedProgramme {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'syntax', message: error instanceof Error ? error.message : String(error) };
  }
  if (!isRecord(value)) return { ok: false, problem: 'notObject' };
  const { code } = value;
  if (typeof code !== 'string' || !/^[a-z0-9][a-z0-9-]{2,47}$/.test(code))
    return { ok: false, problem: 'noCode' };
  return { ok: true, definition: value, code };
}

/**
 * Where in the programme an error of the server is: its pointer into the request (`/body/share/tiers/0`)
 * without the request part (`/share/tiers/0`); '' for the document as a whole.
 */
export function programmePointer(path: string): string {
  const match = /^\/body(\/.*)?$/.exec(path);
  return match ? (match[1] ?? '') : path;
}

/** The next version of a programme to start editing from: the same programme numbered next, no `$schema`. */
export function nextProgrammeDraft(definition: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, ...rest } = definition;
  const version = typeof rest.version === 'number' ? rest.version + 1 : 1;
  return { ...rest, version };
}

/** A skeleton for a new programme of the funder's own, to be filled in. */
export function newProgrammeTemplate(today: string): Record<string, unknown> {
  return {
    code: 'new-programme',
    version: 1,
    names: { zh: '新补贴项目', en: 'New subsidy programme' },
    funder: { names: { zh: '资金方名称', en: 'Funder' }, level: 'district' },
    budget: '1000000.00',
    eligibility: { tags: ['new-programme'] },
    conditions: [],
    share: { rate: '0.5' },
    caps: { perPolicy: '100000.00' },
    window: { from: today },
    mode: 'apply',
    checklist: [
      { key: 'sealed_policy', names: { zh: '加盖保险公司公章的保单', en: 'Policy sealed by the insurer' } },
    ],
    payee: 'enterprise',
    clawback: { onCancellation: 'pro_rata' },
    priority: 50,
  };
}

/** Every key of the programme schema, in the order the shipped files write them. */
const programmeKeyOrder = [
  '$schema',
  'code',
  'version',
  'key',
  'reason',
  'message',
  'names',
  'zh',
  'en',
  'summary',
  'funder',
  'level',
  'budget',
  'fundPools',
  'eligibility',
  'tags',
  'products',
  'classes',
  'conditions',
  'band',
  'when',
  'fact',
  'op',
  'all',
  'any',
  'not',
  'value',
  'values',
  'min',
  'max',
  'share',
  'rate',
  'byYear',
  'tiers',
  'bonuses',
  'points',
  'rateCap',
  'caps',
  'perPolicy',
  'perEnterprisePerYear',
  'perProgramme',
  'quota',
  'percentOfProductValue',
  'years',
  'window',
  'from',
  'to',
  'mode',
  'confirmWorkingDays',
  'checklist',
  'review',
  'stages',
  'supplementWorkingDays',
  'payee',
  'noDoubleDipGroup',
  'maxYears',
  'clawback',
  'onCancellation',
  'barYears',
  'priority',
  'sources',
  'assumptions',
];
const keyRank = new Map(programmeKeyOrder.map((key, i) => [key, i]));

/**
 * The programme with its keys in the schema's order. The server keeps definitions as PostgreSQL jsonb,
 * which hands keys back sorted by length; a reader expects them as written.
 */
export function programmeInOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(programmeInOrder);
  if (!isRecord(value)) return value;
  const rank = (key: string) => keyRank.get(key) ?? programmeKeyOrder.length;
  return Object.fromEntries(
    Object.entries(value)
      .map(([key, v]) => [key, programmeInOrder(v)] as const)
      .sort(([a], [b]) => rank(a) - rank(b)),
  );
}
