-- Runs of the Monte Carlo risk engine over the live portfolio (风险模拟): requested by the regulator, taken
-- by the server's risk job one at a time, stored with everything needed to rerun them — the portfolio as
-- the engine read it (gzip'd JSON and its SHA-256), the risk model's version, the seed and the years — and
-- their results (the measures of every perspective and the capacity view). Amounts in the results are
-- yuan as binary floats: estimates to rank and hold capital against, never amounts to post.
CREATE TABLE risk_run (
  id             uuid PRIMARY KEY,
  status         text NOT NULL CHECK (status IN ('queued', 'running', 'cancelling', 'done', 'failed', 'cancelled')),
  as_of          date NOT NULL,                    -- the policies in force on this day
  years          integer NOT NULL CHECK (years BETWEEN 1000 AND 1000000),
  seed           bigint NOT NULL CHECK (seed >= 0 AND seed <= 9007199254740991),
  workers        integer,
  years_done     integer NOT NULL DEFAULT 0,
  model_version  integer,
  model_checksum text,
  portfolio_gz   bytea,                            -- the engine's input, as a portfolio file (docs/risk.md)
  portfolio_sha256 text,
  units          integer,
  risks          integer,
  platform_policies integer,
  registered_policies integer,
  notes          jsonb,                            -- what the portfolio leaves out, and why
  summary        jsonb,                            -- portfolio summary: classes, insurers, reinsurers, pools, events
  perspectives   jsonb,                            -- per perspective: AAL, EP curves, PML, VaR and TVaR
  capacity       jsonb,                            -- per insurer with capital: net PML 200 against it
  losses         bigint,                           -- ground-up losses drawn
  elapsed_ms     integer,
  error          text,
  requested_org  uuid REFERENCES organisation (id),
  requested_by   uuid,
  cancelled_by   uuid,
  created_at     timestamptz NOT NULL,
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX risk_run_created ON risk_run (created_at DESC);
CREATE INDEX risk_run_waiting ON risk_run (created_at) WHERE status = 'queued';
