// `npm test`: every Vitest project — unit, integration on the embedded PostgreSQL and (when
// DATABASE_URL is set) on that server too, and the browser journeys. The journeys and the process
// tests serve the built web app, so it is built first when missing. The summary reporter prints
// the final `N passed, N failed` line; the exit code is Vitest's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (args) => spawnSync('npx', args, { stdio: 'inherit', env: process.env }).status ?? 1;

if (!existsSync('apps/web/dist/index.html')) {
  console.log('building the web app for the tests…');
  if (run(['vite', 'build', 'apps/web', '--logLevel', 'warn']) !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
process.exit(run(['vitest', 'run', ...process.argv.slice(2)]));
