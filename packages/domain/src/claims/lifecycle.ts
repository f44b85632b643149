import type { BilingualText } from '../catalog/index.ts';
import { type Fen, formatYuanGrouped } from '../money/index.ts';
import { addDays, type CalendarDate, parseCalendarDate } from '../time/index.ts';

/*
 * The claim lifecycle (理赔流程) as a state machine, with what the enterprise is waiting for at each step
 * and by when, for the claim tracking page.
 *
 *   notified 报案 → covered 属于保险责任 | declined 拒赔 | withdrawn 撤案
 *   covered → assessing 查勘定损 | reserved 立案估损 | approved 核赔 (small or parametric claims) | declined
 *   assessing ⇄ reserved → approved → paid 已支付 → closed 结案
 *   closed, declined, paid → reopened 重开 → assessing | reserved | declined | closed
 *   any open step before approval → withdrawn (the claimant withdraws; final)
 *
 * Time limits, Insurance Law (保险法, 2015):
 * - art. 23: on a claim the insurer decides (核定) promptly, within 30 days in complicated cases unless the
 *   contract says otherwise, and pays within 10 days of agreeing the amount with the insured;
 * - art. 24: a claim outside the cover is declined by written notice with the reason within 3 days of the
 *   decision;
 * - art. 25: an amount still undetermined 60 days after the claim and its documents are received is paid
 *   in advance as far as the documents already show it (先予支付).
 * These are the defaults below (DEFAULT_CLAIM_SLA_DAYS): notified and reopened 30 (art. 23), declined 3
 * (art. 24, the notice), assessing 60 (art. 25), approved 10 (art. 23). The other steps have no statutory
 * limit; their defaults (covered 3: a surveyor is assigned; reserved 10: the claim is approved; paid 30:
 * the file is closed) are the platform's own, to be configured per insurer.
 *
 * Days are calendar days counted as the Civil Code counts periods (art. 201: the day a step starts is not
 * counted), so a step entered on D is due by the end of D + days. The extension of a period ending on a
 * public holiday (art. 203) is not applied: the due date shown is never later than the legal one.
 */

export const claimStatuses = [
  'notified',
  'covered',
  'declined',
  'assessing',
  'reserved',
  'approved',
  'paid',
  'closed',
  'reopened',
  'withdrawn',
] as const;

export type ClaimStatus = (typeof claimStatuses)[number];

export function isClaimStatus(value: unknown): value is ClaimStatus {
  return typeof value === 'string' && (claimStatuses as readonly string[]).includes(value);
}

export interface ClaimStatusInfo {
  label: BilingualText;
  /** What the enterprise is waiting for while the claim is in this status; null when nothing. */
  waitingFor: BilingualText | null;
  /** The legal source of the step's time limit, when it has one. */
  basis: BilingualText | null;
}

