import type { BilingualText } from '../catalog/definition.ts';
import { addYears, compareDates, parseCalendarDate } from '../time/index.ts';
import {
  CLAIM_CAPS,
  CREDIT_RULES,
  type CreditGrade,
  type CreditRecord,
  creditGrades,
  KIND_WORDS,
  SEVERITY_WORDS,
} from './credit-rules.ts';

/** Where a record stands on the grading date. */
export type CreditRecordStatus = 'in_effect' | 'expired' | 'revoked' | 'future';

export interface CreditRecordEffect {
  /** Its position in the records given. */
  index: number;
  record: CreditRecord;
  status: CreditRecordStatus;
  /** The day its effect ends (excluded): occurredOn + the rule's years. */
  until: string;
  effect: BilingualText;
}

export interface CreditGradeResult {
  grade: CreditGrade;
  asOf: string;
  /** A dishonesty record in effect (not revoked, within its years): the catalogue's `enterprise.dishonest`. */
  dishonest: boolean;
  records: CreditRecordEffect[];
  explanation: BilingualText;
}

const rank = (grade: CreditGrade) => creditGrades.indexOf(grade);
const worse = (a: CreditGrade, b: CreditGrade): CreditGrade => (rank(a) >= rank(b) ? a : b);

function statusOf(record: CreditRecord, until: string, asOf: string): CreditRecordStatus {
  const at = parseCalendarDate(asOf);
  if (compareDates(parseCalendarDate(record.occurredOn), at) > 0) return 'future';
  if (record.revokedOn !== undefined && compareDates(parseCalendarDate(record.revokedOn), at) <= 0)
    return 'revoked';
  return compareDates(at, parseCalendarDate(until)) >= 0 ? 'expired' : 'in_effect';
}

/**
 * The credit grade (信用等级) A–D on `asOf` from an enterprise's records, by the table in credit-rules.ts,
 * with every record's effect in words — including the records that no longer count, and why.
 */
export function gradeCredit(records: readonly CreditRecord[], asOf: string): CreditGradeResult {
  parseCalendarDate(asOf);
  let hardCap: CreditGrade = 'A';
  let softCap: CreditGrade = 'A';
  let claimWeight = 0;
  let lifted = false;
  let dishonest = false;
  const effects = records.map((record, index): CreditRecordEffect => {
    const rule = CREDIT_RULES[record.kind][record.severity];
    const until = addYears(parseCalendarDate(record.occurredOn), rule.years);
    const status = statusOf(record, until, asOf);
    if (status === 'in_effect') {
      if (rule.cap !== undefined && rule.hard) hardCap = worse(hardCap, rule.cap);
      if (rule.cap !== undefined && !rule.hard) softCap = worse(softCap, rule.cap);
      claimWeight += rule.claimWeight ?? 0;
      if (record.kind === 'commendation') lifted = true;
      if (record.kind === 'dishonesty') dishonest = true;
    }
    return { index, record, status, until, effect: effectWords(record, status, until, rule.years) };
  });
  const claimCap = CLAIM_CAPS.find((entry) => claimWeight >= entry.atLeast)?.cap;
  if (claimCap !== undefined) softCap = worse(softCap, claimCap);
  const liftedGrade =
    lifted && rank(softCap) > 0 ? (creditGrades[rank(softCap) - 1] as CreditGrade) : softCap;
  const grade = worse(liftedGrade, hardCap);
  return {
    grade,
    asOf,
    dishonest,
    records: effects,
    explanation: explain(grade, asOf, { hardCap, softCap, claimWeight, lifted }),
  };
}

function effectWords(
  record: CreditRecord,
  status: CreditRecordStatus,
  until: string,
  years: number,
): BilingualText {
  const kind = KIND_WORDS[record.kind];
  const severity = SEVERITY_WORDS[record.severity];
  const lead = {
    zh: `${kind.zh}（${severity.zh}，${record.occurredOn}）：`,
    en: `${kind.en} (${severity.en}, ${record.occurredOn}): `,
  };
  const rule = CREDIT_RULES[record.kind][record.severity];
  let words: BilingualText;
  if (status === 'future')
    words = { zh: '发生于评定日之后，不计入', en: 'after the grading date; not counted' };
  else if (status === 'revoked')
    words = {
      zh: `已于 ${record.revokedOn} 撤销，不再计入`,
      en: `revoked on ${record.revokedOn}; no longer counted`,
    };
  else if (status === 'expired')
    words = {
      zh: `${years} 年影响期已于 ${until} 届满，不再计入`,
      en: `its ${years}-year effect ended on ${until}; no longer counted`,
    };
  else if (rule.claimWeight !== undefined)
    words = {
      zh: `${until} 前计入出险频度，当量 ${rule.claimWeight}`,
      en: `counts ${rule.claimWeight} towards the claim frequency until ${until}`,
    };
  else if (record.kind === 'commendation')
    words = {
      zh: `${until} 前可将等级上调一档（不超过失信、骗补、违约记录设定的上限）`,
      en: `lifts the grade one step until ${until} (never above the cap set by misconduct)`,
    };
  else if (rule.cap === 'D') words = { zh: `${until} 前信用等级为 D`, en: `grade D until ${until}` };
  else
    words = {
      zh: `${until} 前信用等级至多为 ${rule.cap}${rule.hard ? '（表彰不能上调）' : ''}`,
      en: `grade at most ${rule.cap} until ${until}${rule.hard ? ' (a commendation cannot lift it)' : ''}`,
    };
  return { zh: lead.zh + words.zh, en: lead.en + words.en };
}

function explain(
  grade: CreditGrade,
  asOf: string,
  parts: { hardCap: CreditGrade; softCap: CreditGrade; claimWeight: number; lifted: boolean },
): BilingualText {
  const zh: string[] = [];
  const en: string[] = [];
  if (parts.claimWeight > 0) {
    zh.push(`出险频度当量 ${parts.claimWeight}`);
    en.push(`claim frequency weight ${parts.claimWeight}`);
  }
  if (parts.softCap !== 'A') {
    zh.push(`出险与逾期记录使等级至多为 ${parts.softCap}`);
    en.push(`claims and late payments allow at most ${parts.softCap}`);
  }
  if (parts.lifted) {
    zh.push(parts.softCap === 'A' ? '表彰奖励（已是最高档，无需上调）' : '表彰奖励上调一档');
    en.push(
      parts.softCap === 'A'
        ? 'a commendation (already at the top, nothing to lift)'
        : 'a commendation lifts one step',
    );
  }
  if (parts.hardCap !== 'A') {
    zh.push(`失信、骗补或违约记录使等级至多为 ${parts.hardCap}`);
    en.push(`dishonesty, subsidy fraud or default allow at most ${parts.hardCap}`);
  }
  if (zh.length === 0) {
    zh.push('无计入的不良记录');
    en.push('no adverse record counts');
  }
  return {
    zh: `截至 ${asOf} 信用等级为 ${grade}：${zh.join('；')}。`,
    en: `Credit grade ${grade} as of ${asOf}: ${en.join('; ')}.`,
  };
}
