import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadMigrations } from './migrate.ts';
import { withSnapshot } from './pool.ts';

/**
 * Logical backup through the driver: one consistent snapshot, every table as COPY text in the
 * plain pg_dump data layout (`COPY t (cols) FROM stdin;` … `\.`), gzip-compressed. It needs no
 * pg_dump of a matching version, so it works for the embedded cluster and any external server.
 * The schema itself is not dumped: a restore runs the migrations of the same version first.
 */
const MAGIC = '-- kebao backup v1';

/**
 * Not copied: the migration ledger (a restore migrates first) and the dispatcher lease, which
 * names a process of the old installation and would only delay the new one.
 */
const NOT_BACKED_UP = new Set(['schema_migrations', 'outbox_lease']);

export interface TableSummary {
  name: string;
  rows: number;
}

export interface BackupHeader {
  createdAt: string;
  serverVersion: string;
  migrations: { version: number; checksum: string }[];
  tables: TableSummary[];
  sequences: { name: string; value: string; called: boolean }[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tablesInDependencyOrder(db: pg.ClientBase): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.name);
  const deps = await db.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  for (const d of deps.rows) parents.get(d.child)?.add(d.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0) throw new Error('foreign keys form a cycle; cannot order tables for backup');
    for (const t of ready) {
      placed.add(t);
      ordered.push(t);
    }
  }
  return ordered;
}

async function columnsOf(db: pg.ClientBase, table: string): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [table],
  );
  return r.rows.map((x) => x.name);
}

async function standaloneSequences(db: pg.ClientBase) {
  const r = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND n.nspname = 'public'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
      ORDER BY 1`,
  );
  const out: BackupHeader['sequences'] = [];
  for (const { name } of r.rows) {
    const s = await db.query<{ last_value: bigint; is_called: boolean }>(
      `SELECT last_value, is_called FROM ${ident(name)}`,
    );
    out.push({ name, value: String(s.rows[0]?.last_value ?? 1n), called: s.rows[0]?.is_called ?? false });
  }
  return out;
}

/** Writes a backup of the database to `file`; returns its header (row counts per table). */
export function backupDatabase(pool: pg.Pool, file: string): Promise<BackupHeader> {
  return withSnapshot(pool, async (client) => {
    const tables = (await tablesInDependencyOrder(client)).filter((t) => !NOT_BACKED_UP.has(t));
    const counts: TableSummary[] = [];
    for (const t of tables) {
      const n = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t)}`);
      counts.push({ name: t, rows: n.rows[0]?.n ?? 0 });
    }
    const migrations = await client.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    const header: BackupHeader = {
      createdAt: new Date().toISOString(),
      serverVersion: version.rows[0]?.server_version ?? 'unknown',
      migrations: migrations.rows,
      tables: counts,
      sequences: await standaloneSequences(client),
    };

    const gzip = createGzip();
    const out = createWriteStream(file, { mode: 0o600 });
    const done = pipeline(gzip, out);
    const write = async (text: string) => {
      if (!gzip.write(text)) await once(gzip, 'drain');
    };
    await write(`${MAGIC}\n-- ${JSON.stringify(header)}\n`);
    for (const t of tables) {
      const cols = (await columnsOf(client, t)).map(ident).join(', ');
      await write(`COPY ${ident(t)} (${cols}) FROM stdin;\n`);
      const stream = client.query(copyTo(`COPY ${ident(t)} (${cols}) TO STDOUT`));
      for await (const chunk of stream) await write(chunk as Buffer as unknown as string);
      await write('\\.\n');
    }
    gzip.end();
    await done;
    return header;
  });
}

export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    if (n === 0 && line !== MAGIC) throw new Error(`${file} is not a Kebao backup`);
    if (n === 1) {
      lines.close();
      return JSON.parse(line.slice(3)) as BackupHeader;
    }
    n++;
  }
  throw new Error(`${file} is not a Kebao backup (no header)`);
}

/**
 * Restores a backup into a migrated, empty database, in one transaction: all of it or nothing.
 * The database must be at the same migration version as the backup.
 */
export async function restoreDatabase(pool: pg.Pool, file: string): Promise<BackupHeader> {
  const header = await readBackupHeader(file);
  const known = await loadMigrations();
  const mismatch =
    header.migrations.length !== known.length ||
    header.migrations.some((m, i) => known[i]?.version !== m.version || known[i]?.checksum !== m.checksum);
  if (mismatch) {
    throw new Error(
      `The backup was made at migration ${header.migrations.at(-1)?.version ?? 0}; this Kebao is at ${known.at(-1)?.version ?? 0}. ` +
        'Restore with the Kebao version that made it, then upgrade.',
    );
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const t of header.tables) {
      const r = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(t.name)}) AS any`);
      if (r.rows[0]?.any)
        throw new Error(
          `The target database is not empty (table ${t.name} has rows); restore into a fresh one.`,
        );
    }
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let copy: ReturnType<typeof copyFrom> | null = null;
    let finished: Promise<void> | null = null;
    for await (const line of lines) {
      if (copy) {
        if (line === '\\.') {
          copy.end();
          await finished;
          copy = null;
        } else if (!copy.write(`${line}\n`)) await once(copy, 'drain');
        continue;
      }
      if (line.startsWith('COPY ')) {
        const statement = line.replace(/ FROM stdin;$/, ' FROM STDIN');
        copy = client.query(copyFrom(statement));
        const stream = copy;
        finished = new Promise((resolve, reject) => {
          stream.on('finish', () => resolve());
          stream.on('error', reject);
        });
      }
    }
    if (copy) throw new Error('The backup is truncated (a table section has no end)');
    // Identity columns continue after the restored rows; standalone sequences get their value back.
    const identities = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
    );
    for (const c of identities.rows) {
      const max = await client.query<{ m: bigint | null }>(
        `SELECT max(${ident(c.column_name)}) AS m FROM ${ident(c.table_name)}`,
      );
      const m = max.rows[0]?.m ?? null;
      await client.query('SELECT setval(pg_get_serial_sequence($1, $2), $3, $4)', [
        ident(c.table_name),
        c.column_name,
        m ?? 1n,
        m !== null,
      ]);
    }
    for (const s of header.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [ident(s.name), s.value, s.called]);
    }
    for (const t of header.tables) {
      const r = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(t.name)}`);
      if (r.rows[0]?.n !== t.rows)
        throw new Error(`Table ${t.name}: restored ${r.rows[0]?.n} rows, the backup has ${t.rows}`);
    }
    await client.query('COMMIT');
    return header;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A checksum per table of its full contents, to compare two databases (e.g. after a restore),
 * independent of the servers' time zone, collation and version.
 */
export function tableChecksums(pool: pg.Pool): Promise<Record<string, string>> {
  return withSnapshot(pool, async (client) => {
    await client.query("SET LOCAL TimeZone = 'UTC'");
    await client.query("SET LOCAL DateStyle = 'ISO'");
    await client.query('SET LOCAL extra_float_digits = 3');
    const tables = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    );
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      if (NOT_BACKED_UP.has(name)) continue;
      const r = await client.query<{ sum: string | null; n: number }>(
        `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C"), '')) AS sum, count(*)::int AS n
           FROM ${ident(name)} t`,
      );
      out[name] = `${r.rows[0]?.n}:${r.rows[0]?.sum}`;
    }
    return out;
  });
}
