import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

/** Builds the web app with Vite when its build is missing (first `npm start` after a clone). */
export async function ensureWebBuilt(dist: string, log: (m: string) => void): Promise<void> {
  if (existsSync(path.join(dist, 'index.html'))) return;
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) return;
  log('building the web app (first start only)…');
  const started = Date.now();
  const vite = await import('vite');
  await vite.build({ root: WEB_ROOT, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
