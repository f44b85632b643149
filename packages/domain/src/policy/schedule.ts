import type { Section } from '../catalog/definition.ts';
import { ExactDecimal, type Fen, formatYuanGrouped, toChineseCapital, tryParseYuan } from '../money/index.ts';
import { chineseDate, chinesePeriod } from './chinese-dates.ts';

/*
 * The printable policy schedule (保险单明细表) and the insurers' slip (共保/分保条), as whole HTML documents.
 * Pure: the caller gathers the figures, these functions only lay them out. Every text that comes from data
 * goes through the `html` template below, which escapes it, so a name such as "<script>" prints as text.
 *
 * The schedule is the insured's document: it names every co-insurer and its share, because each one is
 * liable to the insured for its share, but never a cession, which is a contract between insurers. The slip
 * carries the same terms plus the cessions and a signing column for each participant.
 */

export interface ScheduleParty {
  name: string;
  uscc: string | null;
}

export interface ScheduleSection {
  key: string;
  name: string;
  limit: bigint;
  sublimits: { name: string; limit: bigint }[];
  /** Already in words, e.g. from describeDeductible. */
  deductible: string;
  /** Already in words, e.g. from describeTrigger. */
  trigger: string;
}

export interface ScheduleCoinsurer {
  name: string;
  role: 'lead' | 'follower' | 'insured_retention';
  /** Percent text, e.g. "15.3846". */
  share: string;
  premium: bigint;
  sumInsured: bigint;
}

export interface ScheduleCession {
  insurer: string;
  reinsurer: string;
  kind: 'quota_share' | 'surplus' | 'facultative';
  cededSumInsured: bigint;
  cededPremium: bigint;
}

export interface ScheduleEndorsement {
  seq: number;
  effectiveDate: string;
  description: string;
  premiumDelta: bigint;
}

export interface ScheduleData {
  policyNumber: string;
  productCode: string;
  productVersion: number;
  productName: string;
  statisticalClass: string;
  policyholder: ScheduleParty;
  insured: ScheduleParty;
  beneficiary: string | null;
  startDate: string;
  endDate: string;
  issuedOn: string;
  sumInsured: bigint;
  sections: ScheduleSection[];
  coinsurers: ScheduleCoinsurer[];
  collectionMode: 'lead_collects' | 'each_collects';
  premium: bigint;
  subsidy: bigint;
  netPayable: bigint;
  /** Slip only: never printed on the insured's schedule. */
  cessions: ScheduleCession[];
  endorsements: ScheduleEndorsement[];
  clauseReference: string | null;
  status: 'in_force' | 'cancelled' | 'expired';
  /** Set for a group member certificate (成员凭证). */
  masterPolicyNumber: string | null;
}

// ---- Escaped HTML -------------------------------------------------------------------------------

const RAW: unique symbol = Symbol('html');

/** Markup that is already safe; only the `html` template makes one. */
interface Html {
  readonly [RAW]: string;
}

type Fragment = string | number | Html | readonly Html[];

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function isHtml(value: Fragment): value is Html {
  return typeof value === 'object' && RAW in value;
}

function fragmentText(value: Fragment): string {
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (isHtml(value)) return value[RAW];
  return value.map((part) => part[RAW]).join('\n');
}

/** A template whose literal parts are markup and whose values are text, escaped, or Html, kept. */
function html(strings: TemplateStringsArray, ...values: Fragment[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += fragmentText(value) + (strings[index + 1] ?? '');
  });
  return { [RAW]: text };
}

// ---- Words and figures --------------------------------------------------------------------------

const DASH = '—';

const STATISTICAL_CLASS_ZH: ReadonlyMap<string, string> = new Map([
  ['rd_transfer', '研发转化类'],
  ['application', '应用推广类'],
  ['intellectual_property', '知识产权类'],
  ['base', '基础保障类'],
]);

const STATUS_ZH: Record<ScheduleData['status'], string> = {
  in_force: '有效',
  cancelled: '已注销',
  expired: '已满期',
};

