import { AppError } from '@kebao/server';
import { Command } from 'commander';
import { catalogCheckCommand } from './commands/catalog.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerLedgerCommands } from './commands/ledger.ts';
import {
  auditVerifyCommand,
  backupCommand,
  migrateCommand,
  restoreCommand,
  seedCommand,
} from './commands/maintenance.ts';
import { simulateCommand } from './commands/simulate.ts';
import { start } from './commands/start.ts';
import { createUserCommand } from './commands/users.ts';

const program = new Command()
  .name('kebao')
  .description('科保 Kebao — the open platform for tech insurance')
  .showHelpAfterError();

program.command('start').description('start the platform (database, migrations, API and web)').action(start);
program.command('migrate').description('apply pending database migrations').action(migrateCommand);
program
  .command('seed')
  .description(
    'load the demo zone into an empty database: organisations, registry, years of activity; with --scale, ' +
      'the zone without activity and a bulk-loaded synthetic directory and business for benchmarks',
  )
  .option('--enterprises <n>', 'fictitious registry enterprises (default 2000; with --scale 100000)')
  .option('--years <n>', 'years of simulated activity up to today', '3')
  .option(
    '--policies <n>',
    'new policies tried per year, renewals besides (default 150); with --scale platform policies (default 1000000)',
  )
  .option('--seed <n>', 'random seed (the same seed and --as-of give the same zone)', '42')
  .option('--as-of <date>', 'YYYY-MM-DD: the zone as at 00:00 Asia/Shanghai of this day (default: today)')
  .option(
    '--scale',
    'scale mode: bulk-load --enterprises and --policies of synthetic business, report the rate',
  )
  .option('--registered <n>', 'with --scale: registered (保单登记) policies besides (default 0)')
  .action(seedCommand);

const users = program.command('users').description('manage users');
users
  .command('create')
  .description('create a user in an organisation')
  .requiredOption('--org <org>', 'organisation id, USCC or Chinese name')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--role <role...>', 'one or more roles of the organisation kind')
  .option('--password-stdin', 'read the password from standard input (otherwise one is generated)')
  .action(createUserCommand);

const audit = program.command('audit').description('the audit log');
audit
  .command('verify')
  .description('recompute the hash chains and report edited, missing or reordered records')
  .option('--json', 'print the full result as JSON')
  .action(auditVerifyCommand);

const catalog = program.command('catalog').description('the product catalogue');
catalog
  .command('check [dir]')
  .description('validate the shipped catalogue files (default: catalog/) as kebao start does')
  .action(catalogCheckCommand);

registerImportCommands(program);
registerLedgerCommands(program);
registerDbCommands(program);

program
  .command('simulate [portfolio]')
  .description('Monte Carlo risk of a portfolio file or --demo: AAL, EP curves, PML, TVaR per perspective')
  .option('--demo', 'simulate a generated synthetic portfolio instead of a file')
  .option('--policies <n>', 'policies in the --demo portfolio (default 10000)')
  .option('--years <n>', 'simulated years (default 10000)')
  .option('--seed <n>', 'seed of the random numbers, 0 to 2^53 - 1 (default 2026)')
  .option('--workers <n>', 'worker threads, 0 for this thread (default: one per CPU, at most 8)')
  .option('--block-years <n>', 'years per block handed to a worker (the results do not depend on it)')
  .option('--out <file>', 'write the results to a .json or .csv file instead of printing a summary')
  .action(simulateCommand);

program
  .command('backup [file]')
  .description('write a logical backup (gzip) of the database')
  .action(backupCommand);
program
  .command('restore <file>')
  .description('restore a backup into an empty database (e.g. a fresh KEBAO_DATA_DIR)')
  .action(restoreCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message =
    error instanceof AppError ? `${error.messageZh} / ${error.messageEn}` : (error as Error).message;
  process.stderr.write(`kebao: ${message}\n`);
  process.exit(1);
}
