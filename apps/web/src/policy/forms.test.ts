import { describe, expect, it } from 'vitest';
import {
  cancelBody,
  decisionBody,
  decisionFieldOfPath,
  endorseBody,
  idempotencyKey,
  lineBody,
  quoteFieldOfPath,
  quoteRequestBody,
  rateOfPercent,
} from './forms.ts';

describe('asking for a quote', () => {
  it('sends the amounts filled in, in yuan with two places, and nothing for empty fields', () => {
    expect(
      quoteRequestBody(
        { productCode: 'KB-BR-CYBER', limit: '5,000,000', sumInsured: ' ', headcount: null, termDays: 180 },
        false,
      ),
    ).toEqual({ productCode: 'KB-BR-CYBER', request: { limit: '5000000.00', termDays: 180 } });
  });

  it('sends what cannot be read as typed, so the server says why under the field', () => {
    expect(quoteRequestBody({ productCode: 'KB-BR-CYBER', limit: '五百万' }, false).request).toEqual({
      limit: '五百万',
    });
  });

  it('names the client and its mandate only for a broker', () => {
    const values = {
      productCode: 'KB-BR-CYBER',
      enterpriseId: '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10',
      mandateReference: ' WT-2026-001 ',
      mandateValidUntil: '2099-12-31',
      startDate: '2099-01-01',
    };
    expect(quoteRequestBody(values, true)).toEqual({
      productCode: 'KB-BR-CYBER',
      enterpriseId: '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10',
      mandate: { reference: 'WT-2026-001', validUntil: '2099-12-31' },
      request: { startDate: '2099-01-01' },
    });
    expect(quoteRequestBody(values, false)).toEqual({
      productCode: 'KB-BR-CYBER',
      request: { startDate: '2099-01-01' },
    });
    expect(quoteRequestBody({ ...values, mandateReference: '' }, true).mandate).toBeUndefined();
  });

  it('puts the server’s errors under the fields they are about', () => {
    expect(quoteFieldOfPath(['request', 'limit'])).toEqual(['limit']);
    expect(quoteFieldOfPath(['request', 'startDate'])).toEqual(['startDate']);
    expect(quoteFieldOfPath(['mandate', 'validUntil'])).toEqual(['mandateValidUntil']);
    expect(quoteFieldOfPath(['mandate'])).toEqual(['mandateReference']);
    expect(quoteFieldOfPath(['enterpriseId'])).toEqual(['enterpriseId']);
    expect(quoteFieldOfPath(['productCode'])).toEqual(['productCode']);
    expect(quoteFieldOfPath(['request', 'options', 'deductible'])).toBeNull();
    expect(quoteFieldOfPath([])).toBeNull();
  });
});

describe('underwriting decisions', () => {
  it('turns a loading in percent into the decimal the API takes, without floats', () => {
    expect(rateOfPercent('15')).toBe('0.15');
    expect(rateOfPercent('-10')).toBe('-0.1');
    expect(rateOfPercent('2.5')).toBe('0.025');
    expect(rateOfPercent('150')).toBe('1.5');
    expect(rateOfPercent('0')).toBe('0');
    expect(rateOfPercent('-0')).toBe('0');
    expect(rateOfPercent('abc')).toBe('abc');
  });

  it('sends conditions only with a conditional acceptance, and no loading with a decline', () => {
    expect(
      decisionBody({
        decision: 'accept_with_conditions',
        loadingPercent: '15',
        conditions: ['每年提供等保测评报告', ' ', undefined],
        reasonZh: ' 限额较高 ',
        reasonEn: '',
      }),
    ).toEqual({
      decision: 'accept_with_conditions',
      loading: '0.15',
      conditions: ['每年提供等保测评报告'],
      reason: { zh: '限额较高' },
    });
    expect(
      decisionBody({
        decision: 'decline',
        loadingPercent: '15',
        reasonZh: '超出承保能力',
        reasonEn: 'Beyond capacity',
      }),
    ).toEqual({ decision: 'decline', reason: { zh: '超出承保能力', en: 'Beyond capacity' } });
    expect(decisionBody({ decision: 'accept', conditions: ['x'], reasonZh: '同意' })).toEqual({
      decision: 'accept',
      reason: { zh: '同意' },
    });
  });

  it('puts errors under the loading, each condition and each reason', () => {
    expect(decisionFieldOfPath(['loading'])).toEqual(['loadingPercent']);
    expect(decisionFieldOfPath(['conditions', '2'])).toEqual(['conditions', 2]);
    expect(decisionFieldOfPath(['conditions'])).toBeNull();
    expect(decisionFieldOfPath(['reason', 'zh'])).toEqual(['reasonZh']);
    expect(decisionFieldOfPath(['reason', 'en'])).toEqual(['reasonEn']);
    expect(decisionFieldOfPath(['validDays'])).toBeNull();
  });
});

describe('lines, endorsements and cancellations', () => {
  const terms = {
    contract: 'KB-BR-CYBER@1',
    subject: '91310115MA1K4D3X0Y',
    liability: ['direct_loss'],
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    sumInsured: '5000000.00',
  };

  it('writes a line on the board’s terms unchanged', () => {
    expect(lineBody({ written: ' 60 ', toStand: true, comment: '' }, terms)).toEqual({
      written: '60',
      toStand: true,
      terms,
    });
    expect(lineBody({ written: '40', comment: '按再保合约' }, terms)).toEqual({
      written: '40',
      toStand: false,
      terms,
      comment: '按再保合约',
    });
  });

  it('endorses only what was filled in', () => {
    expect(
      endorseBody({ effectiveDate: '2026-06-01', limit: '8000000', sumInsured: '', reason: ' 追加限额 ' }),
    ).toEqual({
      effectiveDate: '2026-06-01',
      limit: '8000000.00',
      reason: '追加限额',
    });
    expect(cancelBody({ cancelDate: '2026-06-01', method: 'short_rate', reason: ' 不再需要 ' })).toEqual({
      cancelDate: '2026-06-01',
      method: 'short_rate',
      reason: '不再需要',
    });
  });

  it('makes a new printable key for every attempt', () => {
    const a = idempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(idempotencyKey()).not.toBe(a);
  });
});
