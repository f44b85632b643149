-- Billing, payments, the monthly close and settlement statements, on top of the journal (0004).
-- The journal is the truth for balances; invoices and statements are the documents people pay and sign.
-- Money is integer fen; dates are calendar dates in Asia/Shanghai.

CREATE SEQUENCE invoice_number_seq;
CREATE SEQUENCE payment_number_seq;
CREATE SEQUENCE settlement_number_seq;

-- An invoice (缴费通知/账单) raised by the collecting insurer from a journal entry: the policyholder's
-- net premium, the funder's subsidy share, an additional premium, or a credit note (退费, negative).
CREATE TABLE invoice (
  id          uuid PRIMARY KEY,
  number      text NOT NULL UNIQUE,
  org_id      uuid NOT NULL REFERENCES organisation (id),     -- the issuing (collecting) insurer
  payer_kind  text NOT NULL CHECK (payer_kind IN ('enterprise', 'funder')),
  payer_id    uuid NOT NULL,                                  -- enterprise id or funder organisation id
  payer_org   uuid REFERENCES organisation (id),              -- the payer's platform account, if any
  policy_id   uuid NOT NULL REFERENCES policy (id),
  entry_id    uuid NOT NULL REFERENCES journal_entry (id),
  kind        text NOT NULL CHECK (kind IN ('premium', 'subsidy', 'additional', 'credit_note')),
  amount      bigint NOT NULL CHECK (amount <> 0),            -- positive: the payer owes; negative: owed to it
  settled     bigint NOT NULL DEFAULT 0,                      -- paid, refunded or offset so far (same sign)
  issued_on   date NOT NULL,
  due_date    date NOT NULL,
  created_at  timestamptz NOT NULL,
  CHECK ((amount > 0 AND settled BETWEEN 0 AND amount) OR (amount < 0 AND settled BETWEEN amount AND 0))
);
CREATE INDEX invoice_org ON invoice (org_id, issued_on DESC);
CREATE INDEX invoice_payer ON invoice (payer_id, issued_on DESC);
CREATE INDEX invoice_payer_org ON invoice (payer_org, issued_on DESC) WHERE payer_org IS NOT NULL;
CREATE INDEX invoice_policy ON invoice (policy_id);

-- Instalments (分期) of an invoice; a single-instalment invoice has one row. Sums to the invoice.
CREATE TABLE invoice_instalment (
  invoice_id uuid NOT NULL REFERENCES invoice (id),
  seq        integer NOT NULL CHECK (seq >= 1),
  due_date   date NOT NULL,
  amount     bigint NOT NULL,
  settled    bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (invoice_id, seq)
);

-- Money received (or paid back) by an insurer, with its channel reference; one row per bank/e-CNY
-- transaction: the same (insurer, channel, reference) twice is a duplicate and is not posted again.
CREATE TABLE payment (
  id           uuid PRIMARY KEY,
  number       text NOT NULL UNIQUE,
  org_id       uuid NOT NULL REFERENCES organisation (id),    -- the insurer receiving or paying out
  direction    text NOT NULL CHECK (direction IN ('in', 'out')),
  payer_kind   text NOT NULL CHECK (payer_kind IN ('enterprise', 'funder')),
  payer_id     uuid NOT NULL,
  payer_org    uuid REFERENCES organisation (id),
  channel      text NOT NULL CHECK (channel IN ('bank_transfer', 'ecny', 'offline')),
  channel_ref  text NOT NULL,
  reference    text,                                          -- remittance memo, matched to an invoice number
  amount       bigint NOT NULL CHECK (amount > 0),
  applied      bigint NOT NULL CHECK (applied >= 0),
  unapplied    bigint NOT NULL CHECK (unapplied >= 0),        -- over- or unmatched money (payer credit)
  received_on  date NOT NULL,
  entry_id     uuid NOT NULL REFERENCES journal_entry (id),
  recorded_by  uuid,
  created_at   timestamptz NOT NULL,
  UNIQUE (org_id, channel, channel_ref),
  CHECK (applied + unapplied = amount)
);
CREATE INDEX payment_payer ON payment (payer_id, received_on DESC);

-- How an invoice was settled: by a payment, a refund payout, a payer credit or a credit note offset.
CREATE TABLE invoice_settlement (
  id          uuid PRIMARY KEY,
  invoice_id  uuid NOT NULL REFERENCES invoice (id),
  kind        text NOT NULL CHECK (kind IN ('payment', 'refund', 'credit', 'offset')),
  payment_id  uuid REFERENCES payment (id),
  offset_id   uuid REFERENCES invoice (id),
  amount      bigint NOT NULL CHECK (amount <> 0),
  created_at  timestamptz NOT NULL
);
CREATE INDEX invoice_settlement_invoice ON invoice_settlement (invoice_id);
CREATE INDEX invoice_settlement_payment ON invoice_settlement (payment_id) WHERE payment_id IS NOT NULL;

-- The monthly close (月结): UPR movements recorded once per month, in order.
CREATE TABLE ledger_close (
  month       date PRIMARY KEY CHECK (extract(day FROM month) = 1),
  entry_id    uuid REFERENCES journal_entry (id),
  policies    integer NOT NULL,
  upr_change  bigint NOT NULL,
  closed_at   timestamptz NOT NULL,
  closed_by   uuid
);

-- Settlement statements (结算单): lead ⇄ follower under 主代从收, insurer → reinsurer (bordereau).
CREATE TABLE settlement_statement (
  id            uuid PRIMARY KEY,
  number        text NOT NULL UNIQUE,
  kind          text NOT NULL CHECK (kind IN ('coinsurance', 'reinsurance')),
  org_id        uuid NOT NULL REFERENCES organisation (id),   -- who drew it up (the lead; the ceding insurer)
  counterparty  text NOT NULL,                                -- follower organisation id; reinsurer code
  as_of         date NOT NULL,
  amount        bigint NOT NULL,                              -- net the drawer pays (negative: receives)
  status        text NOT NULL CHECK (status IN ('open', 'settled', 'void')),
  settle_entry  uuid REFERENCES journal_entry (id),
  channel_ref   text,
  created_by    uuid,
  created_at    timestamptz NOT NULL,
  settled_at    timestamptz
);
CREATE INDEX settlement_statement_org ON settlement_statement (org_id, created_at DESC);
CREATE UNIQUE INDEX settlement_statement_one_open ON settlement_statement (kind, org_id, counterparty)
  WHERE status = 'open';

CREATE TABLE settlement_item (
  statement_id uuid NOT NULL REFERENCES settlement_statement (id),
  policy_id    uuid NOT NULL REFERENCES policy (id),
  account      text NOT NULL,
  amount       bigint NOT NULL,     -- the balance of the account in the drawer's books (debit positive)
  PRIMARY KEY (statement_id, policy_id, account)
);

-- Balances per book, account and counterparty are read by (org_id, account, counterparty).
CREATE INDEX journal_line_book ON journal_line (org_id, account, counterparty);
CREATE INDEX journal_line_policy ON journal_line (policy_id);