const ROLE_ZH: Record<ScheduleCoinsurer['role'], string> = {
  lead: '主承保',
  follower: '共保',
  insured_retention: '被保险人自留',
};

const ROLE_ORDER: Record<ScheduleCoinsurer['role'], number> = { lead: 0, follower: 1, insured_retention: 2 };

const COLLECTION_ZH: Record<ScheduleData['collectionMode'], string> = {
  lead_collects: '主代从收：由主承保人代收全部保费并向共保人划付',
  each_collects: '各收各份额：各共保人按其承保份额分别收取保费',
};

const CESSION_KIND_ZH: Record<ScheduleCession['kind'], string> = {
  quota_share: '成数',
  surplus: '溢额',
  facultative: '临分',
};

/** ¥1,234.56, with the sign in front of the symbol: -¥1,234.56. */
function yuanFigure(fen: Fen): string {
  return fen < 0n ? `-¥${formatYuanGrouped(-fen)}` : `¥${formatYuanGrouped(fen)}`;
}

/** An amount as a form prints it: figures, then 人民币 and the 大写金额. */
function amountWithCapital(fen: Fen): Html {
  return html`<span class="figure">${yuanFigure(fen)}</span><span class="capital">（人民币${toChineseCapital(fen)}）</span>`;
}

function sumOf(values: readonly Fen[]): Fen {
  return values.reduce((total, value) => total + value, 0n);
}

/** "0.1" → "10": a decimal share written as a percent, exactly. */
function percentText(rate: string): string {
  return new ExactDecimal(rate).times(100).toFixed();
}

function orDash(text: string | null): string {
  return text === null || text.trim() === '' ? DASH : text;
}

// ---- Describing a definition's cover -------------------------------------------------------------

type SectionDeductible = Section['deductible'];
type SectionTrigger = Section['trigger'];

/**
 * A section's deductible in words: 每次事故免赔额 ¥5,000,000.00, 损失金额的 10%（最低 ¥5,000.00）, 等待期 5 天,
 * or 无. A deductible chosen by option reads the resolved option value, a yuan string ("50000.00") or a
 * whole number of yuan; a missing or non-amount value is a programming error and throws.
 */
export function describeDeductible(
  deductible: SectionDeductible,
  options: Readonly<Record<string, string | number | boolean>>,
): string {
  if (deductible === undefined) return '无';
  switch (deductible.type) {
    case 'amount':
      return `每次事故免赔额 ${yuanFigure(yuanToFen(deductible.amount))}`;
    case 'percent': {
      const text = `损失金额的 ${percentText(deductible.rate)}%`;
      return deductible.minimum === undefined
        ? text
        : `${text}（最低 ${yuanFigure(yuanToFen(deductible.minimum))}）`;
    }
    case 'waiting_days':
      return `等待期 ${deductible.days} 天`;
    case 'option':
      return `每次事故免赔额 ${yuanFigure(optionAmount(deductible.option, options[deductible.option]))}`;
  }
}

function yuanToFen(text: string): Fen {
  const parsed = tryParseYuan(text);
  if (!parsed.ok) throw parsed.error;
  return parsed.fen;
}

function optionAmount(key: string, value: string | number | boolean | undefined): Fen {
  let fen: Fen | undefined;
  if (typeof value === 'string') {
    const parsed = tryParseYuan(value);
    if (parsed.ok) fen = parsed.fen;
  } else if (typeof value === 'number' && Number.isSafeInteger(value)) {
    fen = BigInt(value) * 100n;
  }
  if (fen === undefined || fen < 0n) {
    throw new RangeError(`the deductible option "${key}" has no amount (${JSON.stringify(value)})`);
  }
  return fen;
}

/** What the policy adds to a definition's trigger: its start date and an agreed retroactive date. */
export interface TriggerContext {
  /** 起保日, the retroactive date of a `policy_start` trigger. */
  startDate?: string;
  /** The agreed retroactive date of a `required` trigger. */
  retroactiveDate?: string | null;
}

