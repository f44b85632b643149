import { earnedAndUnearnedByParticipant, type PremiumLayer, postUprMovement } from '@kebao/domain/ledger';
import { formatYuan } from '@kebao/domain/money';
import {
  addDays,
  addMonths,
  compareDates,
  parseCalendarDate,
  shanghaiDateOf,
  startOfDayInstant,
} from '@kebao/domain/time';
import { problem } from '../../platform/errors.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  finishClose,
  insertClose,
  type JournalLineInsert,
  lastClose,
  type UprPolicyRow,
  uprPolicies,
} from './repo.ts';
import { postEntry } from './service.ts';

/*
 * Earned premium and the unearned premium reserve (1/365) per policy and co-insurer, and the monthly close
 * (月结) that books each month's UPR movement: for every policy, each co-insurer's UPR at the month's last day
 * minus what its books already hold, Dr 提取未到期责任准备金 / Cr 未到期责任准备金. A month closes once, after
 * it has ended, and months close in order.
 */

/** The premium layers of a policy: the bind over its original term, then each endorsement and the cancellation. */
export function layersOf(policy: Pick<UprPolicyRow, 'written' | 'start_date' | 'end_date' | 'layers'>): {
  layers: PremiumLayer[];
  cancelledFrom: string | null;
} {
  const moves = policy.layers;
  const firstEndChange = moves.find((m) => m.endDate);
  let end = firstEndChange?.endDate?.from ?? policy.end_date;
  const bindPremium = moves.reduce((p, m) => p - BigInt(m.amount), BigInt(policy.written));
  const layers: PremiumLayer[] = [{ premium: bindPremium, start: policy.start_date, end }];
  let cancelledFrom: string | null = null;
  for (const m of moves) {
    if (m.endDate) end = m.endDate.to;
    layers.push({ premium: BigInt(m.amount), start: m.from, end });
    if (m.kind === 'cancel') cancelledFrom = m.from;
  }
  return { layers, cancelledFrom };
}

/** Each co-insurer's written, earned and unearned premium at the end of `asOf`. */
export function earnedOf(policy: UprPolicyRow, asOf: string) {
  const { layers, cancelledFrom } = layersOf(policy);
  const parts = earnedAndUnearnedByParticipant(
    layers,
    policy.lines.map((l) => BigInt(l.premium)),
    asOf,
    cancelledFrom,
  );
  return policy.lines.map((l, i) => ({ orgId: l.orgId, ...(parts[i] as (typeof parts)[number]) }));
}

const PAGE = 500;

export async function closeMonth(ctx: Ctx, month: string) {
  const start = parseCalendarDate(`${month}-01`);
  const end = addDays(addMonths(start, 1), -1);
  const today = shanghaiDateOf(ctx.now);
  if (compareDates(end, today) >= 0) throw problem('ledger.month_not_ended', { params: { month } });
  const last = await lastClose(ctx.db);
  if (last) {
    const next = addMonths(parseCalendarDate(last), 1);
    if (compareDates(start, next) < 0) throw problem('ledger.month_closed', { params: { month } });
    if (compareDates(start, next) > 0) {
      throw problem('ledger.month_out_of_order', { params: { next: next.slice(0, 7) } });
    }
  }
  if (!(await insertClose(ctx.db, start, ctx.now, ctx.actor.userId))) {
    throw problem('ledger.month_closed', { params: { month } });
  }
  const boundBefore = startOfDayInstant(addDays(end, 1));
  let after: string | null = null;
  let policies = 0;
  let change = 0n;
  let firstEntry: string | null = null;
  for (;;) {
    const page = await uprPolicies(ctx.db, boundBefore, start, after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? null;
    const lines: JournalLineInsert[] = [];
    for (const policy of page) {
      const booked = new Map(policy.booked.map((b) => [b.orgId, -BigInt(b.balance)]));
      let moved = false;
      for (const part of earnedOf(policy, end)) {
        const delta = part.unearned - (booked.get(part.orgId) ?? 0n);
        if (delta === 0n) continue;
        moved = true;
        change += delta;
        for (const line of postUprMovement({
          orgId: part.orgId,
          policyholder: policy.enterprise_id,
          change: delta,
        })) {
          lines.push({
            ...line,
            policyId: policy.id,
            productCode: policy.product_code,
            statisticalClass: policy.statistical_class,
          });
        }
      }
      if (moved) policies++;
    }
    if (lines.length > 0) {
      const id = await postEntry(ctx, {
        kind: 'close',
        description: `${month} 月结：未到期责任准备金`,
        lines,
      });
      firstEntry ??= id;
    }
    if (page.length < PAGE) break;
  }
  await finishClose(ctx.db, start, firstEntry, policies, change);
  const summary = { month, policies, uprChange: formatYuan(change) };
  ctx.audit({ action: 'ledger.close', entityType: 'ledger_close', entityId: start, after: summary });
  ctx.emit({ type: 'ledger.closed', aggregateType: 'ledger_close', aggregateId: start, payload: summary });
  return summary;
}

/** The month a close job should close now: the previous month, unless it is closed already. */
export function previousMonth(now: Date): string {
  return addMonths(parseCalendarDate(`${shanghaiDateOf(now).slice(0, 7)}-01`), -1).slice(0, 7);
}
