import { describe, expect, it } from 'vitest';
import { parseYuan, sumFen } from '../money/index.ts';
import { computeCessions } from '../placement/index.ts';
import {
  bordereau,
  computeRecoveries,
  type RecoveryClaim,
  type RecoveryResult,
  type RecoveryTreaty,
} from './recoveries.ts';

const yuan = parseYuan;

const quotaShare: RecoveryTreaty = { id: 'QS', kind: 'quota_share', reinsurer: 'RE-A' };
const perRisk: RecoveryTreaty = {
  id: 'XL',
  kind: 'per_risk_xol',
  reinsurer: 'RE-B',
  attachment: yuan('5000000'),
  limit: yuan('5000000'),
};

/** A claim on a 20,000,000 line ceding 40 % to the quota share at bind. */
function claim(overrides: Partial<RecoveryClaim> = {}): RecoveryClaim {
  return {
    claimId: 'C1',
    policyId: 'P1',
    eventId: null,
    accidentYear: 2025,
    loss: yuan('12000000'),
    sumInsured: yuan('20000000'),
    cessions: [{ treatyId: 'QS', kind: 'quota_share', reinsurer: 'RE-A', cededSumInsured: yuan('8000000') }],
    ...overrides,
  };
}

function recoveriesOf(result: RecoveryResult, claimId = 'C1'): Record<string, bigint> {
  const found = result.claims.find((c) => c.claimId === claimId);
  if (!found) throw new Error(`no claim ${claimId}`);
  return Object.fromEntries(found.lines.map((line) => [line.treatyId, line.recovery]));
}

function balances(result: RecoveryResult): void {
  for (const c of result.claims) {
    expect(c.net + sumFen(c.lines.map((line) => line.recovery))).toBe(c.gross);
    expect(c.totalRecovered).toBe(c.gross - c.net);
  }
}

describe('inuring order of a proportional treaty and a per-risk excess of loss', () => {
  it('a ¥12,000,000 loss, 40% quota share inuring before the 5M xs 5M per-risk XoL: QS recovers 4,800,000, XoL 2,200,000, net 5,000,000', () => {
    const result = computeRecoveries({ claims: [claim()], treaties: [quotaShare, perRisk] });
    expect(recoveriesOf(result)).toEqual({ QS: yuan('4800000'), XL: yuan('2200000') });
    expect(result.claims[0]).toMatchObject({
      gross: yuan('12000000'),
      totalRecovered: yuan('7000000'),
      net: yuan('5000000'),
    });
    expect(result.claims[0]?.lines.map((line) => line.subjectLoss)).toEqual([
      yuan('12000000'),
      yuan('7200000'),
    ]);
    balances(result);
  });

  it('XoL inuring before QS: XoL 5,000,000, QS 2,800,000, net 4,200,000', () => {
    const result = computeRecoveries({ claims: [claim()], treaties: [perRisk, quotaShare] });
    expect(recoveriesOf(result)).toEqual({ XL: yuan('5000000'), QS: yuan('2800000') });
    expect(result.claims[0]?.net).toBe(yuan('4200000'));
    balances(result);
  });

  it('a loss below the attachment leaves the XoL at zero', () => {
    const result = computeRecoveries({
      claims: [claim({ loss: yuan('6000000') })],
      treaties: [quotaShare, perRisk],
    });
    expect(recoveriesOf(result)).toEqual({ QS: yuan('2400000'), XL: 0n });
  });
});

