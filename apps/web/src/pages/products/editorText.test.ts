import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shippedDocuments } from '../../catalog/shippedProducts.fixture.ts';
import {
  definitionPointer,
  inSchemaOrder,
  nextVersionDraft,
  parseJson,
  pointerText,
  toJson,
  toYaml,
} from './editorText.ts';

/** What PostgreSQL's jsonb does to an object's keys: shorter first, then byte order. */
function asJsonb(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonb);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, asJsonb(v)] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every object's key order, tables (data keyed by value) aside. */
function keyOrders(value: unknown, parentKey = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyOrders(item, parentKey));
  if (typeof value !== 'object' || value === null) return [];
  const own = parentKey === 'table' ? [] : [Object.keys(value).join(',')];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => keyOrders(v, k))];
}

describe('the editor’s text', () => {
  it('writes YAML that reads back as the same data, for every shipped product', () => {
    for (const document of shippedDocuments()) expect(parse(toYaml(document))).toEqual(document);
  });

  it('quotes exactly the strings YAML would read as something else', () => {
    const tricky = {
      numbers: ['0.04', '1', '-1', '+1', '.5', '1e5', '0x10', '2025-01-01', '91310000MA1FL7K207'],
      words: ['yes', 'No', 'true', 'null', '~', 'on', 'y'],
      indicators: [
        '- x',
        '? x',
        ': x',
        '#x',
        '&a',
        '*a',
        '!t',
        '|',
        '>',
        "'q'",
        '"q"',
        '%x',
        '@x',
        '`x',
        '[a]',
        '{a}',
      ],
      inner: ['a: b', 'a #b', 'a:', 'a:b', 'a#b', "it's", '中文：说明', 'x, y', 'a - b'],
      spaces: ['', ' lead', 'trail ', 'two\nlines', 'tab\there', 'line\u2028sep'],
      keys: { true: 1, '1': 2, 'a b': 3, 'x-y': 4, 'a:b': 5, 'KB-AP-INDEX': 6 },
      empty: { list: [], map: {} },
      nested: [[1, [2]], [{ a: [] }], { b: { c: null } }],
      scalars: [true, false, null, 0, -3.5],
    };
    expect(parse(toYaml(tricky))).toEqual(tricky);
    expect(toYaml({ names: { zh: '网络安全保险', en: 'Cyber' }, baseRate: '0.013' })).toBe(
      'names:\n  zh: 网络安全保险\n  en: Cyber\nbaseRate: "0.013"\n',
    );
  });

  it('puts the keys jsonb reordered back as the shipped files write them', () => {
    for (const document of shippedDocuments()) {
      const restored = inSchemaOrder(asJsonb(document));
      expect(restored).toEqual(document);
      expect(keyOrders(restored)).toEqual(keyOrders(document));
    }
  });

  it('pretty-prints JSON and reports JSON syntax errors', () => {
    expect(toJson({ a: 1 })).toBe('{\n  "a": 1\n}\n');
    expect(parseJson('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    const broken = parseJson('{"a": }');
    expect(broken.ok).toBe(false);
  });

  it('shows where in the definition an error is', () => {
    expect(definitionPointer('/body/yaml/rating/factors/2')).toBe('/rating/factors/2');
    expect(definitionPointer('/body/definition/sections/0/limit')).toBe('/sections/0/limit');
    expect(definitionPointer('/body/yaml')).toBe('');
    expect(definitionPointer('/body/other')).toBe('/body/other');
    expect(pointerText('/rating/factors/2')).toBe('rating › factors › 2');
    expect(pointerText('/rating/factors/a~1b')).toBe('rating › factors › a/b');
  });

  it('starts a new version from the current one, numbered next, without the editor hint', () => {
    expect(nextVersionDraft({ $schema: 'x', code: 'KB-RD-X', version: 1, names: {} }, 2)).toEqual({
      code: 'KB-RD-X',
      version: 2,
      names: {},
    });
  });
});
