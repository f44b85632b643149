import { formatYuan } from '@kebao/domain/money';
import type { OrganisationRow, UserRow } from './repo.ts';

/** API shapes: camelCase, money as yuan strings, instants as ISO strings. */
export function presentOrganisation(o: OrganisationRow) {
  return {
    id: o.id,
    kind: o.kind,
    nameZh: o.name_zh,
    nameEn: o.name_en,
    uscc: o.uscc,
    regionCode: o.region_code,
    registeredCapital: o.registered_capital === null ? null : formatYuan(o.registered_capital),
    status: o.status,
    createdAt: o.created_at.toISOString(),
  };
}

export function presentUser(u: UserRow) {
  return {
    id: u.id,
    orgId: u.org_id,
    email: u.email,
    displayName: u.display_name,
    roles: u.roles,
    status: u.status,
    createdAt: u.created_at.toISOString(),
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
  };
}