describe('proportional recoveries through the cessions stored at bind', () => {
  it('recovers each cession cededSI / SI-left-before of the net, exactly as placement ceded it', () => {
    // Bind: 30,000,000 line, facultative 10 % with RE-F, then 40 % quota share, then a 5,000,000 × 2-line surplus.
    const bind = computeCessions({
      sumInsured: yuan('30000000'),
      premium: yuan('90000'),
      facultative: [{ reinsurer: 'RE-F', cededShare: 100_000, commissionRate: '0.2' }],
      treaties: [
        { id: 'QS', kind: 'quota_share', reinsurer: 'RE-A', cededShare: 400_000, commissionRate: '0.3' },
        {
          id: 'SUR',
          kind: 'surplus',
          reinsurer: 'RE-S',
          retention: yuan('5000000'),
          lines: 2,
          commissionRate: '0.25',
        },
      ],
    });
    // Ceded: fac 3,000,000; QS 40 % of 27,000,000 = 10,800,000; surplus min(16,200,000 − 5,000,000, 10,000,000).
    expect(bind.cessions.map((c) => c.cededSumInsured)).toEqual([
      yuan('3000000'),
      yuan('10800000'),
      yuan('10000000'),
    ]);
    const result = computeRecoveries({
      claims: [claim({ loss: yuan('3000000'), sumInsured: yuan('30000000'), cessions: bind.cessions })],
      treaties: [
        { id: 'FAC-F', kind: 'facultative', reinsurer: 'RE-F' },
        quotaShare,
        { id: 'SUR', kind: 'surplus', reinsurer: 'RE-S' },
      ],
    });
    // Each recovers its share of the gross line: 10 %, 36 %, 33.33…% of 3,000,000.
    expect(recoveriesOf(result)).toEqual({
      'FAC-F': yuan('300000'),
      QS: yuan('1080000'),
      SUR: yuan('1000000'),
    });
    expect(result.claims[0]?.net).toBe(yuan('620000')); // the retained 6,200,000 of 30,000,000
    balances(result);
  });

  it('splits an odd fen by the largest remainder and never loses it', () => {
    const result = computeRecoveries({
      claims: [
        claim({
          loss: 100n,
          sumInsured: 3n,
          cessions: [{ treatyId: 'QS', kind: 'quota_share', reinsurer: 'RE-A', cededSumInsured: 1n }],
        }),
      ],
      treaties: [quotaShare],
    });
    expect(recoveriesOf(result)).toEqual({ QS: 33n });
    expect(result.claims[0]?.net).toBe(67n);
  });

  it('recovers nothing from a treaty the policy did not cede to', () => {
    const result = computeRecoveries({ claims: [claim({ cessions: [] })], treaties: [quotaShare] });
    expect(recoveriesOf(result)).toEqual({ QS: 0n });
  });

  it('refuses a cession the order does not place, or places as another kind', () => {
    expect(() => computeRecoveries({ claims: [claim()], treaties: [perRisk] })).toThrow(
      /not in the inuring order/,
    );
    expect(() =>
      computeRecoveries({ claims: [claim()], treaties: [{ id: 'QS', kind: 'surplus', reinsurer: 'RE-A' }] }),
    ).toThrow(/ceded as quota_share/);
    const facultative = claim({
      cessions: [
        { treatyId: null, kind: 'facultative', reinsurer: 'RE-F', cededSumInsured: yuan('1000000') },
      ],
    });
    expect(() => computeRecoveries({ claims: [facultative], treaties: [quotaShare] })).toThrow(
      /the facultative placement with RE-F/,
    );
  });
});