/**
 * A section's trigger in words: 期内发生制, 期内索赔制（追溯日 2024年1月1日；延长报告期 60 天）, or the payout
 * table of a parametric cover. Without a context the retroactive date is described by its rule.
 */
export function describeTrigger(trigger: SectionTrigger, context: TriggerContext = {}): string {
  switch (trigger.type) {
    case 'occurrence':
      return '期内发生制';
    case 'claims_made': {
      const parts = [retroactiveText(trigger.retroactiveDate, context)];
      if (trigger.extendedReportingDays) parts.push(`延长报告期 ${trigger.extendedReportingDays} 天`);
      return `期内索赔制（${parts.join('；')}）`;
    }
    case 'parametric': {
      const direction = trigger.direction === 'above' ? '高于' : '低于';
      const payouts = trigger.payouts.map(
        (payout) =>
          `${direction} ${thresholdText(payout.threshold, trigger.unit)} 时赔付限额的 ${percentText(payout.payoutShareOfLimit)}%`,
      );
      return `参数触发：${trigger.index.zh}（${payouts.join('；')}）`;
    }
  }
}

function retroactiveText(
  rule: Extract<SectionTrigger, { type: 'claims_made' }>['retroactiveDate'],
  context: TriggerContext,
): string {
  switch (rule) {
    case 'required':
      return context.retroactiveDate ? `追溯日 ${chineseDate(context.retroactiveDate)}` : '须约定追溯日';
    case 'policy_start':
      return context.startDate ? `追溯日 ${chineseDate(context.startDate)}` : '追溯日为起保日';
    case 'none':
      return '不设追溯日';
  }
}

function thresholdText(threshold: string, unit: string): string {
  return unit === '%' || unit === '' ? `${threshold}${unit}` : `${threshold} ${unit}`;
}

// ---- The documents -------------------------------------------------------------------------------

const STYLE: Html = {
  [RAW]: `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
html { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 178mm; line-height: 1.5; }
header { text-align: center; margin-bottom: 4mm; }
h1 { font-size: 18pt; letter-spacing: 0.3em; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; padding-bottom: 1mm; border-bottom: 1pt solid #000; break-after: avoid; }
.meta { margin: 0; }
.banner { border: 2pt solid #c00; color: #c00; font-size: 16pt; font-weight: bold; letter-spacing: 0.5em; text-align: center; padding: 2mm; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; }
th, td { border: 0.5pt solid #000; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.figure { white-space: nowrap; font-variant-numeric: tabular-nums; }
.capital { font-size: 9.5pt; }
.sign { height: 14mm; min-width: 30mm; }
.note { font-size: 9pt; margin: 4mm 0 0; }
footer { margin-top: 6mm; text-align: right; }
@media screen { body { padding: 10mm 0; } }
@media print { th, .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`,
};

type Audience = 'schedule' | 'slip';

/** The full HTML5 policy schedule (保险单明细表), or the member certificate (团体保险成员凭证) of a group policy. */
export function renderPolicySchedule(data: ScheduleData): string {
  const title = data.masterPolicyNumber === null ? '保险单明细表' : '团体保险成员凭证';
  const closing =
    data.masterPolicyNumber === null
      ? '本明细表为保险单的组成部分，与保险条款、批单共同构成保险合同。'
      : `本凭证为团体保险单（${data.masterPolicyNumber}）项下的成员凭证，保险责任以团体保险单、保险条款及批单为准。`;
  return documentText(title, data, [
    ...terms(data),
    coinsurance(data, 'schedule'),
    premiums(data),
    endorsements(data),
    clause(data),
    html`<p class="note">${closing}</p>`,
    issued(data),
  ]);
}

/** The insurers' slip (共保/分保条): the same terms, each participant's line with a signing column, and every cession. */
export function renderSlip(data: ScheduleData): string {
  return documentText('共保/分保条', data, [
    ...terms(data),
    coinsurance(data, 'slip'),
    premiums(data),
    cessions(data),
    endorsements(data),
    clause(data),
    html`<p class="note">本条仅在保险人、再保险人之间使用，不向投保人、被保险人出具。</p>`,
    issued(data),
  ]);
}

