import type { EnterpriseFacts } from '../catalog/quote-facts.ts';
import {
  addYears,
  type CalendarDate,
  compareDates,
  parseCalendarDate,
  toYearMonthDay,
} from '../time/index.ts';
import type { CreditGradeResult } from './credit-grade.ts';
import type { PointsScore } from './evaluation-result.ts';
import type { EnterpriseProfile } from './profile.ts';

/** The evaluations whose outcomes are catalogue facts. */
export interface FactEvaluations {
  points?: PointsScore;
  credit?: CreditGradeResult;
}

/**
 * The catalogue's facts about an enterprise (facts.ts, `enterprise.*`) on `asOf`, from its profile and
 * its evaluations. What is unknown stays out — rules treat an absent fact as unknown, never as zero or
 * false (so without a credit result, `dishonest` is unknown, not "no").
 *
 * Decisions:
 * - qualifications are the certificates in the profile valid on asOf (validFrom ≤ asOf ≤ validTo, an absent
 *   end open); a profile without the list leaves the fact unknown, an empty list makes it empty. A tech-SME evaluation or high-tech check that "qualifies" adds nothing: a qualification is a
 *   certificate issued after review (products such as KB-BR-LOAN lend on it), while the evaluations are
 *   self-checks; so they are not inputs here at all.
 * - catalogueListings are the listing kinds, counting a listing from its listedOn (when given).
 * - trl is the highest TRL among the projects: the enterprise's most mature technology is the one it
 *   brings to market and insures (first-set equipment, first-batch materials). A quote about a less mature
 *   project is priced on the profile's best, so an underwriter asking about one project should look at it.
 * - yearsInOperation counts whole years from foundedOn to asOf: an anniversary completes a year (on 28
 *   February for a 29 February founding, the civil-code rule for periods, addYears). A foundedOn after
 *   asOf leaves it unknown.
 */
export function enterpriseFactsOf(
  profile: EnterpriseProfile,
  evaluations: FactEvaluations,
  asOf: string,
): EnterpriseFacts {
  const at = parseCalendarDate(asOf);
  const facts: { -readonly [Key in keyof EnterpriseFacts]: EnterpriseFacts[Key] } = {};
  if (profile.staff !== undefined) facts.staff = profile.staff;
  if (profile.techStaff !== undefined) facts.techStaff = profile.techStaff;
  if (profile.revenue !== undefined) facts.revenue = profile.revenue;
  if (profile.totalAssets !== undefined) facts.totalAssets = profile.totalAssets;
  if (profile.rdExpense !== undefined) facts.rdExpense = profile.rdExpense;
  if (profile.industryCode !== undefined) facts.industry = profile.industryCode;
  if (profile.regionCode !== undefined) facts.region = profile.regionCode;
  if (profile.frontierTags !== undefined) facts.frontierTags = [...profile.frontierTags];
  if (profile.claimsLast3Years !== undefined) facts.claimsLast3Years = profile.claimsLast3Years;
  if (profile.lossRatioLast3Years !== undefined) facts.lossRatioLast3Years = profile.lossRatioLast3Years;

  const onOrBefore = (date: string | undefined) =>
    date === undefined || compareDates(parseCalendarDate(date), at) <= 0;
  const onOrAfter = (date: string | undefined) =>
    date === undefined || compareDates(parseCalendarDate(date), at) >= 0;
  if (profile.qualifications !== undefined) {
    const valid = profile.qualifications.filter(
      (item) => onOrBefore(item.validFrom) && onOrAfter(item.validTo),
    );
    facts.qualifications = [...new Set(valid.map((item) => item.kind))];
  }
  if (profile.catalogueListings !== undefined) {
    const listed = profile.catalogueListings.filter((item) => onOrBefore(item.listedOn));
    facts.catalogueListings = [...new Set(listed.map((item) => item.kind))];
  }

  const projects = profile.projects ?? [];
  if (projects.length > 0) facts.trl = Math.max(...projects.map((project) => project.trl));

  if (profile.foundedOn !== undefined) {
    const years = wholeYears(parseCalendarDate(profile.foundedOn), at);
    if (years !== undefined) facts.yearsInOperation = years;
  }
  const { points, credit } = evaluations;
  if (points !== undefined) {
    facts.techScore = points.score;
    facts.scoreBand = points.band;
  }
  if (credit !== undefined) {
    facts.creditGrade = credit.grade;
    facts.dishonest = credit.dishonest;
  }
  return facts;
}

function wholeYears(from: CalendarDate, to: CalendarDate): number | undefined {
  if (compareDates(from, to) > 0) return undefined;
  let years = toYearMonthDay(to).year - toYearMonthDay(from).year;
  if (compareDates(addYears(from, years), to) > 0) years -= 1;
  return years;
}
