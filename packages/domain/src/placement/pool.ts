import { allocate } from '../money/index.ts';
import { compareDates, parseCalendarDate } from '../time/index.ts';
import { assertUnits, WHOLE } from './shares.ts';

/**
 * Standing co-insurance pools (共保体, domain README §2: members, a lead, default shares): the members
 * active on a date and their shares. A member is active from 00:00 of the day it joins until 00:00 of the
 * day it leaves. When the active members' default shares no longer make 100 % (after an exit, or before
 * the shares are renegotiated) they are re-scaled pro rata with the one largest-remainder allocation, so
 * they always do.
 */

/** A pool membership; dates 'YYYY-MM-DD', share in units, leftOn null while the member stays. */
export interface PoolMember {
  orgId: string;
  share: number;
  joinedOn: string;
  leftOn: string | null;
  lead: boolean;
}

/**
 * Members active on `date` (joinedOn ≤ date < leftOn) with their default shares; when they no longer sum
 * to WHOLE (after an exit) they are re-scaled with allocate so they do. Empty array when none. Sorted: lead
 * first, then by orgId (code-unit order); a fraction of a unit left by the re-scaling goes, on a tie, to
 * the earlier member in that order, so the lead first. Throws RangeError when active members exist but
 * none holds a share.
 */
export function poolSharesOn(
  members: readonly PoolMember[],
  date: string,
): { orgId: string; share: number; lead: boolean }[] {
  const day = parseCalendarDate(date);
  const active = members
    .filter((member) => {
      assertUnits(member.share, `the share of ${member.orgId}`);
      if (member.share < 0) throw new RangeError(`the share of ${member.orgId} is negative`);
      const joined = compareDates(parseCalendarDate(member.joinedOn), day) <= 0;
      const notYetLeft = member.leftOn === null || compareDates(day, parseCalendarDate(member.leftOn)) < 0;
      return joined && notYetLeft;
    })
    .map((member) => ({ orgId: member.orgId, share: member.share, lead: member.lead }))
    .sort((a, b) =>
      a.lead !== b.lead ? (a.lead ? -1 : 1) : a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0,
    );
  if (active.length === 0) return [];

  const total = active.reduce((sum, member) => sum + member.share, 0);
  if (total === WHOLE) return active;
  if (total === 0) throw new RangeError(`no member active on ${date} holds a share of the pool`);
  const rescaled = allocate(
    BigInt(WHOLE),
    active.map((member) => member.share),
  );
  return active.map((member, index) => ({ ...member, share: Number(rescaled[index] as bigint) }));
}
