-- Premium subsidy programmes (保费补贴), their budgets, and the grants made against them.
-- A programme is data (catalog/subsidies/*.yaml or the API); a funder organisation operates it on the
-- platform. The budget is never overspent: every grant moves `committed` under a row lock and a CHECK.

CREATE TABLE subsidy_programme (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{2,47}$'),
  version       integer NOT NULL CHECK (version >= 1),
  definition    jsonb NOT NULL,
  checksum      text NOT NULL,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  level         text NOT NULL CHECK (level IN ('central', 'province', 'city', 'district')),
  funder_org_id uuid REFERENCES organisation (id),   -- the operating funder; none: not applied on this platform
  budget        bigint NOT NULL CHECK (budget >= 0),
  committed     bigint NOT NULL DEFAULT 0,           -- granted (reserved, confirmed, approved, paid) net of claw-backs
  paid          bigint NOT NULL DEFAULT 0,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  source        text NOT NULL CHECK (source IN ('catalog', 'api')),
  loaded_at     timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK (committed >= 0 AND committed <= budget),
  CHECK (paid >= 0)
);

CREATE TABLE subsidy_programme_version (
  code       text NOT NULL REFERENCES subsidy_programme (code),
  version    integer NOT NULL,
  definition jsonb NOT NULL,
  checksum   text NOT NULL,
  loaded_at  timestamptz NOT NULL,
  PRIMARY KEY (code, version)
);

-- A grant of one programme to one policy: reserved at bind (免申即享, awaiting the enterprise's
-- confirmation), confirmed; or applied for (with materials), approved or rejected; paid; clawed back.
CREATE TABLE subsidy_grant (
  id               uuid PRIMARY KEY,
  programme_code   text NOT NULL REFERENCES subsidy_programme (code),
  programme_version integer NOT NULL,
  policy_id        uuid NOT NULL REFERENCES policy (id),
  enterprise_id    uuid NOT NULL REFERENCES enterprise (id),
  enterprise_org   uuid REFERENCES organisation (id),
  funder_org_id    uuid NOT NULL REFERENCES organisation (id),
  insurer_org_id   uuid NOT NULL REFERENCES organisation (id),  -- the collecting insurer (paid under payee insurer)
  mode             text NOT NULL CHECK (mode IN ('auto', 'apply')),
  payee            text NOT NULL CHECK (payee IN ('insurer', 'enterprise')),
  status           text NOT NULL CHECK (status IN ('reserved', 'confirmed', 'applied', 'submitted', 'approved', 'rejected', 'lapsed')),
  amount           bigint NOT NULL CHECK (amount >= 0),            -- granted (or asked for, when applied)
  clawed_back      bigint NOT NULL DEFAULT 0 CHECK (clawed_back >= 0),
  paid             bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  grant_year       integer NOT NULL,
  year_index       integer NOT NULL,
  no_double_dip    text,
  steps            jsonb NOT NULL,
  confirm_by       date,
  decided_by       uuid,
  decided_at       timestamptz,
  decision_note    text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK (clawed_back <= amount)
);
CREATE INDEX subsidy_grant_policy ON subsidy_grant (policy_id);
CREATE INDEX subsidy_grant_enterprise ON subsidy_grant (enterprise_id, programme_code, grant_year);
CREATE INDEX subsidy_grant_funder ON subsidy_grant (funder_org_id, status, created_at DESC);

-- Materials of an application (申报材料), stored with their checksum, type and size.
CREATE TABLE subsidy_material (
  grant_id     uuid NOT NULL REFERENCES subsidy_grant (id),
  key          text NOT NULL,
  filename     text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL CHECK (size > 0),
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  uploaded_by  uuid,
  uploaded_at  timestamptz NOT NULL,
  PRIMARY KEY (grant_id, key)
);

-- The funder paying a policy's subsidy share at bind (null: no subsidy at bind).
ALTER TABLE policy ADD COLUMN subsidy_funder uuid REFERENCES organisation (id);
