import { WHOLE } from '@kebao/domain/placement';
import type { PolicyInput, PortfolioInput } from '../model/portfolio.ts';
import { CounterRandom } from '../random/counter-random.ts';

/**
 * A seeded synthetic tech-insurance portfolio for demonstrations and the benchmark: fictitious policies in
 * the four statistical classes, co-insured by five insurers (the IC risks through a standing pool), the
 * lead's reinsurance programme, three correlated event sets and a few homogeneous SME groups with
 * negative-binomial frequency. The figures are plausible defaults, not market data.
 */
export interface SyntheticOptions {
  /** Single policies (10,000 by default). */
  policies?: number;
  /** Homogeneous SME groups of 200 members each (5 by default). */
  groups?: number;
  seed?: number;
}

export const DEMO_INSURERS = ['INS-LEAD', 'INS-B', 'INS-C', 'INS-D', 'INS-E'] as const;
const REGIONS = ['310115', '310112', '310104', '420111', '340104'] as const;
const CHAINS = ['ic', 'ai', 'biomed', 'new_energy', 'software'] as const;
const CLASSES = ['rd_transfer', 'application', 'intellectual_property', 'base'] as const;
const CLASS_WEIGHTS = [0.3, 0.25, 0.2, 0.25];
/** IC pool (集成电路共保体) shares: lead 40 %, then 30, 20, 10. */
const POOL_LINES = [
  { insurer: 'INS-LEAD', share: 400_000 },
  { insurer: 'INS-B', share: 300_000 },
  { insurer: 'INS-C', share: 200_000 },
  { insurer: 'INS-D', share: 100_000 },
];

const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

