-- Subsidy settlement statements (补贴结算单): a funder with an insurer, per policy and grant. Settling one
-- clears the funder's subsidy_payable and the insurer's subsidy_receivable, pays the insurer's subsidy
-- invoices (or refunds its credit notes) and counts the grants paid.

ALTER TABLE settlement_statement DROP CONSTRAINT settlement_statement_kind_check;
ALTER TABLE settlement_statement ADD CONSTRAINT settlement_statement_kind_check
  CHECK (kind IN ('coinsurance', 'reinsurance', 'subsidy'));

-- Whose books an item is in: NULL for the drawer's; a subsidy statement lists the insurer's receivable too.
ALTER TABLE settlement_item ADD COLUMN org_id uuid REFERENCES organisation (id);

-- What a subsidy statement settles on each grant (positive: the funder pays; negative: paid back).
CREATE TABLE settlement_grant (
  statement_id uuid NOT NULL REFERENCES settlement_statement (id),
  grant_id     uuid NOT NULL REFERENCES subsidy_grant (id),
  policy_id    uuid NOT NULL REFERENCES policy (id),
  amount       bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (statement_id, grant_id)
);

-- An invoice settled by a statement names it.
ALTER TABLE invoice_settlement DROP CONSTRAINT invoice_settlement_kind_check;
ALTER TABLE invoice_settlement ADD CONSTRAINT invoice_settlement_kind_check
  CHECK (kind IN ('payment', 'refund', 'credit', 'offset', 'statement'));
ALTER TABLE invoice_settlement ADD COLUMN statement_id uuid REFERENCES settlement_statement (id);
