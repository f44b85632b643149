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

/**
 * A cyber policy placed by `lead` with the invited followers at the lines they write (whole per cent as
 * text), then bound by the enterprise: the API's own path, quote → accept → invitations → lines → bind.
 */
export async function bindPlacedCyberPolicy(
  enterprise: Client,
  request: Record<string, unknown>,
  lead: readonly [Client, string],
  followers: readonly (readonly [Client, string, string])[],
) {
  const q = await enterprise.post('/api/quotes', { productCode: 'KB-BR-CYBER', request });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  const a = await enterprise.post(`/api/quotes/${q.body.id}/accept`, {});
  expect(a.status, JSON.stringify(a.body)).toBe(200);
  const pid = a.body.placementId;
  const [leadClient] = lead;
  const invited = await leadClient.post(`/api/placements/${pid}/invitations`, {
    orgIds: followers.map(([, orgId]) => orgId),
  });
  expect(invited.status, JSON.stringify(invited.body)).toBeLessThan(300);
  for (const [client, written] of [lead, ...followers.map(([c, , w]) => [c, w] as const)]) {
    const b = await client.get(`/api/placements/${pid}`);
    const w = await client.put(`/api/placements/${pid}/lines/mine`, { written, terms: b.body.terms });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
  }
  const bound = await enterprise.post(`/api/quotes/${q.body.id}/bind`, {});
  expect(bound.status, JSON.stringify(bound.body)).toBe(201);
  return bound.body;
}

/**
 * Binds a KB-BR-CYBER policy for the enterprise co-insured: the lead writes 60 % and the follower (invited by
 * the lead) 40 %, under 主代从收 (the default); returns the policy.
 */
export function bindCoInsuredCyberPolicy(
  enterprise: Client,
  lead: Client,
  follower: Client,
  followerOrgId: string,
) {
  return bindPlacedCyberPolicy(
    enterprise,
    { limit: '5000000.00' },
    [lead, '60'],
    [[follower, followerOrgId, '40']],
  );
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
