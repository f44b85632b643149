import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { can } from '../actor.ts';
import { Nullable, problemResponses, Timestamp } from '../http/schemas.ts';
import { listAudit } from './repo.ts';

const AuditRecord = Type.Object({
  id: Type.String({ description: 'Position in the log; pass as `before` to page backwards' }),
  at: Timestamp,
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  actor: Type.Object({
    type: Type.String(),
    userId: Nullable(Type.String()),
    displayName: Nullable(Type.String()),
    orgId: Nullable(Type.String()),
    orgName: Nullable(Type.String()),
  }),
  requestId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

/** The audit log (审计日志), newest first, scoped to the reader's organisation unless audit.read_all. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool } = app.kebao;
  app.get(
    '/api/audit',
    {
      config: { access: Permission.AuditRead },
      schema: {
        tags: ['audit'],
        summary: 'Audit records concerning your organisation (all with audit.read_all)',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 64 })),
            entityId: Type.Optional(Type.String({ maxLength: 64 })),
            action: Type.Optional(Type.String({ maxLength: 64 })),
            before: Type.Optional(
              Type.String({ pattern: '^[0-9]{1,19}$', description: 'Return records older than this id' }),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(AuditRecord), nextBefore: Nullable(Type.String()) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = q.limit ?? 50;
      const rows = await listAudit(pool, {
        all: can(request.actor, Permission.AuditReadAll),
        orgId: request.actor.orgId,
        entityType: q.entityType,
        entityId: q.entityId,
        action: q.action,
        before: q.before === undefined ? undefined : BigInt(q.before),
        limit,
      });
      return {
        items: rows.map((r) => ({
          id: r.id.toString(),
          at: r.at.toISOString(),
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          actor: {
            type: r.actor_type,
            userId: r.actor_user_id,
            displayName: r.actor_display_name,
            orgId: r.actor_org_id,
            orgName: r.actor_org_name,
          },
          requestId: r.request_id,
          before: r.before,
          after: r.after,
        })),
        nextBefore: rows.length === limit ? (rows.at(-1)?.id.toString() ?? null) : null,
      };
    },
  );
};
