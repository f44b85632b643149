import { randomBytes } from 'node:crypto';
import { migrate } from '@kebao/db';
import { createTxRunner, createUser, findOrganisations, systemActor } from '@kebao/server';
import { withDatabase } from '../database.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export interface CreateUserOptions {
  org: string;
  email: string;
  name: string;
  role: string[];
  passwordStdin?: boolean;
}

/** `kebao users create`: an operator's way in when nobody can sign in yet. Audited as the system. */
export async function createUserCommand(options: CreateUserOptions): Promise<void> {
  const generated = !options.passwordStdin;
  const password = options.passwordStdin ? await readStdin() : randomBytes(12).toString('base64url');
  await withDatabase(async (db) => {
    await migrate(db.url);
    const { rows } = await findOrganisations(db.pool, systemActor, { limit: 1000, offset: 0 });
    const org = rows.find((o) => o.id === options.org || o.uscc === options.org || o.name_zh === options.org);
    if (!org) throw new Error(`no organisation "${options.org}" (give its id, USCC or Chinese name)`);
    const tx = createTxRunner({ pool: db.pool, clock: () => new Date() });
    const user = await tx(systemActor, 'cli', (ctx) =>
      createUser(ctx, org.id, {
        email: options.email,
        displayName: options.name,
        roles: options.role,
        password,
      }),
    );
    process.stdout.write(
      `created ${user.email} (${user.roles.join(', ')}) in ${org.name_zh}, id ${user.id}\n`,
    );
    if (generated) process.stdout.write(`initial password (shown once): ${password}\n`);
  });
}
