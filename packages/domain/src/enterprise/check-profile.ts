import { type DefinitionError, pointer, problem } from '../catalog/definition-error.ts';
import { parseYuan } from '../money/index.ts';
import { usccProblem } from '../org/uscc.ts';
import { type CalendarDate, compareDates, tryParseCalendarDate } from '../time/index.ts';
import type { EnterpriseProfile } from './profile.ts';

const USCC_CHARACTER = /^[0-9A-HJ-NPQRTUWXY]$/;

/**
 * The precise problem of a unified social credit code (GB 32100-2015, shared domain README §7), or
 * undefined when it is valid: its length, the first character outside the code's alphabet, or the check
 * character. The check message names no "right" check character on purpose: the typo may be anywhere.
 */
export function usccError(path: string, code: string): DefinitionError | undefined {
  const kind = usccProblem(code);
  if (kind === null) return undefined;
  if (kind === 'length')
    return problem(
      path,
      'profile.uscc_length',
      `统一社会信用代码应为 18 位，实为 ${code.length} 位`,
      `a unified social credit code has 18 characters, this one has ${code.length}`,
    );
  if (kind === 'character') {
    const index = [...code].findIndex((ch) => !USCC_CHARACTER.test(ch));
    const ch = [...code][index] ?? '';
    const lower = /^[a-z]$/.test(ch);
    return problem(
      path,
      'profile.uscc_character',
      `统一社会信用代码第 ${index + 1} 位“${ch}”不是允许的字符${lower ? '（字母须大写）' : '（数字及除 I、O、S、V、Z 外的大写字母）'}`,
      `character ${index + 1} ("${ch}") of the unified social credit code is not allowed${lower ? ' (letters must be capitals)' : ' (digits and capital letters except I, O, S, V, Z)'}`,
    );
  }
  return problem(
    path,
    'profile.uscc_check',
    '统一社会信用代码校验位不正确，请逐位核对',
    'the check character of the unified social credit code does not match; check every character',
  );
}

function dateProblem(path: string, text: string | undefined): DefinitionError | undefined {
  if (text === undefined || tryParseCalendarDate(text).ok) return undefined;
  return problem(
    path,
    'profile.date_nonexistent',
    '日期不存在（如 2 月 30 日）',
    'is not a real calendar date (such as 30 February)',
  );
}

/** Counts as they are, amounts in fen: both compare exactly as bigints. */
const exact = (value: number | string | undefined) =>
  value === undefined ? undefined : typeof value === 'number' ? BigInt(value) : parseYuan(value);

function notAbove(
  errors: DefinitionError[],
  path: string,
  part: number | string | undefined,
  whole: number | string | undefined,
  words: { code: string; zh: string; en: string },
) {
  const [a, b] = [exact(part), exact(whole)];
  if (a !== undefined && b !== undefined && a > b) errors.push(problem(path, words.code, words.zh, words.en));
}

/**
 * The checks a profile of the right shape still needs (codes `profile.*`): the USCC check character, parts
 * not above their whole, real calendar dates, validity periods the right way round. No date is compared with
 * today: the domain has no clock, so "founded in the future" is for the caller who knows the date.
 */
export function checkProfile(profile: EnterpriseProfile): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const uscc = usccError('/uscc', profile.uscc);
  if (uscc !== undefined) errors.push(uscc);
  notAbove(errors, '/techStaff', profile.techStaff, profile.staff, {
    code: 'profile.tech_staff_above_staff',
    zh: '科技人员数不能超过职工总数',
    en: 'technical staff cannot outnumber all staff',
  });
  notAbove(errors, '/postgraduateStaff', profile.postgraduateStaff, profile.staff, {
    code: 'profile.postgraduates_above_staff',
    zh: '研究生学历人员数不能超过职工总数',
    en: 'postgraduate staff cannot outnumber all staff',
  });
  notAbove(errors, '/rdExpenseInChina', profile.rdExpenseInChina, profile.rdExpense, {
    code: 'profile.rd_in_china_above_rd',
    zh: '境内研发费用不能超过研发费用总额',
    en: 'R&D spent in China cannot exceed all R&D expense',
  });
  if (profile.lossRatioLast3Years?.startsWith('-') === true && /[1-9]/.test(profile.lossRatioLast3Years))
    errors.push(
      problem(
        '/lossRatioLast3Years',
        'profile.loss_ratio_negative',
        '赔付率不能为负',
        'a loss ratio cannot be negative',
      ),
    );

  const founded = dateProblem('/foundedOn', profile.foundedOn);
  if (founded !== undefined) errors.push(founded);
  profile.qualifications?.forEach((item, index) => {
    const at = pointer('/qualifications', index);
    const from = dateProblem(pointer(at, 'validFrom'), item.validFrom);
    const to = dateProblem(pointer(at, 'validTo'), item.validTo);
    for (const error of [from, to]) if (error !== undefined) errors.push(error);
    if (
      from === undefined &&
      to === undefined &&
      item.validFrom !== undefined &&
      item.validTo !== undefined
    ) {
      if (compareDates(item.validTo as CalendarDate, item.validFrom as CalendarDate) < 0)
        errors.push(
          problem(
            pointer(at, 'validTo'),
            'profile.validity_reversed',
            '有效期截止日不能早于起始日',
            'the validity cannot end before it starts',
          ),
        );
    }
  });
  profile.catalogueListings?.forEach((item, index) => {
    const listed = dateProblem(pointer('/catalogueListings', index, 'listedOn'), item.listedOn);
    if (listed !== undefined) errors.push(listed);
  });
  return errors;
}
