import { allPermissions, allRoles, organisationKinds } from '@kebao/domain/org';
import { Type } from 'typebox';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.ts';
import { Money, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.ts';

const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200 });
const OrgKind = Type.Enum([...organisationKinds], { description: '机构类型 organisation kind' });
const RoleName = Type.Enum([...allRoles], { description: 'Role (角色)' });
const PermissionName = Type.Enum([...allPermissions], { description: 'Permission (权限)' });

export const Organisation = Type.Object({
  id: Uuid,
  kind: OrgKind,
  nameZh: Type.String(),
  nameEn: Type.String(),
  uscc: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  registeredCapital: Nullable(Money),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]),
  createdAt: Timestamp,
});

export const CreateOrganisation = Type.Object(
  {
    kind: OrgKind,
    nameZh: Type.String({ minLength: 1, maxLength: 200, description: '中文名称' }),
    nameEn: Type.String({ minLength: 1, maxLength: 200, description: 'English name' }),
    uscc: Type.Optional(
      Type.String({ format: 'uscc', maxLength: 18, description: '统一社会信用代码 (GB 32100-2015)' }),
    ),
    regionCode: Type.Optional(
      Type.String({ pattern: '^[0-9]{6}$', maxLength: 6, description: 'GB/T 2260 region code' }),
    ),
    registeredCapital: Type.Optional(Money),
  },
  { additionalProperties: false },
);

export const User = Type.Object({
  id: Uuid,
  orgId: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleName),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdAt: Timestamp,
  lastLoginAt: Nullable(Timestamp),
});

export const CreateUser = Type.Object(
  {
    email: Email,
    displayName: DisplayName,
    roles: Type.Array(RoleName, { minItems: 1, maxItems: 12, uniqueItems: true }),
    password: Password,
  },
  { additionalProperties: false },
);

export const UpdateUser = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Type.Array(RoleName, { minItems: 1, maxItems: 12, uniqueItems: true })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Login = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleName),
  permissions: Type.Array(PermissionName),
  organisation: Type.Object({ id: Uuid, kind: OrgKind, nameZh: Type.String(), nameEn: Type.String() }),
  csrfToken: Nullable(
    Type.String({ description: 'Send as X-CSRF-Token on unsafe requests made with the session cookie' }),
  ),
  session: Nullable(Type.Object({ id: Uuid, expiresAt: Timestamp, idleExpiresAt: Timestamp })),
});

export const Session = Type.Object({
  id: Uuid,
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  current: Type.Boolean(),
});

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(PermissionName),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  createdBy: Type.Object({ id: Uuid, displayName: Type.String() }),
});

export const CreatedApiToken = Type.Intersect([
  ApiToken,
  Type.Object({ secret: Type.String({ description: 'Shown once; store it now' }) }),
]);

export const CreateApiToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(PermissionName, { minItems: 1, maxItems: allPermissions.length, uniqueItems: true }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
  },
  { additionalProperties: false },
);
