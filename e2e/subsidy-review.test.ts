import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { settled } from './animations.ts';
import { type ApiSession, apiLogin, callJson } from './api.ts';
import { baseUrl, eventually, login, pathOf, textOf, useBrowser } from './browser.ts';
import { enterpriseAdmin, uniqueSuffix } from './demo.ts';

/** The ministry's office operating the first-of-a-kind compensation; it reviews the last stage. */
const centralEmail = 'central@demo.kebao.cn';
const centralName = '工业和信息化部首台套保险补偿办公室（示例）';
/** The Shanghai commission reviewing Shanghai manufacturers' applications first (省级初审). */
const shanghaiEmail = 'shanghai@demo.kebao.cn';
const shanghaiName = '上海市经济和信息化委员会（示例）';
const programmeCode = 'central-first-set-2024';
const programmeName = '首台(套)重大技术装备保险补偿（2024 年起）';
const provinceStage = '省级工信主管部门初审';
const centralStage = '工业和信息化部审核';
/** The material the province asks to be uploaded again. */
const requested = { key: 'sealed_policy', name: '加盖保险公司公章的保单' };

const pdf = Buffer.from('%PDF-1.4\n% 申报材料（测试）\n%%EOF\n', 'utf8');

interface GrantBody {
  id: string;
  status: string;
  programme: { code: string };
  supplementBy: string | null;
  materials?: { key: string }[];
}

