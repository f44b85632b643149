import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WHOLE } from './shares.ts';
import { signDown, type WrittenLine } from './sign-down.ts';

const line = (written: number, toStand = false): WrittenLine => ({ written, toStand });

const lines = fc.array(fc.record({ written: fc.integer({ min: 0, max: WHOLE }), toStand: fc.boolean() }), {
  minLength: 1,
  maxLength: 12,
});
const total = (ls: readonly WrittenLine[]) => ls.reduce((sum, l) => sum + l.written, 0);
const standing = (ls: readonly WrittenLine[]) => ls.reduce((sum, l) => sum + (l.toStand ? l.written : 0), 0);
/** Over-subscribed slips that can be signed. */
const overSubscribed = lines.filter((ls) => total(ls) > WHOLE && standing(ls) <= WHOLE);

function signed(ls: readonly WrittenLine[]): number[] {
  const result = signDown(ls);
  if (!result.ok) throw new Error(`unexpected ${result.code}`);
  return result.signed;
}

describe('signing down written lines (London market)', () => {
  it('signs 25/40/60 % (closing at 125 %) down to 20/32/48 %', () => {
    expect(signDown([line(250_000), line(400_000), line(600_000)])).toEqual({
      ok: true,
      signed: [200_000, 320_000, 480_000],
      writtenTotal: 1_250_000,
      unplaced: 0,
      signedDown: true,
    });
  });

  it('keeps a 60 % line to stand, so the 25 % and 40 % lines share 40 %: 15.3846 % and 24.6154 %', () => {
    const result = signDown([line(250_000), line(400_000), line(600_000, true)]);
    expect(result).toEqual({
      ok: true,
      signed: [153_846, 246_154, 600_000],
      writtenTotal: 1_250_000,
      unplaced: 0,
      signedDown: true,
    });
    expect(153_846 + 246_154 + 600_000).toBe(WHOLE);
  });

  it('signs as written at or under 100 %, reporting what is unplaced', () => {
    expect(signDown([line(300_000), line(450_000, true)])).toEqual({
      ok: true,
      signed: [300_000, 450_000],
      writtenTotal: 750_000,
      unplaced: 250_000,
      signedDown: false,
    });
    expect(signDown([line(600_000), line(400_000)])).toMatchObject({ unplaced: 0, signedDown: false });
    expect(signDown([])).toEqual({
      ok: true,
      signed: [],
      writtenTotal: 0,
      unplaced: WHOLE,
      signedDown: false,
    });
  });

  it('refuses when the lines to stand alone exceed 100 %', () => {
    expect(signDown([line(700_000, true), line(400_000, true), line(100_000)])).toEqual({
      ok: false,
      code: 'placement.lines_to_stand_exceed_whole',
      writtenTotal: 1_200_000,
    });
  });

  it('lets the lines to stand take exactly 100 %, signing the others to nothing', () => {
    expect(signed([line(500_000, true), line(500_000, true), line(300_000)])).toEqual([500_000, 500_000, 0]);
  });

  it('refuses lines that are not whole units between 0 and 100 %', () => {
    expect(() => signDown([line(0.5)])).toThrow(RangeError);
    expect(() => signDown([line(-1)])).toThrow(RangeError);
    expect(() => signDown([line(WHOLE + 1)])).toThrow(RangeError);
  });

  it('signs exactly 100 % when over-subscribed', () => {
    fc.assert(
      fc.property(overSubscribed, (ls) => {
        expect(signed(ls).reduce((sum, s) => sum + s, 0)).toBe(WHOLE);
      }),
    );
  });

  it('leaves lines to stand untouched and never signs a line above what it wrote', () => {
    fc.assert(
      fc.property(overSubscribed, (ls) => {
        const s = signed(ls);
        ls.forEach((l, i) => {
          if (l.toStand) expect(s[i]).toBe(l.written);
          else {
            expect(s[i]).toBeLessThanOrEqual(l.written);
            expect(s[i]).toBeGreaterThanOrEqual(0);
          }
        });
      }),
    );
  });

  it('is monotone in the written line among lines not standing (equal lines at most one unit apart)', () => {
    fc.assert(
      fc.property(overSubscribed, (ls) => {
        const s = signed(ls);
        ls.forEach((a, i) => {
          ls.forEach((b, j) => {
            if (a.toStand || b.toStand) return;
            const si = s[i] as number;
            const sj = s[j] as number;
            if (a.written < b.written) expect(si).toBeLessThanOrEqual(sj);
            if (a.written === b.written) expect(Math.abs(si - sj)).toBeLessThanOrEqual(1);
          });
        });
      }),
    );
  });

  it('reports an error exactly when over-subscribed with more than 100 % to stand', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        expect(signDown(ls).ok).toBe(!(total(ls) > WHOLE && standing(ls) > WHOLE));
      }),
    );
  });
});
