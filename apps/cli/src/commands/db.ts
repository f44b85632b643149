import { databaseChecksum } from '@kebao/db';
import type { Command } from 'commander';
import { withDatabase } from '../database.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);

/** `kebao db checksum`: a SHA-256 of every table, to compare two databases (two seeds, a restore). */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database as a whole');
  db.command('checksum')
    .description(
      'print "table rows sha256" for every table (rows in primary-key order) and a total; equal lines mean equal data',
    )
    .option('--json', 'print the checksums as JSON')
    .action(async (options: { json?: boolean }) => {
      const sum = await withDatabase((d) => databaseChecksum(d.pool));
      if (options.json) {
        out(JSON.stringify(sum, null, 2));
        return;
      }
      const width = Math.max(5, ...sum.tables.map((t) => t.table.length));
      const rows = Math.max(...sum.tables.map((t) => String(t.rows).length), String(sum.total.rows).length);
      for (const t of sum.tables)
        out(`${t.table.padEnd(width)} ${String(t.rows).padStart(rows)} ${t.sha256}`);
      out(`${'total'.padEnd(width)} ${String(sum.total.rows).padStart(rows)} ${sum.total.sha256}`);
    });
}
