import { describe, expect, it } from 'vitest';
import { compilePortfolio, surplusCededFraction } from '../model/compile.ts';
import type { InsurerInput, PolicyInput, PortfolioInput } from '../model/portfolio.ts';
import { type ScenarioLoss, settleScenario } from './year-engine.ts';

/*
 * Worked examples of the financial module: a hand-made year goes through the same passes as a simulated
 * one (settleScenario), and every expected figure is worked out by hand in the comments. Example 1 uses the
 * terms and ground-up losses of the worked example in the Oasis LMF financial module documentation
 * (ktools, docs/md/FinancialModule.md); that page's output table is illustrative and not computed from
 * those inputs, so the expected figures here follow its calculation rules (calcrule 1: loss − deductible,
 * floored at 0, capped at the limit; calcrule 2: the same with an attachment, then × share) by hand.
 */

const yuan = 1;
const M = 1_000_000 * yuan;

function portfolio(policies: PolicyInput[], insurers: InsurerInput[]): PortfolioInput {
  return {
    classes: [{ id: 'base', frequency: 0, severity: { kind: 'lognormal', mu: 0, sigma: 1 } }],
    insurers,
    policies,
  };
}

/** The year's annual and largest-occurrence loss by perspective key. */
function settle(input: PortfolioInput, losses: ScenarioLoss[]) {
  const { portfolio: compiled, labels } = compilePortfolio(input);
  const { annual, maxOccurrence } = settleScenario(compiled, losses);
  const at = (key: string) => {
    const index = labels.perspectives.findIndex((p) => p.key === key);
    if (index < 0) throw new Error(`no perspective ${key}`);
    return { annual: annual[index] as number, occurrence: maxOccurrence[index] as number };
  };
  return at;
}

