import path from 'node:path';

/** Settings read from the environment once at start; each has a default that works on a laptop. */
export interface Config {
  host: string;
  port: number;
  /** Embedded database, lock file and other local state (KEBAO_DATA_DIR, default ./.kebao). */
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  bodyLimitBytes: number;
  /** Where the built web app is; served at / when present. */
  webDist: string | undefined;
  session: {
    idleMinutes: number;
    absoluteHours: number;
    /** Mark cookies Secure (serve over HTTPS). */
    secureCookies: boolean;
  };
  login: {
    windowMinutes: number;
    maxFailuresPerAccount: number;
    maxFailuresPerIp: number;
  };
  events: {
    heartbeatSeconds: number;
  };
  trustProxy: boolean;
  /** Where the shipped catalogue is (products/*.yaml, filings.yaml). */
  catalogDir: string | undefined;
  /** Quote previews per minute per client address (per organisation when signed in); 0 = unlimited. */
  quotePreviewPerMinute: number;
  /** Fictitious enterprises generated into an empty registry at the first start (besides the demo login's). */
  demoEnterprises: number;
  /** Policies the first start tries to bind per simulated year of demo activity (0: none), renewals besides. */
  demoPolicies: number;
  /** Years of demo activity up to today the first start simulates. */
  demoYears: number;
  /** Worker threads of the risk job's simulations (KEBAO_RISK_WORKERS). */
  riskWorkers: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 8080, 0, 65535),
    dataDir: path.resolve(cwd, env.KEBAO_DATA_DIR || '.kebao'),
    databaseUrl,
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: int(env, 'KEBAO_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    webDist: env.KEBAO_WEB_DIST ? path.resolve(cwd, env.KEBAO_WEB_DIST) : undefined,
    session: {
      idleMinutes: int(env, 'KEBAO_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
      absoluteHours: int(env, 'KEBAO_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
      secureCookies: bool(env, 'KEBAO_SECURE_COOKIES', false),
    },
    login: {
      windowMinutes: int(env, 'KEBAO_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
      maxFailuresPerAccount: int(env, 'KEBAO_LOGIN_MAX_FAILURES', 5, 1, 1000),
      maxFailuresPerIp: int(env, 'KEBAO_LOGIN_MAX_FAILURES_PER_IP', 50, 1, 100_000),
    },
    events: {
      heartbeatSeconds: int(env, 'KEBAO_SSE_HEARTBEAT_SECONDS', 15, 1, 3600),
    },
    trustProxy: bool(env, 'KEBAO_TRUST_PROXY', false),
    catalogDir: env.KEBAO_CATALOG_DIR ? path.resolve(cwd, env.KEBAO_CATALOG_DIR) : undefined,
    quotePreviewPerMinute: int(env, 'KEBAO_QUOTE_PREVIEW_PER_MINUTE', 120, 0, 1_000_000),
    demoEnterprises: int(env, 'KEBAO_DEMO_ENTERPRISES', 2000, 0, 100_000),
    demoPolicies: int(env, 'KEBAO_DEMO_POLICIES', 150, 0, 100_000),
    demoYears: int(env, 'KEBAO_DEMO_YEARS', 3, 1, 10),
    riskWorkers: int(env, 'KEBAO_RISK_WORKERS', 1, 1, 8),
  };
}
