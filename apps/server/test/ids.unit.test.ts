import { describe, expect, it } from 'vitest';
import { isUuid, newId } from '../src/platform/ids.ts';

describe('ids', () => {
  it('are UUIDv7: version 7, RFC variant, unique, ordered by their millisecond', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => newId(1_795_000_000_000 + Math.floor(i / 10)));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const prefixes = ids.map((id) => id.slice(0, 13));
    expect([...prefixes].sort()).toEqual(prefixes);
    expect(isUuid(ids[0] as string)).toBe(true);
  });
});
