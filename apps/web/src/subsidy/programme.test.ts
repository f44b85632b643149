import type { SubsidyProgramme } from '@kebao/domain/subsidy';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ProgrammeDefinition, programmeCodePattern, readProgramme, shareRows } from './programme.ts';
import { shippedProgramme, shippedProgrammes } from './shippedProgrammes.fixture.ts';

describe('the web app’s reading of a subsidy programme', () => {
  it('fits every programme the domain accepts (a type check: tsc fails when the domain moves on)', () => {
    expectTypeOf<SubsidyProgramme>().toExtend<ProgrammeDefinition>();
  });

  it('reads every shipped programme and refuses what is not one', () => {
    const programmes = shippedProgrammes();
    expect(programmes.length).toBeGreaterThanOrEqual(11);
    for (const p of programmes) expect(p.code).toMatch(programmeCodePattern);
    expect(readProgramme(null)).toBeNull();
    expect(readProgramme([])).toBeNull();
    expect(readProgramme({ code: 'x-programme', version: 1 })).toBeNull();
  });

  it('lays the share out as rows: one per tier, or one for a flat or stepped share', () => {
    const tiered = shareRows(shippedProgramme('shanghai-2025-tiered').share);
    expect(tiered.map((r) => [r.band, r.shares, r.byYear])).toEqual([
      ['A', ['0.5'], false],
      ['B', ['0.4'], false],
      ['C', ['0.3'], false],
    ]);
    const stepped = shareRows(shippedProgramme('zhejiang-first-set').share);
    expect(stepped[0]?.byYear).toBe(true);
    expect(stepped[0]?.shares).toEqual(['0.9', '0.8', '0.7']);
    expect(stepped[0]?.when).not.toBeNull();
    expect(shareRows({ rate: '0.8' })).toEqual([
      { key: 'share', band: null, names: null, when: null, shares: ['0.8'], byYear: false, caps: null },
    ]);
    expect(shareRows({ byYear: ['1', '0.9'] })[0]).toMatchObject({ shares: ['1', '0.9'], byYear: true });
    const capped = shareRows(shippedProgramme('beijing-ip-pilot').share);
    expect(capped[0]?.caps).toEqual({ perEnterprisePerYear: '500000.00' });
  });
});
