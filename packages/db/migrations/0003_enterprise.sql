-- Enterprise registry: profiles (every change a version), evaluation models and results, credit
-- records and grades, match results, and bulk imports. Distributed by enterprise_id in a Citus
-- deployment; evaluation models are reference data (docs/scaling.md).

CREATE TABLE enterprise (
  id                  uuid PRIMARY KEY,
  uscc                text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  org_id              uuid UNIQUE REFERENCES organisation (id),  -- its platform account, if it has one
  name                text NOT NULL,
  region_code         text,
  industry_code       text,
  consent_to_insurers boolean NOT NULL DEFAULT false,
  current_version     integer NOT NULL,
  facts               jsonb NOT NULL,      -- the facts rules read, as of the last evaluation
  score_band          text,
  credit_grade        text,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX enterprise_region ON enterprise (region_code);
CREATE INDEX enterprise_industry ON enterprise (industry_code);
CREATE INDEX enterprise_name ON enterprise (name);

CREATE TABLE enterprise_profile_version (
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  version       integer NOT NULL,
  profile       jsonb NOT NULL,
  checksum      text NOT NULL,
  source        text NOT NULL CHECK (source IN ('self', 'import', 'government', 'system')),
  changed_by    uuid,
  changed_org   uuid,
  changed_at    timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, version)
);

CREATE TABLE evaluation_model (
  code       text NOT NULL,
  version    integer NOT NULL,
  definition jsonb NOT NULL,
  checksum   text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (code, version)
);

-- The result of each model on each profile version: explained indicator by indicator.
CREATE TABLE enterprise_evaluation (
  enterprise_id   uuid NOT NULL,
  profile_version integer NOT NULL,
  model_code      text NOT NULL,
  model_version   integer NOT NULL,
  result          jsonb NOT NULL,
  computed_at     timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, profile_version, model_code),
  FOREIGN KEY (enterprise_id, profile_version) REFERENCES enterprise_profile_version (enterprise_id, version),
  FOREIGN KEY (model_code, model_version) REFERENCES evaluation_model (code, version)
);

-- Credit records (信用记录) added by government users, with their evidence; revoked, never deleted.
CREATE TABLE credit_record (
  id            uuid PRIMARY KEY,
  enterprise_id uuid NOT NULL REFERENCES enterprise (id),
  kind          text NOT NULL,
  severity      text NOT NULL,
  occurred_on   date NOT NULL,
  revoked_on    date,
  description   text NOT NULL,
  evidence      jsonb NOT NULL,
  recorded_by   uuid,
  recorded_org  uuid,
  recorded_at   timestamptz NOT NULL,
  revoked_by    uuid,
  revoke_reason text
);
CREATE INDEX credit_record_enterprise ON credit_record (enterprise_id, occurred_on);

CREATE TABLE enterprise_credit (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprise (id),
  grade         text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
  explanation   jsonb NOT NULL,
  as_of         date NOT NULL,
  computed_at   timestamptz NOT NULL
);

-- Two-way matching (双向互推): one row per matching (enterprise, product), kept fresh from events.
CREATE TABLE match_result (
  enterprise_id     uuid NOT NULL REFERENCES enterprise (id),
  product_code      text NOT NULL,
  product_version   integer NOT NULL,
  score             integer NOT NULL,
  status            text NOT NULL,
  reasons           jsonb NOT NULL,
  estimated_premium bigint,
  computed_at       timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, product_code)
);
CREATE INDEX match_result_product ON match_result (product_code, score DESC, enterprise_id);

-- Bulk imports of the tech-enterprise list (企业名录批量导入): the job with its running counters, and the
-- problems it found, one row per problem (a refused data row may have several). Rows read =
-- created + updated + unchanged + refused; a refused row is never stored in part.
CREATE TABLE enterprise_import (
  id             uuid PRIMARY KEY,
  org_id         uuid,                    -- the importing organisation; null for the kebao command
  user_id        uuid,
  file_name      text NOT NULL,
  format         text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding       text,                    -- of a CSV file: utf-8, utf-8 (BOM) or gb18030 (GBK)
  status         text NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
  total_rows     integer,                 -- data rows in the file, once counted
  read_rows      integer NOT NULL DEFAULT 0,
  created_rows   integer NOT NULL DEFAULT 0,
  updated_rows   integer NOT NULL DEFAULT 0,
  unchanged_rows integer NOT NULL DEFAULT 0,
  error_rows     integer NOT NULL DEFAULT 0,  -- data rows refused
  error_count    integer NOT NULL DEFAULT 0,  -- problems reported (header problems included)
  failure_code   text,                    -- why a failed import stopped (a problem code), with its words
  failure_zh     text,
  failure_en     text,
  started_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  finished_at    timestamptz
);
CREATE INDEX enterprise_import_org ON enterprise_import (org_id, started_at DESC);

CREATE TABLE enterprise_import_error (
  import_id   uuid NOT NULL REFERENCES enterprise_import (id) ON DELETE CASCADE,
  seq         integer NOT NULL,           -- order of finding
  row_number  integer NOT NULL,           -- as the user sees the file: the header is row 1
  column_name text,                       -- the header as written in the file
  code        text NOT NULL,
  message_zh  text NOT NULL,
  message_en  text NOT NULL,
  PRIMARY KEY (import_id, seq)
);
CREATE INDEX enterprise_import_error_row ON enterprise_import_error (import_id, row_number, seq);
