import { allPermissions, type OrganisationKind, type Permission } from '@kebao/domain/org';

/** Who is acting: a signed-in user, a system holding an API token, Kebao itself, or nobody yet. */
export interface Actor {
  type: 'user' | 'token' | 'system' | 'anonymous';
  userId: string | null;
  orgId: string | null;
  orgKind: OrganisationKind | null;
  displayName: string | null;
  permissions: ReadonlySet<Permission>;
  /** Set for cookie sessions (revocation closes their event streams). */
  sessionId: string | null;
  tokenId: string | null;
}

/** Kebao itself (seeding, jobs): may do anything, audited on the `system` chain. */
export const systemActor: Actor = {
  type: 'system',
  userId: null,
  orgId: null,
  orgKind: null,
  displayName: 'Kebao',
  permissions: new Set(allPermissions),
  sessionId: null,
  tokenId: null,
};

export const anonymousActor: Actor = {
  ...systemActor,
  type: 'anonymous',
  displayName: null,
  permissions: new Set(),
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/**
 * The organisations an actor may see for a kind of object: all of them with the `*_all`
 * permission, otherwise only its own. Repositories take this and put it in their WHERE clause.
 */
export interface OrgScope {
  all: boolean;
  orgId: string | null;
}

export function orgScope(actor: Actor, allPermission: Permission): OrgScope {
  return { all: can(actor, allPermission), orgId: actor.orgId };
}
