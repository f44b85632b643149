/**
 * Synthetic, deterministic enterprise profiles for the `match` workload: a seeded generator, so every
 * run (and the C baseline) matches the same 100,000 enterprises. The spread follows a tech-insurance
 * zone's registry: mostly small firms with a long tail of large ones, revenue and R&D scaling with staff,
 * the usual qualifications, a few catalogue listings, frontier tags, incomplete profiles (~8% of each
 * fact unknown) and about 40% consenting to be shown to insurers.
 */
import type { EnterpriseFacts } from '@kebao/domain/catalog';
import type { EnterpriseInput, Vocabularies } from '@kebao/domain/matching';

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The vocabularies of the enterprise profile (qualification kinds, catalogue listings, frontier tags),
// plus regions and GB/T 4754 industry divisions common in a tech zone.
const QUALIFICATIONS: [string, number][] = [
  ['tech_sme', 0.55],
  ['high_tech_enterprise', 0.35],
  ['specialised_sme', 0.15],
  ['little_giant', 0.04],
];
const LISTINGS: [string, number][] = [
  ['first_set_equipment', 0.04],
  ['new_materials_first_batch', 0.03],
  ['first_version_software', 0.05],
];
const TAGS: [string, number][] = [
  ['ic', 0.12],
  ['ai', 0.18],
  ['biomedicine', 0.12],
  ['civil_aviation', 0.02],
  ['nev', 0.06],
  ['high_end_equipment', 0.08],
  ['green_remanufacturing', 0.02],
  ['hydrogen', 0.02],
  ['low_altitude', 0.03],
  ['humanoid_robots', 0.03],
  ['quantum', 0.01],
  ['new_energy', 0.08],
  ['new_materials', 0.07],
];
const INDUSTRIES: [string, number][] = [
  ['C39', 0.22], // computers, communication and electronics
  ['I65', 0.2], // software and IT services
  ['C35', 0.1], // special-purpose machinery
  ['C34', 0.07], // general machinery
  ['C27', 0.08], // pharmaceuticals
  ['C26', 0.05], // chemicals
  ['M73', 0.1], // research and experimental development
  ['C38', 0.06], // electrical machinery
  ['D44', 0.03], // power and heat
  ['C40', 0.04], // instruments
  ['I64', 0.05], // internet services
];
const REGIONS: [string, number][] = [
  ['310115', 0.3], // Pudong (Lingang)
  ['310112', 0.1],
  ['310104', 0.08],
  ['420111', 0.15], // Wuhan East Lake
  ['110108', 0.12], // Haidian
  ['440305', 0.1], // Nanshan
  ['320505', 0.08],
  ['330106', 0.07],
];

export const vocabularies: Vocabularies = {
  'enterprise.qualifications': QUALIFICATIONS.map(([name]) => name),
  'enterprise.catalogueListings': LISTINGS.map(([name]) => name),
  'enterprise.frontierTags': TAGS.map(([name]) => name),
  'enterprise.industry': INDUSTRIES.map(([name]) => name),
  'enterprise.region': REGIONS.map(([name]) => name),
  'enterprise.creditGrade': ['A', 'B', 'C', 'D'],
  'enterprise.scoreBand': ['A', 'B', 'C', 'D'],
};

const yuanOf = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** `count` enterprises, ids E000001…, the same for the same seed. */
export function syntheticEnterprises(count: number, seed = 20260101): EnterpriseInput[] {
  const random = generator(seed);
  const pick = (weighted: readonly [string, number][]): string => {
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let at = random() * total;
    for (const [value, w] of weighted) {
      at -= w;
      if (at < 0) return value;
    }
    return (weighted[weighted.length - 1] as [string, number])[0];
  };
  const each = (weighted: readonly [string, number][]) =>
    weighted.filter(([, p]) => random() < p).map(([v]) => v);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const known = () => random() >= 0.08;
  const enterprises: EnterpriseInput[] = [];
  for (let i = 1; i <= count; i++) {
    const staff = Math.max(1, Math.min(20_000, Math.round(Math.exp(3.6 + 1.3 * normal()))));
    const perHeadFen = Math.round(10 ** (7.3 + random() * 1.2)); // 200,000 to 3.2 million yuan a head
    const revenueFen = Math.min(2 ** 52, staff * perHeadFen);
    const rdFen = Math.round(revenueFen * (0.01 + 0.19 * random() ** 2));
    const techScore = Math.round(4000 + 5500 * random()); // 40.00 to 95.00
    const claims =
      random() < 0.75 ? 0 : random() < 0.6 ? 1 : random() < 0.6 ? 2 : 3 + Math.floor(random() * 3);
    const facts: Record<string, unknown> = {};
    const set = (key: string, value: unknown) => {
      if (known()) facts[key] = value;
    };
    set('staff', staff);
    set('techStaff', Math.round(staff * (0.05 + 0.55 * random())));
    set('revenue', yuanOf(revenueFen));
    set('totalAssets', yuanOf(Math.round(revenueFen * (0.5 + 2.5 * random()))));
    set('rdExpense', yuanOf(rdFen));
    set('industry', pick(INDUSTRIES));
    set('frontierTags', each(TAGS));
    set('region', pick(REGIONS));
    set('qualifications', each(QUALIFICATIONS));
    set('catalogueListings', each(LISTINGS));
    set('techScore', `${Math.floor(techScore / 100)}.${String(techScore % 100).padStart(2, '0')}`);
    set('scoreBand', techScore >= 8500 ? 'A' : techScore >= 7000 ? 'B' : techScore >= 6000 ? 'C' : 'D');
    set(
      'creditGrade',
      pick([
        ['A', 0.35],
        ['B', 0.4],
        ['C', 0.18],
        ['D', 0.07],
      ]),
    );
    set('trl', 1 + Math.min(8, Math.floor(9 * random() ** 0.7)));
    set('claimsLast3Years', claims);
    set('lossRatioLast3Years', claims === 0 ? '0' : (random() * 1.5).toFixed(3));
    set('dishonest', random() < 0.015);
    set('yearsInOperation', Math.floor(30 * random() ** 1.6));
    enterprises.push({
      id: `E${String(i).padStart(6, '0')}`,
      facts: facts as EnterpriseFacts,
      consent: random() < 0.4,
    });
  }
  return enterprises;
}