describe('catastrophe excess of loss per event', () => {
  const cat: RecoveryTreaty = {
    id: 'CAT',
    kind: 'cat_xol',
    reinsurer: 'RE-C',
    attachment: yuan('10000000'),
    limit: yuan('20000000'),
  };
  const eventClaims = [
    claim({
      claimId: 'C1',
      policyId: 'P1',
      eventId: 'TYPHOON-2025-08',
      loss: yuan('10000000'),
      cessions: [],
    }),
    claim({ claimId: 'C2', policyId: 'P2', eventId: 'TYPHOON-2025-08', loss: yuan('6000000'), cessions: [] }),
    claim({ claimId: 'C3', policyId: 'P3', eventId: 'TYPHOON-2025-08', loss: yuan('4000000'), cessions: [] }),
    claim({ claimId: 'C4', policyId: 'P4', eventId: null, loss: yuan('15000000'), cessions: [] }),
    claim({ claimId: 'C5', policyId: 'P5', eventId: 'FLOOD-2025-07', loss: yuan('8000000'), cessions: [] }),
  ];

  it('recovers on the sum of an event’s nets and allocates back by net; claims without an event stay out', () => {
    const result = computeRecoveries({ claims: eventClaims, treaties: [cat] });
    // Typhoon: 20,000,000 − 10,000,000 = 10,000,000 split 10 : 6 : 4. Flood below the attachment.
    expect(result.claims.map((c) => c.lines[0]?.recovery)).toEqual([
      yuan('5000000'),
      yuan('3000000'),
      yuan('2000000'),
      0n,
      0n,
    ]);
    expect(result.treaties[0]?.aggregates).toEqual([
      {
        key: 'TYPHOON-2025-08',
        subjectLoss: yuan('20000000'),
        attachment: yuan('10000000'),
        limit: yuan('20000000'),
        recovery: yuan('10000000'),
      },
      {
        key: 'FLOOD-2025-07',
        subjectLoss: yuan('8000000'),
        attachment: yuan('10000000'),
        limit: yuan('20000000'),
        recovery: 0n,
      },
    ]);
    balances(result);
  });

  it('works on the net the per-risk treaties left', () => {
    const withQuotaShare = eventClaims.map((c) => ({
      ...c,
      cessions: [
        { treatyId: 'QS', kind: 'quota_share' as const, reinsurer: 'RE-A', cededSumInsured: yuan('8000000') },
      ],
    }));
    const result = computeRecoveries({ claims: withQuotaShare, treaties: [quotaShare, cat] });
    // Typhoon nets after 40 % QS: 6,000,000 + 3,600,000 + 2,400,000 = 12,000,000 → 2,000,000 recovered.
    expect(result.treaties[1]?.aggregates[0]).toMatchObject({
      subjectLoss: yuan('12000000'),
      recovery: yuan('2000000'),
    });
    expect(result.claims.slice(0, 3).map((c) => c.lines[1]?.recovery)).toEqual([
      yuan('1000000'),
      yuan('600000'),
      yuan('400000'),
    ]);
    balances(result);
  });

  it('allocates an event recovery to the fen', () => {
    const thirds = ['A', 'B', 'C'].map((id) =>
      claim({ claimId: id, eventId: 'E', loss: 100n, sumInsured: 100n, cessions: [] }),
    );
    const result = computeRecoveries({
      claims: thirds,
      treaties: [{ id: 'CAT', kind: 'cat_xol', reinsurer: 'RE-C', attachment: 200n, limit: 1000n }],
    });
    expect(result.claims.map((c) => c.lines[0]?.recovery)).toEqual([34n, 33n, 33n]);
    balances(result);
  });
});

describe('stop-loss on the annual aggregate net', () => {
  const stopLoss: RecoveryTreaty = {
    id: 'SL',
    kind: 'stop_loss',
    reinsurer: 'RE-S',
    attachmentRatio: '0.8',
    limitRatio: '0.4',
    premiumBase: yuan('10000000'),
  };

  it('recovers the year’s net above 80 % of the premium base, up to 40 % more, back to the claims by net', () => {
    const claims = [
      claim({ claimId: 'A', loss: yuan('6000000'), cessions: [] }),
      claim({ claimId: 'B', loss: yuan('4000000'), cessions: [] }),
      claim({ claimId: 'C', loss: yuan('3000000'), accidentYear: 2024, cessions: [] }),
    ];
    const result = computeRecoveries({ claims, treaties: [stopLoss] });
    // 2025: 10,000,000 − 8,000,000 = 2,000,000, split 6 : 4; 2024: 3,000,000 is below 8,000,000.
    expect(result.claims.map((c) => c.lines[0]?.recovery)).toEqual([yuan('1200000'), yuan('800000'), 0n]);
    expect(result.treaties[0]?.aggregates.map((a) => [a.key, a.recovery])).toEqual([
      ['2025', yuan('2000000')],
      ['2024', 0n],
    ]);
    balances(result);
  });

  it('stops at the layer’s limit and can be limited to one accident year', () => {
    const claims = [
      claim({ claimId: 'A', loss: yuan('20000000'), cessions: [] }),
      claim({ claimId: 'B', loss: yuan('20000000'), accidentYear: 2024, cessions: [] }),
    ];
    const result = computeRecoveries({ claims, treaties: [{ ...stopLoss, accidentYear: 2025 }] });
    expect(result.claims.map((c) => c.lines[0]?.recovery)).toEqual([yuan('4000000'), 0n]);
    expect(result.claims[0]?.net).toBe(yuan('16000000'));
  });

  it('comes after the catastrophe layers: a full programme balances', () => {
    const claims = [
      claim({ claimId: 'A', eventId: 'E1', loss: yuan('12000000') }),
      claim({ claimId: 'B', eventId: 'E1', loss: yuan('9000000') }),
      claim({ claimId: 'C', loss: yuan('5000000') }),
    ];
    const treaties: RecoveryTreaty[] = [
      quotaShare,
      perRisk,
      { id: 'CAT', kind: 'cat_xol', reinsurer: 'RE-C', attachment: yuan('3000000'), limit: yuan('4000000') },
      stopLoss,
    ];
    const result = computeRecoveries({ claims, treaties });
    balances(result);
    expect(result.treaties.map((t) => t.recovered)).toEqual([
      yuan('10400000'), // 40 % of 26,000,000
      yuan('2600000'), // A 7,200,000 − 5,000,000; B 5,400,000 − 5,000,000
      yuan('4000000'), // E1: 5,000,000 + 5,000,000 − 3,000,000, capped at 4,000,000
      yuan('1000000'), // the year: 3,000,000 × 3 − 8,000,000
    ]);
    expect(result.claims.map((c) => c.lines[3]?.recovery)).toEqual([
      yuan('333333.34'),
      yuan('333333.33'),
      yuan('333333.33'),
    ]);
    expect(result.claims.map((c) => c.net)).toEqual([
      yuan('2666666.66'),
      yuan('2666666.67'),
      yuan('2666666.67'),
    ]);
  });
});