function documentText(title: string, data: ScheduleData, body: readonly Html[]): string {
  const banner = data.status === 'cancelled' ? html`<div class="banner" role="status">已注销</div>` : html``;
  const numberLine =
    data.masterPolicyNumber === null
      ? html`<p class="meta">保险单号：${data.policyNumber}</p>`
      : html`<p class="meta">凭证号：${data.policyNumber}　团体保险单号：${data.masterPolicyNumber}</p>`;
  const page = html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} ${data.policyNumber}</title>
<style>${STYLE}</style>
</head>
<body>
${banner}<header>
<h1>${title}</h1>
${numberLine}
<p class="meta">保单状态：${STATUS_ZH[data.status]}</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
  return page[RAW];
}

/** The terms both documents share: product, parties, period, sum insured and cover. */
function terms(data: ScheduleData): Html[] {
  return [productAndParties(data), period(data), sectionsTable(data)];
}

function productAndParties(data: ScheduleData): Html {
  const statisticalClass = STATISTICAL_CLASS_ZH.get(data.statisticalClass) ?? data.statisticalClass;
  return html`<h2>产品与当事人</h2>
<table>
<tbody>
<tr><th scope="row">产品名称</th><td colspan="3">${data.productName}</td></tr>
<tr><th scope="row">产品代码</th><td>${data.productCode}（第 ${data.productVersion} 版）</td><th scope="row">统计分类</th><td>${statisticalClass}</td></tr>
${party('投保人', data.policyholder)}
${party('被保险人', data.insured)}
<tr><th scope="row">受益人</th><td colspan="3">${data.beneficiary ?? '未指定'}</td></tr>
</tbody>
</table>`;
}

function party(label: string, value: ScheduleParty): Html {
  return html`<tr><th scope="row">${label}</th><td>${value.name}</td><th scope="row">统一社会信用代码</th><td>${orDash(value.uscc)}</td></tr>`;
}

function period(data: ScheduleData): Html {
  return html`<h2>保险期间与保险金额</h2>
<table>
<tbody>
<tr><th scope="row">保险期间</th><td>${chinesePeriod(data.startDate, data.endDate)}</td></tr>
<tr><th scope="row">保险金额</th><td>${amountWithCapital(data.sumInsured)}</td></tr>
</tbody>
</table>`;
}

