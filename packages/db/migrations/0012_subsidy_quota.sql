-- Approved compensation quotas (核定补偿额度) of quota programmes — the central first-of-a-kind equipment
-- and first-batch new materials compensations: qualification first (资格审定), then the money. The operating
-- funder approves an enterprise's listed item with its product value; the quota is the programme's
-- percentage of that value. Grants at bind draw on it (never beyond it) and give back what they release;
-- a revoked quota serves no further grant.
CREATE TABLE subsidy_quota (
  id             uuid PRIMARY KEY,
  programme_code text NOT NULL REFERENCES subsidy_programme (code),
  enterprise_id  uuid NOT NULL REFERENCES enterprise (id),
  enterprise_org uuid REFERENCES organisation (id),
  funder_org_id  uuid NOT NULL REFERENCES organisation (id),
  item           text NOT NULL CHECK (char_length(item) BETWEEN 1 AND 200),  -- the listed equipment or material
  approval_ref   text NOT NULL CHECK (char_length(approval_ref) BETWEEN 1 AND 100),  -- 批复文号
  product_value  bigint NOT NULL CHECK (product_value > 0),
  quota          bigint NOT NULL CHECK (quota > 0),
  used           bigint NOT NULL DEFAULT 0,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  approved_by    uuid,
  approved_at    timestamptz NOT NULL,
  revoked_by     uuid,
  revoked_at     timestamptz,
  revoke_reason  text,
  CHECK (used >= 0 AND used <= quota)
);
CREATE INDEX subsidy_quota_enterprise ON subsidy_quota (enterprise_id, programme_code);
CREATE INDEX subsidy_quota_programme ON subsidy_quota (programme_code, approved_at DESC);
CREATE UNIQUE INDEX subsidy_quota_item ON subsidy_quota (programme_code, enterprise_id, item) WHERE status = 'active';

ALTER TABLE subsidy_grant ADD COLUMN quota_id uuid REFERENCES subsidy_quota (id);
