import { Flex, Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { budgetUse } from '../../subsidy/forms.ts';
import type { ProgrammeView } from '../../subsidy/types.ts';
import { useMoney } from '../policy/labels.tsx';

/**
 * How much of a programme's budget is used: committed (granted, not clawed back) as the bar, paid as its
 * darker part, and what is left.
 */
export function BudgetBar({
  programme,
  compact = false,
}: {
  programme: Pick<ProgrammeView, 'budget' | 'committed' | 'paid' | 'left'>;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const use = budgetUse(programme);
  const legend = t('subsidies.useLegend', {
    committed: money(programme.committed),
    paid: money(programme.paid),
    left: money(programme.left),
  });
  return (
    <Flex vertical gap={2} style={{ minWidth: compact ? 220 : undefined }} data-testid="programme-budget">
      <Tooltip title={legend}>
        <Progress
          percent={use.committed}
          success={{ percent: use.paid }}
          size="small"
          status="normal"
          format={() => `${use.committed}%`}
          data-testid="programme-budget-bar"
        />
      </Tooltip>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <span data-testid="programme-committed" data-amount={programme.committed}>
          {t('subsidies.committedOf', {
            committed: money(programme.committed),
            budget: money(programme.budget),
          })}
        </span>
        {compact
          ? null
          : ` · ${t('subsidies.paidLeft', { paid: money(programme.paid), left: money(programme.left) })}`}
      </Typography.Text>
    </Flex>
  );
}
