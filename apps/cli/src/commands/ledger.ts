import { closeMonth, createTxRunner, systemActor, trialBalanceOf, verifyLedger } from '@kebao/server';
import type { Command } from 'commander';
import { withDatabase } from '../database.ts';

const out = (text: string) => process.stdout.write(`${text}\n`);
const yuan = (fen: bigint) => {
  const a = fen < 0n ? -fen : fen;
  return `${fen < 0n ? '-' : ''}${(a / 100n).toLocaleString('en-US')}.${(a % 100n).toString().padStart(2, '0')}`;
};

/** `kebao ledger verify | trial-balance | close`: reconciliation and the monthly close from the shell. */
export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('the journal, reconciliation and the monthly close');
  ledger
    .command('verify')
    .description(
      'check every entry balances, premium splits, invoices, payments and statements; exit 1 on a problem',
    )
    .option('--json', 'print the full report as JSON')
    .action(async (options: { json?: boolean }) => {
      const report = await withDatabase((db) => verifyLedger(db.pool));
      if (options.json) out(JSON.stringify(report, null, 2));
      else {
        out(
          `${report.entries} journal entries, ${report.lines} lines; trial balance total ${report.trialBalanceTotal}`,
        );
        for (const p of report.problems) out(`  PROBLEM ${p.code} ${p.subject}: ${p.detail}`);
        out(report.ok ? 'ledger balances' : `ledger BROKEN: ${report.problems.length} problem(s)`);
      }
      if (!report.ok) process.exitCode = 1;
    });
  ledger
    .command('trial-balance')
    .description('the trial balance of the platform (or one organisation) at the end of a day')
    .option('--org <id>', "one organisation's books")
    .option('--as-of <date>', 'YYYY-MM-DD (default: now)')
    .action(async (options: { org?: string; asOf?: string }) => {
      const asOf = options.asOf ? new Date(`${options.asOf}T24:00:00+08:00`) : new Date();
      const rows = await withDatabase((db) => trialBalanceOf(db.pool, options.org ?? null, asOf));
      const width = Math.max(12, ...rows.map((r) => r.account.length));
      out(
        `${'account'.padEnd(width)}  ${'debit'.padStart(20)}  ${'credit'.padStart(20)}  ${'balance'.padStart(20)}`,
      );
      let debit = 0n;
      let credit = 0n;
      for (const r of rows) {
        debit += r.debit;
        credit += r.credit;
        out(
          `${r.account.padEnd(width)}  ${yuan(r.debit).padStart(20)}  ${yuan(-r.credit).padStart(20)}  ${yuan(r.balance).padStart(20)}`,
        );
      }
      out(
        `${'total'.padEnd(width)}  ${yuan(debit).padStart(20)}  ${yuan(-credit).padStart(20)}  ${yuan(debit + credit).padStart(20)}`,
      );
      if (debit + credit !== 0n) process.exitCode = 1;
    });
  ledger
    .command('close <month>')
    .description('close a month (YYYY-MM): book the UPR movement of every policy per co-insurer, once')
    .action(async (month: string) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        throw new Error(`the month must be YYYY-MM, not "${month}"`);
      const summary = await withDatabase((db) => {
        const tx = createTxRunner({ pool: db.pool, clock: () => new Date() });
        return tx(systemActor, 'kebao-ledger-close', (ctx) => closeMonth(ctx, month));
      });
      out(`closed ${summary.month}: ${summary.policies} policies, UPR change ${summary.uprChange} yuan`);
    });
}
