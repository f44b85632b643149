import { Writable } from 'node:stream';
import type { Database } from '@kebao/db';
import { createLogger, loadConfig, type RunningServer, startServer } from '@kebao/server';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { Client } from './http.ts';

/** A clock tests can move: sessions, throttling windows and expiry read it. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  server: RunningServer;
  clock: TestClock;
  /** Every JSON log line the server wrote. */
  logs: string[];
  client(): Client;
  /** A client signed in as one of the demo users. */
  as(email: string, password?: string): Promise<Client>;
  /** No funder operates the demo subsidy programmes: binds bill the whole premium to the policyholder. */
  withoutSubsidies(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real server on a real port, over its own fresh database (embedded or external engine,
 * whichever the project runs), with the demo organisations seeded.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const clock = new TestClock();
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    KEBAO_WEB_DIST: '/nonexistent',
    KEBAO_DEMO_ENTERPRISES: '20',
    KEBAO_DEMO_POLICIES: '0',
    ...env,
  });
  const database: Database = {
    engine: 'external',
    url: db.url,
    pool: db.pool,
    describe: `test database ${db.name}`,
    close: async () => {},
  };
  const server = await startServer(config, {
    database,
    clock: clock.now,
    log: createLogger({ level: 'info', destination: sink }),
  });
  return {
    url: server.url,
    db,
    server,
    clock,
    logs,
    client: () => new Client(server.url),
    async as(email, password) {
      const c = new Client(server.url);
      const answer = await c.login(email, password);
      if (answer.status !== 200) throw new Error(`login as ${email} failed: ${answer.text}`);
      return c;
    },
    async withoutSubsidies() {
      const platform = new Client(server.url);
      await platform.login('platform@demo.kebao.cn');
      for (const code of ['shanghai-2025-tiered', 'shanghai-tech-loan', 'shanghai-clinical-trial']) {
        const r = await platform.put(`/api/subsidy/programmes/${code}/operator`, { funderOrgId: null });
        if (r.status !== 200) throw new Error(`could not stop ${code}: ${r.text}`);
      }
    },
    async close() {
      await server.close();
      await db.drop();
    },
  };
}
