import { moneyFen } from '../catalog/fact-values.ts';
import type { EnterpriseFacts } from '../catalog/index.ts';

/**
 * Preference points per statistical class (统计大类) for an enterprise's profile: a small, explainable
 * nudge towards the classes of cover an enterprise of its kind usually needs, in `statisticalClasses`
 * order (rd_transfer, application, intellectual_property, base). Whole points, computed once when the
 * profile is encoded; an unknown fact earns nothing.
 *
 * | class                 | +40 when                                      | +20 when                        |
 * |-----------------------|-----------------------------------------------|---------------------------------|
 * | rd_transfer 研发/转化   | R&D expense ≥ 5% of revenue                   | TRL ≤ 6 (still in development)  |
 * | application 应用推广    | listed in a first-of-a-kind catalogue         | TRL ≥ 7 (ready for the market)  |
 * | intellectual_property | a high-tech enterprise or a "little giant"    | technical staff ≥ 10% of staff  |
 * | base 基础              | a tech SME (科技型中小企业)                      | at most 500 staff               |
 *
 * The thresholds echo the high-tech enterprise criteria (R&D ≥ 5% of revenue for the smallest, technical
 * staff ≥ 10%) and the SME size line of the SME package.
 */
export function classPreferences(facts: EnterpriseFacts): [number, number, number, number] {
  const qualifications = facts.qualifications ?? [];
  const listings = facts.catalogueListings ?? [];
  const trl = facts.trl ?? null;
  const rd = facts.rdExpense == null ? undefined : moneyFen(facts.rdExpense);
  const revenue = facts.revenue == null ? undefined : moneyFen(facts.revenue);
  const staff = facts.staff ?? null;
  const techStaff = facts.techStaff ?? null;
  const rdIntensive = rd !== undefined && revenue !== undefined && revenue > 0n && rd * 20n >= revenue;
  const technical = staff !== null && techStaff !== null && staff > 0 && techStaff * 10 >= staff;
  return [
    (rdIntensive ? 40 : 0) + (trl !== null && trl <= 6 ? 20 : 0),
    (listings.length > 0 ? 40 : 0) + (trl !== null && trl >= 7 ? 20 : 0),
    (qualifications.includes('high_tech_enterprise') || qualifications.includes('little_giant') ? 40 : 0) +
      (technical ? 20 : 0),
    (qualifications.includes('tech_sme') ? 40 : 0) + (staff !== null && staff <= 500 ? 20 : 0),
  ];
}