describe('policy terms', () => {
  it('Oasis FM worked example: two coverages with deductible and limit, then attachment, limit and share', () => {
    // Ground-up losses of the four items of one account (Oasis FM documentation, event 1 and event 2):
    // items 1–3 (structure, other structure, contents) share one deductible 1,000 and limit 1,000,000;
    // item 4 (time element) has deductible 2,000 and limit 18,000; the account layer has attachment
    // 1,000, limit 1,000,000 and share 10 %. Here: one policy, two sections, the 10 % as INS-A's line.
    const events = [
      { items: [100_000, 10_000, 2_500], timeElement: 400, expected: 11_050 },
      { items: [90_000, 15_000, 3_000], timeElement: 500, expected: 10_600 },
    ];
    // Event 1: property 112,500 − 1,000 = 111,500; time element 400 − 2,000 < 0 → 0; account
    //          111,500 + 0 − 1,000 = 110,500 ≤ 1,000,000; × 10 % = 11,050.
    // Event 2: property 108,000 − 1,000 = 107,000; time element 500 − 2,000 → 0; account 106,000 × 10 % = 10,600.
    for (const { items, timeElement, expected } of events) {
      const property = items.reduce((a, b) => a + b, 0);
      const groundUp = property + timeElement;
      const at = settle(
        portfolio(
          [
            {
              id: 'ACCOUNT-1',
              class: 'base',
              sumInsured: 10 * M,
              deductible: 1_000,
              limit: 1_000_000,
              sections: [
                { id: 'property', fraction: property / groundUp, deductible: 1_000, limit: 1_000_000 },
                { id: 'time_element', fraction: timeElement / groundUp, deductible: 2_000, limit: 18_000 },
              ],
              lines: [{ insurer: 'INS-A', share: 100_000 }],
            },
          ],
          [{ id: 'INS-A' }],
        ),
        [{ unit: 0, groundUp }],
      );
      expect(at('insurer_gross:INS-A').annual).toBeCloseTo(expected, 6);
      expect(at('gross').annual).toBeCloseTo(expected * 10, 6);
      expect(at('ground_up').annual).toBe(groundUp);
    }
  });

  it('deductible and limit per occurrence, then the annual aggregate shared pro rata', () => {
    // Ground-up 1,000,000 / 2,500,000 / 1,800,000; deductible 50,000, limit 2,000,000 per occurrence:
    // 950,000 / 2,000,000 / 1,750,000 = 4,700,000 > aggregate 3,000,000, so each × 3/4.7:
    // 606,382.98 / 1,276,595.74 / 1,117,021.28, together 3,000,000; the largest occurrence is 1,276,595.74.
    const at = settle(
      portfolio(
        [
          {
            id: 'P-1',
            class: 'base',
            sumInsured: 10 * M,
            deductible: 50_000,
            limit: 2 * M,
            aggregateLimit: 3 * M,
            lines: [{ insurer: 'INS-A', share: 1_000_000 }],
          },
        ],
        [{ id: 'INS-A' }],
      ),
      [
        { unit: 0, groundUp: 1 * M },
        { unit: 0, groundUp: 2.5 * M },
        { unit: 0, groundUp: 1.8 * M },
      ],
    );
    expect(at('gross').annual).toBeCloseTo(3 * M, 6);
    expect(at('gross').occurrence).toBeCloseTo((2 * M * 3) / 4.7, 6);
    expect(at('ground_up').annual).toBe(5.3 * M);
    expect(at('ground_up').occurrence).toBe(2.5 * M);
    expect(at('insurer_net:INS-A').annual).toBeCloseTo(3 * M, 6);
  });

  it('sections with sublimits, the policy deductible and limit, and the event sublimit', () => {
    // Ground-up 3,000,000: quality 60 % = 1,800,000 − 100,000 = 1,700,000, sublimit 1,000,000;
    // liability 40 % = 1,200,000 (sublimit 2,000,000); together 2,200,000 − 50,000 = 2,150,000 ≤ 2,500,000.
    // The same loss from an event is capped by the event sublimit: 800,000.
    const input = portfolio(
      [
        {
          id: 'P-1',
          class: 'base',
          sumInsured: 20 * M,
          deductible: 50_000,
          limit: 2.5 * M,
          eventSublimit: 800_000,
          sections: [
            { id: 'quality', fraction: 0.6, deductible: 100_000, limit: 1 * M },
            { id: 'liability', fraction: 0.4, limit: 2 * M },
          ],
          lines: [{ insurer: 'INS-A', share: 1_000_000 }],
        },
      ],
      [{ id: 'INS-A' }],
    );
    expect(settle(input, [{ unit: 0, groundUp: 3 * M }])('gross').annual).toBeCloseTo(2.15 * M, 6);
    expect(settle(input, [{ unit: 0, groundUp: 3 * M, event: 1 }])('gross').annual).toBeCloseTo(0.8 * M, 6);
  });

  it('caps a ground-up loss at the sum insured', () => {
    const input = portfolio(
      [{ id: 'P-1', class: 'base', sumInsured: 1 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] }],
      [{ id: 'INS-A' }],
    );
    expect(settle(input, [{ unit: 0, groundUp: 5 * M }])('ground_up').annual).toBe(1 * M);
  });

  it('keeps the aggregate limit per member of a homogeneous group', () => {
    // Member 0: 800,000 + 600,000 = 1,400,000 > 1,000,000 → 1,000,000; member 1: 500,000. Year 1,500,000.
    const at = settle(
      portfolio(
        [
          {
            id: 'G-1',
            class: 'base',
            count: 3,
            sumInsured: 2 * M,
            aggregateLimit: 1 * M,
            lines: [{ insurer: 'INS-A', share: 1_000_000 }],
          },
        ],
        [{ id: 'INS-A' }],
      ),
      [
        { unit: 0, member: 0, groundUp: 800_000 },
        { unit: 0, member: 1, groundUp: 500_000 },
        { unit: 0, member: 0, groundUp: 600_000 },
      ],
    );
    expect(at('gross').annual).toBeCloseTo(1.5 * M, 6);
    expect(at('gross').occurrence).toBeCloseTo((800_000 * 1) / 1.4, 6);
  });
});

describe('surplus treaty', () => {
  it('cedes min(k·R, SI − R)/SI when SI > R, else nothing', () => {
    expect(surplusCededFraction(5 * M, 10 * M, 4)).toBe(0);
    expect(surplusCededFraction(10 * M, 10 * M, 4)).toBe(0);
    expect(surplusCededFraction(36 * M, 12 * M, 2)).toBeCloseTo(2 / 3, 15); // min(24, 24)/36
    expect(surplusCededFraction(100 * M, 10 * M, 4)).toBeCloseTo(0.4, 15); // min(40, 90)/100
    expect(surplusCededFraction(15 * M, 12 * M, 2)).toBeCloseTo(0.2, 15); // min(24, 3)/15
  });
});

