import { describe, expect, it } from 'vitest';
import { parseProgramme } from './parse-programme.ts';
import { afterReview, reviewerFor, reviewStages, supplementWorkingDays } from './review.ts';
import { loadProgramme, shippedProgrammeFiles } from './shipped-programmes.fixture.ts';

const SHIPPED = shippedProgrammeFiles().map((file) => loadProgramme(file.replace(/\.yaml$/, '')));

const stages = [
  { key: 'district', names: { zh: '区级初审', en: 'District review' } },
  { key: 'city', names: { zh: '市级复审', en: 'City review' } },
];

describe('review stages', () => {
  it('approval moves an application stage by stage and grants it at the last', () => {
    expect(afterReview(stages, 0, 'approve')).toEqual({ status: 'submitted', stage: 1 });
    expect(afterReview(stages, 1, 'approve')).toEqual({ status: 'approved', stage: 1 });
  });

  it('a rejection ends it at any stage; a request for more returns it to the same stage', () => {
    expect(afterReview(stages, 0, 'reject')).toEqual({ status: 'rejected', stage: 0 });
    expect(afterReview(stages, 1, 'request_more')).toEqual({ status: 'returned', stage: 1 });
  });

  it('refuses a stage the programme does not have', () => {
    expect(() => afterReview(stages, 2, 'approve')).toThrow(RangeError);
    expect(() => afterReview(stages, -1, 'approve')).toThrow(RangeError);
  });

  it('the longest matching region prefix chooses the reviewer; none matching leaves it to the operator', () => {
    const assignments = [
      { regionPrefix: '31', orgId: 'shanghai' },
      { regionPrefix: '310115', orgId: 'pudong' },
      { regionPrefix: '', orgId: 'anywhere' },
    ];
    expect(reviewerFor(assignments, '310115')).toBe('pudong');
    expect(reviewerFor(assignments, '310104')).toBe('shanghai');
    expect(reviewerFor(assignments, '420111')).toBe('anywhere');
    expect(reviewerFor(assignments.slice(0, 2), '420111')).toBeNull();
    expect(reviewerFor(assignments.slice(0, 2), null)).toBeNull();
  });

  it('a programme without stages is reviewed once by its funder, with ten working days to supply more', () => {
    const programme = SHIPPED.find((p) => p.mode === 'apply' && p.review === undefined);
    if (!programme) throw new Error('a shipped apply-mode programme without stages');
    expect(reviewStages(programme)).toEqual([
      { key: 'review', level: programme.funder.level, names: { zh: '审核', en: 'Review' } },
    ]);
    expect(supplementWorkingDays(programme)).toBe(10);
  });

  it('stage keys are unique, and stages belong to the apply mode', () => {
    const base = SHIPPED.find((p) => p.mode === 'apply');
    const auto = SHIPPED.find((p) => p.mode === 'auto');
    if (!base || !auto) throw new Error('shipped programmes of both modes');
    const twice = parseProgramme({ ...base, review: { stages: [stages[0], stages[0]] } });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.errors.map((e) => e.path)).toContain('/review/stages/1/key');
    const onAuto = parseProgramme({ ...auto, review: { stages } });
    expect(onAuto.ok).toBe(false);
    if (!onAuto.ok) expect(onAuto.errors.map((e) => e.code)).toContain('programme.mode_field');
    const fine = parseProgramme({ ...base, review: { stages, supplementWorkingDays: 15 } });
    expect(fine.ok).toBe(true);
    if (fine.ok) expect(supplementWorkingDays(fine.programme)).toBe(15);
  });
});
