-- The regulator's cockpit (监管驾驶舱): business registered from insurers' own systems, the live
-- exposure kept from events, early-warning rules and alerts, zone targets, published index values.

-- A policy written outside the platform, registered by its insurer (保单登记): API or bordereau. One row
-- per insurer and policy number; registering it again with other figures records the change.
CREATE TABLE registered_policy (
  id               uuid PRIMARY KEY,
  insurer_org_id   uuid NOT NULL REFERENCES organisation (id),
  policy_number    text NOT NULL CHECK (char_length(policy_number) BETWEEN 1 AND 60),
  product_code     text,
  statistical_class text NOT NULL CHECK (statistical_class IN ('rd_transfer', 'application', 'intellectual_property', 'base')),
  insured_uscc     text NOT NULL CHECK (insured_uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  insured_name     text NOT NULL,
  industry         text,                 -- GB/T 4754 code
  region_code      text CHECK (region_code ~ '^[0-9]{6}$'),
  start_date       date NOT NULL,
  end_date         date NOT NULL CHECK (end_date >= start_date),
  status           text NOT NULL CHECK (status IN ('in_force', 'cancelled', 'expired')),
  share            integer NOT NULL CHECK (share > 0 AND share <= 1000000),   -- the insurer's own line
  sum_insured      bigint NOT NULL CHECK (sum_insured >= 0),                  -- the insurer's share, fen
  premium          bigint NOT NULL CHECK (premium >= 0),
  claims_paid      bigint NOT NULL DEFAULT 0 CHECK (claims_paid >= 0),
  claims_incurred  bigint NOT NULL DEFAULT 0 CHECK (claims_incurred >= 0),
  checksum         text NOT NULL,
  upload_id        uuid,
  registered_at    timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (insurer_org_id, policy_number)
);

CREATE TABLE registration_upload (
  id             uuid PRIMARY KEY,
  insurer_org_id uuid NOT NULL REFERENCES organisation (id),
  filename       text NOT NULL,
  rows           integer NOT NULL,
  stored         integer NOT NULL,
  changed        integer NOT NULL,
  unchanged      integer NOT NULL,
  errors         jsonb NOT NULL,
  uploaded_by    uuid,
  uploaded_at    timestamptz NOT NULL
);
CREATE INDEX registration_upload_insurer ON registration_upload (insurer_org_id, uploaded_at DESC);

-- Live exposure (在险敞口) by dimension, kept by the monitor subscriber from policy and registration
-- events in the same transaction that records each delivery, so every event counts exactly once.
CREATE TABLE exposure (
  dimension    text NOT NULL,   -- insurer · pool · class · industry · region · sandbox · source · zone
  key          text NOT NULL,
  sum_insured  bigint NOT NULL DEFAULT 0,
  premium      bigint NOT NULL DEFAULT 0,
  net_sum_insured bigint NOT NULL DEFAULT 0,
  net_premium  bigint NOT NULL DEFAULT 0,
  policies     integer NOT NULL DEFAULT 0,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (dimension, key)
);

-- What each policy (platform or registered) currently adds to the exposure rows: the subscriber recomputes
-- a policy's contribution from its current state and applies the difference, so any event order is safe.
CREATE TABLE exposure_policy (
  policy_key   text PRIMARY KEY,  -- 'p:' || policy id, or 'r:' || registered policy id
  contribution jsonb NOT NULL,    -- [[dimension, key, sumInsured, premium, netSumInsured, netPremium, policies]]
  updated_at   timestamptz NOT NULL
);

-- Alerts raised by the early-warning rules (预警): open, acknowledged with a comment, resolved; one open
-- alert per rule and subject; every change kept.
CREATE TABLE alert_rule (
  code        text PRIMARY KEY,
  version     integer NOT NULL,
  definition  jsonb NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  source      text NOT NULL CHECK (source IN ('catalog', 'api')),
  updated_at  timestamptz NOT NULL
);

CREATE TABLE alert (
  id          uuid PRIMARY KEY,
  rule_code   text NOT NULL REFERENCES alert_rule (code),
  subject     text NOT NULL,
  subject_org uuid REFERENCES organisation (id),   -- the insurer concerned, when one is
  severity    text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  status      text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  value       text NOT NULL,
  threshold   text NOT NULL,
  message     jsonb NOT NULL,
  opened_at   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE UNIQUE INDEX alert_open ON alert (rule_code, subject) WHERE status <> 'resolved';
CREATE INDEX alert_status ON alert (status, opened_at DESC);

-- The metrics observed, one value per metric, subject and day (the day's last): rate-of-change rules compare
-- with the earliest value inside their window.
CREATE TABLE alert_observation (
  metric      text NOT NULL,
  subject     text NOT NULL,
  observed_on date NOT NULL,
  value       text NOT NULL,
  PRIMARY KEY (metric, subject, observed_on)
);

CREATE TABLE alert_history (
  alert_id  uuid NOT NULL REFERENCES alert (id),
  seq       integer NOT NULL,
  action    text NOT NULL CHECK (action IN ('opened', 'updated', 'acknowledged', 'resolved')),
  value     text,
  comment   text,
  by_user   uuid,
  at        timestamptz NOT NULL,
  PRIMARY KEY (alert_id, seq)
);

-- Zone targets (建设目标) and their progress.
CREATE TABLE zone_target (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{2,39}$'),
  names       jsonb NOT NULL,
  metric      text NOT NULL CHECK (metric IN ('insured_enterprises', 'risk_protection', 'insurance_funds', 'institutions', 'products_filed')),
  target      text NOT NULL,
  reported    text,               -- a figure the zone reports (insurance funds introduced), not derived from data
  unit        text NOT NULL,
  due_year    integer NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- Published values of the development index (科技保险发展指数), with the inputs and methodology they came from.
CREATE TABLE index_publication (
  year        integer NOT NULL,
  methodology text NOT NULL,
  inputs      jsonb NOT NULL,
  result      jsonb NOT NULL,
  composite   text NOT NULL,
  computed_at timestamptz NOT NULL,
  computed_by uuid,
  PRIMARY KEY (year, methodology)
);