export const CLAIM_STATUS_INFO: Readonly<Record<ClaimStatus, ClaimStatusInfo>> = {
  notified: {
    label: { zh: '已报案', en: 'Notified' },
    waitingFor: {
      zh: '保险公司核定是否属于保险责任；如需补充材料，保险公司将一次性通知',
      en: 'The insurer decides whether the claim is covered; if documents are missing it asks for all of them at once',
    },
    basis: { zh: '《保险法》第二十二条、第二十三条', en: 'Insurance Law arts. 22 and 23' },
  },
  covered: {
    label: { zh: '属于保险责任', en: 'Covered' },
    waitingFor: {
      zh: '保险公司安排查勘定损人员',
      en: 'The insurer assigns a loss adjuster',
    },
    basis: null,
  },
  declined: {
    label: { zh: '已拒赔', en: 'Declined' },
    waitingFor: {
      zh: '保险公司发出拒绝赔偿通知书并说明理由；如有新的证明材料，可申请重新审核',
      en: 'The insurer sends the written notice of decline with its reasons; with new evidence the claim can be reopened',
    },
    basis: { zh: '《保险法》第二十四条', en: 'Insurance Law art. 24' },
  },
  assessing: {
    label: { zh: '查勘定损中', en: 'Assessing the loss' },
    waitingFor: {
      zh: '查勘定损并与被保险人协商赔偿金额；60 日内仍不能确定的，保险公司先行支付可确定的部分',
      en: 'The loss is surveyed and the amount agreed with the insured; what is still open after 60 days is paid in advance as far as it can be established',
    },
    basis: { zh: '《保险法》第二十五条', en: 'Insurance Law art. 25' },
  },
  reserved: {
    label: { zh: '已立案估损', en: 'Reserved' },
    waitingFor: {
      zh: '保险公司核赔（按金额由相应权限人员审批）',
      en: 'The insurer approves the settlement (by a person with authority for the amount)',
    },
    basis: null,
  },
  approved: {
    label: { zh: '已核赔', en: 'Approved' },
    waitingFor: {
      zh: '保险公司在达成赔偿协议后 10 日内支付赔款',
      en: 'The insurer pays within 10 days of agreeing the amount',
    },
    basis: { zh: '《保险法》第二十三条', en: 'Insurance Law art. 23' },
  },
  paid: {
    label: { zh: '已赔付', en: 'Paid' },
    waitingFor: { zh: '保险公司结案归档', en: 'The insurer closes the file' },
    basis: null,
  },
  closed: {
    label: { zh: '已结案', en: 'Closed' },
    waitingFor: null,
    basis: null,
  },
  reopened: {
    label: { zh: '已重开', en: 'Reopened' },
    waitingFor: {
      zh: '保险公司重新核定',
      en: 'The insurer decides the claim again',
    },
    basis: { zh: '《保险法》第二十三条', en: 'Insurance Law art. 23' },
  },
  withdrawn: {
    label: { zh: '已撤案', en: 'Withdrawn' },
    waitingFor: null,
    basis: null,
  },
};

/** The steps each status may move to. closed and declined reopen; withdrawn is final. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  notified: ['covered', 'declined', 'withdrawn'],
  covered: ['assessing', 'reserved', 'approved', 'declined', 'withdrawn'],
  assessing: ['reserved', 'declined', 'withdrawn'],
  reserved: ['assessing', 'approved', 'declined', 'withdrawn'],
  approved: ['paid'],
  paid: ['closed', 'reopened'],
  declined: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['assessing', 'reserved', 'declined', 'closed', 'withdrawn'],
  withdrawn: [],
};

/** Calendar days each status may last (see the file comment); null: no time limit. */
export const DEFAULT_CLAIM_SLA_DAYS: Readonly<Record<ClaimStatus, number | null>> = {
  notified: 30,
  covered: 3,
  declined: 3,
  assessing: 60,
  reserved: 10,
  approved: 10,
  paid: 30,
  closed: null,
  reopened: 30,
  withdrawn: null,
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from]?.includes(to) ?? false;
}

/** The statuses a claim may move to next, with their labels. */
export function nextSteps(status: ClaimStatus): { status: ClaimStatus; label: BilingualText }[] {
  return (CLAIM_TRANSITIONS[status] ?? []).map((next) => ({
    status: next,
    label: CLAIM_STATUS_INFO[next].label,
  }));
}

/**
 * The last day of a step entered on `enteredAt` (a Shanghai calendar date, 'YYYY-MM-DD'): enteredAt +
 * days, null for a status without a time limit.
 */
export function slaDue(
  status: ClaimStatus,
  enteredAt: string,
  slaDays: Readonly<Record<ClaimStatus, number | null>> = DEFAULT_CLAIM_SLA_DAYS,
): CalendarDate | null {
  const days = slaDays[status];
  const entered = parseCalendarDate(enteredAt);
  if (days === null || days === undefined) return null;
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`${days} is not a number of days`);
  return addDays(entered, days);
}

