import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { bearerOf } from '../auth/guard.ts';
import { SESSION_COOKIE, sessionPrincipal, tokenPrincipal } from '../auth/principal.ts';
import type { StreamClient } from './stream-hub.ts';
import type { OutboxEvent } from './types.ts';

function frame(event: OutboxEvent): string {
  const data = {
    id: event.streamPos?.toString(),
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    aggregateSeq: event.aggregateSeq.toString(),
    payload: event.payload,
    at: event.createdAt.toISOString(),
  };
  return `id: ${event.streamPos}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * `GET /api/events`: server-sent events of what the caller may see, live. Reconnecting with
 * `Last-Event-ID` (or `?lastEventId=`) first replays what was missed. A comment line is sent
 * every heartbeat; a revoked session or token ends the stream at once.
 */
export const sseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hub, config, pool, clock } = app.kebao;
  const heartbeatMs = config.events.heartbeatSeconds * 1000;

  app.get(
    '/api/events',
    {
      config: { access: Permission.EventsRead },
      schema: {
        tags: ['events'],
        summary: 'Live events (text/event-stream), resumable with Last-Event-ID',
        querystring: Type.Object(
          { lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })) },
          { additionalProperties: false },
        ),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })) }),
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const resumeFrom = request.headers['last-event-id'] ?? request.query.lastEventId;
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(request.id),
      });
      raw.write('retry: 3000\n\n');

      let open = true;
      let replaying = true;
      const queued: OutboxEvent[] = [];
      const client: StreamClient = {
        actor,
        sentUpTo: hub.head,
        send(event) {
          if (!open) return;
          if (replaying) queued.push(event);
          else raw.write(frame(event));
        },
        close(reason) {
          if (!open) return;
          open = false;
          raw.write(`event: close\ndata: ${JSON.stringify({ reason })}\n\n`);
          raw.end();
        },
      };
      const leave = hub.add(client);

      // Still allowed? Checked on every heartbeat, for expiry; revocation closes at once via the hub.
      const stillValid = async (): Promise<boolean> => {
        try {
          const bearer = bearerOf(request);
          if (bearer) return (await tokenPrincipal(pool, bearer, clock())) !== null;
          const cookie = request.cookies[SESSION_COOKIE];
          return cookie
            ? (await sessionPrincipal(pool, cookie, clock(), {
                idleMs: config.session.idleMinutes * 60_000,
              })) !== null
            : false;
        } catch {
          return false;
        }
      };
      const heartbeat = setInterval(async () => {
        if (!open) return;
        if (!(await stillValid())) return client.close('expired');
        raw.write(': ping\n\n');
      }, heartbeatMs);

      raw.on('close', () => {
        open = false;
        clearInterval(heartbeat);
        leave();
      });

      if (resumeFrom !== undefined) {
        const missed = await hub.replay(actor, BigInt(resumeFrom));
        for (const event of missed) if (open) raw.write(frame(event));
        client.sentUpTo = missed.at(-1)?.streamPos ?? client.sentUpTo;
      }
      replaying = false;
      for (const event of queued) {
        if (open && (event.streamPos ?? 0n) > client.sentUpTo) raw.write(frame(event));
      }
    },
  );
};
