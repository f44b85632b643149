-- Subsidy review in stages, requests for more materials, fraud findings and the bars they impose, and the
-- working-day calendar the deadlines count on.

-- The State Council's yearly holiday notice (国务院办公厅关于某年部分节假日安排的通知) as data: the public
-- holidays and the weekend days worked instead (调休上班). A year without a row counts Saturdays and
-- Sundays only.
CREATE TABLE working_calendar_year (
  year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  source     text NOT NULL CHECK (char_length(source) BETWEEN 1 AND 300),
  checksum   text NOT NULL,
  origin     text NOT NULL CHECK (origin IN ('catalog', 'api')),
  loaded_at  timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE working_calendar_day (
  day     date PRIMARY KEY,
  year    integer NOT NULL REFERENCES working_calendar_year (year) ON DELETE CASCADE,
  kind    text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name_zh text NOT NULL CHECK (char_length(name_zh) BETWEEN 1 AND 50),
  name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 100)
);
CREATE INDEX working_calendar_day_year ON working_calendar_day (year);

-- An application goes through the programme's review stages in turn (e.g. 区级初审 then 市级复审); the
-- grant's review_stage is the stage it waits at. A reviewer may send it back for more materials
-- (补正, status 'returned', due by supplement_by); a fraud finding revokes it ('revoked').
ALTER TABLE subsidy_grant DROP CONSTRAINT subsidy_grant_status_check;
ALTER TABLE subsidy_grant ADD CONSTRAINT subsidy_grant_status_check CHECK (status IN (
  'reserved', 'confirmed', 'applied', 'submitted', 'returned', 'approved', 'rejected', 'lapsed', 'revoked'));
ALTER TABLE subsidy_grant ADD COLUMN review_stage integer NOT NULL DEFAULT 0 CHECK (review_stage >= 0);
ALTER TABLE subsidy_grant ADD COLUMN supplement_by date;

-- Who reviews a stage of a programme: a funder organisation, for the enterprises whose region code starts
-- with region_prefix ('' = everywhere; the longest prefix wins). A stage without one is the operator's.
CREATE TABLE subsidy_reviewer (
  programme_code text NOT NULL REFERENCES subsidy_programme (code),
  stage_key      text NOT NULL CHECK (stage_key ~ '^[a-z][a-z0-9_]{0,39}$'),
  region_prefix  text NOT NULL DEFAULT '' CHECK (region_prefix ~ '^[0-9]{0,6}$'),
  org_id         uuid NOT NULL REFERENCES organisation (id),
  assigned_at    timestamptz NOT NULL,
  PRIMARY KEY (programme_code, stage_key, region_prefix)
);
CREATE INDEX subsidy_reviewer_org ON subsidy_reviewer (org_id);

-- Every decision taken on an application, stage by stage: the trail shown to the enterprise and kept for
-- inspection.
CREATE TABLE subsidy_review (
  id            uuid PRIMARY KEY,
  grant_id      uuid NOT NULL REFERENCES subsidy_grant (id),
  stage         integer NOT NULL CHECK (stage >= 0),
  stage_key     text NOT NULL,
  decision      text NOT NULL CHECK (decision IN ('approve', 'reject', 'request_more', 'resubmit', 'fraud')),
  note          text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 1000),
  requested     jsonb,           -- request_more: the material kinds asked for
  reviewer_org  uuid NOT NULL REFERENCES organisation (id),
  reviewer_user uuid,
  at            timestamptz NOT NULL
);
CREATE INDEX subsidy_review_grant ON subsidy_review (grant_id, at);

-- A fraud finding (骗取补贴) bars the enterprise from the programme until a date (取消申报资格).
CREATE TABLE subsidy_bar (
  id             uuid PRIMARY KEY,
  enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
  programme_code text NOT NULL REFERENCES subsidy_programme (code),
  grant_id       uuid NOT NULL REFERENCES subsidy_grant (id),
  found_on       date NOT NULL,
  until          date NOT NULL,
  note           text NOT NULL,
  by_org         uuid NOT NULL REFERENCES organisation (id),
  by_user        uuid,
  at             timestamptz NOT NULL,
  CHECK (until > found_on)
);
CREATE INDEX subsidy_bar_enterprise ON subsidy_bar (enterprise_id, programme_code, until DESC);

-- An approved quota is valid for the programme's quota.years from its approval (首台套: ≤ 3 years): a policy
-- starting on or after valid_until draws nothing on it.
ALTER TABLE subsidy_quota ADD COLUMN valid_until date;
UPDATE subsidy_quota q
   SET valid_until = ((q.approved_at AT TIME ZONE 'Asia/Shanghai')::date
                      + make_interval(years => coalesce((p.definition->'quota'->>'years')::int, 3)))::date
  FROM subsidy_programme p WHERE p.code = q.programme_code;
ALTER TABLE subsidy_quota ALTER COLUMN valid_until SET NOT NULL;