describe('validation', () => {
  it('refuses an order that runs a per-risk treaty after an aggregate one, naming both', () => {
    const cat: RecoveryTreaty = { id: 'CAT', kind: 'cat_xol', reinsurer: 'RE-C', attachment: 0n, limit: 1n };
    expect(() => computeRecoveries({ claims: [], treaties: [cat, quotaShare] })).toThrow(
      'quota_share QS comes after cat_xol CAT',
    );
  });

  it('refuses negative losses, repeated ids and cessions above the sum insured left', () => {
    expect(() => computeRecoveries({ claims: [claim({ loss: -1n })], treaties: [] })).toThrow(/negative/);
    expect(() => computeRecoveries({ claims: [claim(), claim()], treaties: [] })).toThrow(/twice/);
    expect(() => computeRecoveries({ claims: [], treaties: [quotaShare, quotaShare] })).toThrow(/twice/);
    expect(() =>
      computeRecoveries({ claims: [claim({ sumInsured: yuan('1000000') })], treaties: [quotaShare] }),
    ).toThrow(/only 100000000 fen was left/);
  });
});

describe('bordereau', () => {
  it('lists per treaty the claims it recovers on, with the loss it worked on', () => {
    const result = computeRecoveries({
      claims: [
        claim({ claimId: 'C1', policyId: 'P1', eventId: 'E1' }),
        claim({ claimId: 'C2', policyId: 'P2', loss: yuan('1000000') }),
      ],
      treaties: [quotaShare, perRisk],
    });
    const [qs, xl] = bordereau(result);
    expect(qs).toMatchObject({ treatyId: 'QS', reinsurer: 'RE-A', totalRecovery: yuan('5200000') });
    expect(qs?.rows).toEqual([
      {
        claimId: 'C1',
        policyId: 'P1',
        eventId: 'E1',
        accidentYear: 2025,
        grossLoss: yuan('12000000'),
        loss: yuan('12000000'),
        recovery: yuan('4800000'),
      },
      {
        claimId: 'C2',
        policyId: 'P2',
        eventId: null,
        accidentYear: 2025,
        grossLoss: yuan('1000000'),
        loss: yuan('1000000'),
        recovery: yuan('400000'),
      },
    ]);
    expect(xl?.rows.map((row) => [row.claimId, row.loss, row.recovery])).toEqual([
      ['C1', yuan('7200000'), yuan('2200000')],
    ]);
    expect(bordereau(result, { includeZero: true })[1]?.rows).toHaveLength(2);
  });
});
