import { type BilingualText, enterpriseFacts, type Truth } from '../catalog/index.ts';
import type { MatchCondition } from './compile-condition.ts';
import type { MatchPrograms, MatchRuleKind, ProductProgram } from './compile-programs.ts';
import { setBit } from './feature-schema.ts';
import {
  LEAF_STRIDE,
  LeafKind,
  MATCH_STATUS_NAMES,
  type MatchStatusName,
  type ProgramCode,
} from './program-code.ts';
import { popcount32, RELEVANCE_WEIGHTS, SCORE } from './score.ts';

/**
 * Why a product matches an enterprise (or does not), rule by rule, in the words of the product:
 *
 * - `holds`: an eligibility rule holds for this enterprise;
 * - `awaits_request`: a rule that only the request can decide (an amount, a term, an option) — it does
 *   not exclude; `facts` are what the quote will ask for;
 * - `needs_facts`: a rule undecided because the profile lacks `facts`;
 * - `referred`: a refer rule holds (an underwriter will look);
 * - `not_eligible` / `declined`: an eligibility rule fails / a decline rule holds: not a match;
 * - `shared_values`: frontier tags, listings or qualifications the product asks for and the enterprise has;
 * - `class_preference`: points for the product's statistical class (classPreferences).
 */
export type MatchReasonKind =
  | 'holds'
  | 'awaits_request'
  | 'needs_facts'
  | 'referred'
  | 'not_eligible'
  | 'declined'
  | 'shared_values'
  | 'class_preference';

export interface MatchReason {
  readonly kind: MatchReasonKind;
  /** The rule's reason code, or `match.shared_values` / `match.class_preference`. */
  readonly code: string;
  readonly rule?: MatchRuleKind;
  /** The rule's own message, or what was shared. */
  readonly message: BilingualText;
  /** The facts awaited or missing, or the shared values. */
  readonly facts: readonly string[];
  /** What is awaited or missing, named: 取决于投保信息：保险金额 / Depends on the request: Sum insured. */
  readonly detail?: BilingualText;
  readonly points?: number;
}

export interface ScoreParts {
  readonly base: number;
  readonly eligible: number;
  readonly referred: number;
  readonly undecided: number;
  readonly relevance: number;
  readonly preference: number;
}

export interface MatchExplanation {
  /** The program index (rank order on ties), code and version of the product. */
  readonly product: number;
  readonly code: string;
  readonly version: number;
  readonly names: BilingualText;
  /** null when the product does not match. */
  readonly status: MatchStatusName | null;
  readonly score: number;
  readonly scoreParts: ScoreParts;
  readonly reasons: readonly MatchReason[];
  /** Enterprise facts that would decide undecided rules (fill them in to firm the match up). */
  readonly missingFacts: readonly string[];
  /** Request facts and options the product's rules wait for (a quote will ask for them). */
  readonly awaitedFacts: readonly string[];
}

/** Explains one product for one enterprise row (at rows[offset]); the same score as the scoring loop. */
export function explainMatch(
  programs: MatchPrograms,
  product: number,
  rows: Float64Array,
  offset = 0,
): MatchExplanation {
  const program = programs.products[product];
  if (program === undefined) throw new RangeError(`no product at index ${product}`);
  const { code } = programs;
  const reasons: MatchReason[] = [];
  const missingFacts = new Set<string>();
  const awaitedFacts = new Set<string>();
  let excluded = false;
  let undecidedEligibility = false;
  let referred = false;
  let undecided = 0;
  for (const rule of program.rules) {
    const list: string[] = [];
    const result = evaluateMatchCondition(rule.condition, code, rows, offset, list);
    const missing = [...new Set(list.filter((fact) => Object.hasOwn(enterpriseFacts, fact)))];
    const awaited = [...new Set(list.filter((fact) => !Object.hasOwn(enterpriseFacts, fact)))];
    for (const fact of missing) missingFacts.add(fact);
    for (const fact of awaited) awaitedFacts.add(fact);
    const reason = (kind: MatchReasonKind, facts: readonly string[] = []): void => {
      const detail =
        kind === 'awaits_request' || kind === 'needs_facts' ? describe(program, kind, facts) : undefined;
      reasons.push({
        kind,
        code: rule.reason,
        rule: rule.kind,
        message: rule.message,
        facts,
        ...(detail ? { detail } : {}),
      });
    };
    if (result === 'unknown') {
      if (missing.length > 0) {
        undecided++;
        if (rule.kind === 'eligibility') undecidedEligibility = true;
        reason('needs_facts', missing);
      } else reason('awaits_request', awaited);
    } else if (rule.kind === 'eligibility') {
      if (result === 'true') reason('holds');
      else {
        excluded = true;
        reason('not_eligible');
      }
    } else if (result === 'true') {
      if (rule.kind === 'decline') excluded = true;
      else referred = true;
      reason(rule.kind === 'decline' ? 'declined' : 'referred');
    }
  }
  let relevance = 0;
  for (const { fact, values } of program.asksFor) {
    const weight = RELEVANCE_WEIGHTS[fact as keyof typeof RELEVANCE_WEIGHTS];
    const shared = values.filter((value) => holdsValue(programs, fact, value, rows, offset));
    if (shared.length === 0) continue;
    relevance += weight * shared.length;
    reasons.push({
      kind: 'shared_values',
      code: 'match.shared_values',
      message: sharedMessage(fact),
      facts: shared,
      points: weight * shared.length,
    });
  }
  const preference = (rows[offset + code.preferenceColumn + classIndex(code, product)] as number) | 0;
  if (preference > 0) {
    reasons.push({
      kind: 'class_preference',
      code: 'match.class_preference',
      message: { zh: '与企业画像相符的险种大类', en: 'A class of cover that suits the profile' },
      facts: [program.statisticalClass],
      points: preference,
    });
  }
  const scoreParts: ScoreParts = {
    base: SCORE.base,
    eligible: undecidedEligibility ? 0 : SCORE.eligible,
    referred: referred ? -SCORE.referred : 0,
    undecided: undecided === 0 ? 0 : -SCORE.undecidedRule * Math.min(undecided, SCORE.undecidedCap),
    relevance,
    preference,
  };
  const score = Object.values(scoreParts).reduce((sum, part) => sum + part, 0);
  const status = excluded ? null : (MATCH_STATUS_NAMES[referred ? 2 : undecidedEligibility ? 1 : 0] ?? null);
  return {
    product,
    code: program.code,
    version: program.version,
    names: program.names,
    status,
    score,
    scoreParts,
    reasons,
    missingFacts: [...missingFacts],
    awaitedFacts: [...awaitedFacts],
  };
}

