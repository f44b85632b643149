import { formatYuan } from '@kebao/domain/money';
import { usccCheckCharacter } from '@kebao/domain/org';
import { cancellationRefund } from '@kebao/domain/policy';
import { addDays, parseCalendarDate, shanghaiDateOf } from '@kebao/domain/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { demoEnterpriseProfile } from '../src/modules/enterprise/demo-seed.ts';

/*
 * A group policy's certificates in the books and through the lifecycle: the IC pool (five co-insurers, the
 * lead and the second ceding to their treaties) writes a park's group of IC firms; the journal is on the
 * master, each line tagged with its certificate; a member leaves, a certificate is endorsed, the master
 * cannot be endorsed, the group is cancelled — every refund exact per certificate and per co-insurer,
 * `ledger verify` clean after each step, and nothing written by what is refused.
 */

let t: TestServer;
let park: Client;
let lead: Client;
let follower: Client;
let regulator: Client;
let funder: Client;
let outsider: Client;

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
const sumFen = (values: readonly string[]) => values.reduce((s, v) => s + fen(v), 0n);
const withCheck = (body: string) => body + usccCheckCharacter(body);

interface Line {
  orgId: string;
  share: string;
  premium: string;
  sumInsured: string;
}
interface JournalLine {
  kind: string;
  account: string;
  orgId: string;
  amount: string;
}
interface Policy {
  id: string;
  number: string;
  status: string;
  premium: string;
  writtenPremium: string;
  sumInsured: string;
  startDate: string;
  endDate: string;
  cancelledOn: string | null;
  lines: Line[];
  journal: JournalLine[] | null;
  endorsements: { seq: number; kind: string; premiumDelta: string; changes: Record<string, unknown> }[];
}

const start = addDays(shanghaiDateOf(new Date()), 1);
const day = (n: number) => addDays(parseCalendarDate(start), n);

/** An IC firm of the demo park (or another park), registered by the funder. */
async function icFirm(body: string, name: string, where = demoEnterpriseProfile.park) {
  const r = await funder.post('/api/enterprises', {
    profile: {
      uscc: withCheck(body),
      name,
      regionCode: '310115',
      industryCode: 'C3973',
      frontierTags: ['ic'],
      staff: 300,
      techStaff: 120,
      revenue: '300000000.00',
      totalAssets: '500000000.00',
      totalCost: '250000000.00',
      rdExpense: '30000000.00',
      ipClassI: 5,
      claimsLast3Years: 0,
      consentToInsurers: true,
      park: where,
    },
  });
  expect(r.status, r.text).toBe(200);
  return r.body.id as string;
}

async function policy(id: string, as: Client = regulator): Promise<Policy> {
  const r = await as.get(`/api/policies/${id}`);
  expect(r.status, r.text).toBe(200);
  return r.body;
}

async function certificatesOf(masterId: string): Promise<Policy[]> {
  const r = await park.get(`/api/policies/${masterId}/certificates`);
  expect(r.status, r.text).toBe(200);
  const list = (r.body.items as { id: string; number: string }[]).sort((a, b) =>
    a.number.localeCompare(b.number),
  );
  return Promise.all(list.map((c) => policy(c.id)));
}

async function verifyClean() {
  const r = await regulator.get('/api/ledger/verify');
  expect(r.status).toBe(200);
  expect(r.body.problems).toEqual([]);
  expect(r.body.ok).toBe(true);
}

/** Premium per co-insurer of some lines. */
const byOrg = (lines: readonly Line[], field: 'premium' | 'sumInsured' = 'premium') =>
  new Map(lines.map((l) => [l.orgId, fen(l[field])]));

/** The master's lines equal the sums of its certificates' lines (premium; sum insured over `inForce`). */
function expectMasterIsSumOf(master: Policy, certificates: readonly Policy[]) {
  expect(fen(master.writtenPremium)).toBe(sumFen(certificates.map((c) => c.writtenPremium)));
  expect(sumFen(master.lines.map((l) => l.premium))).toBe(fen(master.writtenPremium));
  for (const line of master.lines) {
    const parts = certificates.map((c) => byOrg(c.lines).get(line.orgId) ?? 0n);
    expect(fen(line.premium)).toBe(parts.reduce((s, p) => s + p, 0n));
  }
  for (const c of certificates) expect(sumFen(c.lines.map((l) => l.premium))).toBe(fen(c.writtenPremium));
}

