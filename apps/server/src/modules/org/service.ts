import type { Queryable } from '@kebao/db';
import { parseYuan } from '@kebao/domain/money';
import { isRole, type OrganisationKind, Permission, type Role, roleDefinitions } from '@kebao/domain/org';
import { type Actor, can, orgScope } from '../../platform/actor.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { revokeEverythingOf } from '../../platform/auth/sessions.ts';
import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  emailTaken,
  findOrganisation,
  findOrganisationByUscc,
  findUser,
  insertOrganisation,
  insertUser,
  listOrganisations,
  listUsers,
  type OrganisationRow,
  type UserRow,
  updateUser as updateUserRow,
  usccTaken,
} from './repo.ts';

export interface CreateOrganisationInput {
  kind: OrganisationKind;
  nameZh: string;
  nameEn: string;
  uscc?: string | undefined;
  regionCode?: string | undefined;
  registeredCapital?: string | undefined;
}

export async function createOrganisation(ctx: Ctx, input: CreateOrganisationInput): Promise<OrganisationRow> {
  if (input.uscc && (await usccTaken(ctx.db, input.uscc))) throw problem('org.uscc_taken');
  const org = await insertOrganisation(ctx.db, {
    id: newId(ctx.now.getTime()),
    kind: input.kind,
    name_zh: input.nameZh.trim(),
    name_en: input.nameEn.trim(),
    uscc: input.uscc ?? null,
    region_code: input.regionCode ?? null,
    registered_capital: input.registeredCapital === undefined ? null : parseYuan(input.registeredCapital),
    status: 'active',
    created_at: ctx.now,
  });
  ctx.audit({
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: org.id,
    orgIds: [org.id],
    after: org,
  });
  ctx.emit({
    type: 'organisation.created',
    aggregateType: 'organisation',
    aggregateId: org.id,
    payload: { id: org.id, kind: org.kind, nameZh: org.name_zh },
    orgIds: [org.id],
  });
  return org;
}

export async function getOrganisation(db: Queryable, actor: Actor, id: string): Promise<OrganisationRow> {
  const org = await findOrganisation(db, orgScope(actor, Permission.OrgReadAll), id);
  if (!org) throw problem('org.not_found');
  return org;
}

export function findOrganisations(
  db: Queryable,
  actor: Actor,
  filter: { kind?: string | undefined; limit: number; offset: number },
) {
  return listOrganisations(db, orgScope(actor, Permission.OrgReadAll), filter);
}

/**
 * The organisation whose users the actor wants to see or manage. Another organisation's users
 * are reachable only with user.manage_all (the platform operator); to everyone else they do not
 * exist (404, not 403, so ids cannot be probed).
 */
async function userOrganisation(db: Queryable, actor: Actor, orgId: string): Promise<OrganisationRow> {
  const crossOrg = can(actor, Permission.UserManageAll);
  const org = await findOrganisation(db, { all: crossOrg, orgId: actor.orgId }, orgId);
  if (!org) throw problem('org.not_found');
  return org;
}

function assertCanManage(actor: Actor, orgId: string): void {
  if (can(actor, Permission.UserManageAll)) return;
  if (actor.orgId === orgId && can(actor, Permission.UserManage)) return;
  throw problem('auth.forbidden');
}

function checkRoles(kind: string, roles: readonly string[]): Role[] {
  for (const role of roles) {
    if (!isRole(role) || roleDefinitions[role].kind !== kind)
      throw problem('user.role_not_allowed', { params: { role } });
  }
  return [...new Set(roles as Role[])];
}

export async function findUsers(
  db: Queryable,
  actor: Actor,
  orgId: string,
  page: { limit: number; offset: number },
) {
  await userOrganisation(db, actor, orgId);
  return listUsers(db, orgId, page);
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  roles: string[];
  password: string;
}

export async function createUser(ctx: Ctx, orgId: string, input: CreateUserInput): Promise<UserRow> {
  const org = await userOrganisation(ctx.db, ctx.actor, orgId);
  assertCanManage(ctx.actor, orgId);
  const roles = checkRoles(org.kind, input.roles);
  const email = input.email.trim().toLowerCase();
  if (await emailTaken(ctx.db, email)) throw problem('user.email_taken');
  const user = await insertUser(ctx.db, {
    id: newId(ctx.now.getTime()),
    org_id: orgId,
    email,
    display_name: input.displayName.trim(),
    password_hash: await hashPassword(input.password),
    roles,
    status: 'active',
    created_at: ctx.now,
  });
  ctx.audit({ action: 'user.create', entityType: 'user', entityId: user.id, orgIds: [orgId], after: user });
  ctx.emit({
    type: 'user.created',
    aggregateType: 'user',
    aggregateId: user.id,
    payload: { id: user.id, orgId, roles },
    orgIds: [orgId],
  });
  return user;
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  roles?: string[] | undefined;
  status?: 'active' | 'disabled' | undefined;
}

export async function updateUser(
  ctx: Ctx,
  orgId: string,
  userId: string,
  input: UpdateUserInput,
): Promise<UserRow> {
  const org = await userOrganisation(ctx.db, ctx.actor, orgId);
  assertCanManage(ctx.actor, orgId);
  const before = await findUser(ctx.db, orgId, userId, true);
  if (!before) throw problem('user.not_found');
  if (userId === ctx.actor.userId) {
    // An administrator who disables or demotes itself may leave the organisation with nobody to manage it.
    if (input.status === 'disabled') throw problem('user.cannot_disable_self');
    if (input.roles !== undefined) throw problem('user.cannot_change_own_roles');
  }
  const roles = input.roles === undefined ? undefined : checkRoles(org.kind, input.roles);
  const after = await updateUserRow(
    ctx.db,
    orgId,
    userId,
    { display_name: input.displayName?.trim(), roles, status: input.status },
    ctx.now,
  );
  ctx.audit({ action: 'user.update', entityType: 'user', entityId: userId, orgIds: [orgId], before, after });
  if (before.status === 'active' && after.status === 'disabled') {
    // Disabling ends every session and token of the user now, and closes its live streams.
    await revokeEverythingOf(ctx, userId, orgId);
    ctx.emit({
      type: 'user.disabled',
      aggregateType: 'user',
      aggregateId: userId,
      payload: { id: userId, orgId, userIds: [userId] },
      orgIds: [orgId],
    });
  } else {
    ctx.emit({
      type: 'user.updated',
      aggregateType: 'user',
      aggregateId: userId,
      payload: { id: userId, orgId, roles: after.roles, status: after.status },
      orgIds: [orgId],
    });
  }
  return after;
}

/** The insurer with this unified social credit code (other contexts name insurers by it). */
export async function insurerByUscc(db: Queryable, uscc: string): Promise<OrganisationRow | null> {
  const org = await findOrganisationByUscc(db, uscc);
  return org?.kind === 'insurer' ? org : null;
}

/**
 * The public face of an organisation (its kind and names), e.g. the writer shown on a product:
 * names of insurers, brokers and funders appear on products and policies, so anyone may see them.
 */
export async function publicOrganisation(db: Queryable, id: string) {
  const org = await findOrganisation(db, { all: true, orgId: null }, id);
  return org ? { id: org.id, kind: org.kind, nameZh: org.name_zh, nameEn: org.name_en } : null;
}

/** The roles an actor's user holds (none for tokens and Kebao itself): claim authority limits follow them. */
export async function rolesOfActor(db: Queryable, actor: Actor): Promise<readonly string[]> {
  if (!actor.userId || !actor.orgId) return [];
  return (await findUser(db, actor.orgId, actor.userId))?.roles ?? [];
}
