import type { MatchReason } from '@kebao/domain/matching';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { readReasons } from '../../enterprise/readers.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { useCodeLabel } from './labels.tsx';

const reasonKinds = [
  'holds',
  'awaits_request',
  'needs_facts',
  'referred',
  'not_eligible',
  'declined',
  'shared_values',
  'class_preference',
] as const satisfies readonly MatchReason['kind'][];

const kindColors: Record<MatchReason['kind'], string | undefined> = {
  holds: 'green',
  awaits_request: 'blue',
  needs_facts: 'gold',
  referred: 'orange',
  not_eligible: 'red',
  declined: 'red',
  shared_values: 'cyan',
  class_preference: 'geekblue',
};

function ReasonLine({ reason }: { reason: MatchReason }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const codeLabel = useCodeLabel();
  const known = (reasonKinds as readonly string[]).includes(reason.kind);
  const shared = reason.kind === 'shared_values' && reason.facts.length > 0;
  return (
    <Flex gap="small" align="baseline" wrap data-testid="match-reason" data-kind={reason.kind}>
      <Tag color={kindColors[reason.kind]} style={{ marginInlineEnd: 0 }}>
        {known ? t(`recommend.reasonKinds.${reason.kind}`) : reason.kind}
      </Tag>
      <Typography.Text>
        {shared
          ? t('recommend.sharedValues', {
              message: pick(reason.message, language),
              values: reason.facts.map(codeLabel).join(t('common.listSeparator')),
            })
          : pick(reason.message, language)}
      </Typography.Text>
      {reason.detail ? (
        <Typography.Text type="secondary">{pick(reason.detail, language)}</Typography.Text>
      ) : null}
      {reason.points ? (
        <Typography.Text type="success">{t('recommend.points', { points: reason.points })}</Typography.Text>
      ) : null}
    </Flex>
  );
}

/** Why a product matches, rule by rule, in the current language (the server writes both). */
export function MatchReasons({ reasons }: { reasons: unknown }) {
  const list = readReasons(reasons);
  return (
    <Flex vertical gap={4} data-testid="match-reasons">
      {list.map((reason, i) => (
        // A product's rules have no id but their order; codes repeat across shared values.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <ReasonLine key={i} reason={reason} />
      ))}
    </Flex>
  );
}