describe('co-insurance and a reinsurance programme in inuring order', () => {
  // P-1: sum insured 80,000,000, INS-A 60 %, INS-B 40 %. P-2: 20,000,000, INS-A 100 %.
  // INS-A: quota share 25 % (RE-Q) → surplus R 12,000,000, 2 lines (RE-S) → per-risk XoL 2,000,000 xs
  // 3,000,000 (RE-X) → catastrophe XoL 8,000,000 xs 4,000,000, 50 % placed with RE-C → stop-loss
  // 5,000,000 xs 6,000,000 (RE-L). Surplus on INS-A's retained sum insured after the quota share:
  // P-1: 48,000,000 × 75 % = 36,000,000 → min(24, 24)/36 = 2/3; P-2: 15,000,000 → min(24, 3)/15 = 0.2.
  const input = portfolio(
    [
      {
        id: 'P-1',
        class: 'base',
        sumInsured: 80 * M,
        lines: [
          { insurer: 'INS-A', share: 600_000 },
          { insurer: 'INS-B', share: 400_000 },
        ],
      },
      { id: 'P-2', class: 'base', sumInsured: 20 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] },
    ],
    [
      {
        id: 'INS-A',
        capital: 100 * M,
        programme: [
          { id: 'QS', kind: 'quota_share', cededShare: 250_000, reinsurer: 'RE-Q' },
          { id: 'SUR', kind: 'surplus', retention: 12 * M, lines: 2, reinsurer: 'RE-S' },
          {
            id: 'XL',
            kind: 'excess_of_loss',
            layers: [{ attachment: 3 * M, limit: 2 * M, reinsurer: 'RE-X' }],
          },
          {
            id: 'CAT',
            kind: 'catastrophe_xl',
            layers: [{ attachment: 4 * M, limit: 8 * M, reinsurers: [{ id: 'RE-C', share: 500_000 }] }],
          },
          { id: 'SL', kind: 'stop_loss', attachment: 6 * M, limit: 5 * M, reinsurer: 'RE-L' },
        ],
      },
      { id: 'INS-B' },
    ],
  );
  // A claim of 30,000,000 on P-1, and one event hitting P-1 (12,000,000) and P-2 (9,000,000).
  const at = settle(input, [
    { unit: 0, groundUp: 30 * M },
    { unit: 0, groundUp: 12 * M, event: 1 },
    { unit: 1, groundUp: 9 * M, event: 1 },
  ]);

  it('splits the gross loss by the signed lines', () => {
    // INS-A: 60 % × 30 + 60 % × 12 + 9 = 18 + 7.2 + 9 = 34.2 million; largest occurrence max(18, 16.2) = 18.
    expect(at('insurer_gross:INS-A').annual).toBeCloseTo(34.2 * M, 4);
    expect(at('insurer_gross:INS-A').occurrence).toBeCloseTo(18 * M, 4);
    // INS-B: 40 % × 30 + 40 % × 12 = 16.8 million, no reinsurance.
    expect(at('insurer_gross:INS-B').annual).toBeCloseTo(16.8 * M, 4);
    expect(at('insurer_net:INS-B').annual).toBeCloseTo(16.8 * M, 4);
    expect(at('gross').annual).toBe(51 * M);
    expect(at('gross').occurrence).toBe(30 * M); // the claim; the event is 21
  });

  it('applies the per-risk treaties to each loss in order', () => {
    // Claim, INS-A 18: QS 4.5 → 13.5; surplus 2/3 → 9 → 4.5; XoL min(4.5 − 3, 2) = 1.5 → 3.0;
    //   catastrophe (the claim is its own occurrence) 3.0 < 4 → 0. Net 3.0.
    // Event, P-1, INS-A 7.2: QS 1.8 → 5.4; surplus 3.6 → 1.8; XoL 0 → 1.8.
    // Event, P-2, INS-A 9: QS 2.25 → 6.75; surplus 0.2 → 1.35 → 5.4; XoL min(2.4, 2) = 2 → 3.4.
    expect(at('reinsurer:RE-Q').annual).toBeCloseTo((4.5 + 1.8 + 2.25) * M, 4);
    expect(at('reinsurer:RE-Q').occurrence).toBeCloseTo(4.5 * M, 4); // claim 4.5, event 4.05
    expect(at('reinsurer:RE-S').annual).toBeCloseTo((9 + 3.6 + 1.35) * M, 4);
    expect(at('reinsurer:RE-X').annual).toBeCloseTo((1.5 + 2) * M, 4);
    expect(at('reinsurer:RE-X').occurrence).toBeCloseTo(2 * M, 4);
  });

  it('applies the catastrophe layer to the event total, net of the per-risk treaties, with its placed share', () => {
    // Event net of per-risk cover: 1.8 + 3.4 = 5.2 → layer min(5.2 − 4, 8) = 1.2, RE-C takes 50 % = 0.6;
    // the unplaced half stays with INS-A: event net 5.2 − 0.6 = 4.6.
    expect(at('reinsurer:RE-C').annual).toBeCloseTo(0.6 * M, 4);
    expect(at('reinsurer:RE-C').occurrence).toBeCloseTo(0.6 * M, 4);
    expect(at('insurer_net:INS-A').occurrence).toBeCloseTo(4.6 * M, 4); // max(claim 3.0, event 4.6)
  });

  it('applies the stop-loss to the year, and balances gross = net + ceded', () => {
    // Year net before the stop-loss 3.0 + 4.6 = 7.6 → min(7.6 − 6, 5) = 1.6 to RE-L → net 6.0.
    expect(at('reinsurer:RE-L').annual).toBeCloseTo(1.6 * M, 4);
    expect(at('reinsurer:RE-L').occurrence).toBe(0); // a stop-loss has no occurrence
    expect(at('insurer_net:INS-A').annual).toBeCloseTo(6 * M, 4);
    const ceded = ['RE-Q', 'RE-S', 'RE-X', 'RE-C', 'RE-L'].reduce(
      (sum, r) => sum + at(`reinsurer:${r}`).annual,
      0,
    );
    expect(at('insurer_net:INS-A').annual + ceded).toBeCloseTo(at('insurer_gross:INS-A').annual, 4);
  });
});