function sectionsTable(data: ScheduleData): Html {
  const rows =
    data.sections.length === 0
      ? [html`<tr><td colspan="5">${DASH}</td></tr>`]
      : data.sections.map((section) => {
          const sublimits =
            section.sublimits.length === 0
              ? html`${DASH}`
              : html`${section.sublimits.map(
                  (sublimit, index) =>
                    html`${index > 0 ? html`<br>` : html``}${sublimit.name}：<span class="figure">${yuanFigure(sublimit.limit)}</span>`,
                )}`;
          return html`<tr data-section="${section.key}"><td>${section.name}</td><td class="num">${yuanFigure(section.limit)}</td><td>${sublimits}</td><td>${orDash(section.deductible)}</td><td>${orDash(section.trigger)}</td></tr>`;
        });
  return html`<h2>保障项目</h2>
<table>
<thead><tr><th>保障项目</th><th class="num">责任限额</th><th>分项限额</th><th>免赔</th><th>触发方式</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function coinsurance(data: ScheduleData, audience: Audience): Html {
  const participants = [...data.coinsurers].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const slip = audience === 'slip';
  const columns = slip ? 6 : 5;
  const rows =
    participants.length === 0
      ? [html`<tr><td colspan="${columns}">无共保安排</td></tr>`]
      : participants.map(
          (c) =>
            html`<tr><td>${c.name}</td><td>${ROLE_ZH[c.role]}</td><td class="num">${c.share}%</td><td class="num">${yuanFigure(c.sumInsured)}</td><td class="num">${yuanFigure(c.premium)}</td>${slip ? html`<td class="sign"></td>` : html``}</tr>`,
        );
  const total =
    participants.length === 0
      ? html``
      : html`<tr><th scope="row" colspan="3">合计</th><td class="num">${yuanFigure(sumOf(participants.map((c) => c.sumInsured)))}</td><td class="num">${yuanFigure(sumOf(participants.map((c) => c.premium)))}</td>${slip ? html`<td></td>` : html``}</tr>`;
  const head = slip
    ? html`<tr><th>共保人</th><th>角色</th><th class="num">签署份额</th><th class="num">承保额（书面份额）</th><th class="num">份额保费</th><th>签章</th></tr>`
    : html`<tr><th>共保人</th><th>角色</th><th class="num">承保份额</th><th class="num">份额保额</th><th class="num">份额保费</th></tr>`;
  return html`<h2>共保信息</h2>
<table>
<thead>${head}</thead>
<tbody>
${rows}
${total}
</tbody>
</table>
<p>收费方式：${COLLECTION_ZH[data.collectionMode]}</p>`;
}

function premiums(data: ScheduleData): Html {
  return html`<h2>保险费</h2>
<table>
<tbody>
<tr><th scope="row">总保费</th><td>${amountWithCapital(data.premium)}</td></tr>
<tr><th scope="row">财政补贴</th><td>${amountWithCapital(data.subsidy)}</td></tr>
<tr><th scope="row">投保人应缴保费</th><td>${amountWithCapital(data.netPayable)}</td></tr>
</tbody>
</table>`;
}

function cessions(data: ScheduleData): Html {
  const rows =
    data.cessions.length === 0
      ? [html`<tr><td colspan="5">无分保安排</td></tr>`]
      : data.cessions.map(
          (c) =>
            html`<tr><td>${c.insurer}</td><td>${c.reinsurer}</td><td>${CESSION_KIND_ZH[c.kind]}</td><td class="num">${yuanFigure(c.cededSumInsured)}</td><td class="num">${yuanFigure(c.cededPremium)}</td></tr>`,
        );
  const total =
    data.cessions.length === 0
      ? html``
      : html`<tr><th scope="row" colspan="3">合计</th><td class="num">${yuanFigure(sumOf(data.cessions.map((c) => c.cededSumInsured)))}</td><td class="num">${yuanFigure(sumOf(data.cessions.map((c) => c.cededPremium)))}</td></tr>`;
  return html`<h2>分保信息</h2>
<table>
<thead><tr><th>分出人</th><th>分入人</th><th>分保方式</th><th class="num">分出保额</th><th class="num">分出保费</th></tr></thead>
<tbody>
${rows}
${total}
</tbody>
</table>`;
}

function endorsements(data: ScheduleData): Html {
  if (data.endorsements.length === 0) return html`<h2>批改</h2>\n<p>无批改。</p>`;
  const rows = [...data.endorsements]
    .sort((a, b) => a.seq - b.seq)
    .map(
      (e) =>
        html`<tr><td class="num">${e.seq}</td><td>${chineseDate(e.effectiveDate)}</td><td>${e.description}</td><td>${premiumDelta(e.premiumDelta)}</td></tr>`,
    );
  return html`<h2>批改</h2>
<table>
<thead><tr><th class="num">批改序号</th><th>生效日期</th><th>批改内容</th><th>保费变化</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function premiumDelta(delta: Fen): Html {
  if (delta === 0n) return html`无保费变化`;
  return delta > 0n ? html`加收 ${amountWithCapital(delta)}` : html`退还 ${amountWithCapital(-delta)}`;
}

function clause(data: ScheduleData): Html {
  return html`<h2>条款</h2>
<p>适用条款：${orDash(data.clauseReference)}</p>`;
}

function issued(data: ScheduleData): Html {
  return html`<footer><p>签发日期：${chineseDate(data.issuedOn)}</p></footer>`;
}
