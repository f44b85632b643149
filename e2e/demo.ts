import { demoLogins } from '@kebao/server';

export { demoLogins };

type DemoLogin = (typeof demoLogins)[number];

function demoOf(kind: DemoLogin['kind']): DemoLogin {
  const login = demoLogins.find((d) => d.kind === kind);
  if (!login) throw new Error(`the demo seed has no ${kind} login`);
  return login;
}

/** The seeded demo users (password kebao-demo-2026) and, in `organisation`, their organisation's Chinese name. */
export const platformAdmin = demoOf('platform');
export const enterpriseAdmin = demoOf('enterprise');
export const insurerAdmin = demoOf('insurer');
export const brokerAdmin = demoOf('broker');
export const regulatorSupervisor = demoOf('regulator');

/** A suffix that keeps names made by one run apart from those of earlier tests in the same run. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
