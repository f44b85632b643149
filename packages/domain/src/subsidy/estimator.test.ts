import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EnterpriseFacts } from '../catalog/index.ts';
import { programmeEstimator } from './estimator.ts';
import { parseProgramme } from './parse-programme.ts';

const shipped = (code: string) => {
  const data = parse(
    readFileSync(new URL(`../../../../catalog/subsidies/${code}.yaml`, import.meta.url), 'utf8'),
  );
  const parsed = parseProgramme(data);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.programme;
};

describe('programmeEstimator', () => {
  const tiered = shipped('shanghai-2025-tiered');
  const estimator = programmeEstimator([{ programme: tiered, committed: 0n }], '2026-12-01');
  const input = (facts: Partial<EnterpriseFacts>, tags = ['shanghai-2025-tiered']) => ({
    productCode: 'KB-BR-CYBER',
    productVersion: 1,
    statisticalClass: 'base' as const,
    subsidyTags: tags,
    premiumFen: 10_000_000n,
    enterpriseFacts: facts as EnterpriseFacts,
  });

  it('a Lingang firm in band A would get half its premium from the Shanghai tiered programme', () => {
    const estimate = estimator.estimate(
      input({ region: '310115', scoreBand: 'A', creditGrade: 'A', dishonest: false }),
    );
    expect(estimate).toMatchObject({ amountFen: 5_000_000n, programmeCode: 'shanghai-2025-tiered' });
    expect(estimate?.explanation.zh).toContain('上海市科技保险阶梯式保费补贴');
  });

  it('nothing outside Shanghai, nothing for a product not declared for it, nothing once the budget is spent', () => {
    expect(
      estimator.estimate(input({ region: '420100', scoreBand: 'A', creditGrade: 'A', dishonest: false })),
    ).toBeNull();
    expect(
      estimator.estimate(input({ region: '310115', scoreBand: 'A', creditGrade: 'A', dishonest: false }, [])),
    ).toBeNull();
    const spent = programmeEstimator([{ programme: tiered, committed: 10_000_000_000n }], '2026-12-01');
    expect(
      spent.estimate(input({ region: '310115', scoreBand: 'A', creditGrade: 'A', dishonest: false })),
    ).toBeNull();
  });
});