/** What the tracking page shows: where the claim is, what the enterprise waits for, by when, and what may follow. */
export function claimTracking(
  status: ClaimStatus,
  enteredAt: string,
  slaDays: Readonly<Record<ClaimStatus, number | null>> = DEFAULT_CLAIM_SLA_DAYS,
): {
  status: ClaimStatus;
  label: BilingualText;
  waitingFor: BilingualText | null;
  basis: BilingualText | null;
  due: CalendarDate | null;
  next: { status: ClaimStatus; label: BilingualText }[];
} {
  const info = CLAIM_STATUS_INFO[status];
  return {
    status,
    label: info.label,
    waitingFor: info.waitingFor,
    basis: info.basis,
    due: slaDue(status, enteredAt, slaDays),
    next: nextSteps(status),
  };
}

// ---- Approval authority (核赔权限) -----------------------------------------------------------------

/*
 * Who may approve a settlement of a given amount. Insurers grade claims authority by amount; the defaults
 * (the platform's own, no public standard) are: a claims handler up to ¥500,000, a claims manager up to
 * ¥5,000,000, above that the insurer's claims committee, acting through the insurer's admin role
 * ('admin'), without an upper limit. Limits are inclusive (a handler approves exactly ¥500,000) and are
 * data, so an insurer can set its own.
 */

export const claimsAuthorityRoles = ['claims_handler', 'claims_manager', 'admin'] as const;
export type ClaimsAuthorityRole = (typeof claimsAuthorityRoles)[number];

/** The highest amount each role may approve, in fen; null: no limit. */
export const DEFAULT_APPROVAL_LIMITS: Readonly<Record<ClaimsAuthorityRole, Fen | null>> = {
  claims_handler: 50_000_000n,
  claims_manager: 500_000_000n,
  admin: null,
};

export const CLAIMS_AUTHORITY_LABELS: Readonly<Record<ClaimsAuthorityRole, BilingualText>> = {
  claims_handler: { zh: '理赔人员', en: 'Claims handler' },
  claims_manager: { zh: '理赔经理', en: 'Claims manager' },
  admin: { zh: '理赔委员会', en: 'Claims committee' },
};

export interface ApprovalAuthority {
  /** Whether `role` may approve the amount. */
  allowed: boolean;
  /** The role's limit in fen; null when it has none. */
  limit: Fen | null;
  /** The lowest role whose limit covers the amount. */
  requiredRole: ClaimsAuthorityRole;
  message: BilingualText;
}

export function approvalAuthority(
  role: ClaimsAuthorityRole,
  amount: Fen,
  limits: Readonly<Record<ClaimsAuthorityRole, Fen | null>> = DEFAULT_APPROVAL_LIMITS,
): ApprovalAuthority {
  if (!(claimsAuthorityRoles as readonly string[]).includes(role)) {
    throw new RangeError(`${JSON.stringify(role)} is not a claims authority role`);
  }
  if (amount < 0n) throw new RangeError(`an amount of ${amount} fen to approve is negative`);
  const covers = (candidate: ClaimsAuthorityRole): boolean => {
    const limit = limits[candidate];
    return limit === null || amount <= limit;
  };
  const requiredRole = claimsAuthorityRoles.find(covers);
  if (requiredRole === undefined) {
    throw new RangeError(`no role may approve ${amount} fen: give one role no limit`);
  }
  const allowed = covers(role);
  const limit = limits[role];
  const figure = formatYuanGrouped(amount);
  const required = CLAIMS_AUTHORITY_LABELS[requiredRole];
  return {
    allowed,
    limit,
    requiredRole,
    message: allowed
      ? {
          zh: `${figure} 元在${CLAIMS_AUTHORITY_LABELS[role].zh}核赔权限内`,
          en: `${figure} yuan is within the ${lowerFirst(CLAIMS_AUTHORITY_LABELS[role].en)}'s authority`,
        }
      : {
          zh: `${figure} 元超出${CLAIMS_AUTHORITY_LABELS[role].zh}核赔权限（${formatYuanGrouped(limit ?? 0n)} 元），须由${required.zh}审批`,
          en: `${figure} yuan is above the ${lowerFirst(CLAIMS_AUTHORITY_LABELS[role].en)}'s authority (${formatYuanGrouped(limit ?? 0n)} yuan) and needs the ${lowerFirst(required.en)}`,
        },
  };
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