describe('treaties limited to some classes', () => {
  // Two classes. INS-A: quota share 50 % on IP only (RE-Q) → surplus R 10,000,000, 1 line, on base only
  // (RE-S) → per-risk XoL 2,000,000 xs 1,000,000 on IP only (RE-X). P-IP: IP, 40,000,000; P-BASE: base,
  // 40,000,000; both 100 % INS-A. Surplus on P-BASE: min(10, 30)/40 = 1/4 (no quota share before it: not
  // its class); on P-IP the surplus does not apply.
  const input: PortfolioInput = {
    classes: [
      { id: 'base', frequency: 0, severity: { kind: 'lognormal', mu: 0, sigma: 1 } },
      { id: 'ip', frequency: 0, severity: { kind: 'lognormal', mu: 0, sigma: 1 } },
    ],
    insurers: [
      {
        id: 'INS-A',
        programme: [
          { id: 'QS', kind: 'quota_share', cededShare: 500_000, reinsurer: 'RE-Q', classes: ['ip'] },
          { id: 'SUR', kind: 'surplus', retention: 10 * M, lines: 1, reinsurer: 'RE-S', classes: ['base'] },
          {
            id: 'XL',
            kind: 'excess_of_loss',
            classes: ['ip'],
            layers: [{ attachment: 1 * M, limit: 2 * M, reinsurer: 'RE-X' }],
          },
        ],
      },
    ],
    policies: [
      { id: 'P-IP', class: 'ip', sumInsured: 40 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] },
      { id: 'P-BASE', class: 'base', sumInsured: 40 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] },
    ],
  };

  it('passes a risk of another class by, as if the treaty were not there', () => {
    // P-IP 8,000,000: QS 4 → 4; surplus: not IP's; XoL min(4 − 1, 2) = 2 → net 2.
    // P-BASE 8,000,000: QS: not base's; surplus 1/4 = 2 → 6; XoL: not base's → net 6.
    const at = settle(input, [
      { unit: 0, groundUp: 8 * M },
      { unit: 1, groundUp: 8 * M },
    ]);
    expect(at('reinsurer:RE-Q').annual).toBeCloseTo(4 * M, 4);
    expect(at('reinsurer:RE-S').annual).toBeCloseTo(2 * M, 4);
    expect(at('reinsurer:RE-X').annual).toBeCloseTo(2 * M, 4);
    expect(at('insurer_net:INS-A').annual).toBeCloseTo(8 * M, 4);
    expect(at('insurer_net:INS-A').occurrence).toBeCloseTo(6 * M, 4);
  });

  it('is checked: only per-risk treaties, only the portfolio’s classes, each once', () => {
    const quotaShare = { id: 'Q', kind: 'quota_share', cededShare: 1, reinsurer: 'R' };
    const cases: [object, RegExp][] = [
      [
        { ...quotaShare, classes: ['cyber'] },
        /programme\[0\]\.classes\[0\]: names no class of the portfolio: "cyber"/,
      ],
      [{ ...quotaShare, classes: ['ip', 'ip'] }, /classes\[1\]: "ip" is named twice/],
      [{ ...quotaShare, classes: [] }, /classes: needs at least one class/],
      [
        { id: 'S', kind: 'stop_loss', attachment: 1, limit: 1, reinsurer: 'R', classes: ['ip'] },
        /classes: only a per-risk treaty/,
      ],
    ];
    for (const [treaty, problem] of cases) {
      const insurers = [{ id: 'INS-A', programme: [treaty] }];
      expect(() => compilePortfolio({ ...input, insurers } as PortfolioInput)).toThrow(problem);
    }
  });
});

