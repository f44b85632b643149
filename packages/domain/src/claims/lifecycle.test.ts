import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import {
  approvalAuthority,
  CLAIM_STATUS_INFO,
  CLAIM_TRANSITIONS,
  canTransition,
  claimStatuses,
  claimTracking,
  DEFAULT_CLAIM_SLA_DAYS,
  isClaimStatus,
  nextSteps,
  slaDue,
} from './lifecycle.ts';

const yuan = parseYuan;

describe('claim status machine', () => {
  it('runs the ordinary path notified → covered → assessing → reserved → approved → paid → closed', () => {
    const path = ['notified', 'covered', 'assessing', 'reserved', 'approved', 'paid', 'closed'] as const;
    for (let i = 1; i < path.length; i++) {
      expect(canTransition(path[i - 1] as (typeof path)[number], path[i] as (typeof path)[number])).toBe(
        true,
      );
    }
  });

  it('declines after the coverage check or the assessment, and reopens a declined or closed claim', () => {
    expect(canTransition('notified', 'declined')).toBe(true);
    expect(canTransition('assessing', 'declined')).toBe(true);
    expect(canTransition('declined', 'reopened')).toBe(true);
    expect(canTransition('closed', 'reopened')).toBe(true);
    expect(canTransition('reopened', 'assessing')).toBe(true);
  });

  it('refuses skipping the decision, paying before approval, and anything after a withdrawal', () => {
    expect(canTransition('notified', 'assessing')).toBe(false);
    expect(canTransition('reserved', 'paid')).toBe(false);
    expect(canTransition('approved', 'withdrawn')).toBe(false);
    for (const status of claimStatuses) expect(canTransition('withdrawn', status)).toBe(false);
  });

  it('names only known statuses, each with both labels', () => {
    for (const status of claimStatuses) {
      expect(CLAIM_STATUS_INFO[status].label.zh).not.toBe('');
      expect(CLAIM_STATUS_INFO[status].label.en).not.toBe('');
      for (const next of CLAIM_TRANSITIONS[status]) expect(isClaimStatus(next)).toBe(true);
      expect(CLAIM_TRANSITIONS[status]).not.toContain(status);
    }
    expect(isClaimStatus('settled')).toBe(false);
  });

  it('lists the next steps with their labels', () => {
    expect(nextSteps('notified')).toEqual([
      { status: 'covered', label: { zh: '属于保险责任', en: 'Covered' } },
      { status: 'declined', label: { zh: '已拒赔', en: 'Declined' } },
      { status: 'withdrawn', label: { zh: '已撤案', en: 'Withdrawn' } },
    ]);
    expect(nextSteps('withdrawn')).toEqual([]);
  });
});

describe('time limits (Insurance Law arts. 23–25)', () => {
  it('defaults to 30 days to decide, 3 to send a decline, 60 to adjust, 10 to pay', () => {
    expect(DEFAULT_CLAIM_SLA_DAYS).toMatchObject({ notified: 30, declined: 3, assessing: 60, approved: 10 });
  });

  it('counts from the day after the step was entered (Civil Code art. 201)', () => {
    expect(slaDue('notified', '2025-03-01')).toBe('2025-03-31');
    expect(slaDue('approved', '2025-12-28')).toBe('2026-01-07');
    expect(slaDue('closed', '2025-03-01')).toBeNull();
    expect(slaDue('approved', '2025-03-01', { ...DEFAULT_CLAIM_SLA_DAYS, approved: 5 })).toBe('2025-03-06');
    expect(() => slaDue('approved', '2025-02-30')).toThrow();
  });

  it('tells the tracking page what the enterprise waits for and by when', () => {
    expect(claimTracking('approved', '2025-06-01')).toEqual({
      status: 'approved',
      label: { zh: '已核赔', en: 'Approved' },
      waitingFor: {
        zh: '保险公司在达成赔偿协议后 10 日内支付赔款',
        en: 'The insurer pays within 10 days of agreeing the amount',
      },
      basis: { zh: '《保险法》第二十三条', en: 'Insurance Law art. 23' },
      due: '2025-06-11',
      next: [{ status: 'paid', label: { zh: '已赔付', en: 'Paid' } }],
    });
  });
});

describe('approval authority', () => {
  it('lets a claims handler approve up to ¥500,000 inclusive', () => {
    expect(approvalAuthority('claims_handler', yuan('500000'))).toMatchObject({
      allowed: true,
      limit: yuan('500000'),
      requiredRole: 'claims_handler',
    });
    const above = approvalAuthority('claims_handler', yuan('500000.01'));
    expect(above).toMatchObject({ allowed: false, requiredRole: 'claims_manager' });
    expect(above.message.zh).toBe('500,000.01 元超出理赔人员核赔权限（500,000.00 元），须由理赔经理审批');
  });

  it('sends amounts above ¥5,000,000 to the claims committee (admin)', () => {
    expect(approvalAuthority('claims_manager', yuan('5000000')).allowed).toBe(true);
    expect(approvalAuthority('claims_manager', yuan('5000001'))).toMatchObject({
      allowed: false,
      requiredRole: 'admin',
    });
    expect(approvalAuthority('admin', yuan('900000000'))).toMatchObject({ allowed: true, limit: null });
  });

  it('takes an insurer’s own limits, and refuses unknown roles and negative amounts', () => {
    const own = { claims_handler: yuan('100000'), claims_manager: yuan('1000000'), admin: null };
    expect(approvalAuthority('claims_handler', yuan('200000'), own).requiredRole).toBe('claims_manager');
    expect(() => approvalAuthority('underwriter' as 'admin', 1n)).toThrow(/not a claims authority role/);
    expect(() => approvalAuthority('admin', -1n)).toThrow(/negative/);
  });
});
