import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { IdempotencyHeaders, Page, PageQuery, problemResponses, Uuid } from '../../platform/http/schemas.ts';
import { idempotent, requestFingerprint, sendIdempotent } from '../../platform/idempotency/idempotency.ts';
import { presentOrganisation, presentUser } from './present.ts';
import { CreateOrganisation, CreateUser, Organisation, UpdateUser, User } from './schemas.ts';
import {
  createOrganisation,
  createUser,
  findOrganisations,
  findUsers,
  getOrganisation,
  updateUser,
} from './service.ts';

const OrgParams = Type.Object({ orgId: Uuid });
const UserParams = Type.Object({ orgId: Uuid, userId: Uuid });

/** Organisations (机构) and their users. */
export const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx } = app.kebao;
  const tags = ['org'];

  app.get(
    '/api/orgs',
    {
      config: { access: Permission.OrgRead },
      schema: {
        tags,
        summary: 'List organisations visible to the caller (all of them with org.read_all), newest first',
        querystring: Type.Object(
          { kind: Type.Optional(Type.String({ maxLength: 20 })), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: Page(Organisation), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, kind } = request.query;
      const { rows, total } = await findOrganisations(pool, request.actor, { kind, limit, offset });
      return { items: rows.map(presentOrganisation), total, limit, offset };
    },
  );

  app.post(
    '/api/orgs',
    {
      config: { access: Permission.OrgManage },
      schema: {
        tags,
        summary: 'Register an organisation (platform operator)',
        headers: IdempotencyHeaders,
        body: CreateOrganisation,
        response: { 201: Organisation, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => ({
          status: 201,
          body: presentOrganisation(await createOrganisation(ctx, request.body)),
        })),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.get(
    '/api/orgs/:orgId',
    {
      config: { access: Permission.OrgRead },
      schema: {
        tags,
        summary: 'One organisation (404 when the caller may not see it)',
        params: OrgParams,
        response: { 200: Organisation, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentOrganisation(await getOrganisation(pool, request.actor, request.params.orgId)),
  );

  app.get(
    '/api/orgs/:orgId/users',
    {
      config: { access: Permission.UserRead },
      schema: {
        tags,
        summary: "Users of an organisation: one's own, or any with user.manage_all",
        params: OrgParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(User), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0 } = request.query;
      const { rows, total } = await findUsers(pool, request.actor, request.params.orgId, { limit, offset });
      return { items: rows.map(presentUser), total, limit, offset };
    },
  );

  app.post(
    '/api/orgs/:orgId/users',
    {
      config: { access: Permission.UserManage },
      schema: {
        tags,
        summary: 'Create a user; roles must belong to the organisation kind',
        params: OrgParams,
        headers: IdempotencyHeaders,
        body: CreateUser,
        response: { 201: User, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await tx(request.actor, request.id, (ctx) =>
        idempotent(ctx, request.headers['idempotency-key'], requestFingerprint(request), async () => ({
          status: 201,
          body: presentUser(await createUser(ctx, request.params.orgId, request.body)),
        })),
      );
      return sendIdempotent(reply, result);
    },
  );

  app.patch(
    '/api/orgs/:orgId/users/:userId',
    {
      config: { access: Permission.UserManage },
      schema: {
        tags,
        summary: 'Change a user: name, roles, or status (disabling revokes its sessions and tokens at once)',
        params: UserParams,
        body: UpdateUser,
        response: { 200: User, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { orgId, userId } = request.params;
      const user = await tx(request.actor, request.id, (ctx) => updateUser(ctx, orgId, userId, request.body));
      return presentUser(user);
    },
  );
};
