import { describe, expect, it } from 'vitest';
import { readLiveEvent } from './liveEvents.ts';
import {
  contractProduct,
  readChanges,
  readDecision,
  readLineDeltas,
  readRating,
  readRequest,
} from './readers.ts';

describe('reading what the quote and policy API stores as documents', () => {
  it('reads a quote’s stored rating and drops steps it cannot read', () => {
    const step = {
      key: 'basis',
      names: { zh: '计费基础', en: 'Basis' },
      kind: 'basis',
      value: '5000000.00',
      amount: '5000000.00',
    };
    expect(
      readRating({
        ok: true,
        premium: '6500000',
        basis: '500000000',
        annualPremium: '65000',
        effectiveRate: '0.013',
        breakdown: [step, { key: 'broken' }],
      }),
    ).toEqual({ annualPremium: '65000', effectiveRate: '0.013', breakdown: [step] });
    expect(readRating(null)).toBeNull();
    expect(readRating({ ok: false, errors: [] })).toBeNull();
  });

  it('reads the underwriter’s decision, the English reason falling back to the Chinese', () => {
    expect(
      readDecision({
        decision: 'decline',
        loading: null,
        reason: { zh: '超出本公司承保能力', en: '' },
        by: '李承保',
        at: '2026-03-01T02:00:00.000Z',
      }),
    ).toEqual({
      decision: 'decline',
      loading: null,
      reason: { zh: '超出本公司承保能力', en: '超出本公司承保能力' },
      by: '李承保',
      at: '2026-03-01T02:00:00.000Z',
    });
    expect(readDecision(null)).toBeNull();
    expect(readDecision({ decision: 'accept' })).toBeNull();
  });

  it('reads the amounts, head count and period of a request', () => {
    expect(
      readRequest({
        limit: '5000000.00',
        termDays: 365,
        startDate: '2026-01-02',
        options: { extortion: true },
      }),
    ).toEqual({
      amounts: [{ field: 'limit', value: '5000000.00' }],
      headcount: null,
      termDays: 365,
      startDate: '2026-01-02',
      continuousYear: null,
    });
    expect(readRequest('nonsense').amounts).toEqual([]);
  });

  it('reads endorsement changes and line movements', () => {
    expect(readChanges({ sumInsured: { from: '5000000.00', to: '8000000.00' } })).toEqual({
      sumInsured: { from: '5000000.00', to: '8000000.00' },
      endDate: null,
      method: null,
      refund: null,
      member: null,
    });
    expect(readChanges({ method: 'pro_rata', refund: '100.00' }).refund).toBe('100.00');
    expect(readLineDeltas([{ orgId: 'a', delta: '1.00' }, { orgId: 'b' }])).toEqual([
      { orgId: 'a', delta: '1.00' },
    ]);
  });

  it('reads the product a placement’s contract names', () => {
    expect(contractProduct('KB-BR-CYBER@1')).toEqual({ code: 'KB-BR-CYBER', version: 1 });
    expect(contractProduct('KB-BR-CYBER')).toBeNull();
  });

  it('reads an event of the live stream', () => {
    expect(
      readLiveEvent(
        JSON.stringify({
          id: '7',
          type: 'placement.line_written',
          aggregateType: 'placement',
          aggregateId: 'p1',
          payload: { placementId: 'p1' },
        }),
      ),
    ).toEqual({
      type: 'placement.line_written',
      aggregateType: 'placement',
      aggregateId: 'p1',
      payload: { placementId: 'p1' },
    });
    expect(readLiveEvent('not json')).toBeNull();
    expect(readLiveEvent('{"type":"x"}')).toBeNull();
  });
});

describe('the movements of a group policy', () => {
  it('names the certificate a member left with, its refund and method, and the one endorsed', () => {
    const exit = readChanges({
      memberExit: { certificate: { id: 'c', number: 'KB-1-C0002' }, method: 'pro_rata', refund: '12.34' },
      sumInsured: { from: '300.00', to: '200.00' },
    });
    expect(exit).toEqual({
      sumInsured: { from: '300.00', to: '200.00' },
      endDate: null,
      method: 'pro_rata',
      refund: '12.34',
      member: { number: 'KB-1-C0002', exit: true },
    });
    expect(readChanges({ member: { certificate: { id: 'c', number: 'KB-1-C0001' } } }).member).toEqual({
      number: 'KB-1-C0001',
      exit: false,
    });
    expect(readChanges({ member: { certificate: 'nonsense' } }).member).toBeNull();
  });
});