/** Premium income per co-insurer in some journal lines (credits, as positive fen), of one kind of entry. */
function incomeByOrg(journal: readonly JournalLine[], kind?: string) {
  const m = new Map<string, bigint>();
  for (const l of journal)
    if (l.account === 'premium_income' && (kind === undefined || l.kind === kind))
      m.set(l.orgId, (m.get(l.orgId) ?? 0n) - fen(l.amount));
  return m;
}

const counts = async () =>
  (
    await t.db.pool.query<{ entries: number; endorsements: number; cessions: number; cancelled: number }>(
      `SELECT (SELECT count(*)::int FROM journal_entry) AS entries,
              (SELECT count(*)::int FROM policy_endorsement) AS endorsements,
              (SELECT count(*)::int FROM policy_cession) AS cessions,
              (SELECT count(*)::int FROM policy WHERE status = 'cancelled') AS cancelled`,
    )
  ).rows[0];

let ids: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
  [park, lead, follower, regulator, funder] = await Promise.all([
    t.as('enterprise@demo.kebao.cn'),
    t.as('insurer@demo.kebao.cn'),
    t.as('insurer2@demo.kebao.cn'),
    t.as('regulator@demo.kebao.cn'),
    t.as('funder@demo.kebao.cn'),
  ]);
  outsider = await t.as('broker@demo.kebao.cn');
  ids = [
    await icFirm('91310115MA1G7A1B2', '园区芯片封测一号有限公司'),
    await icFirm('91310115MA1G7A1C3', '园区芯片封测二号有限公司'),
    await icFirm('91310115MA1G7A1D4', '园区芯片封测三号有限公司'),
    await icFirm('91310115MA1G7A1E5', '园区芯片封测四号有限公司'),
    await icFirm('91310115MA1G7A1F6', '园区芯片封测五号有限公司'),
  ];
});

afterAll(async () => {
  await t?.close();
});

async function buyGroup(members: { id: string; sumInsured: string }[], key: string): Promise<Policy> {
  const r = await park.post(
    '/api/group-policies',
    {
      productCode: 'KB-BR-ICPOOL',
      startDate: start,
      options: { fab_type: 'packaging_testing' },
      members: members.map((m) => ({ enterpriseId: m.id, request: { sumInsured: m.sumInsured } })),
    },
    { headers: { 'idempotency-key': key } },
  );
  expect(r.status, r.text).toBe(201);
  return r.body;
}

