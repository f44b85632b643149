import { Permission } from '@kebao/domain/org';
import { describe, expect, it } from 'vitest';
import {
  addYuan,
  budgetBody,
  budgetUse,
  daysUntil,
  decidingStep,
  fileSize,
  fraudBody,
  grantDue,
  grantPath,
  grantRights,
  lastRequest,
  materialContentType,
  materialProblem,
  newProgrammeTemplate,
  nextProgrammeDraft,
  parseProgrammeText,
  payBody,
  programmeInOrder,
  programmePointer,
  readSteps,
  regionPrefixPattern,
  requestedMaterials,
  reviewBody,
} from './forms.ts';
import { readProgramme } from './programme.ts';

const funderOrg = '01a2063e-a7a8-76bd-bfba-341e931fc496';
const enterpriseOrg = '5d1c0a6e-1f3b-4b1e-9a8c-2e7f4d6b8c01';
const enterprise = { orgId: enterpriseOrg, permissions: [Permission.EnterpriseSelf, Permission.SubsidyRead] };
const funder = { orgId: funderOrg, permissions: [Permission.SubsidyRead, Permission.SubsidyManage] };
const regulator = { orgId: 'r', permissions: [Permission.SubsidyRead, Permission.SubsidyReadAll] };
/** A provincial body assigned to review a stage of the programme (省级初审) for the enterprise's region. */
const provinceOrg = '0c9e4d2a-6b1f-4e3a-8d7c-5a2b1e0f9d33';
const province = { orgId: provinceOrg, permissions: [Permission.SubsidyRead, Permission.SubsidyManage] };

const grant = {
  id: '01a2063f-ab54-7d11-af77-5d5d831144a5',
  status: 'reserved',
  mode: 'auto',
  payee: 'insurer',
  confirmBy: '2026-11-30',
  amount: '26000.00',
  clawedBack: '0.00',
  paid: '0.00',
  funder: { id: funderOrg },
  review: { reviewer: { id: funderOrg } },
};

/** Steps as the server stores them (a Shanghai tiered grant at the bind). */
const steps = [
  { rule: 'window', zh: '起保日期在申报期内', en: 'Within the window', result: 'pass' },
  {
    rule: 'condition',
    zh: '投保企业须为上海市企业：符合',
    en: 'met',
    reason: 'region.shanghai',
    result: 'pass',
  },
  { rule: 'tier', zh: '适用评价分档 B 档：补贴比例 40%', en: 'Tier B, 40%', value: '0.4', result: 'pass' },
  { rule: 'eligible_premium', zh: '计补保费 65,000.00 元', en: 'Eligible premium', amount: '65000.00' },
  {
    rule: 'share_of_premium',
    zh: '40% × 65,000.00',
    en: '40% × 65,000.00',
    value: '0.4',
    amount: '26000.00',
  },
  { rule: 'cap_per_enterprise_year', zh: '每家企业每年', en: 'per year', binds: false, amount: '500000.00' },
  { rule: 'budget', zh: '项目资金', en: 'funds', binds: false, amount: '100000000.00' },
  { rule: 'grant', zh: '补贴金额 26,000.00 元', en: 'Subsidy 26,000.00', amount: '26000.00' },
];

describe('the computation of a grant (补贴计算过程)', () => {
  it('reads the stored steps and drops what is not a step', () => {
    const read = readSteps([...steps, null, { rule: 'x' }, 'text']);
    expect(read).toHaveLength(steps.length);
    expect(read[1]).toEqual({
      rule: 'condition',
      zh: '投保企业须为上海市企业：符合',
      en: 'met',
      reason: 'region.shanghai',
      result: 'pass',
    });
    expect(read[5]).toMatchObject({ amount: '500000.00', binds: false });
    expect(readSteps(undefined)).toEqual([]);
    expect(readSteps({ steps })).toEqual([]);
  });

  it('names the step that decided the amount: a binding limit, else the share of the premium', () => {
    expect(decidingStep(readSteps(steps))).toBe(4);
    const capped = readSteps([...steps.slice(0, 5), { ...steps[5], binds: true }, steps[6], steps[7]]);
    expect(decidingStep(capped)).toBe(5);
    expect(decidingStep([])).toBe(-1);
  });
});

