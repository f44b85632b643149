// npm run bench [-- NAME …]: runs the workloads in bench/workloads/, writes bench/results/<name>.json
// and bench/results/SUMMARY.md.
import { readdirSync } from 'node:fs';
import { resultLine, writeResult, writeSummary } from './harness/report.ts';
import { runWorkload } from './harness/runner.ts';
import { Skip, type Workload } from './harness/workload.ts';

const workloadsDir = new URL('./workloads/', import.meta.url);
const known = readdirSync(workloadsDir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -'.ts'.length))
  .sort();

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(
    `bench: unknown workload ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${known.join(', ')}`,
  );
  process.exit(2);
}
const selected = asked.length > 0 ? [...new Set(asked)] : known;

async function loadWorkload(name: string): Promise<Workload> {
  const mod = (await import(new URL(`${name}.ts`, workloadsDir).href)) as { default?: Workload };
  const w = mod.default;
  if (!w || w.name !== name)
    throw new Error(`bench/workloads/${name}.ts must export default a Workload named "${name}"`);
  return w;
}

let failed = 0;
for (const name of selected) {
  try {
    const workload = await loadWorkload(name);
    console.log(`${name}: ${workload.description}`);
    const result = await runWorkload(workload, (line) => console.log(line));
    writeResult(result);
    console.log(resultLine(result));
    for (const note of result.notes) console.log(`  note: ${note}`);
  } catch (error) {
    if (error instanceof Skip) {
      console.log(`${name}  skipped: ${error.message}`);
    } else {
      failed++;
      console.error(
        `${name}  failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
}
console.log(writeSummary());
if (failed > 0) process.exitCode = 1;
