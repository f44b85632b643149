import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateDefinition } from './validate-definition.ts';

const example = () =>
  parse(readFileSync(new URL('../../../../catalog/products/KB-AP-EQUIP.yaml', import.meta.url), 'utf8'));

describe('definition errors read as words, not patterns', () => {
  it('explains a malformed rate, amount, date and code in zh and en', () => {
    const d = example();
    d.rating.baseRate = '1.2%';
    d.rating.minimumPremium = '5000.005';
    d.effective.from = '2025/01/01';
    d.code = 'kb-ap-equip';
    const result = validateDefinition(d);
    expect(result.ok).toBe(false);
    const byPath = new Map(result.ok ? [] : result.errors.map((e) => [e.path, e]));
    expect(byPath.get('/rating/baseRate')?.message_en).toBe('must be a decimal string such as "0.015"');
    expect(byPath.get('/rating/minimumPremium')?.message_zh).toContain('最多两位小数');
    expect(byPath.get('/effective/from')?.message_en).toBe('must be a date in YYYY-MM-DD form');
    expect(byPath.get('/code')?.message_en).toContain('KB-<class>-<id>');
    for (const e of result.ok ? [] : result.errors) expect(e.message_en).not.toMatch(/\^|\$/);
  });
});
