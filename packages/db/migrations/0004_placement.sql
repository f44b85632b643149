-- Quotes, underwriting, co-insurance placement, standing pools, reinsurance, policies and their
-- lifecycle, and the journal the bind posts to. Shares are integers of 0.0001 % (1,000,000 = 100 %);
-- money is integer fen. Distributed by enterprise_id (quotes, policies) in a Citus deployment;
-- pools and treaties are small reference tables (docs/scaling.md).

-- Per-risk retention limit of an insurer (Insurance Law art. 103: 10 % of paid-in capital + reserves).
CREATE TABLE insurer_capacity (
  org_id               uuid PRIMARY KEY REFERENCES organisation (id),
  capital_and_reserves bigint NOT NULL CHECK (capital_and_reserves > 0),
  retention_ratio      text NOT NULL,                 -- decimal, '0.10' by law
  retention_limit      bigint NOT NULL CHECK (retention_limit >= 0),
  updated_at           timestamptz NOT NULL
);

-- Standing co-insurance pools (共保体).
CREATE TABLE coinsurance_pool (
  code               text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
  name_zh            text NOT NULL,
  name_en            text NOT NULL,
  capacity_per_risk  bigint NOT NULL CHECK (capacity_per_risk > 0),   -- fen, gross sum insured per policy
  capacity_aggregate bigint NOT NULL CHECK (capacity_aggregate > 0),  -- fen, in force
  aggregate_used     bigint NOT NULL DEFAULT 0 CHECK (aggregate_used >= 0),
  effective_from     date NOT NULL,
  effective_to       date,
  created_at         timestamptz NOT NULL,
  CHECK (aggregate_used <= capacity_aggregate)
);

CREATE TABLE pool_member (
  pool_code text NOT NULL REFERENCES coinsurance_pool (code),
  org_id    uuid NOT NULL REFERENCES organisation (id),
  share     integer NOT NULL CHECK (share > 0 AND share <= 1000000),
  lead      boolean NOT NULL DEFAULT false,
  joined_on date NOT NULL,
  left_on   date,
  PRIMARY KEY (pool_code, org_id, joined_on),
  CHECK (left_on IS NULL OR left_on > joined_on)
);

-- An insurer's reinsurance treaties, applied at bind in `priority` order (after facultative).
CREATE TABLE reinsurance_treaty (
  id               uuid PRIMARY KEY,
  insurer_org_id   uuid NOT NULL REFERENCES organisation (id),
  name             text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('quota_share', 'surplus', 'excess_of_loss')),
  reinsurer        text NOT NULL,
  ceded_share      integer CHECK (ceded_share > 0 AND ceded_share <= 1000000),  -- quota share
  retention        bigint CHECK (retention > 0),                                 -- surplus
  lines            integer CHECK (lines > 0),                                    -- surplus
  attachment       bigint CHECK (attachment >= 0),                               -- excess of loss
  layer_limit      bigint CHECK (layer_limit > 0),                               -- excess of loss
  commission_rate  text NOT NULL DEFAULT '0',
  classes          text[],                                                       -- statistical classes; NULL = all
  priority         integer NOT NULL,
  effective_from   date NOT NULL,
  effective_to     date,
  created_at       timestamptz NOT NULL,
  CHECK (kind <> 'quota_share' OR ceded_share IS NOT NULL),
  CHECK (kind <> 'surplus' OR (retention IS NOT NULL AND lines IS NOT NULL)),
  CHECK (kind <> 'excess_of_loss' OR (attachment IS NOT NULL AND layer_limit IS NOT NULL))
);
CREATE INDEX reinsurance_treaty_insurer ON reinsurance_treaty (insurer_org_id, priority);

-- A broker's mandate from its client (委托书), recorded with every quote it asks for.
CREATE TABLE broker_mandate (
  broker_org_id uuid NOT NULL REFERENCES organisation (id),
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  reference     text NOT NULL,
  valid_until   date NOT NULL,
  recorded_at   timestamptz NOT NULL,
  recorded_by   uuid,
  PRIMARY KEY (broker_org_id, enterprise_id)
);

CREATE SEQUENCE quote_number_seq;
CREATE SEQUENCE policy_number_seq;