describe('what the viewer may do with a grant', () => {
  it('lets the enterprise confirm a reserved grant until its deadline, not after', () => {
    expect(grantRights(grant, enterprise, '2026-11-30')).toMatchObject({
      enterprise: true,
      funder: false,
      confirm: true,
      confirmLate: false,
      apply: false,
    });
    expect(grantRights(grant, enterprise, '2026-12-01')).toMatchObject({ confirm: false, confirmLate: true });
    expect(grantRights(grant, funder, '2026-11-24').confirm).toBe(false);
    expect(grantRights({ ...grant, status: 'confirmed' }, enterprise, '2026-11-24').confirm).toBe(false);
  });

  it('lets the enterprise upload and submit an open application', () => {
    const application = { ...grant, status: 'applied', mode: 'apply', payee: 'enterprise', confirmBy: null };
    expect(grantRights(application, enterprise, '2026-11-24').apply).toBe(true);
    expect(grantRights({ ...application, status: 'submitted' }, enterprise, '2026-11-24').apply).toBe(false);
    expect(grantRights(application, regulator, '2026-11-24').apply).toBe(false);
  });

  it('lets the enterprise upload again and resubmit an application returned for more (补正)', () => {
    const returned = { ...grant, status: 'returned', mode: 'apply', payee: 'enterprise', confirmBy: null };
    expect(grantRights(returned, enterprise, '2026-11-24')).toMatchObject({ apply: true, resubmit: true });
    expect(grantRights({ ...returned, status: 'applied' }, enterprise, '2026-11-24').resubmit).toBe(false);
    expect(grantRights(returned, funder, '2026-11-24')).toMatchObject({ apply: false, review: false });
  });

  it('lets the operating funder review a submitted application and pay what is due to the enterprise', () => {
    const application = { ...grant, mode: 'apply', payee: 'enterprise', confirmBy: null };
    expect(grantRights({ ...application, status: 'submitted' }, funder, '2026-11-24').review).toBe(true);
    expect(grantRights({ ...application, status: 'approved' }, funder, '2026-11-24').pay).toBe(true);
    expect(
      grantRights({ ...application, status: 'approved', paid: '26000.00' }, funder, '2026-11-24').pay,
    ).toBe(false);
    // A confirmed 免申即享 grant to the enterprise is paid; one to the insurer goes through its bills.
    expect(
      grantRights({ ...grant, payee: 'enterprise', status: 'confirmed' }, funder, '2026-11-24').pay,
    ).toBe(true);
    expect(grantRights({ ...grant, status: 'confirmed' }, funder, '2026-11-24').pay).toBe(false);
    expect(grantRights({ ...application, status: 'submitted' }, regulator, '2026-11-24').review).toBe(false);
    const otherFunder = { ...funder, orgId: 'another' };
    expect(grantRights({ ...application, status: 'submitted' }, otherFunder, '2026-11-24').review).toBe(
      false,
    );
  });

  it('lets only the reviewer of the stage the application waits at decide on it', () => {
    const atProvince = {
      ...grant,
      status: 'submitted',
      mode: 'apply',
      payee: 'enterprise',
      confirmBy: null,
      review: { reviewer: { id: provinceOrg } },
    };
    expect(grantRights(atProvince, province, '2026-11-24')).toMatchObject({
      reviewer: true,
      review: true,
      funder: false,
      fraud: false,
      pay: false,
    });
    // The operating funder waits for the province (it may still find fraud).
    expect(grantRights(atProvince, funder, '2026-11-24')).toMatchObject({
      reviewer: false,
      review: false,
      funder: true,
      fraud: true,
    });
    // At the ministry's stage the province has nothing left to decide.
    const atCentral = { ...atProvince, review: { reviewer: { id: funderOrg } } };
    expect(grantRights(atCentral, province, '2026-11-24').review).toBe(false);
    expect(grantRights(atCentral, funder, '2026-11-24').review).toBe(true);
    // Without subsidy.manage nobody reviews, and nothing but a submitted application is reviewed.
    const reader = { orgId: provinceOrg, permissions: [Permission.SubsidyRead] };
    expect(grantRights(atProvince, reader, '2026-11-24').review).toBe(false);
    expect(grantRights({ ...atProvince, status: 'returned' }, province, '2026-11-24').review).toBe(false);
  });

  it('lets the operating funder find fraud on a grant not yet ended', () => {
    for (const status of ['reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved'])
      expect(grantRights({ ...grant, status }, funder, '2026-11-24').fraud, status).toBe(true);
    for (const status of ['rejected', 'lapsed', 'revoked'])
      expect(grantRights({ ...grant, status }, funder, '2026-11-24').fraud, status).toBe(false);
    expect(grantRights(grant, enterprise, '2026-11-24').fraud).toBe(false);
    expect(grantRights(grant, regulator, '2026-11-24').fraud).toBe(false);
    expect(grantRights(grant, { ...funder, orgId: 'another' }, '2026-11-24').fraud).toBe(false);
  });

  it('opens the grant under 补贴审核 for its funder and reviewers, under 我的补贴 for everyone else', () => {
    expect(grantPath(grant, funder)).toBe(`/subsidy/review/${grant.id}`);
    expect(grantPath(grant, enterprise)).toBe(`/subsidy/grants/${grant.id}`);
    expect(grantPath(grant, regulator)).toBe(`/subsidy/grants/${grant.id}`);
    // The reviewer of the stage it waits at, and one whose stage it passed, read it under 补贴审核 too.
    const atProvince = { ...grant, review: { reviewer: { id: provinceOrg } } };
    expect(grantPath(atProvince, province)).toBe(`/subsidy/review/${grant.id}`);
    expect(grantPath(grant, province)).toBe(`/subsidy/review/${grant.id}`);
    // Reading subsidies is not reviewing them.
    expect(grantPath(atProvince, { orgId: provinceOrg, permissions: [Permission.SubsidyRead] })).toBe(
      `/subsidy/grants/${grant.id}`,
    );
  });

  it('reads the materials the last request for more asked for', () => {
    const by = { id: provinceOrg, name: '省级' };
    const trail = [
      { decision: 'request_more', requested: ['sealed_policy'], note: '保单未盖章', by },
      { decision: 'resubmit', requested: null, note: '已补正', by },
      { decision: 'request_more', requested: ['premium_invoice', 'payment_voucher'], note: '发票', by },
      { decision: 'approve', requested: null, note: '通过', by },
    ];
    expect(requestedMaterials(trail)).toEqual(['premium_invoice', 'payment_voucher']);
    expect(lastRequest(trail)?.note).toBe('发票');
    expect(requestedMaterials(trail.slice(0, 2))).toEqual(['sealed_policy']);
    expect(requestedMaterials([{ decision: 'request_more', requested: null }])).toEqual([]);
    expect(requestedMaterials([])).toEqual([]);
    expect(lastRequest([])).toBeNull();
  });

  it('counts the days to a deadline', () => {
    expect(daysUntil('2026-11-30', '2026-11-24')).toBe(6);
    expect(daysUntil('2026-11-30', '2026-11-30')).toBe(0);
    expect(daysUntil('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysUntil('2026-11-30', '2026-12-02')).toBe(-2);
  });
});

describe('amounts and budgets', () => {
  it('owes the amount less what was clawed back and paid, never below zero', () => {
    expect(grantDue({ amount: '26000.00', clawedBack: '1000.50', paid: '0.00' })).toBe('24999.50');
    expect(grantDue({ amount: '26000.00', clawedBack: '0.00', paid: '26000.00' })).toBe('0.00');
    expect(grantDue({ amount: '100.00', clawedBack: '80.00', paid: '100.00' })).toBe('0.00');
    expect(addYuan('26000.00', '39000.00')).toBe('65000.00');
    expect(addYuan('0.1', '0.2')).toBe('0.30');
    expect(addYuan('x', '1')).toBeNull();
  });

  it('shows how much of a budget is committed and paid, without floats', () => {
    expect(budgetUse({ budget: '100000000.00', committed: '26000.00', paid: '0.00' })).toEqual({
      committed: 0,
      paid: 0,
    });
    expect(budgetUse({ budget: '1000.00', committed: '255.00', paid: '100.00' })).toEqual({
      committed: 25.5,
      paid: 10,
    });
    expect(budgetUse({ budget: '0.00', committed: '0.00', paid: '0.00' })).toEqual({ committed: 0, paid: 0 });
    expect(budgetUse({ budget: '10.00', committed: '12.00', paid: '0.00' }).committed).toBe(100);
  });
});

describe('materials', () => {
  it('takes PDF, JPEG and PNG by type, or by extension when the browser gives no type', () => {
    expect(materialContentType({ name: 'policy.pdf', type: 'application/pdf' })).toBe('application/pdf');
    expect(materialContentType({ name: 'scan.JPG', type: '' })).toBe('image/jpeg');
    expect(materialContentType({ name: 'scan.png', type: 'application/octet-stream' })).toBe('image/png');
    expect(materialContentType({ name: 'letter.docx', type: '' })).toBeNull();
    expect(materialContentType({ name: 'fake.pdf', type: 'application/x-msdownload' })).toBeNull();
  });

  it('refuses before sending what the server would refuse', () => {
    expect(materialProblem({ name: 'a.pdf', type: 'application/pdf', size: 1024 })).toBeNull();
    expect(materialProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 * 1024 * 1024 })).toBeNull();
    expect(materialProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 * 1024 * 1024 + 1 })).toBe(
      'size',
    );
    expect(materialProblem({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe('empty');
    expect(materialProblem({ name: 'a.gif', type: 'image/gif', size: 10 })).toBe('type');
    expect(fileSize(980)).toBe('980 B');
    expect(fileSize(12_800)).toBe('12.5 KB');
    expect(fileSize(3_355_443)).toBe('3.2 MB');
  });
});

describe('request bodies', () => {
  it('sends budgets with two places, notes and references trimmed', () => {
    expect(budgetBody(' 120,000,000 ')).toEqual({ budget: '120000000.00' });
    expect(budgetBody('一亿')).toEqual({ budget: '一亿' });
    expect(reviewBody({ decision: 'reject', note: ' 材料不全 ' })).toEqual({
      decision: 'reject',
      note: '材料不全',
    });
    // Only a request for more names materials, each once.
    expect(reviewBody({ decision: 'approve', note: '同意', requested: ['sealed_policy'] })).toEqual({
      decision: 'approve',
      note: '同意',
    });
    expect(
      reviewBody({
        decision: 'request_more',
        note: ' 保单未盖章 ',
        requested: ['sealed_policy', 'sealed_policy', 'premium_invoice'],
      }),
    ).toEqual({
      decision: 'request_more',
      note: '保单未盖章',
      requested: ['sealed_policy', 'premium_invoice'],
    });
    expect(reviewBody({ decision: 'request_more', note: '说明用途' })).toEqual({
      decision: 'request_more',
      note: '说明用途',
      requested: [],
    });
    expect(fraudBody(' 虚构最终用户验收证明 ')).toEqual({ note: '虚构最终用户验收证明' });
    for (const prefix of ['', '31', '310115']) expect(regionPrefixPattern.test(prefix), prefix).toBe(true);
    for (const prefix of ['3101151', '31x', ' 31', '上海'])
      expect(regionPrefixPattern.test(prefix), prefix).toBe(false);
    expect(payBody(' GOV20261124 ')).toEqual({ channelRef: 'GOV20261124' });
  });
});

describe('publishing a programme', () => {
  it('reads the pasted JSON and its code, or says what is wrong with it', () => {
    expect(parseProgrammeText('{"code":"lingang-pilot","version":1}')).toEqual({
      ok: true,
      code: 'lingang-pilot',
      definition: { code: 'lingang-pilot', version: 1 },
    });
    expect(parseProgrammeText('{"code":')).toMatchObject({ ok: false, problem: 'syntax' });
    expect(parseProgrammeText('[1]')).toEqual({ ok: false, problem: 'notObject' });
    expect(parseProgrammeText('{"code":"Bad Code"}')).toEqual({ ok: false, problem: 'noCode' });
    expect(parseProgrammeText('{"version":1}')).toEqual({ ok: false, problem: 'noCode' });
  });

  it('points errors into the programme, not the request', () => {
    expect(programmePointer('/body/share/tiers/0/rate')).toBe('/share/tiers/0/rate');
    expect(programmePointer('/body')).toBe('');
    expect(programmePointer('/query/x')).toBe('/query/x');
  });

  it('starts a new version from the current one, and a new programme from a template', () => {
    expect(nextProgrammeDraft({ $schema: 'x', code: 'a-b-c', version: 3 })).toEqual({
      code: 'a-b-c',
      version: 4,
    });
    const template = newProgrammeTemplate('2026-11-24');
    expect(readProgramme(template)).not.toBeNull();
    expect(template).toMatchObject({ window: { from: '2026-11-24' }, mode: 'apply', version: 1 });
  });

  it('writes keys in the schema’s order whatever order the database kept', () => {
    const stored = {
      mode: 'auto',
      code: 'x-y-z',
      share: { rate: '0.5' },
      names: { en: 'E', zh: '中' },
      version: 1,
    };
    expect(JSON.stringify(programmeInOrder(stored))).toBe(
      '{"code":"x-y-z","version":1,"names":{"zh":"中","en":"E"},"share":{"rate":"0.5"},"mode":"auto"}',
    );
  });
});
