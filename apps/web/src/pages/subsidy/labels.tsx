import { Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConditionVocabulary, conditionText } from '../../catalog/conditionText.ts';
import type { Condition } from '../../catalog/definition.ts';
import { factLabel, factType } from '../../catalog/facts.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isOneOf } from '../../policy/vocabulary.ts';
import {
  clawbackMethods,
  fundLevels,
  type GrantStatus,
  grantStatuses,
  payees,
  programmeFacts,
  programmeModes,
  stepResults,
  stepRules,
  trailDecisions,
} from '../../subsidy/vocabulary.ts';

const grantColors: Record<GrantStatus, string | undefined> = {
  reserved: 'gold',
  confirmed: 'green',
  applied: 'blue',
  submitted: 'processing',
  returned: 'orange',
  approved: 'cyan',
  rejected: 'red',
  lapsed: undefined,
  revoked: 'magenta',
};

/** 待确认 · 已确认 · 待提交材料 · 待审核 · 待补正 · 已批准 · 未通过 · 已失效 · 已撤销（骗补）. */
export function GrantStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(grantStatuses, status) ? grantColors[status] : undefined}
      data-testid="grant-status"
      data-status={status}
    >
      {isOneOf(grantStatuses, status) ? t(`grants.statuses.${status}`) : status}
    </Tag>
  );
}

const resultColors = { pass: 'green', fail: 'red', unknown: 'orange' } as const;

/** 通过 · 未通过 · 待确认 of a check in the computation. */
export function StepResultTag({ result }: { result: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOneOf(stepResults, result) ? resultColors[result] : undefined}
      data-testid="grant-step-result"
      data-result={result}
    >
      {isOneOf(stepResults, result) ? t(`grant.results.${result}`) : result}
    </Tag>
  );
}

/** The names of the subsidy codes in the current language; an unknown code is shown as it is. */
export function useSubsidyLabels() {
  const { t } = useTranslation();
  return {
    level: useCallback(
      (level: string) => (isOneOf(fundLevels, level) ? t(`subsidies.levels.${level}`) : level),
      [t],
    ),
    mode: useCallback(
      (mode: string) => (isOneOf(programmeModes, mode) ? t(`subsidies.modes.${mode}`) : mode),
      [t],
    ),
    payee: useCallback(
      (payee: string) => (isOneOf(payees, payee) ? t(`subsidies.payees.${payee}`) : payee),
      [t],
    ),
    clawback: useCallback(
      (method: string) =>
        isOneOf(clawbackMethods, method) ? t(`programme.clawbackMethods.${method}`) : method,
      [t],
    ),
    rule: useCallback((rule: string) => (isOneOf(stepRules, rule) ? t(`grant.rules.${rule}`) : rule), [t]),
    /** An entry of the review trail: 通过 · 不通过 · 要求补正 · 补正后重新提交 · 认定骗补. */
    decision: useCallback(
      (decision: string) =>
        isOneOf(trailDecisions, decision) ? t(`grant.trailDecisions.${decision}`) : decision,
      [t],
    ),
  };
}

/** No product options in a programme: facts are the catalogue's dictionary and the subsidy-only ones. */
const noOptions = { options: [] };

function programmeFact(fact: string) {
  return Object.hasOwn(programmeFacts, fact)
    ? programmeFacts[fact as keyof typeof programmeFacts]
    : undefined;
}

/** A programme's condition in plain words ("所在省级行政区划代码 = 310000"), with the product pages' words. */
export function useProgrammeConditionText(): (condition: Condition) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useMemo<ConditionVocabulary>(
    () => ({
      label: (fact) => {
        const own = programmeFact(fact);
        return own ? pick(own, language) : factLabel(noOptions, fact, language);
      },
      type: (fact) => programmeFact(fact)?.type ?? factType(noOptions, fact),
      word: (key, vars) => t(`products.condition.${key}`, vars ?? {}),
    }),
    [language, t],
  );
  return useCallback((condition) => conditionText(condition, words), [words]);
}