export function syntheticPortfolio(options: SyntheticOptions = {}): PortfolioInput {
  const count = options.policies ?? 10_000;
  const groupCount = options.groups ?? 5;
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`policies must be a whole number ≥ 1, not ${count}`);
  if (!Number.isSafeInteger(groupCount) || groupCount < 0)
    throw new RangeError(`groups must be a whole number ≥ 0`);
  const random = new CounterRandom(options.seed ?? 2026);
  const draws = new Float64Array(8);

  const policies: PolicyInput[] = [];
  for (let i = 0; i < count; i++) {
    random.fill(i, 0, draws);
    const u = (k: number) => draws[k] as number;
    let c = 0;
    let cumulative = CLASS_WEIGHTS[0] as number;
    while (u(0) >= cumulative && c < CLASSES.length - 1) {
      c++;
      cumulative += CLASS_WEIGHTS[c] as number;
    }
    const cls = CLASSES[c] as (typeof CLASSES)[number];
    const chain = CHAINS[Math.floor(u(1) * CHAINS.length)] as string;
    const region = REGIONS[Math.floor(u(2) * REGIONS.length)] as string;
    // Sums insured: lognormal around 20 million yuan, 1 million to 2 billion, whole 10,000 yuan.
    const z = Math.sqrt(-2 * Math.log(u(3))) * Math.cos(2 * Math.PI * u(4));
    const sumInsured = Math.min(2e9, roundTo(2e7 * Math.exp(1.1 * z), 1e4));
    const limit = roundTo(sumInsured * (0.5 + 0.5 * u(5)), 1e4);
    const pooled = chain === 'ic' && (cls === 'application' || cls === 'rd_transfer');
    const policy: PolicyInput = {
      id: `P${String(i + 1).padStart(6, '0')}`,
      class: cls,
      sumInsured,
      deductible: roundTo(sumInsured * 0.01, 1e3),
      limit,
      aggregateLimit: 2 * limit,
      severityScale: Math.sqrt(sumInsured / 2e7),
      region,
      chain,
      lines: pooled ? POOL_LINES : coinsurance(u(6), u(7)),
    };
    if (pooled) policy.pool = 'CN-IC-POOL';
    if (cls === 'base') policy.eventSublimit = roundTo(limit * 0.5, 1e4);
    if (cls === 'application') {
      // First-of-a-kind cover: quality (repair, replacement) and liability sections with their own terms.
      policy.sections = [
        {
          id: 'quality',
          fraction: 0.6,
          deductible: roundTo(sumInsured * 0.005, 1e3),
          limit: roundTo(limit * 0.6, 1e4),
        },
        { id: 'liability', fraction: 0.4, limit: roundTo(limit * 0.8, 1e4) },
      ];
    }
    policies.push(policy);
  }
  for (let g = 0; g < groupCount; g++) {
    policies.push({
      id: `G${String(g + 1).padStart(3, '0')}`,
      class: 'base',
      count: 200,
      sumInsured: 2_000_000,
      deductible: 10_000,
      limit: 2_000_000,
      aggregateLimit: 2_000_000,
      frequency: { kind: 'negative_binomial', mean: 0.08, variance: 0.2 },
      severityScale: 0.5,
      region: REGIONS[g % REGIONS.length] as string,
      chain: 'software',
      lines: [{ insurer: 'INS-B', share: WHOLE }],
    });
  }

  return {
    name: `synthetic tech-insurance portfolio (${count} policies, ${groupCount} SME groups)`,
    classes: [
      {
        id: 'rd_transfer',
        name: '研发/转化',
        frequency: 0.04,
        severity: { kind: 'lognormal', mean: 600_000, cv: 2 },
      },
      {
        id: 'application',
        name: '应用推广',
        frequency: 0.05,
        severity: { kind: 'gamma', mean: 1_200_000, cv: 1.5 },
      },
      {
        id: 'intellectual_property',
        name: '知识产权',
        frequency: 0.03,
        severity: { kind: 'pareto', scale: 150_000, shape: 1.8 },
      },
      { id: 'base', name: '基础', frequency: 0.08, severity: { kind: 'lognormal', mean: 300_000, cv: 2.5 } },
    ],
    insurers: [
      {
        id: 'INS-LEAD',
        capital: 6e9,
        programme: [
          {
            id: 'QS-2026',
            kind: 'quota_share',
            cededShare: 200_000,
            reinsurers: [
              { id: 'RE-ALPHA', share: 600_000 },
              { id: 'RE-BETA', share: 400_000 },
            ],
          },
          { id: 'SUR-2026', kind: 'surplus', retention: 5e7, lines: 4, reinsurer: 'RE-GAMMA' },
          {
            id: 'XL-RISK-2026',
            kind: 'excess_of_loss',
            layers: [
              { attachment: 1e7, limit: 2e7, aggregateLimit: 6e7, reinsurer: 'RE-DELTA' },
              { attachment: 3e7, limit: 7e7, aggregateLimit: 1.4e8, reinsurer: 'RE-ALPHA' },
            ],
          },
          {
            id: 'CAT-2026',
            kind: 'catastrophe_xl',
            layers: [
              {
                attachment: 3e7,
                limit: 7e7,
                aggregateLimit: 1.4e8,
                reinsurers: [
                  { id: 'RE-BETA', share: 500_000 },
                  { id: 'RE-GAMMA', share: 500_000 },
                ],
              },
              { attachment: 1e8, limit: 2e8, aggregateLimit: 2e8, reinsurer: 'RE-DELTA' },
            ],
          },
          { id: 'SL-2026', kind: 'stop_loss', attachment: 2.5e8, limit: 2e8, reinsurer: 'RE-ALPHA' },
        ],
      },
      { id: 'INS-B', capital: 4e9 },
      { id: 'INS-C', capital: 2.5e9 },
      { id: 'INS-D', capital: 1.5e9 },
      { id: 'INS-E', capital: 1.5e9 },
    ],
    events: [
      {
        id: 'EV-IC-CHAIN',
        kind: 'industry_chain',
        name: 'IC supply-chain shock (集成电路产业链冲击)',
        annualRate: 0.1,
        footprint: { chains: ['ic'] },
        hitProbability: 0.2,
        intensitySigma: 0.8,
        damageRatio: { mean: 0.02, cv: 1.5 },
      },
      {
        id: 'EV-CYBER',
        kind: 'cyber',
        name: 'Cyber catastrophe (网络巨灾)',
        annualRate: 0.05,
        footprint: { classes: ['base'] },
        hitProbability: 0.15,
        intensitySigma: 1,
        damageRatio: { mean: 0.03, cv: 1.2 },
      },
      {
        id: 'EV-CLIMATE',
        kind: 'climate',
        name: 'Regional climate event (区域气候事件: Pudong and Minhang)',
        annualRate: 0.08,
        footprint: { regions: ['310115', '310112'] },
        hitProbability: 0.2,
        intensitySigma: 0.7,
        damageRatio: { mean: 0.015, cv: 2 },
      },
    ],
    policies,
  };
}

/** The lead alone, or with one or two co-insurers (60/40 or 50/30/20). */
function coinsurance(pick: number, follower: number): PolicyInput['lines'] {
  const others = DEMO_INSURERS.slice(1);
  const a = others[Math.floor(follower * others.length)] as string;
  const b = others[(Math.floor(follower * others.length) + 1) % others.length] as string;
  if (pick < 0.3) return [{ insurer: 'INS-LEAD', share: WHOLE }];
  if (pick < 0.75) {
    return [
      { insurer: 'INS-LEAD', share: 600_000 },
      { insurer: a, share: 400_000 },
    ];
  }
  return [
    { insurer: 'INS-LEAD', share: 500_000 },
    { insurer: a, share: 300_000 },
    { insurer: b, share: 200_000 },
  ];
}
