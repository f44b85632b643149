import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatchView } from '../../api/types.ts';
import { premiumText } from '../../enterprise/premiumText.ts';
import { readReferenceRequest } from '../../enterprise/readers.ts';

/** 参考保费 with the reference it priced, or why there is none. */
export function PremiumText({ match }: { match: Pick<MatchView, 'estimatedPremium' | 'estimateRequest'> }) {
  const { t } = useTranslation();
  if (match.estimatedPremium === null)
    return <Typography.Text type="secondary">{t('recommend.noPremium')}</Typography.Text>;
  return (
    <Typography.Text data-testid="match-premium">
      {premiumText(t, match.estimatedPremium, readReferenceRequest(match.estimateRequest))}
    </Typography.Text>
  );
}