/** A material of an application, uploaded as the enterprise's own system would. */
async function uploadPdf(session: ApiSession, grantId: string, key: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/subsidy/grants/${grantId}/materials/${key}`, {
    method: 'PUT',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/pdf',
      'x-filename': encodeURIComponent(`${key}.pdf`),
    },
    body: pdf,
  });
  if (response.status !== 200)
    throw new Error(`upload ${key}: HTTP ${response.status} ${await response.text()}`);
}

/**
 * A central first-of-a-kind application, submitted: the office approves a quota for the demo enterprise,
 * the enterprise binds an equipment policy (which opens the application on the quota), uploads every
 * material and submits. Returns the policy number, the grant and the quota (to revoke afterwards).
 */
async function submittedApplication() {
  const [central, enterprise] = await Promise.all([apiLogin(centralEmail), apiLogin(enterpriseAdmin.email)]);
  const { id: enterpriseId } = await callJson<{ id: string }>(enterprise, 'GET', '/api/enterprise/me');
  const quota = await callJson<{ id: string }>(
    central,
    'POST',
    `/api/subsidy/programmes/${programmeCode}/quotas`,
    {
      enterpriseId,
      item: `晶圆检测设备（审核测试 ${uniqueSuffix()}）`,
      productValue: '3000000.00',
      approvalRef: '工信厅装函〔2026〕201号',
    },
  );
  const quote = await callJson<{ id: string }>(enterprise, 'POST', '/api/quotes', {
    productCode: 'KB-AP-EQUIP',
    request: { contractValue: '8000000.00', continuousYear: 1, options: { deductible: '50000.00' } },
  });
  await callJson(enterprise, 'POST', `/api/quotes/${quote.id}/accept`, {});
  const policy = await callJson<{ id: string; number: string }>(
    enterprise,
    'POST',
    `/api/quotes/${quote.id}/bind`,
    {},
  );
  const grants = await callJson<{ items: GrantBody[] }>(
    enterprise,
    'GET',
    `/api/subsidy/grants?policyId=${policy.id}`,
  );
  const grant = grants.items.find((g) => g.programme.code === programmeCode);
  if (!grant) throw new Error(`the bind of ${policy.number} opened no ${programmeCode} application`);
  expect(grant.status).toBe('applied');
  const detail = await callJson<GrantBody>(enterprise, 'GET', `/api/subsidy/grants/${grant.id}`);
  for (const { key } of detail.materials ?? []) await uploadPdf(enterprise, grant.id, key);
  const submitted = await callJson<GrantBody>(
    enterprise,
    'POST',
    `/api/subsidy/grants/${grant.id}/submit`,
    {},
  );
  expect(submitted.status).toBe('submitted');
  return { central, policy, grantId: grant.id, quotaId: quota.id };
}

/** The entries of the review trail on a grant's page: stage and decision of each, oldest first. */
async function trailOf(page: Page): Promise<string[]> {
  const entries = page.getByTestId('grant-trail').getByTestId('grant-trail-entry');
  const stages = await entries.getByTestId('grant-trail-stage').allInnerTexts();
  const decisions = await entries.getByTestId('grant-trail-decision').allInnerTexts();
  return stages.map((stage, i) => `${stage} · ${decisions[i] ?? ''}`);
}

/** The reviewer on the grant's page: opens 审核, chooses the decision, writes the note and sends it. */
async function decide(
  page: Page,
  decision: 'approve' | 'request_more',
  note: string,
  materials: readonly string[] = [],
): Promise<GrantBody> {
  await page.getByTestId('grant-review').click();
  await page.getByTestId('review-form').waitFor();
  await settled(page.locator('.ant-modal:visible').first());
  await page.getByTestId(`review-${decision}`).click();
  for (const key of materials) await page.getByTestId(`review-request-${key}`).click();
  await page.getByTestId('review-note').fill(note);
  const answer = page.waitForResponse(
    (r) => /\/api\/subsidy\/grants\/[^/]+\/review$/.test(r.url()) && r.request().method() === 'POST',
  );
  await page.getByTestId('review-submit').click();
  const response = await answer;
  expect(response.status()).toBe(200);
  await eventually(() => page.getByTestId('review-form').count()).toBe(0);
  return (await response.json()) as GrantBody;
}

describe('the review of an application (申报审核)', () => {
  const browsing = useBrowser();

  it('Shanghai asks for more, the enterprise uploads it again and resubmits, Shanghai then the ministry approve', async () => {
    const { central, policy, grantId, quotaId } = await submittedApplication();
    try {
      // The province finds the application in 待我审核, at its stage, the first of two.
      const shanghai = await browsing.newPage();
      await login(shanghai, shanghaiEmail);
      await shanghai.getByTestId('nav-subsidy-review').click();
      await eventually(() => textOf(shanghai.getByTestId('page-title-subsidy-review'))).toBe('补贴审核');
      await shanghai.getByTestId('review-tab-toReview').waitFor();
      const row = shanghai
        .getByTestId('grants-table')
        .locator(`tbody tr.ant-table-row`, { hasText: policy.number });
      await eventually(() => textOf(row.getByTestId('grant-stage-name'))).toBe(`${provinceStage}（1/2）`);
      expect(await textOf(row.getByTestId('grant-stage-reviewer'))).toBe(shanghaiName);
      expect(await textOf(row.getByTestId('grant-mine'))).toBe('待我审核');
      expect(await textOf(row.getByTestId('grant-link'))).toBe(programmeName);
      await row.getByTestId('grant-link').click();
      await eventually(() => pathOf(shanghai)).toBe(`/subsidy/review/${grantId}`);
      await eventually(() => textOf(shanghai.getByTestId('grant-stage'))).toBe(
        `${provinceStage}（1/2）· 审核单位：${shanghaiName}`,
      );
      await shanghai.getByTestId('grant-trail-empty').waitFor();
      // Only the operating office finds fraud.
      expect(await shanghai.getByTestId('grant-fraud').count()).toBe(0);

      // 要求补正: the policy sealed by the insurer, again.
      const returned = await decide(shanghai, 'request_more', '保单未加盖保险公司公章，请补正', [
        requested.key,
      ]);
      expect(returned.status).toBe('returned');
      const due = returned.supplementBy as string;
      expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await eventually(() => textOf(shanghai.getByTestId('grant-status'))).toBe('待补正');
      expect(await textOf(shanghai.getByTestId('grant-returned-waiting'))).toContain(
        `已退回投保企业补正，补正期限 ${due}`,
      );
      expect(await shanghai.getByTestId('grant-review').count()).toBe(0);
      expect(await trailOf(shanghai)).toEqual([`${provinceStage} · 要求补正`]);

      // The enterprise reads what is asked and by when, uploads it again and resubmits.
      const enterprise = await browsing.newPage();
      await login(enterprise, enterpriseAdmin.email);
      await enterprise.getByTestId('nav-subsidy-grants').click();
      const mine = enterprise
        .getByTestId('grants-table')
        .locator('tbody tr.ant-table-row', { hasText: policy.number });
      await eventually(() => textOf(mine.getByTestId('grant-status'))).toBe('待补正');
      expect(await textOf(mine.getByTestId('grant-todo'))).toBe(`请于 ${due} 前补正`);
      await mine.getByTestId('grant-link').click();
      await eventually(() => pathOf(enterprise)).toBe(`/subsidy/grants/${grantId}`);
      const notice = enterprise.getByTestId('grant-returned-notice');
      await eventually(() => textOf(notice)).toContain(`请于 ${due} 前重新上传材料并重新提交`);
      expect(await textOf(notice.getByTestId('grant-returned-materials'))).toBe(
        `需重新上传：${requested.name}`,
      );
      expect(await textOf(notice.getByTestId('grant-returned-note'))).toBe(
        `审核意见（${provinceStage} · ${shanghaiName}）：保单未加盖保险公司公章，请补正`,
      );
      expect(await textOf(enterprise.getByTestId('grant-supplement-by'))).toBe(due);
      const material = enterprise
        .getByTestId('grant-materials')
        .locator(`tbody tr.ant-table-row[data-row-key="${requested.key}"]`);
      expect(await textOf(material.getByTestId('material-requested'))).toBe('需重新上传');
      expect(await enterprise.getByTestId('grant-materials').getByTestId('material-requested').count()).toBe(
        1,
      );
      const uploaded = enterprise.waitForResponse(
        (r) => r.url().endsWith(`/materials/${requested.key}`) && r.request().method() === 'PUT',
      );
      await material
        .getByTestId(`material-upload-${requested.key}`)
        .locator('input[type=file]')
        .setInputFiles({ name: '盖章保单.pdf', mimeType: 'application/pdf', buffer: pdf });
      expect((await uploaded).status()).toBe(200);
      await eventually(() => textOf(material.getByTestId('material-reuploaded'))).toBe('已重新上传');
      expect(await textOf(material.getByTestId('material-file'))).toBe('盖章保单.pdf');

      expect(await textOf(enterprise.getByTestId('grant-submit'))).toBe('重新提交');
      await enterprise.getByTestId('grant-submit').click();
      const confirm = enterprise.locator('.ant-popconfirm:visible');
      await settled(confirm);
      const resubmitted = enterprise.waitForResponse(
        (r) => /\/api\/subsidy\/grants\/[^/]+\/submit$/.test(r.url()) && r.request().method() === 'POST',
      );
      await confirm.getByTestId('grant-submit-ok').click();
      expect((await resubmitted).status()).toBe(200);
      await eventually(() => textOf(enterprise.getByTestId('grant-status'))).toBe('待审核');
      expect(await textOf(enterprise.getByTestId('grant-at-stage'))).toBe(
        `该申报正处于「${provinceStage}」环节，由${shanghaiName}审核`,
      );
      expect(await enterprise.getByTestId('grant-returned-notice').count()).toBe(0);
      expect(await trailOf(enterprise)).toEqual([
        `${provinceStage} · 要求补正`,
        `${provinceStage} · 补正后重新提交`,
      ]);

      // The province approves: on to the ministry, which Shanghai no longer decides.
      await shanghai.reload();
      await eventually(() => textOf(shanghai.getByTestId('grant-status'))).toBe('待审核');
      const onward = await decide(shanghai, 'approve', '材料齐全，同意上报');
      expect(onward.status).toBe('submitted');
      await eventually(() => textOf(shanghai.getByTestId('grant-stage'))).toBe(
        `${centralStage}（2/2）· 审核单位：${centralName}`,
      );
      expect(await shanghai.getByTestId('grant-review').count()).toBe(0);
      expect(await textOf(shanghai.getByTestId('grant-at-stage'))).toBe(
        `该申报正处于「${centralStage}」环节，由${centralName}审核`,
      );

      // The ministry finds it in its own 待我审核 and approves it: the subsidy is granted.
      const ministry = await browsing.newPage();
      await login(ministry, centralEmail);
      await ministry.getByTestId('nav-subsidy-review').click();
      const queued = ministry
        .getByTestId('grants-table')
        .locator('tbody tr.ant-table-row', { hasText: policy.number });
      await eventually(() => textOf(queued.getByTestId('grant-stage-name'))).toBe(`${centralStage}（2/2）`);
      await queued.getByTestId('grant-link').click();
      await eventually(() => pathOf(ministry)).toBe(`/subsidy/review/${grantId}`);
      await ministry.getByTestId('grant-review').waitFor();
      // The operating office may also find fraud.
      expect(await ministry.getByTestId('grant-fraud').count()).toBe(1);
      const approved = await decide(ministry, 'approve', '同意补偿');
      expect(approved.status).toBe('approved');
      await eventually(() => textOf(ministry.getByTestId('grant-status'))).toBe('已批准');
      await eventually(() => trailOf(ministry)).toEqual([
        `${provinceStage} · 要求补正`,
        `${provinceStage} · 补正后重新提交`,
        `${provinceStage} · 通过`,
        `${centralStage} · 通过`,
      ]);
      expect(
        await ministry.getByTestId('grant-trail').getByTestId('grant-trail-requested').allInnerTexts(),
      ).toEqual([`要求补正的材料：${requested.name}`]);
      expect(await ministry.getByTestId('grant-trail').getByTestId('grant-trail-by').allInnerTexts()).toEqual(
        [
          expect.stringContaining(shanghaiName),
          expect.stringContaining('临港示例芯片科技有限公司'),
          expect.stringContaining(shanghaiName),
          expect.stringContaining(centralName),
        ],
      );

      // The enterprise sees it approved, with the whole trail.
      await enterprise.reload();
      await eventually(() => textOf(enterprise.getByTestId('grant-status'))).toBe('已批准');
      await eventually(() => enterprise.getByTestId('grant-trail-entry').count()).toBe(4);
    } finally {
      // The quota served this test only: later binds draw on none of it.
      await callJson(central, 'POST', `/api/subsidy/quotas/${quotaId}/revoke`, { reason: '测试后清理' });
    }
  });
});