describe('layer aggregate limits (reinstatements)', () => {
  it('stops paying once the annual aggregate is used, in the order of the year’s losses', () => {
    // Three claims of 2,500,000 on a 100 % line; XoL 1,000,000 xs 1,000,000 with an annual aggregate of
    // 1,500,000 (one half reinstatement): recoveries 1,000,000, 500,000, 0 — nets 1.5, 2.0, 2.5 million.
    const at = settle(
      portfolio(
        [{ id: 'P-1', class: 'base', sumInsured: 10 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] }],
        [
          {
            id: 'INS-A',
            programme: [
              {
                id: 'XL',
                kind: 'excess_of_loss',
                layers: [{ attachment: 1 * M, limit: 1 * M, aggregateLimit: 1.5 * M, reinsurer: 'RE-X' }],
              },
            ],
          },
        ],
      ),
      [
        { unit: 0, groundUp: 2.5 * M },
        { unit: 0, groundUp: 2.5 * M },
        { unit: 0, groundUp: 2.5 * M },
      ],
    );
    expect(at('reinsurer:RE-X').annual).toBe(1.5 * M);
    expect(at('insurer_net:INS-A').annual).toBe(6 * M);
    expect(at('insurer_net:INS-A').occurrence).toBe(2.5 * M);
  });

  it('gives side-by-side layers of one treaty the same loss (equal inuring priority)', () => {
    // 6,000,000 on layers 2,000,000 xs 1,000,000 and 5,000,000 xs 3,000,000: 2,000,000 + 3,000,000; net 1,000,000.
    const at = settle(
      portfolio(
        [{ id: 'P-1', class: 'base', sumInsured: 10 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] }],
        [
          {
            id: 'INS-A',
            programme: [
              {
                id: 'XL',
                kind: 'excess_of_loss',
                layers: [
                  { attachment: 1 * M, limit: 2 * M, reinsurer: 'RE-1' },
                  { attachment: 3 * M, limit: 5 * M, reinsurer: 'RE-2' },
                ],
              },
            ],
          },
        ],
      ),
      [{ unit: 0, groundUp: 6 * M }],
    );
    expect(at('reinsurer:RE-1').annual).toBe(2 * M);
    expect(at('reinsurer:RE-2').annual).toBe(3 * M);
    expect(at('insurer_net:INS-A').annual).toBe(1 * M);
  });
});

