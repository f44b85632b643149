import { type SandboxCriterion, sandboxCriteria } from '../../catalog/vocabulary.ts';

/*
 * The API types a filing's `details` and the sandbox's `assessment` as unknown: they are what the
 * review sent (sandbox limits; the exit assessment). These read them defensively for display.
 */

export interface Assessment {
  scores: Partial<Record<SandboxCriterion, number>>;
  comment: string | null;
}

export interface SandboxLimitsGiven {
  maxPolicies: number;
  maxSumInsured: string;
  endsOn: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An exit assessment (`{ scores, comment }`), from the sandbox or from a graduate/stop filing's details. */
export function readAssessment(value: unknown): Assessment | null {
  const source = isRecord(value) && isRecord(value.assessment) ? value.assessment : value;
  if (!isRecord(source) || !isRecord(source.scores)) return null;
  const scores: Partial<Record<SandboxCriterion, number>> = {};
  for (const { key } of sandboxCriteria) {
    const score = source.scores[key];
    if (typeof score === 'number') scores[key] = score;
  }
  return { scores, comment: typeof source.comment === 'string' ? source.comment : null };
}

/** The limits an admit_sandbox filing set. */
export function readSandboxLimits(value: unknown): SandboxLimitsGiven | null {
  if (!isRecord(value)) return null;
  const { maxPolicies, maxSumInsured, endsOn } = value;
  if (typeof maxPolicies !== 'number' || typeof maxSumInsured !== 'string' || typeof endsOn !== 'string')
    return null;
  return { maxPolicies, maxSumInsured, endsOn };
}
