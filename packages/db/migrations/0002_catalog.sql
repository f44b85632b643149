-- Product catalogue: products, immutable versions, the filing history, sandbox admissions.
-- Products are reference data in a Citus deployment (docs/scaling.md).

CREATE TABLE product (
  code              text PRIMARY KEY CHECK (code ~ '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$'),
  statistical_class text NOT NULL CHECK (statistical_class IN ('rd_transfer', 'application', 'intellectual_property', 'base')),
  writer_org_id     uuid REFERENCES organisation (id),  -- the insurer that writes it
  writer_pool_code  text,                               -- or the standing pool (resolved by the placement issue)
  writer_uscc       text,                               -- as the definition names it
  created_at        timestamptz NOT NULL,
  CHECK ((writer_uscc IS NULL) <> (writer_pool_code IS NULL))
);
CREATE INDEX product_writer ON product (writer_org_id);

-- A version never changes once stored: quotes and policies refer to it. A change is a new version.
CREATE TABLE product_version (
  code              text NOT NULL REFERENCES product (code),
  version           integer NOT NULL CHECK (version >= 1),
  definition        jsonb NOT NULL,
  checksum          text NOT NULL,                      -- SHA-256 of the canonical definition
  name_zh           text NOT NULL,
  name_en           text NOT NULL,
  subsidy_tags      text[] NOT NULL,
  effective_from    date NOT NULL,
  effective_to      date,
  source            text NOT NULL CHECK (source IN ('catalog', 'upload')),
  status            text NOT NULL CHECK (status IN ('draft', 'submitted', 'filed', 'sandbox', 'rejected', 'withdrawn', 'stopped')),
  status_changed_at timestamptz NOT NULL,
  created_by        uuid REFERENCES app_user (id),
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (code, version)
);
CREATE INDEX product_version_status ON product_version (status, code);
CREATE INDEX product_version_tags ON product_version USING gin (subsidy_tags);

-- Every filing step, append-only: what was decided, by whom, why.
CREATE TABLE product_filing (
  id            uuid PRIMARY KEY,
  code          text NOT NULL,
  version       integer NOT NULL,
  action        text NOT NULL CHECK (action IN ('submit', 'approve', 'reject', 'admit_sandbox', 'request_exit', 'graduate', 'stop', 'withdraw')),
  from_status   text NOT NULL,
  to_status     text NOT NULL,
  comment       text,
  details       jsonb,
  actor_user_id uuid,
  actor_org_id  uuid,
  at            timestamptz NOT NULL,
  FOREIGN KEY (code, version) REFERENCES product_version (code, version)
);
CREATE INDEX product_filing_version ON product_filing (code, version, at);

-- The regulator's sandbox (监管沙盒) admission of a version: its test limits and what is used.
CREATE TABLE sandbox_admission (
  code                   text NOT NULL,
  version                integer NOT NULL,
  max_policies           integer NOT NULL CHECK (max_policies > 0),
  max_sum_insured        bigint NOT NULL CHECK (max_sum_insured > 0),  -- fen, aggregate
  ends_on                date NOT NULL,
  conditions             jsonb,                                       -- eligible enterprises (a Condition)
  policies_bound         integer NOT NULL DEFAULT 0,
  sum_insured_bound      bigint NOT NULL DEFAULT 0,
  admitted_at            timestamptz NOT NULL,
  exit_requested_at      timestamptz,
  assessment             jsonb,
  closed_at              timestamptz,
  PRIMARY KEY (code, version),
  FOREIGN KEY (code, version) REFERENCES product_version (code, version),
  CHECK (policies_bound <= max_policies AND sum_insured_bound <= max_sum_insured)
);
