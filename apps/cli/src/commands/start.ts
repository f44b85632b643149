import { DataDirectoryLockedError } from '@kebao/db';
import {
  ConfigError,
  createLogger,
  DEFAULT_WEB_DIST,
  DEMO_PASSWORD,
  demoLogins,
  loadConfig,
  startServer,
} from '@kebao/server';
import { ensureWebBuilt } from '../web-build.ts';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** `kebao start`: database, migrations, demo seed, API and web, until SIGINT/SIGTERM. */
export async function start(): Promise<void> {
  const started = Date.now();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kebao: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel });
  const webDist = config.webDist ?? DEFAULT_WEB_DIST;
  try {
    await ensureWebBuilt(webDist, (m) => log.info(m));
  } catch (error) {
    log.error({ err: error }, 'the web app could not be built; the API starts without it');
  }

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ ...config, webDist }, { log });
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) {
      process.stderr.write(`kebao: ${error.message}\n`);
      process.exit(3);
    }
    throw error;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const logins = demoLogins
    .map((d) => `    ${d.email.padEnd(26)} ${d.kind.padEnd(11)} ${d.organisation}`)
    .join('\n');
  process.stdout.write(
    [
      '',
      `  科保 Kebao is ready in ${seconds} s`,
      `  Web and API:  ${server.url}`,
      `  API docs:     ${server.url}/api/docs`,
      `  Database:     ${server.database.describe}`,
      '',
      `  Demo logins (password ${DEMO_PASSWORD}):`,
      logins,
      '',
      '',
    ].join('\n'),
  );
  log.info({ url: server.url, readyInMs: Date.now() - started }, 'ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    log.info(`${signal}: finishing in-flight requests, then stopping`);
    const deadline = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    try {
      await server.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
