import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './chromium.ts';
import { startKebao } from './kebao-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where `kebao start` serves the web app and the API, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
  }
}

/** One `kebao start` (embedded PostgreSQL, demo seed, built web app) for the whole browser run. */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser journeys need Debian's Chromium at ${CHROMIUM_PATH}: install it with ` +
        '`apt-get install chromium` (no browser is downloaded).',
    );
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kebao-e2e-'));
  // As root the embedded PostgreSQL runs as `postgres`, which must be able to enter the directory.
  await chmod(dataDir, 0o755);
  let kebao: Awaited<ReturnType<typeof startKebao>>;
  try {
    kebao = await startKebao(dataDir);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', kebao.url);

  return async () => {
    try {
      await kebao.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
}