describe('a group policy in the books', () => {
  let master: Policy;
  let certificates: Policy[];

  it('posts on the master, each line tagged with its certificate; the master is the sum of its certificates', async () => {
    const poolBefore = fen((await lead.get('/api/pools/CN-IC-POOL')).body.aggregateUsed);
    master = await buyGroup(
      [
        { id: ids[0] as string, sumInsured: '123456789.01' },
        { id: ids[1] as string, sumInsured: '100000000.00' },
        { id: ids[2] as string, sumInsured: '234567890.99' },
      ],
      'group-ic-1',
    );
    expect(fen((await lead.get('/api/pools/CN-IC-POOL')).body.aggregateUsed) - poolBefore).toBe(
      fen('458024680.00'),
    );
    master = await policy(master.id);
    certificates = await certificatesOf(master.id);
    expect(certificates).toHaveLength(3);
    expect(master.lines).toHaveLength(5);
    expectMasterIsSumOf(master, certificates);
    expect(sumFen(certificates.map((c) => c.sumInsured))).toBe(fen(master.sumInsured));

    // Each certificate's share of the journal: its co-insurers' premium income is its lines' premium.
    for (const c of certificates) {
      expect(c.journal?.length).toBeGreaterThan(0);
      const income = incomeByOrg(c.journal ?? []);
      for (const l of c.lines) expect(income.get(l.orgId)).toBe(fen(l.premium));
    }
    // The master shows its entry summed over the certificates: income per co-insurer = its line.
    const income = incomeByOrg(master.journal ?? []);
    for (const l of master.lines) expect(income.get(l.orgId)).toBe(fen(l.premium));
    // The park pays: one premium invoice from the lead for the whole group.
    const invoices = await t.db.pool.query<{ kind: string; amount: string }>(
      `SELECT kind, amount::text FROM invoice WHERE policy_id = $1`,
      [master.id],
    );
    expect(invoices.rows).toEqual([{ kind: 'premium', amount: fen(master.premium).toString() }]);
    // Cessions: each member's on its certificate, their sums per treaty on the master.
    const cessions = await t.db.pool.query<{ on_master: string; on_certificates: string }>(
      `SELECT (SELECT sum(ceded_premium)::text FROM policy_cession WHERE policy_id = $1) AS on_master,
              (SELECT sum(c.ceded_premium)::text FROM policy_cession c JOIN policy p ON p.id = c.policy_id
                WHERE p.master_policy_id = $1) AS on_certificates`,
      [master.id],
    );
    expect(BigInt(cessions.rows[0]?.on_master ?? '0')).toBeGreaterThan(0n);
    expect(cessions.rows[0]?.on_master).toBe(cessions.rows[0]?.on_certificates);
    await verifyClean();
  });

  it('verify names the certificate whose share a hand-edited tag moved', async () => {
    const [a, b] = certificates as [Policy, Policy];
    const moved = await t.db.pool.query<{ entry_id: string; line_no: number }>(
      `UPDATE journal_line SET certificate_id = $2
        WHERE (entry_id, line_no) = (SELECT entry_id, line_no FROM journal_line
                                      WHERE certificate_id = $1 AND account = 'premium_income' LIMIT 1)
        RETURNING entry_id, line_no`,
      [a.id, b.id],
    );
    expect(moved.rowCount).toBe(1);
    const report = (await regulator.get('/api/ledger/verify')).body;
    expect(report.ok).toBe(false);
    expect(report.problems.map((p: { code: string; subject: string }) => [p.code, p.subject])).toEqual(
      expect.arrayContaining([
        ['certificate.premium_split', a.number],
        ['certificate.premium_split', b.number],
      ]),
    );
    await t.db.pool.query(
      'UPDATE journal_line SET certificate_id = $1 WHERE entry_id = $2 AND line_no = $3',
      [a.id, moved.rows[0]?.entry_id, moved.rows[0]?.line_no],
    );
    await verifyClean();
  });

  it('refuses to endorse the master, telling to endorse the certificates, and writes nothing', async () => {
    const before = await counts();
    const r = await lead.post(
      `/api/policies/${master.id}/endorsements`,
      { effectiveDate: day(10), sumInsured: '500000000.00', reason: '整体调整' },
      { headers: { 'idempotency-key': 'group-master-endorse' } },
    );
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('endorsement.group_master');
    expect(r.body.message_zh).toContain('成员凭证');
    expect(r.body.message_en).toContain('certificates');
    expect(await counts()).toEqual(before);
  });

  it('a member leaves: its certificate refunded exactly by its lines, the master’s totals down by the member’s', async () => {
    const leaving = certificates[1] as Policy;
    const before = await counts();
    // Only the park or the lead takes a member out: not a follower, not an outsider.
    for (const client of [follower, outsider]) {
      const refused = await client.post(`/api/policies/${leaving.id}/cancel`, {
        cancelDate: day(40),
        reason: '退出园区',
      });
      expect(refused.status).toBe(404);
    }
    expect(await counts()).toEqual(before);

    const r = await park.post(
      `/api/policies/${leaving.id}/cancel`,
      { cancelDate: day(40), method: 'pro_rata', reason: '企业迁出园区' },
      { headers: { 'idempotency-key': 'group-member-exit' } },
    );
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('cancelled');
    const refund = cancellationRefund({
      premium: fen(leaving.writtenPremium),
      startDate: leaving.startDate,
      endDate: leaving.endDate,
      cancelDate: day(40),
      method: 'pro_rata',
    });
    expect(refund).toBeGreaterThan(0n);
    const left = await policy(leaving.id);
    expect(fen(left.writtenPremium)).toBe(fen(leaving.writtenPremium) - refund);
    expect(left.cancelledOn).toBe(day(40));
    // Each co-insurer gives back its part of this member's refund; the parts sum to the refund.
    const parts = left.lines.map(
      (l) => fen(leaving.lines.find((x) => x.orgId === l.orgId)?.premium ?? '0') - fen(l.premium),
    );
    expect(parts.reduce((s, p) => s + p, 0n)).toBe(refund);
    const cancelIncome = incomeByOrg(left.journal ?? [], 'endorse');
    for (const [i, l] of left.lines.entries()) expect(cancelIncome.get(l.orgId)).toBe(-(parts[i] as bigint));

    const after = await policy(master.id);
    expect(after.status).toBe('in_force');
    expect(fen(after.writtenPremium)).toBe(fen(master.writtenPremium) - refund);
    expect(fen(after.premium)).toBe(fen(master.premium) - fen(leaving.premium));
    expect(fen(after.sumInsured)).toBe(fen(master.sumInsured) - fen(leaving.sumInsured));
    const now = await certificatesOf(master.id);
    expectMasterIsSumOf(after, now);
    // The master's lines cover the members still in: their sums insured.
    for (const line of after.lines) {
      const inForce = now.filter((c) => c.status === 'in_force');
      expect(fen(line.sumInsured)).toBe(
        inForce.reduce((s, c) => s + (byOrg(c.lines, 'sumInsured').get(line.orgId) ?? 0n), 0n),
      );
    }
    expect(after.endorsements.at(-1)).toMatchObject({ kind: 'endorse', premiumDelta: formatYuan(-refund) });
    // The park gets the credit note; the member's pool capacity is given back.
    const notes = await t.db.pool.query<{ amount: string }>(
      `SELECT amount::text FROM invoice WHERE policy_id = $1 AND kind = 'credit_note'`,
      [master.id],
    );
    expect(notes.rows.map((n) => BigInt(n.amount))).toEqual([-refund]);
    master = after;
    certificates = now;
    await verifyClean();
  });

  it('a certificate is endorsed on its own terms and the master follows; the period stays the group’s', async () => {
    const target = certificates[0] as Policy;
    const before = await counts();
    const period = await lead.post(`/api/policies/${target.id}/endorsements`, {
      effectiveDate: day(50),
      endDate: day(200),
      reason: '延长',
    });
    expect(period.status).toBe(422);
    expect(period.body.code).toBe('endorsement.group_period');
    expect(await counts()).toEqual(before);

    const r = await lead.post(
      `/api/policies/${target.id}/endorsements`,
      { effectiveDate: day(50), sumInsured: '200000000.00', reason: '新增设备' },
      { headers: { 'idempotency-key': 'group-cert-endorse' } },
    );
    expect(r.status, r.text).toBe(201);
    const endorsed = await policy(target.id);
    const delta = fen(endorsed.writtenPremium) - fen(target.writtenPremium);
    expect(delta).toBeGreaterThan(0n);
    expect(endorsed.sumInsured).toBe('200000000.00');
    const after = await policy(master.id);
    expect(fen(after.writtenPremium) - fen(master.writtenPremium)).toBe(delta);
    expect(fen(after.premium) - fen(master.premium)).toBe(fen(endorsed.premium) - fen(target.premium));
    expect(fen(after.sumInsured) - fen(master.sumInsured)).toBe(fen('200000000.00') - fen(target.sumInsured));
    const now = await certificatesOf(master.id);
    expectMasterIsSumOf(after, now);
    master = after;
    certificates = now;
    await verifyClean();
  });

  it('cancelling the master before its members’ last movement is refused, writing nothing', async () => {
    const before = await counts();
    const r = await park.post(`/api/policies/${master.id}/cancel`, { cancelDate: day(45), reason: '退保' });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('endorsement.out_of_sequence');
    expect(await counts()).toEqual(before);
    expect((await policy(master.id)).status).toBe('in_force');
  });

  it('cancelling the master cancels every certificate still in force: refunds exact per certificate and co-insurer', async () => {
    const poolBefore = fen((await lead.get('/api/pools/CN-IC-POOL')).body.aggregateUsed);
    const inForce = certificates.filter((c) => c.status === 'in_force');
    expect(inForce).toHaveLength(2);
    const r = await park.post(
      `/api/policies/${master.id}/cancel`,
      { cancelDate: day(100), method: 'short_rate', reason: '园区统保到此为止' },
      { headers: { 'idempotency-key': 'group-cancel' } },
    );
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('cancelled');
    const refunds = inForce.map((c) =>
      cancellationRefund({
        premium: fen(c.writtenPremium),
        startDate: c.startDate,
        endDate: c.endDate,
        cancelDate: day(100),
        method: 'short_rate',
      }),
    );
    const total = refunds.reduce((s, x) => s + x, 0n);
    const after = await policy(master.id);
    expect(after.cancelledOn).toBe(day(100));
    expect(fen(master.writtenPremium) - fen(after.writtenPremium)).toBe(total);

    const now = await certificatesOf(master.id);
    expect(now.map((c) => c.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // Per certificate: written premium down by its own refund; the one that left earlier untouched.
    for (const [i, c] of inForce.entries()) {
      const cancelled = now.find((x) => x.id === c.id) as Policy;
      expect(fen(c.writtenPremium) - fen(cancelled.writtenPremium)).toBe(refunds[i]);
      expect(cancelled.cancelledOn).toBe(day(100));
    }
    const earlier = now.find((c) => !inForce.some((x) => x.id === c.id)) as Policy;
    expect(earlier.cancelledOn).toBe(day(40));
    // Per co-insurer: the master's part of the refund is the sum of its parts in each certificate.
    const masterParts = new Map(
      after.lines.map((l) => [
        l.orgId,
        fen(master.lines.find((x) => x.orgId === l.orgId)?.premium ?? '0') - fen(l.premium),
      ]),
    );
    expect([...masterParts.values()].reduce((s, p) => s + p, 0n)).toBe(total);
    for (const [orgId, part] of masterParts) {
      const sum = inForce.reduce((s, c) => {
        const was = byOrg(c.lines).get(orgId) ?? 0n;
        const is = byOrg((now.find((x) => x.id === c.id) as Policy).lines).get(orgId) ?? 0n;
        return s + (was - is);
      }, 0n);
      expect(part).toBe(sum);
    }
    const cancelIncome = incomeByOrg(after.journal ?? [], 'cancel');
    for (const [orgId, part] of masterParts) expect(cancelIncome.get(orgId)).toBe(-part);
    expectMasterIsSumOf(after, now);
    // The capacity of the members still in is given back.
    expect(poolBefore - fen((await lead.get('/api/pools/CN-IC-POOL')).body.aggregateUsed)).toBe(
      inForce.reduce((s, c) => s + fen(c.sumInsured), 0n),
    );
    // Nothing more can move: neither the master nor a certificate.
    expect(
      (await park.post(`/api/policies/${master.id}/cancel`, { cancelDate: day(120), reason: 'x' })).status,
    ).toBe(409);
    expect(
      (await park.post(`/api/policies/${inForce[0]?.id}/cancel`, { cancelDate: day(120), reason: 'x' }))
        .status,
    ).toBe(409);
    await verifyClean();
  });
});

describe('the last member of a group', () => {
  it('cannot leave — the group is cancelled instead — and nothing is written', async () => {
    const master = await buyGroup(
      [
        { id: ids[3] as string, sumInsured: '150000000.00' },
        { id: ids[4] as string, sumInsured: '150000000.00' },
      ],
      'group-ic-2',
    );
    const [first, second] = await certificatesOf(master.id);
    const gone = await park.post(`/api/policies/${first?.id}/cancel`, {
      cancelDate: day(30),
      method: 'short_rate',
      reason: '迁出',
    });
    expect(gone.status, gone.text).toBe(200);
    const before = await counts();
    const last = await park.post(`/api/policies/${second?.id}/cancel`, {
      cancelDate: day(60),
      reason: '迁出',
    });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('group.last_member');
    expect(last.body.message_zh).toContain(master.number);
    expect(await counts()).toEqual(before);
    const whole = await park.post(`/api/policies/${master.id}/cancel`, {
      cancelDate: day(60),
      reason: '注销',
    });
    expect(whole.status, whole.text).toBe(200);
    const after = await policy(master.id);
    expectMasterIsSumOf(after, await certificatesOf(master.id));
    await verifyClean();
  });
});