describe('reinstatement premiums (恢复保费)', () => {
  // One risk, 100 % to INS-A; per-risk XoL 10,000,000 xs 5,000,000, premium 1,000,000, reinstatements
  // [1, 0.5]: the annual aggregate is 10 × (1 + 2) = 30,000,000, and a year whose recoveries are U pays
  // 1,000,000 × (1 × clamp(U, 0, 10)/10 + 0.5 × clamp(U − 10, 0, 10)/10) (U in millions).
  const layer = { attachment: 5 * M, limit: 10 * M, premium: 1 * M, reinstatements: [1, 0.5] };
  const withLayer = (placement: { reinsurer?: string; reinsurers?: { id: string; share: number }[] }) =>
    portfolio(
      [{ id: 'P-1', class: 'base', sumInsured: 100 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] }],
      [
        {
          id: 'INS-A',
          programme: [{ id: 'XL', kind: 'excess_of_loss', layers: [{ ...layer, ...placement }] }],
        },
      ],
    );
  const claims = (...groundUps: number[]) => groundUps.map((groundUp) => ({ unit: 0, groundUp }));
  const single = withLayer({ reinsurer: 'RE-X' });

  it('charges the reinstated part of the limit at its rate, pro rata as to amount', () => {
    // 9: recovery 4 → 1 × 4/10 = 0.4 million.
    expect(settle(single, claims(9 * M))('insurer_rip:INS-A').annual).toBeCloseTo(0.4 * M, 6);
    // 20 and 10: recoveries 10 + 5 = 15 → 1 × 10/10 + 0.5 × 5/10 = 1.25 million.
    const at = settle(single, claims(20 * M, 10 * M));
    expect(at('reinsurer:RE-X').annual).toBe(15 * M);
    expect(at('insurer_rip:INS-A').annual).toBeCloseTo(1.25 * M, 6);
    expect(at('reinsurer_rip:RE-X').annual).toBeCloseTo(1.25 * M, 6);
    // Annual amounts: no occurrence.
    expect(at('insurer_rip:INS-A').occurrence).toBe(0);
    expect(at('reinsurer_rip:RE-X').occurrence).toBe(0);
  });

  it('charges nothing for the last limit, and stops at the aggregate of limit × (1 + reinstatements)', () => {
    // 20, 20, 10: recoveries 10 + 10 + 5 = 25 → 1 × 10/10 + 0.5 × 10/10 = 1.5 million (the third limit,
    // the one left after both reinstatements, is not reinstated: nothing for its 5).
    const at25 = settle(single, claims(20 * M, 20 * M, 10 * M));
    expect(at25('reinsurer:RE-X').annual).toBe(25 * M);
    expect(at25('insurer_rip:INS-A').annual).toBeCloseTo(1.5 * M, 6);
    // Four claims of 20 ask for 40; the aggregate 30 pays 10, 10, 10, 0 — the premium stays 1.5 million.
    const at40 = settle(single, claims(20 * M, 20 * M, 20 * M, 20 * M));
    expect(at40('reinsurer:RE-X').annual).toBe(30 * M);
    expect(at40('insurer_net:INS-A').annual).toBe(50 * M); // 80 − 30
    expect(at40('insurer_rip:INS-A').annual).toBeCloseTo(1.5 * M, 6);
    // A year without a recovery pays nothing.
    expect(settle(single, claims(4 * M))('insurer_rip:INS-A').annual).toBe(0);
  });

  it('is paid by the placed shares only: two reinsurers 60/40 of 90 %, 10 % unplaced', () => {
    // RE-1 54 %, RE-2 36 % of the layer, 10 % kept. Claims 20 and 10: the layer recovers 15, the premium
    // of the layer is 1.25 million (as above): RE-1 receives 54 % = 0.675, RE-2 36 % = 0.45, and INS-A
    // pays 90 % = 1.125 (nothing for the part it keeps). Losses: RE-1 8.1, RE-2 5.4, net 30 − 13.5 = 16.5.
    const at = settle(
      withLayer({
        reinsurers: [
          { id: 'RE-1', share: 540_000 },
          { id: 'RE-2', share: 360_000 },
        ],
      }),
      claims(20 * M, 10 * M),
    );
    expect(at('reinsurer_rip:RE-1').annual).toBeCloseTo(0.675 * M, 6);
    expect(at('reinsurer_rip:RE-2').annual).toBeCloseTo(0.45 * M, 6);
    expect(at('insurer_rip:INS-A').annual).toBeCloseTo(1.125 * M, 6);
    expect(at('reinsurer:RE-1').annual).toBeCloseTo(8.1 * M, 6);
    expect(at('reinsurer:RE-2').annual).toBeCloseTo(5.4 * M, 6);
    // The losses still balance: gross = net + Σ ceded; the premiums stand beside them.
    expect(at('insurer_net:INS-A').annual).toBeCloseTo(16.5 * M, 6);
    expect(
      at('insurer_net:INS-A').annual + at('reinsurer:RE-1').annual + at('reinsurer:RE-2').annual,
    ).toBeCloseTo(at('insurer_gross:INS-A').annual, 6);
  });

  it('charges catastrophe layers on the occurrences’ recoveries, and adds no perspective for a layer without', () => {
    // INS-A: per-risk XoL 2,000,000 xs 3,000,000 (RE-X, no reinstatements) → catastrophe XoL 20,000,000 xs
    // 10,000,000, premium 2,000,000, one reinstatement at 100 % (aggregate 40,000,000; RE-C).
    // Event 1 hits P-1 (4) and P-2 (3): per-risk 1 + 0 ceded → net 3 + 3 = 6 < 10: no cat recovery.
    // Event 2 hits P-1 (20) and P-2 (18): per-risk 2 + 2 → net 18 + 16 = 34 → cat min(24, 20) = 20.
    // A claim of 30 on P-1 (its own occurrence): per-risk 2 → 28 → cat 18. (The claim is settled before
    // the events' totals close; 18 + 20 = 38 fits the aggregate of 40 either way.)
    // Recoveries 38 → 2,000,000 × 1 × min(38, 20)/20 = 2,000,000 (the second limit is not reinstated).
    const input = portfolio(
      [
        { id: 'P-1', class: 'base', sumInsured: 50 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] },
        { id: 'P-2', class: 'base', sumInsured: 50 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] },
      ],
      [
        {
          id: 'INS-A',
          programme: [
            {
              id: 'XL',
              kind: 'excess_of_loss',
              layers: [{ attachment: 3 * M, limit: 2 * M, reinsurer: 'RE-X' }],
            },
            {
              id: 'CAT',
              kind: 'catastrophe_xl',
              layers: [
                {
                  attachment: 10 * M,
                  limit: 20 * M,
                  aggregateLimit: 40 * M,
                  premium: '2000000.00',
                  reinstatements: [1],
                  reinsurer: 'RE-C',
                },
              ],
            },
          ],
        },
      ],
    );
    const { labels } = compilePortfolio(input);
    expect(labels.perspectives.map((p) => p.key).slice(-4)).toEqual([
      'reinsurer:RE-X',
      'reinsurer:RE-C',
      'insurer_rip:INS-A',
      'reinsurer_rip:RE-C',
    ]);
    const at = settle(input, [
      { unit: 0, groundUp: 4 * M, event: 1 },
      { unit: 1, groundUp: 3 * M, event: 1 },
      { unit: 0, groundUp: 20 * M, event: 2 },
      { unit: 1, groundUp: 18 * M, event: 2 },
      { unit: 0, groundUp: 30 * M },
    ]);
    expect(at('reinsurer:RE-C').annual).toBe(38 * M);
    expect(at('insurer_rip:INS-A').annual).toBe(2 * M);
    expect(at('reinsurer_rip:RE-C').annual).toBe(2 * M);
    // One event alone: per-risk, P-1 13 → 2 ceded → 11 and P-2 9 → 2 → 7; net 18 → cat 8;
    // 2,000,000 × 8/20 = 800,000.
    const half = settle(input, [
      { unit: 0, groundUp: 13 * M, event: 1 },
      { unit: 1, groundUp: 9 * M, event: 1 },
    ]);
    expect(half('reinsurer:RE-C').annual).toBe(8 * M);
    expect(half('insurer_rip:INS-A').annual).toBeCloseTo(0.8 * M, 6);
  });

  it('adds no perspective for free or absent reinstatements, which still set the aggregate', () => {
    // reinstatements [0]: one free reinstatement, aggregate 20 — nothing to pay, no premium needed.
    // reinstatements []: none, aggregate = the limit, 10.
    for (const [reinstatements, aggregate] of [
      [[0], 20 * M],
      [[], 10 * M],
    ] as const) {
      const input = portfolio(
        [{ id: 'P-1', class: 'base', sumInsured: 100 * M, lines: [{ insurer: 'INS-A', share: 1_000_000 }] }],
        [
          {
            id: 'INS-A',
            programme: [
              {
                id: 'XL',
                kind: 'excess_of_loss',
                layers: [
                  {
                    attachment: 5 * M,
                    limit: 10 * M,
                    reinstatements: [...reinstatements],
                    reinsurer: 'RE-X',
                  },
                ],
              },
            ],
          },
        ],
      );
      const { portfolio: compiled, labels } = compilePortfolio(input);
      expect(compiled.layerAggregateLimit[0]).toBe(aggregate);
      expect(compiled.ripCount).toBe(0);
      expect(labels.perspectives.some((p) => p.kind === 'insurer_rip' || p.kind === 'reinsurer_rip')).toBe(
        false,
      );
      expect(settle(input, claims(20 * M, 20 * M, 20 * M))('reinsurer:RE-X').annual).toBe(aggregate);
    }
  });
});
