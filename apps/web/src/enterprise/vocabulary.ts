import type {
  CreditGrade,
  CreditRecordKind,
  CreditSeverity,
  catalogueListingKinds,
  frontierTags as domainFrontierTags,
  EnterpriseStage,
  QualificationKind,
  ScoreBand,
} from '@kebao/domain/enterprise';
import type { MatchStatusName } from '@kebao/domain/matching';

/*
 * The registry's codes as the web app lists them. The domain's own lists live in modules that also build
 * the JSON Schema (typebox), which the browser does not need; so the lists are repeated here, and
 * `everyOf` refuses to compile when one leaves out a code the domain has. Labels are in the i18n files.
 */

/** The list, checked to name every member of T: a code the domain adds fails to compile here. */
function everyOf<T extends string>() {
  return <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L => list;
}

export type FrontierTag = (typeof domainFrontierTags)[number];
export type CatalogueListingKind = (typeof catalogueListingKinds)[number];
export type { CreditGrade, CreditRecordKind, CreditSeverity, EnterpriseStage, QualificationKind, ScoreBand };
export type MatchStatus = MatchStatusName;

export const frontierTags = everyOf<FrontierTag>()([
  'ic',
  'ai',
  'biomedicine',
  'civil_aviation',
  'nev',
  'high_end_equipment',
  'green_remanufacturing',
  'hydrogen',
  'low_altitude',
  'humanoid_robots',
  'quantum',
  'new_energy',
  'new_materials',
]);

export const qualificationKinds = everyOf<QualificationKind>()([
  'high_tech_enterprise',
  'tech_sme',
  'specialised_sme',
  'little_giant',
]);

export const listingKinds = everyOf<CatalogueListingKind>()([
  'first_set_equipment',
  'new_materials_first_batch',
  'first_version_software',
]);

export const enterpriseStages = everyOf<EnterpriseStage>()(['startup', 'growth', 'mature']);

export const creditRecordKinds = everyOf<CreditRecordKind>()([
  'claim',
  'loan_default',
  'dishonesty',
  'subsidy_fraud',
  'late_payment',
  'commendation',
]);

export const creditSeverities = everyOf<CreditSeverity>()(['minor', 'major', 'severe']);

export const creditGrades = everyOf<CreditGrade>()(['A', 'B', 'C', 'D']);

export const scoreBands = everyOf<ScoreBand>()(['A', 'B', 'C', 'D']);

export const matchStatuses = everyOf<MatchStatus>()(['eligible', 'possibly_eligible', 'referred']);

export function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** Grade and band colours: A is good news, D a warning. */
export const gradeColors: Record<CreditGrade, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export const matchStatusColors: Record<MatchStatus, string> = {
  eligible: 'green',
  possibly_eligible: 'gold',
  referred: 'orange',
};
