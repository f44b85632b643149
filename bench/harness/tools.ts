import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Skip } from './workload.ts';

/** The first of `names` found as an executable file on PATH, or null. */
export function findTool(...names: string[]): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** A C compiler for native baselines: `cc`, else `gcc`, else `clang`. */
export const findCc = () => findTool('cc', 'gcc', 'clang');

/** PostgreSQL's own load generator, for database baselines. */
export const findPgbench = () => findTool('pgbench');

/** The tool's path, or a Skip that says plainly what is missing and what needed it. */
export function requireTool(found: string | null, what: string, neededFor: string): string {
  if (found) return found;
  throw new Skip(`${what} not found on PATH; it is needed for ${neededFor}`);
}