function describe(
  program: ProductProgram,
  kind: 'awaits_request' | 'needs_facts',
  facts: readonly string[],
): BilingualText {
  const names = facts.map((fact) => program.factNames[fact] ?? factName(fact));
  const zh = names.map((name) => name.zh).join('、');
  const en = names.map((name) => name.en).join(', ');
  return kind === 'awaits_request'
    ? { zh: `取决于投保信息：${zh}`, en: `Depends on the request: ${en}` }
    : { zh: `企业画像缺少：${zh}`, en: `The profile lacks: ${en}` };
}

function factName(fact: string): BilingualText {
  const entry = Object.hasOwn(enterpriseFacts, fact)
    ? enterpriseFacts[fact as keyof typeof enterpriseFacts]
    : undefined;
  return entry === undefined ? { zh: fact, en: fact } : { zh: entry.zh, en: entry.en };
}

function sharedMessage(fact: string): BilingualText {
  const name = factName(fact);
  return { zh: `${name.zh}相符`, en: `${name.en} in common` };
}

function classIndex(code: ProgramCode, product: number): number {
  return code.profileClass[code.productProfile[product] as number] as number;
}

function holdsValue(
  programs: MatchPrograms,
  fact: string,
  value: string,
  rows: Float64Array,
  offset: number,
): boolean {
  const bit = setBit(programs.schema.facts[fact as keyof typeof enterpriseFacts], value);
  if (bit === undefined) return false;
  const word = rows[offset + bit.column] as number;
  return !Number.isNaN(word) && popcount32((word | 0) & bit.mask) === 1;
}

/**
 * A rule's answer for one row, exactly as evaluateCondition gives it: `list` collects the facts that left it
 * unknown (enterprise facts missing, request facts awaited), cut back when a part turns out not to matter.
 */
export function evaluateMatchCondition(
  node: MatchCondition,
  code: ProgramCode,
  rows: Float64Array,
  offset: number,
  list: string[],
): Truth {
  if ('leaf' in node) {
    const truth = leafTruth(code, node.leaf, rows, offset);
    if (truth === 'unknown') list.push(node.fact);
    return truth;
  }
  if ('awaits' in node) {
    list.push(node.awaits);
    return 'unknown';
  }
  if ('not' in node) {
    const truth = evaluateMatchCondition(node.not, code, rows, offset, list);
    return truth === 'true' ? 'false' : truth === 'false' ? 'true' : 'unknown';
  }
  const all = 'all' in node;
  const decisive: Truth = all ? 'false' : 'true';
  const mark = list.length;
  let unknown = false;
  for (const part of all ? node.all : node.any) {
    const truth = evaluateMatchCondition(part, code, rows, offset, list);
    if (truth === decisive) {
      list.length = mark;
      return decisive;
    }
    if (truth === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : all ? 'true' : 'false';
}

/** One leaf for one row (the scoring loop asks the same of 32 lanes at once). */
export function leafTruth(code: ProgramCode, leaf: number, rows: Float64Array, offset: number): Truth {
  const at = leaf * LEAF_STRIDE;
  const { leaves, constants } = code;
  const kind = leaves[at] as number;
  const a = leaves[at + 3] as number;
  const b = leaves[at + 4] as number;
  const v = rows[offset + (leaves[at + 2] as number)] as number;
  let holds: boolean;
  if (kind === LeafKind.EXISTS) holds = !Number.isNaN(v);
  else if (Number.isNaN(v)) return 'unknown';
  else if (kind === LeafKind.LT) holds = v < (constants[a] as number);
  else if (kind === LeafKind.LTE) holds = v <= (constants[a] as number);
  else if (kind === LeafKind.EQ) holds = v === constants[a];
  else if (kind === LeafKind.BETWEEN)
    holds = v >= (constants[a] as number) && v <= (constants[a + 1] as number);
  else if (kind === LeafKind.IN) holds = constants.subarray(a, a + b).includes(v);
  else if (kind === LeafKind.SET_ANY) holds = ((v | 0) & a) !== 0;
  else holds = ((v | 0) & a) === a;
  return holds !== (leaves[at + 1] !== 0) ? 'true' : 'false';
}
