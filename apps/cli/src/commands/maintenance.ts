import { existsSync } from 'node:fs';
import { backupDatabase, migrate, readBackupHeader, restoreDatabase } from '@kebao/db';
import {
  createLogger,
  DEMO_PASSWORD,
  demoLogins,
  loadScale,
  scalePlan,
  seedZone,
  verifyAudit,
  zoneMarket,
} from '@kebao/server';
import { withDatabase } from '../database.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);

export async function migrateCommand(): Promise<void> {
  await withDatabase(async (db) => {
    const report = await migrate(db.url);
    out(
      report.applied.length === 0
        ? `database is up to date (${report.alreadyApplied} migrations)`
        : `applied ${report.applied.map((m) => m.id).join(', ')}`,
    );
  });
}

export interface SeedOptions {
  enterprises?: string;
  years: string;
  policies?: string;
  seed: string;
  asOf?: string;
  scale?: boolean;
  registered?: string;
}

const wholeNumber = (text: string, name: string, max: number) => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > max)
    throw new Error(`--${name} must be a whole number 0–${max.toLocaleString('en')}, not "${text}"`);
  return n;
};

export async function seedCommand(options: SeedOptions): Promise<void> {
  if (options.asOf !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(options.asOf))
    throw new Error(`--as-of must be a date YYYY-MM-DD, not "${options.asOf}"`);
  if (options.registered !== undefined && !options.scale) throw new Error('--registered needs --scale');
  if (options.scale) return scaleSeed(options);
  const settings = {
    enterprises: wholeNumber(options.enterprises ?? '2000', 'enterprises', 100_000),
    years: wholeNumber(options.years, 'years', 10),
    policiesPerYear: wholeNumber(options.policies ?? '150', 'policies', 100_000),
    randomSeed: wholeNumber(options.seed, 'seed', 2 ** 31 - 1),
    asOf: options.asOf,
  };
  await withDatabase(async (db) => {
    await migrate(db.url);
    const started = Date.now();
    const zone = await seedZone(db.pool, quietLogger(), settings);
    const a = zone.activity;
    out(
      zone.seeded
        ? `seeded the demo zone in ${((Date.now() - started) / 1000).toFixed(1)} s: ${zone.enterprises} enterprises` +
            (a
              ? `, ${a.quotes} quotes, ${a.policies} policies, ${a.payments} payments, ${a.endorsements} endorsements, ` +
                `${a.cancellations} cancellations, ${a.closes} monthly closes, ${a.settlements} settlements`
              : '') +
            '. Demo logins:'
        : 'the database already has organisations; nothing seeded. Demo logins:',
    );
    for (const d of demoLogins) out(`  ${d.email}  (${d.kind}, password ${DEMO_PASSWORD})`);
  });
}

/**
 * `kebao seed --scale`: the demo zone (organisations, logins, catalogue; no simulated activity) when the
 * database has none, then the synthetic directory and business bulk-loaded in the zone's market.
 */
async function scaleSeed(options: SeedOptions): Promise<void> {
  const plan = scalePlan(
    wholeNumber(options.policies ?? '1000000', 'policies', 100_000_000),
    wholeNumber(options.registered ?? '0', 'registered', 100_000_000),
    wholeNumber(options.enterprises ?? '100000', 'enterprises', 9_999_999),
  );
  const randomSeed = wholeNumber(options.seed, 'seed', 2 ** 31 - 1);
  await withDatabase(async (db) => {
    await migrate(db.url);
    const zone = await seedZone(db.pool, quietLogger(), {
      enterprises: 2000,
      years: 0,
      policiesPerYear: 0,
      randomSeed,
      asOf: options.asOf,
    });
    if (zone.seeded)
      out(`seeded the demo zone's organisations, logins and catalogue (${zone.enterprises} enterprises)`);
    out(
      `loading ${plan.enterprises.toLocaleString('en')} enterprises, ${plan.platform.toLocaleString('en')} platform ` +
        `policies and ${plan.registered.toLocaleString('en')} registered policies (seed ${randomSeed}) …`,
    );
    const load = await loadScale(db.url, plan, await zoneMarket(db.pool), {
      seed: randomSeed,
      log: (line) => process.stderr.write(`  ${line}\n`),
    });
    const c = load.counts;
    out(
      `loaded in ${load.seconds.toFixed(1)} s: ${Math.round(load.policiesPerSecond).toLocaleString('en')} policies/s, ` +
        `${Math.round(load.rowsPerSecond).toLocaleString('en')} rows/s (${c.enterprises.toLocaleString('en')} enterprises, ` +
        `${c.platform.toLocaleString('en')} policies with ${c.lines.toLocaleString('en')} insurer lines and ` +
        `${c.claims.toLocaleString('en')} claims, ${c.registered.toLocaleString('en')} registered policies); ` +
        `VACUUM ANALYZE ${load.vacuumSeconds.toFixed(1)} s; ${load.foreignKeys} foreign keys checked in ` +
        `${load.referencesSeconds.toFixed(1)} s; database ${(load.bytes / 2 ** 20).toFixed(0)} MiB. Demo logins:`,
    );
    for (const d of demoLogins) out(`  ${d.email}  (${d.kind}, password ${DEMO_PASSWORD})`);
  });
}

export async function auditVerifyCommand(options: { json?: boolean }): Promise<void> {
  const result = await withDatabase((db) => verifyAudit(db.pool));
  if (options.json) out(JSON.stringify(result, null, 2));
  else {
    out(`${result.records} audit records in ${result.chains} chains`);
    for (const p of result.problems) out(`  BROKEN chain ${p.chain} at ${p.seq}: ${p.problem} — ${p.detail}`);
    out(result.ok ? 'audit log intact' : `audit log BROKEN: ${result.problems.length} problem(s)`);
  }
  if (!result.ok) process.exitCode = 1;
}

export async function backupCommand(file: string | undefined): Promise<void> {
  const target = file ?? `kebao-backup-${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}.sql.gz`;
  if (existsSync(target)) throw new Error(`${target} exists; choose another file name`);
  const header = await withDatabase((db) => backupDatabase(db.pool, target));
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  out(
    `backup written to ${target}: ${header.tables.length} tables, ${rows} rows, migration ${header.migrations.at(-1)?.version}`,
  );
}

export async function restoreCommand(file: string): Promise<void> {
  const header = await readBackupHeader(file);
  await withDatabase(async (db) => {
    await migrate(db.url);
    await restoreDatabase(db.pool, file);
  }, 'exclusive');
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  out(`restored ${rows} rows in ${header.tables.length} tables from ${file} (made ${header.createdAt})`);
}

export const quietLogger = () => createLogger({ level: 'warn', destination: process.stderr });
