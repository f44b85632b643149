-- Webhook subscriptions (预警推送): an organisation names an HTTP(S) endpoint and the alert events it wants;
-- the webhook subscriber writes one delivery per subscription and event in the dispatcher's transaction,
-- and the delivery job POSTs them, signed, retrying with back-off. Both tables are coordinator-local in
-- Citus terms (small, operational, like api_token): see docs/scaling.md.

CREATE TABLE webhook_subscription (
  id                         uuid PRIMARY KEY,
  org_id                     uuid NOT NULL REFERENCES organisation (id),
  url                        text NOT NULL CHECK (char_length(url) BETWEEN 8 AND 2048 AND url ~ '^https?://'),
  description                text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  event_types                text[] NOT NULL CHECK (cardinality(event_types) >= 1),
  min_severity               text CHECK (min_severity IN ('info', 'warning', 'critical')),  -- null: every severity
  -- The signing key. Kept as it is (HMAC needs it) and shown to the organisation once, at creation or
  -- rotation; never in a list, a detail, the audit log or the logs.
  secret                     text NOT NULL,
  -- After a rotation the previous key still signs (a second signature) until it expires, so receivers can
  -- switch without losing deliveries.
  previous_secret            text,
  previous_secret_expires_at timestamptz,
  active                     boolean NOT NULL DEFAULT true,
  disabled_reason            text CHECK (disabled_reason IN ('manual', 'gone', 'failing')),
  failing_since              timestamptz,   -- first failed attempt since the last success
  last_success_at            timestamptz,
  created_by                 uuid REFERENCES app_user (id),
  created_at                 timestamptz NOT NULL,
  updated_at                 timestamptz NOT NULL
);
CREATE INDEX webhook_subscription_org ON webhook_subscription (org_id, created_at);
CREATE INDEX webhook_subscription_active ON webhook_subscription (id) WHERE active;

-- One delivery per subscription and event (the outbox event id, or a fresh id for a test ping): the
-- dispatcher may hand an event over again after a crash, and the unique key makes that a no-op.
CREATE TABLE webhook_delivery (
  id               uuid PRIMARY KEY,
  subscription_id  uuid NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  payload          json NOT NULL,                 -- the body sent, byte for byte: { id, type, createdAt, data }
  status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz,                   -- pending or failed: when it is due
  locked_until     timestamptz,                   -- an attempt is in flight (a sender's lease)
  last_status_code integer,
  last_error       text,
  last_attempt_at  timestamptz,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at DESC);
CREATE INDEX webhook_delivery_finished ON webhook_delivery (updated_at) WHERE status IN ('delivered', 'dead');
