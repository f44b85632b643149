-- The monthly close reads the unearned premium reserve each co-insurer's books hold for a policy: lines by
-- (policy, account), summed by org. With an index on the policy alone the planner, trusting statistics
-- taken while the journal was small, may read the reserve lines through the (org, account, …) index for
-- its order by org — every reserve line for each policy, quadratic over a large zone's first close. An
-- index on (policy, account, org) serves both the lookup and the order. It serves lookups by policy alone
-- as well, so the policy-only index goes.
CREATE INDEX journal_line_policy_account ON journal_line (policy_id, account, org_id);
DROP INDEX journal_line_policy;
