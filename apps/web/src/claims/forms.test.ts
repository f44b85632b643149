import { Permission } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import type { ProductDefinition, Section } from '../catalog/definition.ts';
import {
  approveBody,
  assignBody,
  claimableSections,
  claimRights,
  declineBody,
  disputeBody,
  dueDay,
  dueToPay,
  expertBody,
  fileClaimBody,
  fileClaimFieldOfPath,
  foreignAmountText,
  hasWaitingPeriod,
  mediationBody,
  noteBody,
  reopenBody,
  reportBody,
  reserveBody,
} from './forms.ts';

const section = (key: string, extra: Partial<Section> = {}): Section => ({
  key,
  names: { zh: key, en: key },
  limit: { basis: 'limit', multiple: '1' },
  trigger: { type: 'occurrence' },
  ...extra,
});

const definition = {
  sections: [
    section('direct_loss', { deductible: { type: 'option', option: 'deductible' } }),
    section('business_interruption', { deductible: { type: 'waiting_days', days: 1 } }),
    section('extortion', { optional: true }),
    section('tech_eo', { optional: true }),
    section('heat_index', {
      trigger: {
        type: 'parametric',
        index: { zh: '高温日数', en: 'Hot days' },
        unit: 'days',
        payouts: [{ threshold: '10', payoutShareOfLimit: '0.5' }],
        direction: 'above',
      },
    }),
  ],
} as unknown as ProductDefinition;

const keys = (sections: Section[]) => sections.map((s) => s.key);

describe('the covers a notice may name', () => {
  it('offers the covers bought: optional ones only when chosen, never the index covers', () => {
    expect(keys(claimableSections(definition, { limit: '5000000.00' }))).toEqual([
      'direct_loss',
      'business_interruption',
    ]);
    expect(keys(claimableSections(definition, { options: { extortion: true, tech_eo: false } }))).toEqual([
      'direct_loss',
      'business_interruption',
      'extortion',
    ]);
    // A request it cannot read: the non-optional covers, the server has the last word.
    expect(keys(claimableSections(definition, null))).toEqual(['direct_loss', 'business_interruption']);
  });

  it('asks the days of an interruption where the cover has a waiting period', () => {
    expect(hasWaitingPeriod(definition.sections[1])).toBe(true);
    expect(hasWaitingPeriod(definition.sections[0])).toBe(false);
    expect(hasWaitingPeriod(undefined)).toBe(false);
  });
});

describe('who does what with a claim', () => {
  const enterprise = { permissions: [Permission.ClaimFile, Permission.ClaimRead] };
  const handler = { permissions: [Permission.ClaimRead, Permission.ClaimHandle] };
  const follower = { permissions: [Permission.ClaimRead, Permission.ClaimHandle] };
  const claim = (status: string, canHandle = false, disputes: { status: string }[] = []) =>
    ({ status, canHandle, disputes }) as never;

  it('lets the policyholder withdraw before anything is agreed, and dispute a decision once', () => {
    expect(claimRights(claim('notified'), enterprise)).toMatchObject({
      claimant: true,
      withdraw: true,
      dispute: false,
      upload: true,
      register: false,
    });
    expect(claimRights(claim('approved'), enterprise)).toMatchObject({ withdraw: false, dispute: true });
    expect(claimRights(claim('declined', false, [{ status: 'mediating' }]), enterprise).dispute).toBe(false);
    expect(claimRights(claim('declined', false, [{ status: 'upheld' }]), enterprise).dispute).toBe(true);
    expect(claimRights(claim('withdrawn'), enterprise).upload).toBe(false);
  });

  it('gives the lead’s claims staff the desk step by step; a follower reads only', () => {
    expect(claimRights(claim('notified', true), handler)).toMatchObject({
      register: true,
      decline: true,
      approve: false,
      pay: false,
      assignExpert: true,
    });
    expect(claimRights(claim('assessing', true), handler)).toMatchObject({
      register: false,
      reserve: true,
      approve: true,
      close: true,
    });
    expect(claimRights(claim('approved', true), handler)).toMatchObject({
      pay: true,
      approve: false,
      decline: false,
    });
    expect(claimRights(claim('paid', true), handler)).toMatchObject({
      pay: false,
      close: true,
      reopen: false,
    });
    expect(claimRights(claim('closed', true), handler)).toMatchObject({ reopen: true, close: false });
    const readOnly = claimRights(claim('assessing', false), follower);
    expect(Object.entries(readOnly).filter(([, v]) => v === true)).toEqual([]);
  });

  it('reads what is still to pay and the last day of a step', () => {
    expect(dueToPay({ agreed: '1184567.89', paid: '0.00' })).toBe('1184567.89');
    expect(dueToPay({ agreed: '100.00', paid: '100.00' })).toBe('0.00');
    expect(dueToPay({ agreed: null, paid: '0.00' })).toBe('0.00');
    // Due at the end of 2026-03-31 in Shanghai: midnight there is 16:00 UTC the day before.
    expect(dueDay('2026-03-31T16:00:00.000Z')).toBe('2026-03-31');
    expect(dueDay(null)).toBeNull();
  });

  it('reads a foreign amount the API gives in minor units', () => {
    expect(foreignAmountText('20000.00', 'USD')).toBe('USD 20,000.00');
    expect(foreignAmountText('0.05', 'EUR')).toBe('EUR 0.05');
    expect(foreignAmountText('150000', 'JPY')).toBe('JPY 150,000');
    expect(foreignAmountText('1234.567', 'KWD')).toBe('KWD 1,234.567');
  });
});

