import { CatalogError, readCatalog } from '@kebao/server';

/** `kebao catalog check [dir]`: the checks `kebao start` runs on the shipped catalogue, without a database. */
export async function catalogCheckCommand(dir: string | undefined): Promise<void> {
  try {
    const { definitions, filings } = await readCatalog(dir);
    process.stdout.write(`${definitions.length} product versions are valid`);
    const sandboxed = Object.keys(filings).length;
    process.stdout.write(sandboxed > 0 ? `; ${sandboxed} start in the sandbox\n` : '\n');
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    for (const p of error.problems) process.stderr.write(`${p}\n`);
    process.stderr.write(`${error.problems.length} problem(s)\n`);
    process.exitCode = 1;
  }
}
