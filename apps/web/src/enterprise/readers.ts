import type {
  EnterpriseProfile,
  EvaluationResult,
  HighTechCheck,
  PointsScore,
  TechSmeEvaluation,
} from '@kebao/domain/enterprise';
import type { MatchReason } from '@kebao/domain/matching';

/*
 * The API types the profile, the evaluations and a match's reasons as unknown (they are documents of the
 * domain: EnterpriseProfile, EvaluationResult, MatchReason). These readers check the outline the pages
 * rely on and hand the rest over as the domain's types; the server produced them from the same types.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isBilingual = (value: unknown) =>
  isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string';

export function readProfile(value: unknown): EnterpriseProfile | null {
  if (!isRecord(value) || typeof value.uscc !== 'string' || typeof value.name !== 'string') return null;
  return value as unknown as EnterpriseProfile;
}

function isEvaluation(value: unknown): value is EvaluationResult {
  return (
    isRecord(value) &&
    (value.kind === 'tech_sme' || value.kind === 'high_tech' || value.kind === 'points') &&
    typeof value.score === 'string' &&
    Array.isArray(value.indicators) &&
    Array.isArray(value.missing) &&
    Array.isArray(value.notes) &&
    (value.kind === 'points' ? Array.isArray(value.groups) : Array.isArray(value.gates))
  );
}

export interface Evaluations {
  techSme?: TechSmeEvaluation;
  highTech?: HighTechCheck;
  points?: PointsScore;
}

/** The evaluations of a version by kind; anything unreadable is left out rather than shown wrong. */
export function readEvaluations(list: readonly unknown[]): Evaluations {
  const out: Evaluations = {};
  for (const item of list) {
    if (!isEvaluation(item)) continue;
    if (item.kind === 'tech_sme') out.techSme = item;
    else if (item.kind === 'high_tech') out.highTech = item;
    else out.points = item;
  }
  return out;
}

export function readReasons(value: unknown): MatchReason[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is MatchReason =>
      isRecord(r) && typeof r.kind === 'string' && isBilingual(r.message) && Array.isArray(r.facts),
  );
}

/** The reference request an indicative premium priced (estimate.ts on the server): amounts and a headcount. */
export type ReferenceRequest = Readonly<Record<string, string | number>>;

export function readReferenceRequest(value: unknown): ReferenceRequest | null {
  if (!isRecord(value)) return null;
  const out: Record<string, string | number> = {};
  for (const [key, item] of Object.entries(value))
    if (typeof item === 'string' || typeof item === 'number') out[key] = item;
  return out;
}