-- A quote request and what became of it. `insurer_org_id` decides (the writer, or the pool's lead).
CREATE TABLE quote (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  enterprise_id    uuid NOT NULL REFERENCES enterprise (id),
  enterprise_org   uuid REFERENCES organisation (id),
  broker_org_id    uuid REFERENCES organisation (id),
  product_code     text NOT NULL,
  product_version  integer NOT NULL,
  statistical_class text NOT NULL,
  insurer_org_id   uuid NOT NULL REFERENCES organisation (id),
  pool_code        text REFERENCES coinsurance_pool (code),
  request          jsonb NOT NULL,
  facts            jsonb NOT NULL,        -- the enterprise facts it was priced with
  profile_version  integer NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('accept', 'refer', 'decline', 'ineligible')),
  status           text NOT NULL CHECK (status IN ('referred', 'offered', 'declined', 'accepted', 'bound', 'expired')),
  base_premium     bigint,                -- the rating engine's premium
  loading          text,                  -- underwriter's loading, decimal (0.15 = +15 %)
  premium          bigint,                -- offered
  sum_insured      bigint NOT NULL,
  start_date       date NOT NULL,
  end_date         date NOT NULL,
  rating           jsonb,
  reasons          jsonb NOT NULL,
  conditions       jsonb NOT NULL DEFAULT '[]',
  decision         jsonb,                 -- the underwriter's decision, with reasons
  valid_until      timestamptz,
  prior_policy_id  uuid,                  -- a renewal
  created_by       uuid,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX quote_enterprise ON quote (enterprise_id, created_at DESC);
CREATE INDEX quote_insurer ON quote (insurer_org_id, status, created_at DESC);
CREATE INDEX quote_broker ON quote (broker_org_id, created_at DESC) WHERE broker_org_id IS NOT NULL;

-- The slip: the lead's terms (five sames) and the lines written against them.
CREATE TABLE placement (
  id                uuid PRIMARY KEY,
  quote_id          uuid NOT NULL UNIQUE REFERENCES quote (id),
  enterprise_id     uuid NOT NULL REFERENCES enterprise (id),
  lead_org_id       uuid NOT NULL REFERENCES organisation (id),
  pool_code         text REFERENCES coinsurance_pool (code),
  status            text NOT NULL CHECK (status IN ('open', 'closed', 'bound', 'cancelled')),
  terms             jsonb NOT NULL,
  terms_fingerprint text NOT NULL,
  collection_mode   text NOT NULL CHECK (collection_mode IN ('lead_collects', 'each_collects')),
  written_total     integer NOT NULL DEFAULT 0,
  unplaced          integer,
  closed_at         timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX placement_lead ON placement (lead_org_id, status);

CREATE TABLE placement_line (
  placement_id uuid NOT NULL REFERENCES placement (id),
  org_id       uuid NOT NULL REFERENCES organisation (id),
  status       text NOT NULL CHECK (status IN ('invited', 'written', 'declined')),
  written      integer CHECK (written > 0 AND written <= 1000000),
  to_stand     boolean NOT NULL DEFAULT false,
  signed       integer CHECK (signed >= 0 AND signed <= 1000000),
  facultative  jsonb NOT NULL DEFAULT '[]',
  comment      text,
  invited_at   timestamptz,
  written_at   timestamptz,
  PRIMARY KEY (placement_id, org_id)
);
CREATE INDEX placement_line_org ON placement_line (org_id, status);

CREATE TABLE policy (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  quote_id         uuid UNIQUE REFERENCES quote (id),     -- one policy per quote, ever
  placement_id     uuid REFERENCES placement (id),
  enterprise_id    uuid NOT NULL REFERENCES enterprise (id),
  enterprise_org   uuid REFERENCES organisation (id),
  broker_org_id    uuid REFERENCES organisation (id),
  lead_org_id      uuid NOT NULL REFERENCES organisation (id),
  pool_code        text REFERENCES coinsurance_pool (code),
  product_code     text NOT NULL,
  product_version  integer NOT NULL,
  statistical_class text NOT NULL,
  sandbox          boolean NOT NULL DEFAULT false,
  status           text NOT NULL CHECK (status IN ('in_force', 'cancelled', 'expired')),
  start_date       date NOT NULL,
  end_date         date NOT NULL,
  sum_insured      bigint NOT NULL CHECK (sum_insured > 0),
  premium          bigint NOT NULL CHECK (premium >= 0),  -- full-term premium on the current terms
  written_premium  bigint NOT NULL,                       -- bind premium + every endorsement's movement
  subsidy          bigint NOT NULL DEFAULT 0,
  net_payable      bigint NOT NULL,
  insured_retention integer NOT NULL DEFAULT 0,
  collection_mode  text NOT NULL CHECK (collection_mode IN ('lead_collects', 'each_collects')),
  request          jsonb NOT NULL,
  facts            jsonb NOT NULL,
  prior_policy_id  uuid REFERENCES policy (id),
  master_policy_id uuid REFERENCES policy (id),           -- a group member certificate
  member_seq       integer,
  endorsement_seq  integer NOT NULL DEFAULT 0,
  last_effective   date,                                  -- latest endorsement's effective date
  cancelled_on     date,
  bound_by         uuid,
  bound_at         timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX policy_enterprise ON policy (enterprise_id, bound_at DESC);
CREATE INDEX policy_lead ON policy (lead_org_id, bound_at DESC);
CREATE INDEX policy_broker ON policy (broker_org_id, bound_at DESC) WHERE broker_org_id IS NOT NULL;
CREATE INDEX policy_master ON policy (master_policy_id) WHERE master_policy_id IS NOT NULL;

-- Signed lines of a bound policy, with each participant's premium and sum insured (exact splits).
CREATE TABLE policy_line (
  policy_id   uuid NOT NULL REFERENCES policy (id),
  org_id      uuid NOT NULL REFERENCES organisation (id),
  role        text NOT NULL CHECK (role IN ('lead', 'follower')),
  written     integer,
  share       integer NOT NULL CHECK (share > 0 AND share <= 1000000),
  premium     bigint NOT NULL,
  sum_insured bigint NOT NULL,
  PRIMARY KEY (policy_id, org_id)
);
CREATE INDEX policy_line_org ON policy_line (org_id, policy_id);

CREATE TABLE policy_cession (
  id                uuid PRIMARY KEY,
  policy_id         uuid NOT NULL REFERENCES policy (id),
  org_id            uuid NOT NULL REFERENCES organisation (id),
  treaty_id         uuid REFERENCES reinsurance_treaty (id),
  kind              text NOT NULL CHECK (kind IN ('quota_share', 'surplus', 'facultative')),
  reinsurer         text NOT NULL,
  ceded_sum_insured bigint NOT NULL,
  ceded_premium     bigint NOT NULL,
  commission        bigint NOT NULL,
  endorsement_seq   integer NOT NULL DEFAULT 0
);
CREATE INDEX policy_cession_policy ON policy_cession (policy_id);

-- Endorsements and cancellations (批改/退保), in sequence; each premium movement split by the lines.
CREATE TABLE policy_endorsement (
  policy_id      uuid NOT NULL REFERENCES policy (id),
  seq            integer NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('endorse', 'cancel')),
  effective_date date NOT NULL,
  changes        jsonb NOT NULL,
  premium_before bigint NOT NULL,
  premium_after  bigint NOT NULL,
  premium_delta  bigint NOT NULL,
  line_deltas    jsonb NOT NULL,     -- [{orgId, delta}] summing to premium_delta
  reason         text,
  created_by     uuid,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (policy_id, seq)
);

-- The journal (日记账): append-only double entry; an entry's lines sum to zero.
CREATE TABLE journal_entry (
  id          uuid PRIMARY KEY,
  kind        text NOT NULL,
  policy_id   uuid REFERENCES policy (id),
  description text NOT NULL,
  posted_at   timestamptz NOT NULL,
  reverses    uuid REFERENCES journal_entry (id)
);
CREATE INDEX journal_entry_policy ON journal_entry (policy_id);

CREATE TABLE journal_line (
  entry_id          uuid NOT NULL REFERENCES journal_entry (id),
  line_no           integer NOT NULL,
  account           text NOT NULL,
  org_id            uuid,              -- whose account
  counterparty      text,              -- the other side: an organisation id, an enterprise id or a reinsurer
  amount            bigint NOT NULL,   -- debit positive, credit negative
  product_code      text,
  statistical_class text,
  policy_id         uuid,
  PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX journal_line_account ON journal_line (account, org_id);
