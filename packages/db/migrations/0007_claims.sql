-- Claims (理赔): notice of loss, documents, the coverage check, assessment by the expert pool, case
-- reserves, approval within authority, payment by the signed lines, closing and reopening; reinsurance
-- recoveries per treaty; index observations for parametric covers; disputes and their mediation.

CREATE SEQUENCE claim_number_seq;

-- A catastrophe or clustered event (巨灾/累积事件): one cyber incident, one typhoon, one supply shock that
-- hits many policies. Claims linked to one event aggregate under a catastrophe excess-of-loss treaty.
CREATE TABLE loss_event (
  id          uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('cyber', 'fire', 'climate', 'supply_chain', 'other')),
  occurred_on date NOT NULL,
  created_by  uuid,
  created_at  timestamptz NOT NULL
);

-- A published index value (指数观测值) for parametric covers: generation ratio of a plant (subject: the
-- policy number) or rainfall at a weather station (subject: the station code). Unique, so importing the
-- same observations again adds nothing and pays nothing.
CREATE TABLE index_observation (
  id          uuid PRIMARY KEY,
  product_code text NOT NULL,
  section_key text NOT NULL,
  subject     text NOT NULL,
  observed_on date NOT NULL,
  value       text NOT NULL CHECK (value ~ '^-?[0-9]{1,12}(\.[0-9]{1,6})?$'),
  source      text NOT NULL,
  imported_by uuid,
  imported_at timestamptz NOT NULL,
  UNIQUE (product_code, section_key, subject, observed_on)
);

CREATE TABLE claim (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  policy_id        uuid NOT NULL REFERENCES policy (id),
  enterprise_id    uuid NOT NULL REFERENCES enterprise (id),
  enterprise_org   uuid REFERENCES organisation (id),
  broker_org_id    uuid REFERENCES organisation (id),
  lead_org_id      uuid NOT NULL REFERENCES organisation (id),
  product_code     text NOT NULL,
  statistical_class text NOT NULL,
  section_key      text NOT NULL,
  sublimit_key     text,
  source           text NOT NULL CHECK (source IN ('notice', 'parametric')),
  status           text NOT NULL CHECK (status IN ('notified', 'declined', 'assessing', 'reserved', 'approved', 'paid', 'closed', 'reopened', 'withdrawn')),
  loss_date        date NOT NULL,
  reported_on      date NOT NULL,
  description      text NOT NULL,
  event_id         uuid REFERENCES loss_event (id),
  observation_id   uuid REFERENCES index_observation (id),
  currency         text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
  claimed_foreign  bigint,                                 -- minor units of `currency` when not CNY
  claimed          bigint NOT NULL CHECK (claimed >= 0),   -- fen
  claim_rate       text,                                   -- CNY per unit of `currency` on the report date
  paid_rate        text,                                   -- … on the (last) payment date
  deductible       bigint NOT NULL DEFAULT 0 CHECK (deductible >= 0),
  payable          bigint NOT NULL DEFAULT 0 CHECK (payable >= 0),  -- after deductible and limits, at notice
  reserve          bigint NOT NULL DEFAULT 0 CHECK (reserve >= 0),  -- outstanding case reserve (未决)
  paid             bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  agreed           bigint CHECK (agreed >= 0),             -- the amount approved (核赔)
  coverage         jsonb NOT NULL,                         -- the coverage check's result
  decline          jsonb,                                  -- {reason, message, clause} when declined
  due_at           timestamptz,                            -- the SLA of the current step
  status_since     timestamptz NOT NULL,
  filed_by         uuid,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (policy_id, section_key, observation_id)
);
CREATE INDEX claim_policy ON claim (policy_id);
CREATE INDEX claim_lead ON claim (lead_org_id, status, created_at DESC);
CREATE INDEX claim_enterprise ON claim (enterprise_org, created_at DESC);
CREATE INDEX claim_event ON claim (event_id) WHERE event_id IS NOT NULL;

-- The claim's timeline: every step, who took it, the amount it moved and why.
CREATE TABLE claim_step (
  claim_id    uuid NOT NULL REFERENCES claim (id),
  seq         integer NOT NULL CHECK (seq >= 1),
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  amount      bigint,
  incurred_after bigint NOT NULL,   -- the claim's paid + reserve after the step (reserving reads the deltas)
  paid_after  bigint NOT NULL,
  note        text,
  actor_id    uuid,
  actor_org   uuid,
  at          timestamptz NOT NULL,
  PRIMARY KEY (claim_id, seq)
);

-- Documents (索赔材料), stored with their checksum, type and size.
CREATE TABLE claim_document (
  id           uuid PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES claim (id),
  kind         text NOT NULL,
  filename     text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL CHECK (size > 0),
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  uploaded_by  uuid,
  uploader_org uuid,
  uploaded_at  timestamptz NOT NULL
);
CREATE INDEX claim_document_claim ON claim_document (claim_id, uploaded_at);

