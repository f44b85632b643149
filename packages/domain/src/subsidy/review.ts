import type { FundLevel, SubsidyProgramme } from './programme.ts';

/** One stage of the review of an application (审核环节), e.g. 区级初审 then 市级复审. */
export interface ReviewStage {
  key: string;
  level?: FundLevel;
  names: { zh: string; en: string };
}

/** Working days an enterprise has to supply what a reviewer asked for, when the programme sets none. */
export const DEFAULT_SUPPLEMENT_WORKING_DAYS = 10;

/**
 * The programme's review stages in order. A programme that declares none is reviewed in one stage by its
 * operating funder.
 */
export function reviewStages(programme: SubsidyProgramme): readonly ReviewStage[] {
  const stages = programme.review?.stages;
  if (stages !== undefined && stages.length > 0) return stages;
  return [{ key: 'review', level: programme.funder.level, names: { zh: '审核', en: 'Review' } }];
}

export function supplementWorkingDays(programme: SubsidyProgramme): number {
  return programme.review?.supplementWorkingDays ?? DEFAULT_SUPPLEMENT_WORKING_DAYS;
}

/** A funder assigned to review one stage for the enterprises whose region code starts with the prefix. */
export interface StageAssignment {
  regionPrefix: string;
  orgId: string;
}

/**
 * Who reviews a stage for an enterprise: the assignment with the longest region prefix the enterprise's
 * region code starts with ('' covers everyone), or null when none does — the operating funder then.
 */
export function reviewerFor(
  assignments: readonly StageAssignment[],
  regionCode: string | null,
): string | null {
  let best: StageAssignment | null = null;
  for (const a of assignments) {
    if (!(regionCode ?? '').startsWith(a.regionPrefix)) continue;
    if (best === null || a.regionPrefix.length > best.regionPrefix.length) best = a;
  }
  return best?.orgId ?? null;
}

export type ReviewDecision = 'approve' | 'reject' | 'request_more';

/** Where an application goes after a reviewer's decision at stage `stage` (0-based). */
export type AfterReview =
  | { status: 'submitted'; stage: number }
  | { status: 'approved'; stage: number }
  | { status: 'rejected'; stage: number }
  | { status: 'returned'; stage: number };

/**
 * Approval at a stage sends the application to the next stage, and at the last grants it; a rejection at
 * any stage ends it; a request for more materials returns it to the enterprise, to come back to the same
 * stage once supplied.
 */
export function afterReview(
  stages: readonly ReviewStage[],
  stage: number,
  decision: ReviewDecision,
): AfterReview {
  if (!Number.isInteger(stage) || stage < 0 || stage >= stages.length) {
    throw new RangeError(`stage ${stage} is not one of the ${stages.length} review stages`);
  }
  switch (decision) {
    case 'approve':
      return stage + 1 < stages.length
        ? { status: 'submitted', stage: stage + 1 }
        : { status: 'approved', stage };
    case 'reject':
      return { status: 'rejected', stage };
    case 'request_more':
      return { status: 'returned', stage };
  }
}