describe('the bodies the forms send', () => {
  it('files a notice in yuan, or in a foreign currency with its rate', () => {
    expect(
      fileClaimBody({
        policyId: 'p',
        sectionKey: 'direct_loss',
        lossDate: '2026-03-01',
        description: '  勒索软件攻击导致服务器损毁 ',
        currency: 'CNY',
        claimed: '1,234,567.8',
        foreignAmount: '99',
        eventCode: ' cyber-2026-001 ',
        interruptionDays: null,
      }),
    ).toEqual({
      policyId: 'p',
      sectionKey: 'direct_loss',
      lossDate: '2026-03-01',
      description: '勒索软件攻击导致服务器损毁',
      claimed: '1234567.80',
      eventCode: 'CYBER-2026-001',
    });
    expect(
      fileClaimBody({
        policyId: 'p',
        sectionKey: 'business_interruption',
        sublimitKey: 'regulatory_defence',
        lossDate: '2026-03-01',
        description: '停机三天',
        currency: 'foreign',
        claimed: '1',
        foreignCurrency: ' usd',
        foreignAmount: '12,500.00',
        rate: '7.1234 ',
        interruptionDays: 3,
      }),
    ).toEqual({
      policyId: 'p',
      sectionKey: 'business_interruption',
      sublimitKey: 'regulatory_defence',
      lossDate: '2026-03-01',
      description: '停机三天',
      foreign: { currency: 'USD', amount: '12500.00', rate: '7.1234' },
      interruptionDays: 3,
    });
  });

  it('puts the server’s errors about a notice under the fields they name', () => {
    expect(fileClaimFieldOfPath(['foreign', 'amount'])).toEqual(['foreignAmount']);
    expect(fileClaimFieldOfPath(['foreign', 'rate'])).toEqual(['rate']);
    expect(fileClaimFieldOfPath(['foreign'])).toEqual(['foreignAmount']);
    expect(fileClaimFieldOfPath(['interruptionDays'])).toEqual(['interruptionDays']);
    expect(fileClaimFieldOfPath(['claimed'])).toEqual(['claimed']);
    expect(fileClaimFieldOfPath(['nonsense'])).toBeNull();
  });

  it('sends the desk’s amounts with two places and leaves empty notes out', () => {
    expect(reserveBody({ reserve: '1000000', note: '  ' })).toEqual({ reserve: '1000000.00' });
    expect(reserveBody({ reserve: '12.345', note: '估损' })).toEqual({ reserve: '12.345', note: '估损' });
    expect(reopenBody({ reserve: '500', note: ' 调解结果 ' })).toEqual({
      reserve: '500.00',
      note: '调解结果',
    });
    expect(approveBody({ amount: '1,184,567.89' })).toEqual({ amount: '1184567.89' });
    expect(declineBody({ article: ' 责任免除第五条 ', reason: ' 故意行为 ' })).toEqual({
      article: '责任免除第五条',
      reason: '故意行为',
    });
    expect(noteBody(undefined)).toEqual({});
    expect(noteBody(' 赔付完毕 ')).toEqual({ note: '赔付完毕' });
    expect(assignBody({ field: 'cyber', method: 'rotation', expertId: 'x', fee: '' })).toEqual({
      field: 'cyber',
      method: 'rotation',
    });
    expect(assignBody({ field: 'cyber', method: 'named', expertId: 'x', fee: '3000' })).toEqual({
      field: 'cyber',
      method: 'named',
      expertId: 'x',
      fee: '3000.00',
    });
  });

  it('sends disputes, mediation steps, reports and experts as the API takes them', () => {
    expect(disputeBody({ grounds: ' 定损金额过低 ', askedAmount: '200000' })).toEqual({
      grounds: '定损金额过低',
      askedAmount: '200000.00',
    });
    expect(mediationBody({ action: 'assign', mediator: ' 王调解员 ', amount: '1' })).toEqual({
      action: 'assign',
      mediator: '王调解员',
    });
    expect(mediationBody({ action: 'hearing', on: '2026-04-01', place: '上海', note: '' })).toEqual({
      action: 'hearing',
      on: '2026-04-01',
      place: '上海',
    });
    expect(mediationBody({ action: 'settle', outcome: '双方同意', amount: '150000' })).toEqual({
      action: 'settle',
      outcome: '双方同意',
      amount: '150000.00',
    });
    expect(mediationBody({ action: 'withdraw' })).toEqual({ action: 'withdraw' });
    expect(reportBody({ report: ' 查勘完毕，损失属实。 ', amount: '' })).toEqual({
      report: '查勘完毕，损失属实。',
    });
    expect(
      expertBody({
        name: ' 郑专家 ',
        employer: '示例检测中心',
        fields: ['cyber'],
        qualifications: [' CISP ', ''],
        regionCode: '',
      }),
    ).toEqual({ name: '郑专家', employer: '示例检测中心', fields: ['cyber'], qualifications: ['CISP'] });
  });
});
