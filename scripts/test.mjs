// `npm test`: runs every Vitest project (unit, integration on embedded PostgreSQL and, when
// DATABASE_URL is set, on that server, and the browser journeys). The summary reporter prints the
// final `N passed, N failed` line; the exit code is Vitest's.
import { spawnSync } from 'node:child_process';

const args = ['vitest', 'run', ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
