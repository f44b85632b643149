import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireLock, createClient, type EmbeddedCluster, migrate, startEmbeddedCluster } from '@kebao/db';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
    engine: 'embedded' | 'external';
  }
}

/**
 * One PostgreSQL per project run: a fresh embedded cluster, or the server named by DATABASE_URL.
 * A template database is migrated once; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds and isolates files from each other.
 */
export default async function setup(project: TestProject) {
  const engine = project.name.endsWith('external') ? 'external' : 'embedded';
  let adminUrl: string;
  let cluster: EmbeddedCluster | null = null;
  let dataDir: string | null = null;
  let release: (() => Promise<void>) | null = null;

  if (engine === 'external') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('the external project needs DATABASE_URL');
    adminUrl = url;
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kebao-test-'));
    await chmod(dataDir, 0o755);
    release = await acquireLock(dataDir);
    cluster = await startEmbeddedCluster({ dataDir, database: 'postgres' });
    adminUrl = cluster.url;
  }

  const template = `kebao_tpl_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  await migrate(templateUrl);

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('engine', engine);

  return async () => {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    if (cluster) await cluster.stop();
    if (release) await release();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function admin(url: string, sql: string): Promise<void> {
  const client = createClient(url, 'kebao-test-setup');
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
