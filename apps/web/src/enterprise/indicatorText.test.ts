import {
  checkHighTech,
  type EnterpriseProfile,
  evaluateTechSme,
  scorePoints,
} from '@kebao/domain/enterprise';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aProfile,
  highTechModel,
  pointsModel,
  techSmeModel,
} from '../../../../packages/domain/src/enterprise/shipped-models.fixture.ts';
import { testTranslation } from '../i18n/testing.ts';
import { indicatorInputText, pointsOutOf } from './indicatorText.ts';
import { readEvaluations } from './readers.ts';

describe('an evaluation’s figures in words', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    zh = await testTranslation('zh-CN');
    en = await testTranslation('en');
  });

  it('shows ratios and counts as the engine wrote them and amounts in yuan', () => {
    expect(indicatorInputText(zh, '18.5%')).toBe('18.5%');
    expect(indicatorInputText(zh, '≈29.99%')).toBe('≈29.99%');
    expect(indicatorInputText(zh, '12')).toBe('12');
    expect(indicatorInputText(zh, '35000000.00')).toBe('¥35,000,000.00');
    expect(indicatorInputText(en, '35000000.00')).toBe('CNY 35,000,000.00');
  });

  it('says what is missing or not computable instead of the engine’s markers', () => {
    expect(indicatorInputText(zh, 'missing')).toBe('未填写');
    expect(indicatorInputText(en, 'n/a')).toBe('not computable (zero denominator)');
    expect(indicatorInputText(zh, '12.03% | missing')).toBe('12.03% / 未填写');
  });

  it('writes points out of the maximum without trailing zeros', () => {
    expect(pointsOutOf('16', '20')).toBe('16 / 20');
    expect(pointsOutOf('7.50', '10.00')).toBe('7.5 / 10');
  });

  it('reads every evaluation the engine makes and words every input it wrote', () => {
    const profile: EnterpriseProfile = aProfile({ staff: 120, techStaff: 40, revenue: '30000000.00' });
    const results = [
      evaluateTechSme(profile, techSmeModel()),
      checkHighTech(profile, highTechModel()),
      scorePoints(profile, pointsModel()),
    ];
    const read = readEvaluations(JSON.parse(JSON.stringify(results)));
    expect(read.techSme?.kind).toBe('tech_sme');
    expect(read.highTech?.kind).toBe('high_tech');
    expect(read.points?.band).toMatch(/^[ABCD]$/);
    const inputs = results.flatMap((r) => r.indicators.map((i) => indicatorInputText(zh, i.input)));
    for (const text of inputs) expect(text).not.toMatch(/missing|n\/a/);
    expect(readEvaluations([{ kind: 'tech_sme' }, null, 'x'])).toEqual({});
  });
});
