import { describe, expect, it } from 'vitest';
import { filingTransition, sandboxRoom } from './filing.ts';

describe('product filing', () => {
  it('lets the writer submit a draft and the regulator approve it', () => {
    expect(filingTransition('draft', 'submit', 'writer')).toEqual({ ok: true, to: 'submitted' });
    expect(filingTransition('submitted', 'approve', 'regulator')).toEqual({ ok: true, to: 'filed' });
  });

  it('does not let an insurer approve its own filing', () => {
    expect(filingTransition('submitted', 'approve', 'writer')).toEqual({ ok: false, reason: 'wrong_party' });
  });

  it('admits to the sandbox only a submitted version and graduates it to filed', () => {
    expect(filingTransition('draft', 'admit_sandbox', 'regulator')).toEqual({
      ok: false,
      reason: 'wrong_status',
    });
    expect(filingTransition('submitted', 'admit_sandbox', 'regulator')).toEqual({ ok: true, to: 'sandbox' });
    expect(filingTransition('sandbox', 'graduate', 'regulator')).toEqual({ ok: true, to: 'filed' });
    expect(filingTransition('filed', 'stop', 'regulator')).toEqual({ ok: false, reason: 'wrong_status' });
  });

  it('never moves a rejected, withdrawn or stopped version again', () => {
    for (const status of ['rejected', 'withdrawn', 'stopped'] as const) {
      for (const action of ['submit', 'approve', 'withdraw'] as const) {
        expect(filingTransition(status, action, action === 'approve' ? 'regulator' : 'writer').ok).toBe(
          false,
        );
      }
    }
  });
});

describe('sandbox limits', () => {
  const limits = { maxPolicies: 3, maxSumInsured: 300_000_000n, endsOn: '2026-12-31' };

  it('admits a policy while both limits have room', () => {
    expect(
      sandboxRoom(
        limits,
        { policiesBound: 2, sumInsuredBound: 200_000_000n },
        100_000_000n,
        '2026-12-31',
        false,
      ),
    ).toBeNull();
  });

  it('refuses the policy past the count, the aggregate sum insured or the end date', () => {
    expect(sandboxRoom(limits, { policiesBound: 3, sumInsuredBound: 0n }, 1n, '2026-06-01', false)).toBe(
      'sandbox.policy_limit',
    );
    expect(
      sandboxRoom(
        limits,
        { policiesBound: 0, sumInsuredBound: 250_000_000n },
        50_000_001n,
        '2026-06-01',
        false,
      ),
    ).toBe('sandbox.sum_insured_limit');
    expect(sandboxRoom(limits, { policiesBound: 0, sumInsuredBound: 0n }, 1n, '2027-01-01', false)).toBe(
      'sandbox.ended',
    );
    expect(sandboxRoom(limits, { policiesBound: 0, sumInsuredBound: 0n }, 1n, '2026-01-01', true)).toBe(
      'sandbox.closed',
    );
  });
});
