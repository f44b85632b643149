-- Platform foundation: organisations, users, sessions, API tokens, login throttling, the
-- hash-chained audit log, the transactional outbox and idempotency keys.
-- Money is integer fen (bigint); events are timestamptz; no triggers (Citus-ready, docs/scaling.md).

CREATE TABLE organisation (
  id                 uuid PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('enterprise', 'insurer', 'broker', 'government', 'regulator', 'platform')),
  name_zh            text NOT NULL CHECK (char_length(name_zh) BETWEEN 1 AND 200),
  name_en            text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 200),
  uscc               text UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'), -- 统一社会信用代码
  region_code        text CHECK (region_code ~ '^[0-9]{6}$'),                -- GB/T 2260
  registered_capital bigint CHECK (registered_capital >= 0),                 -- 注册资本, fen
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisation_kind ON organisation (kind, created_at);

CREATE TABLE app_user (
  id            uuid PRIMARY KEY,
  org_id        uuid NOT NULL REFERENCES organisation (id),
  email         text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
  display_name  text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 100),
  password_hash text,
  roles         text[] NOT NULL,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));
CREATE INDEX app_user_org ON app_user (org_id, created_at);

-- Web sessions: the cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  id           uuid PRIMARY KEY,
  token_hash   bytea NOT NULL UNIQUE,
  user_id      uuid NOT NULL REFERENCES app_user (id),
  org_id       uuid NOT NULL REFERENCES organisation (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL;

-- Bearer tokens for systems: shown once, stored as SHA-256, scoped to a subset of permissions.
CREATE TABLE api_token (
  id           uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organisation (id),
  created_by   uuid NOT NULL REFERENCES app_user (id),
  name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  prefix       text NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  scopes       text[] NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_token_org ON api_token (org_id, created_at);

-- Failed-login counters per account and per client address, in fixed windows.
CREATE TABLE login_throttle (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures     integer NOT NULL
);

-- Audit: one hash chain per organisation (the acting one; 'system' for the platform itself).
-- Each record's hash covers the previous hash and its own content, so an edited, inserted or
-- deleted row breaks the chain (`kebao audit verify`). The head row is locked while a
-- transaction appends, which keeps each chain's order equal to its commit order.
CREATE TABLE audit_chain (
  chain     text PRIMARY KEY,
  last_seq  bigint NOT NULL,
  last_hash bytea NOT NULL
);

CREATE TABLE audit_log (
  chain         text NOT NULL,
  seq           bigint NOT NULL,
  id            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  at            timestamptz NOT NULL,
  actor_type    text NOT NULL CHECK (actor_type IN ('user', 'token', 'system', 'anonymous')),
  actor_user_id uuid,
  actor_org_id  uuid,
  token_id      uuid,
  action        text NOT NULL,
  entity_type   text NOT NULL,
  entity_id     text,
  org_ids       uuid[] NOT NULL,  -- organisations the record concerns (who may read it)
  before        jsonb,
  after         jsonb,
  request_id    text,
  prev_hash     bytea NOT NULL,
  hash          bytea NOT NULL,
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_org_ids ON audit_log USING gin (org_ids);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);

-- Transactional outbox. Events are inserted in the transaction of the change; the dispatcher
-- delivers them after commit. The per-aggregate head row is locked before an event gets its id,
-- so the events of one aggregate are numbered in commit order.
CREATE TABLE outbox_aggregate (
  aggregate_type text NOT NULL,
  aggregate_id   text NOT NULL,
  last_seq       bigint NOT NULL,
  PRIMARY KEY (aggregate_type, aggregate_id)
);

CREATE SEQUENCE outbox_stream_seq;

CREATE TABLE outbox_event (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  aggregate_type text NOT NULL,
  aggregate_id   text NOT NULL,
  aggregate_seq  bigint NOT NULL,
  type           text NOT NULL,
  payload        jsonb NOT NULL,
  org_ids        uuid[] NOT NULL,  -- organisations that may see the event
  actor_user_id  uuid,
  request_id     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  stream_pos     bigint UNIQUE,    -- position in the live stream, given when the event is published
  done_at        timestamptz,      -- delivered to every subscriber
  UNIQUE (aggregate_type, aggregate_id, aggregate_seq)
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE done_at IS NULL;

CREATE TABLE outbox_delivery (
  subscriber text NOT NULL,
  event_id   bigint NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
  PRIMARY KEY (subscriber, event_id)
);

CREATE TABLE outbox_failure (
  subscriber      text NOT NULL,
  event_id        bigint NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
  attempts        integer NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  last_error      text NOT NULL,
  PRIMARY KEY (subscriber, event_id)
);

-- Which process dispatches: a lease renewed by its holder (no session advisory locks).
CREATE TABLE outbox_lease (
  name       text PRIMARY KEY,
  holder     text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Idempotency-Key: the first response of a creating request, replayed for the same key and body.
CREATE TABLE idempotency_key (
  org_id       uuid NOT NULL,
  key          text NOT NULL,
  request_hash bytea NOT NULL,
  status_code  integer,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);
