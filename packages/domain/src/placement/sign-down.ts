import { allocate } from '../money/index.ts';
import { assertUnits, WHOLE } from './shares.ts';

/**
 * London-market sign-down of written lines (domain README §2, subscription-market mechanics): when the
 * written lines total at most 100 % they are signed as written and the rest is unplaced; when they total
 * more, lines marked "to stand" keep their written line and the others share what is left of 100 % pro
 * rata to their written lines, split with the one largest-remainder allocation so the signed lines sum to
 * exactly 100 % (a 25 % line on a slip closing at 125 % signs at 20 %).
 */

/** One insurer's written line on the slip, in share units. */
export interface WrittenLine {
  written: number;
  toStand: boolean;
}

export type SignDownResult =
  | { ok: true; signed: number[]; writtenTotal: number; unplaced: number; signedDown: boolean }
  | { ok: false; code: 'placement.lines_to_stand_exceed_whole'; writtenTotal: number };

/**
 * Signed lines in the order of `lines`. Over-subscribed and the lines to stand alone exceed 100 % → the
 * error result (nothing can be signed). Ties in the allocation go to the earlier line, so equal written
 * lines may sign one unit apart.
 */
export function signDown(lines: readonly WrittenLine[]): SignDownResult {
  for (const line of lines) {
    assertUnits(line.written, 'a written line of');
    if (line.written < 0 || line.written > WHOLE) {
      throw new RangeError(`a written line of ${line.written} units is not between 0 and ${WHOLE}`);
    }
  }
  const writtenTotal = lines.reduce((sum, line) => sum + line.written, 0);
  if (writtenTotal <= WHOLE) {
    return {
      ok: true,
      signed: lines.map((line) => line.written),
      writtenTotal,
      unplaced: WHOLE - writtenTotal,
      signedDown: false,
    };
  }

  const standing = lines.reduce((sum, line) => sum + (line.toStand ? line.written : 0), 0);
  if (standing > WHOLE) return { ok: false, code: 'placement.lines_to_stand_exceed_whole', writtenTotal };

  // writtenTotal > WHOLE ≥ standing, so the lines not standing carry a positive total and allocate has a
  // positive weight; a standing line gets weight 0 here and keeps its written line below.
  const shared = allocate(
    BigInt(WHOLE - standing),
    lines.map((line) => (line.toStand ? 0 : line.written)),
  );
  const signed = lines.map((line, index) => (line.toStand ? line.written : Number(shared[index] as bigint)));
  return { ok: true, signed, writtenTotal, unplaced: 0, signedDown: true };
}
