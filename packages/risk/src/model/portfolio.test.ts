import { describe, expect, it } from 'vitest';
import { syntheticPortfolio } from '../demo/synthetic.ts';
import { compilePortfolio } from './compile.ts';
import { type LayerInput, PortfolioError, type PortfolioInput, type TreatyInput } from './portfolio.ts';

const base = (): PortfolioInput => ({
  classes: [{ id: 'base', frequency: 0.1, severity: { kind: 'lognormal', mean: '100000.00', cv: 1 } }],
  insurers: [{ id: 'INS-A' }, { id: 'INS-B' }],
  policies: [
    {
      id: 'P-1',
      class: 'base',
      sumInsured: '5000000.00',
      lines: [
        { insurer: 'INS-A', share: 600_000 },
        { insurer: 'INS-B', share: 400_000 },
      ],
    },
  ],
});

function problems(input: unknown): string[] {
  try {
    compilePortfolio(input);
  } catch (error) {
    if (error instanceof PortfolioError) return error.problems;
    throw error;
  }
  return [];
}

describe('portfolio files', () => {
  it('reads amounts as numbers or decimal strings and shares as placement units', () => {
    const { portfolio, labels } = compilePortfolio(base());
    expect(portfolio.unitSumInsured[0]).toBe(5_000_000);
    expect(Array.from(portfolio.lineShare)).toEqual([0.6, 0.4]);
    expect(labels.perspectives.map((p) => p.key)).toEqual([
      'ground_up',
      'gross',
      'class:base',
      'insurer_gross:INS-A',
      'insurer_gross:INS-B',
      'insurer_net:INS-A',
      'insurer_net:INS-B',
    ]);
  });

  it('names every problem with its path', () => {
    const input = base() as unknown as { policies: Record<string, unknown>[] };
    input.policies.push({
      id: 'P-2',
      class: 'nope',
      sumInsured: -1,
      lines: [
        { insurer: 'INS-A', share: 700_000 },
        { insurer: 'INS-A', share: 400_000 },
      ],
    });
    const found = problems(input);
    expect(found).toContain('policies[1].class: names no class of the portfolio: "nope"');
    expect(found.some((p) => p.startsWith('policies[1].sumInsured:'))).toBe(true);
    expect(found).toContain('policies[1].lines: the shares total more than 100 %');
    expect(found).toContain(
      'policies[1].lines: names an insurer twice (five sames: one line per co-insurer)',
    );
    expect(problems({})[0]).toMatch(/^classes: must be an array/);
    expect(problems(null)).toEqual(['(root): a portfolio is a JSON object']);
  });

  it('refuses a programme out of inuring order', () => {
    const input = base();
    input.insurers[0] = {
      id: 'INS-A',
      programme: [
        { id: 'CAT', kind: 'catastrophe_xl', layers: [{ attachment: 1, limit: 1, reinsurer: 'RE' }] },
        { id: 'QS', kind: 'quota_share', cededShare: 100_000, reinsurer: 'RE' },
      ],
    };
    expect(problems(input)).toEqual([
      'insurers[0].programme[1]: quota_share QS comes after catastrophe_xl CAT: the inuring order is per-risk ' +
        'treaties (quota share, surplus, excess of loss) first, then catastrophe excess of loss, then stop-loss',
    ]);
  });

  it('refuses reinsurer parts over 100 % and negative-binomial variance at or below the mean', () => {
    const input = base();
    input.insurers[0] = {
      id: 'INS-A',
      programme: [
        {
          id: 'QS',
          kind: 'quota_share',
          cededShare: 100_000,
          reinsurers: [
            { id: 'R1', share: 700_000 },
            { id: 'R2', share: 400_000 },
          ],
        },
      ],
    };
    (input.classes[0] as { frequency: unknown }).frequency = {
      kind: 'negative_binomial',
      mean: 1,
      variance: 1,
    };
    const found = problems(input);
    expect(found).toContain(
      'insurers[0].programme[0].reinsurers: the shares total 110.00000000000001 %, more than 100 %',
    );
    expect(found).toContain('classes[0].frequency.variance: must be a number > the mean (1), not 1');
  });

  it('reads reinstatements: the aggregate they imply, a premium, and paths for every problem', () => {
    const withLayers = (layers: unknown[]): PortfolioInput => {
      const input = base();
      input.insurers[0] = {
        id: 'INS-A',
        programme: [{ id: 'XL', kind: 'excess_of_loss', layers: layers as LayerInput[] }],
      };
      return input;
    };
    const layer = { attachment: 5e6, limit: 1e7, reinsurer: 'RE' };
    // The aggregate follows from the reinstatements, or agrees with them when given.
    const { portfolio, labels } = compilePortfolio(
      withLayers([
        { ...layer, premium: '1000000.00', reinstatements: [1, 0.5] },
        { ...layer, aggregateLimit: '30000000', premium: 1e6, reinstatements: [1, 0.5] },
      ]),
    );
    expect(Array.from(portfolio.layerAggregateLimit)).toEqual([3e7, 3e7]);
    expect(Array.from(portfolio.ripPremium)).toEqual([1e6, 1e6]);
    expect(Array.from(portfolio.ripRate)).toEqual([1, 0.5, 1, 0.5]);
    expect(labels.perspectives.slice(-3).map((p) => p.key)).toEqual([
      'reinsurer:RE',
      'insurer_rip:INS-A',
      'reinsurer_rip:RE',
    ]);

    const at = 'insurers[0].programme[0].layers';
    expect(
      problems(
        withLayers([
          { ...layer, premium: 1e6, reinstatements: [-0.5, '1', 100] },
          { ...layer, premium: -1, reinstatements: [1] },
          { ...layer, aggregateLimit: 2.5e7, premium: 1e6, reinstatements: [1, 0.5] },
          { ...layer, reinstatements: [1] },
          { ...layer, premium: 0, reinstatements: [0.5] },
          { ...layer, limit: 0, premium: 1e6, reinstatements: [1] },
          { ...layer, premium: 1e6, reinstatements: 2 },
        ]),
      ),
    ).toEqual([
      `${at}[0].reinstatements[0]: must be a rate from 0 to 10 (a fraction of the premium: 1 = 100 %), not -0.5`,
      `${at}[0].reinstatements[1]: must be a rate from 0 to 10 (a fraction of the premium: 1 = 100 %), not "1"`,
      `${at}[0].reinstatements[2]: must be a rate from 0 to 10 (a fraction of the premium: 1 = 100 %), not 100`,
      `${at}[1].premium: must be an amount in yuan ≥ 0 (a number or a decimal string), not -1`,
      `${at}[2].aggregateLimit: must be limit × (1 + reinstatements) = 30000000 with 2 reinstatement(s), ` +
        'not 25000000 (or leave it out)',
      `${at}[3].premium: is required with paid reinstatements (their premiums are rates of it)`,
      `${at}[4].premium: must be > 0 with paid reinstatements (their premiums are rates of it)`,
      `${at}[5].limit: must be > 0 for a layer with reinstatements`,
      `${at}[6].reinstatements: must be an array`,
    ]);

    // Reinstatements belong to layers, not to proportional treaties or the stop-loss.
    const input = base();
    input.insurers[0] = {
      id: 'INS-A',
      programme: [
        { id: 'QS', kind: 'quota_share', cededShare: 100_000, reinsurer: 'RE', reinstatements: [1] },
      ] as unknown as TreatyInput[],
    };
    expect(problems(input)).toEqual([
      'insurers[0].programme[0].reinstatements: belong to the layers of an excess_of_loss or catastrophe_xl ' +
        'treaty (layers[].reinstatements)',
    ]);
  });

  it('pools the Poisson risks of a class into one frequency segment, and gives each NB unit its own', () => {
    const { portfolio, labels } = compilePortfolio(syntheticPortfolio({ policies: 500, groups: 3 }));
    // Four classes of Poisson risks and three negative-binomial SME groups.
    expect(portfolio.segmentCount).toBe(4 + 3);
    expect(labels.risks).toBe(500 + 3 * 200);
    expect(labels.pools).toEqual(['CN-IC-POOL']);
    expect(labels.events.map((e) => e.kind)).toEqual(['industry_chain', 'cyber', 'climate']);
    expect(portfolio.trackedMembers).toBe(500 + 3 * 200);
  });
});
