import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditContent, auditText, auditTextAround } from '../src/platform/audit/hash.ts';

const uuid = fc.uuid();
// JSON values whose objects may hold a "seq" key of their own, and strings that look like the split point.
const tricky = fc.constantFrom('"seq":"0"', '","tokenId":null}', "O'Brien \\ \\' $1; COMMIT;", '审计 🧾', '');
const value = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.string(),
    tricky,
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom('seq', 'tokenId', 'at'), fc.string()), tie('json'), {
      maxKeys: 3,
    }),
  ),
})).json;

const content = fc.record({
  chain: fc.oneof(fc.constant('system'), uuid),
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
  actorType: fc.constantFrom('user', 'token', 'system', 'anonymous'),
  actorUserId: fc.option(uuid),
  actorOrgId: fc.option(uuid),
  tokenId: fc.option(uuid),
  action: fc.oneof(fc.string(), tricky),
  entityType: fc.string(),
  entityId: fc.option(fc.oneof(fc.string(), tricky)),
  orgIds: fc.array(uuid, { maxLength: 3 }),
  before: value,
  after: value,
  requestId: fc.option(fc.string()),
});

describe("an audit record's text around its sequence number", () => {
  it('is the canonical text for every sequence number once the number is put in', () => {
    fc.assert(
      fc.property(content, fc.bigInt({ min: 1n, max: 2n ** 62n }), (c, seq) => {
        const { before, after } = auditTextAround(c);
        const whole: AuditContent = { ...c, seq };
        expect(`${before}${seq}${after}`).toBe(auditText(whole));
      }),
      { numRuns: 500 },
    );
  });

  it('splits at the record’s own "seq", not at one inside its data', () => {
    const c = {
      chain: 'system',
      at: new Date('2026-11-24T00:00:00Z'),
      actorType: 'system',
      actorUserId: null,
      actorOrgId: null,
      tokenId: null,
      action: 'test',
      entityType: 'test',
      entityId: '"seq":"0"',
      orgIds: [],
      before: { seq: '0', tokenId: null },
      after: null,
      requestId: null,
    };
    const { before, after } = auditTextAround(c);
    expect(after).toBe('","tokenId":null}');
    expect(before.endsWith(',"seq":"')).toBe(true);
    expect(`${before}42${after}`).toBe(auditText({ ...c, seq: 42n }));
  });
});
