import { describe, expect, it } from 'vitest';
import { clientChoices, isRegistrySearch, matchesSearch } from './clients.ts';

const held = [
  {
    enterpriseId: 'a',
    name: '甲科技有限公司',
    uscc: '91310115MA1AAAAAA1',
    reference: 'WT-1',
    validUntil: '2099-12-31',
  },
];
const leads = [
  { id: 'a', name: '甲科技有限公司', uscc: '91310115MA1AAAAAA1' },
  { id: 'b', name: '乙智能有限公司', uscc: '91310115MA1BBBBBB2' },
];

describe("a broker's client picker", () => {
  it('lists held mandates, then leads, then what the registry found — each enterprise once', () => {
    const found = [
      { id: 'b', name: '乙智能有限公司', uscc: '91310115MA1BBBBBB2', mandate: null },
      { id: 'c', name: '丙芯片有限公司', uscc: '91310115MA1CCCCCC3', mandate: null },
    ];
    const choices = clientChoices({ held, leads, found, search: '' });
    expect(choices.map((c) => [c.id, c.source])).toEqual([
      ['a', 'mandate'],
      ['b', 'lead'],
      ['c', 'registry'],
    ]);
    expect(choices[0]?.mandate).toEqual({ reference: 'WT-1', validUntil: '2099-12-31' });
    expect(choices[2]?.mandate).toBeNull();
  });

  it('keeps only the known clients that match the search; the registry answers for itself', () => {
    const found = [{ id: 'c', name: '丙芯片有限公司', uscc: '91310115MA1CCCCCC3', mandate: null }];
    const choices = clientChoices({ held, leads, found, search: ' 芯片 ' });
    expect(choices.map((c) => c.id)).toEqual(['c']);
    expect(clientChoices({ held, leads, found: [], search: 'ma1bbb' }).map((c) => c.id)).toEqual(['b']);
  });

  it('carries a mandate the registry knows of (an expired one, not held as a client)', () => {
    const found = [
      {
        id: 'd',
        name: '丁材料有限公司',
        uscc: '91310115MA1DDDDDD4',
        mandate: { reference: 'WT-0', validUntil: '2020-01-01', valid: false },
      },
    ];
    expect(clientChoices({ held: [], leads: [], found, search: '丁材料' })[0]?.mandate).toEqual({
      reference: 'WT-0',
      validUntil: '2020-01-01',
    });
  });

  it('asks the registry from two characters on, and matches a name or a code in any case', () => {
    expect(isRegistrySearch(' 甲 ')).toBe(false);
    expect(isRegistrySearch('甲科')).toBe(true);
    expect(matchesSearch({ name: 'Alpha Tech', uscc: '91310115MA1AAAAAA1' }, 'alpha')).toBe(true);
    expect(matchesSearch({ name: 'Alpha Tech', uscc: '91310115MA1AAAAAA1' }, 'beta')).toBe(false);
  });
});
