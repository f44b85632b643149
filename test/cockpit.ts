import { expect } from 'vitest';
import type { Client } from './http.ts';
import type { TestServer } from './server.ts';

/*
 * What the cockpit's tests share: a policy bound end to end (quote → accept → the lead writes the whole
 * line → bind) to move the exposure, today's date in Beijing on the test clock, and yuan text as fen.
 */

/** Binds a KB-BR-CYBER policy for the enterprise, the insurer writing 100 %; returns the policy. */
export async function bindCyberPolicy(enterprise: Client, insurer: Client, limit = '5000000.00') {
  const q = await enterprise.post('/api/quotes', { productCode: 'KB-BR-CYBER', request: { limit } });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  const a = await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  const board = await insurer.get(`/api/placements/${a.body.placementId}`);
  await insurer.put(`/api/placements/${a.body.placementId}/lines/mine`, {
    written: '100',
    terms: board.body.terms,
  });
  const bound = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(bound.status, JSON.stringify(bound.body)).toBe(201);
  return bound.body as { id: string; number: string; sumInsured: string; endDate: string };
}

/** Today in Beijing (UTC+8) on the test server's clock, YYYY-MM-DD. */
export function beijingToday(t: TestServer): string {
  return new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** "1234.56" → 123456n. */
export function fen(yuan: string): bigint {
  const [w = '0', f = ''] = yuan.split('.');
  return BigInt(w) * 100n + BigInt(f.padEnd(2, '0'));
}
