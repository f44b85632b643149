import { Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { enterpriseFacts } from '../../catalog/vocabulary.ts';
import { isProfileKey } from '../../enterprise/profileFields.ts';
import {
  creditGrades,
  frontierTags,
  gradeColors,
  listingKinds,
  type MatchStatus,
  matchStatusColors,
  oneOf,
  qualificationKinds,
  scoreBands,
} from '../../enterprise/vocabulary.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';

/** 信用等级 A–D; "未评定" when the enterprise has no record yet (unknown, not A). */
export function GradeTag({ grade }: { grade: string | null }) {
  const { t } = useTranslation();
  if (!oneOf(creditGrades, grade))
    return (
      <Tag data-testid="credit-grade-tag" data-grade="">
        {t('credit.noGrade')}
      </Tag>
    );
  return (
    <Tag color={gradeColors[grade]} data-testid="credit-grade-tag" data-grade={grade}>
      {t('credit.gradeValue', { grade })}
    </Tag>
  );
}

/** 科技分档 A–D of the tech score. */
export function BandTag({ band }: { band: string | null }) {
  const { t } = useTranslation();
  if (!oneOf(scoreBands, band)) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={gradeColors[band]} data-testid="score-band-tag" data-band={band}>
      {t('evaluation.bandValue', { band })}
    </Tag>
  );
}

/** 可投保 / 待核实 / 需人工核保. */
export function MatchStatusTag({ status }: { status: MatchStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={matchStatusColors[status]} data-testid="match-status" data-status={status}>
      {t(`recommend.statuses.${status}`)}
    </Tag>
  );
}

/** A profile field by its label (`rdExpense` → 上年研发费用); unknown names as they are. */
export function useFieldLabel(): (field: string) => string {
  const { t } = useTranslation();
  return useCallback((field) => (isProfileKey(field) ? t(`enterprise.fields.${field}`) : field), [t]);
}

/** A catalogue fact by its name (`enterprise.trl` → 技术成熟度等级 (GB/T 22900)). */
const factNames: Readonly<Record<string, { zh: string; en: string }>> = enterpriseFacts;

export function useFactName(): (fact: string) => string {
  const language = useLanguage();
  return useCallback(
    (fact) => {
      const entry = Object.hasOwn(factNames, fact) ? factNames[fact] : undefined;
      return entry ? pick(entry, language) : fact;
    },
    [language],
  );
}

/** A code the registry shares with products (a frontier tag, a qualification, a listing) in words. */
export function useCodeLabel(): (code: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (code) => {
      if (oneOf(frontierTags, code)) return t(`enterprise.frontierTags.${code}`);
      if (oneOf(qualificationKinds, code)) return t(`enterprise.qualificationKinds.${code}`);
      if (oneOf(listingKinds, code)) return t(`enterprise.listingKinds.${code}`);
      return code;
    },
    [t],
  );
}
