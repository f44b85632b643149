import { describe, expect, it } from 'vitest';
import { currentIdSource, isUuid, newId, seededIdSource, withIdSource } from '../src/platform/ids.ts';

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

  it('repeat under a seeded source, across awaits, at its time; and stay random outside it', async () => {
    const at = Date.UTC(2026, 2, 14, 16);
    const run = (seed: number) =>
      withIdSource(seededIdSource(seed, at), async () => {
        const ids = [newId()];
        await new Promise((resolve) => setTimeout(resolve, 5));
        ids.push(newId(), newId(at + 60_000));
        const later = currentIdSource()?.at(at + 1000) as NonNullable<ReturnType<typeof currentIdSource>>;
        ids.push(await withIdSource(later, async () => newId()));
        return ids;
      });
    const [a, b, c] = await Promise.all([run(7), run(7), run(8)]);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(4);
    expect(c[0]).not.toBe(a[0]);
    for (const id of a)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const time = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(a.map(time)).toEqual([at, at, at + 60_000, at + 1000]);
    expect(currentIdSource()).toBeUndefined();
    expect(newId(at)).not.toBe(a[0]);
  });
});