-- Reinsurance recoveries posted to date, per claim, insurer and treaty (or facultative reinsurer).
CREATE TABLE claim_recovery (
  claim_id   uuid NOT NULL REFERENCES claim (id),
  org_id     uuid NOT NULL REFERENCES organisation (id),
  treaty_key text NOT NULL,            -- the treaty id, or 'fac:' || reinsurer
  treaty_id  uuid REFERENCES reinsurance_treaty (id),
  kind       text NOT NULL,
  reinsurer  text NOT NULL,
  amount     bigint NOT NULL CHECK (amount >= 0),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (claim_id, org_id, treaty_key)
);
CREATE INDEX claim_recovery_treaty ON claim_recovery (treaty_id);

-- The expert pool (专家库): people who identify, assess and size losses, and evaluate risks.
CREATE TABLE expert (
  id             uuid PRIMARY KEY,
  name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  employer       text NOT NULL,
  employer_org_id uuid REFERENCES organisation (id),
  user_id        uuid REFERENCES app_user (id),
  fields         text[] NOT NULL,
  qualifications text[] NOT NULL DEFAULT '{}',
  region_code    text CHECK (region_code ~ '^[0-9]{6}$'),
  available      boolean NOT NULL DEFAULT true,
  last_assigned_at timestamptz,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);

-- An expert's engagement on a claim (or an underwriting evaluation): who asked, the fee and who paid it
-- (so a later conflict-of-interest check sees "recently paid by a party"), the report.
CREATE TABLE expert_assignment (
  id           uuid PRIMARY KEY,
  expert_id    uuid NOT NULL REFERENCES expert (id),
  claim_id     uuid REFERENCES claim (id),
  quote_id     uuid REFERENCES quote (id),
  purpose      text NOT NULL CHECK (purpose IN ('claim', 'underwriting')),
  method       text NOT NULL CHECK (method IN ('rotation', 'match', 'named')),
  status       text NOT NULL CHECK (status IN ('assigned', 'reported', 'withdrawn')),
  fee          bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),
  paid_by_org  uuid REFERENCES organisation (id),
  report       text,
  report_amount bigint,
  assigned_by  uuid,
  assigned_at  timestamptz NOT NULL,
  reported_at  timestamptz,
  CHECK ((purpose = 'claim') = (claim_id IS NOT NULL))
);
CREATE INDEX expert_assignment_expert ON expert_assignment (expert_id, assigned_at DESC);
CREATE INDEX expert_assignment_claim ON expert_assignment (claim_id);

-- Disputes (纠纷协调): an enterprise contests a decision; a mediator hears it; the outcome is recorded.
CREATE TABLE claim_dispute (
  id           uuid PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES claim (id),
  status       text NOT NULL CHECK (status IN ('open', 'mediating', 'settled', 'upheld', 'withdrawn')),
  grounds      text NOT NULL,
  asked_amount bigint CHECK (asked_amount >= 0),
  mediator     text,
  hearings     jsonb NOT NULL DEFAULT '[]',
  outcome      text,
  settled_amount bigint CHECK (settled_amount >= 0),
  respond_by   date NOT NULL,
  opened_by    uuid,
  opened_at    timestamptz NOT NULL,
  closed_at    timestamptz
);
CREATE INDEX claim_dispute_claim ON claim_dispute (claim_id);
CREATE UNIQUE INDEX claim_dispute_open ON claim_dispute (claim_id) WHERE status IN ('open', 'mediating');

-- Treaties that only recover claims: catastrophe excess of loss per event, and aggregate stop-loss on
-- the year's loss ratio.
ALTER TABLE reinsurance_treaty DROP CONSTRAINT reinsurance_treaty_kind_check;
ALTER TABLE reinsurance_treaty ADD CONSTRAINT reinsurance_treaty_kind_check
  CHECK (kind IN ('quota_share', 'surplus', 'excess_of_loss', 'cat_excess_of_loss', 'stop_loss'));
ALTER TABLE reinsurance_treaty ADD COLUMN attachment_ratio text CHECK (attachment_ratio ~ '^[0-9]{1,3}(\.[0-9]{1,6})?$');
ALTER TABLE reinsurance_treaty ADD COLUMN limit_ratio text CHECK (limit_ratio ~ '^[0-9]{1,3}(\.[0-9]{1,6})?$');
ALTER TABLE reinsurance_treaty ADD CONSTRAINT reinsurance_treaty_layer_check
  CHECK (kind <> 'cat_excess_of_loss' OR (attachment IS NOT NULL AND layer_limit IS NOT NULL));
ALTER TABLE reinsurance_treaty ADD CONSTRAINT reinsurance_treaty_stop_loss_check
  CHECK (kind <> 'stop_loss' OR (attachment_ratio IS NOT NULL AND limit_ratio IS NOT NULL));
