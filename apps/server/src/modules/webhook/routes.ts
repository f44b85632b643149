import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { problem } from '../../platform/errors.ts';
import { Page, PageQuery, problemResponses, Uuid } from '../../platform/http/schemas.ts';
import {
  type DeliveryRow,
  findDelivery,
  findSubscription,
  listDeliveries,
  listSubscriptions,
  type SubscriptionRow,
} from './repo.ts';
import {
  CreateWebhook,
  DeliveryStatus,
  RotateSecret,
  UpdateWebhook,
  WebhookDelivery,
  WebhookSubscription,
  WebhookWithSecret,
} from './schemas.ts';
import { WebhookSender } from './sender.ts';
import {
  changeSubscription,
  createSubscription,
  queuePing,
  queueRedelivery,
  removeSubscription,
  rotateSecret,
} from './service.ts';

const tags = ['webhooks'];
const access = Permission.WebhookManage;
const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid }, { additionalProperties: false });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentSubscription(s: SubscriptionRow) {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    events: s.event_types,
    minSeverity: s.min_severity,
    active: s.active,
    disabledReason: s.disabled_reason,
    secretHint: s.secret_hint,
    previousSecretExpiresAt: iso(s.previous_secret_expires_at),
    lastSuccessAt: iso(s.last_success_at),
    failingSince: iso(s.failing_since),
    createdBy: s.created_by ? { id: s.created_by, displayName: s.created_by_name } : null,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' || d.status === 'failed' ? iso(d.next_attempt_at) : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    lastAttemptAt: iso(d.last_attempt_at),
    deliveredAt: iso(d.delivered_at),
    createdAt: d.created_at.toISOString(),
    payload: d.payload,
  };
}

/**
 * Webhook subscriptions for early-warning alerts (预警推送): the organisation's own only — another
 * organisation's subscription answers 404, whoever asks. Signing, retries and the body are described in
 * docs/monitoring.md ("Webhooks").
 */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, tx, clock, log } = app.kebao;
  const sender = new WebhookSender({ pool, tx, clock, log: log.child({ component: 'webhooks' }) });
  const orgOf = (actor: { orgId: string | null }) => {
    if (!actor.orgId) throw problem('auth.required');
    return actor.orgId;
  };
  const own = async (actor: { orgId: string | null }, id: string) => {
    const s = await findSubscription(pool, orgOf(actor), id);
    if (!s) throw problem('webhook.not_found');
    return s;
  };
  /** One attempt now (unless a sender has it already), then the delivery as it stands. */
  const sendNow = async (subscriptionId: string, deliveryId: string) => {
    await sender.sendOne(deliveryId);
    const d = await findDelivery(pool, subscriptionId, deliveryId);
    if (!d) throw problem('webhook.delivery_not_found');
    return presentDelivery(d);
  };

  app.get(
    '/api/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: "The organisation's webhook subscriptions (secrets are never listed)",
        response: {
          200: Type.Object({ items: Type.Array(WebhookSubscription) }),
          ...problemResponses(401, 403),
        },
      },
    },
    async (request) => ({
      items: (await listSubscriptions(pool, orgOf(request.actor))).map(presentSubscription),
    }),
  );

  app.post(
    '/api/webhooks',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Subscribe an endpoint to alert events (the signing secret is returned once)',
        description:
          'Kebao POSTs each event the organisation may see — a regulator every alert, an insurer the alerts about itself — as JSON `{ id, type, createdAt, data }`, signed: `Kebao-Signature: v1=<hex HMAC-SHA256 of "<Kebao-Timestamp>.<body>" keyed with the secret>`. A 2xx answer within 5 s is a delivery; anything else is retried after 30 s, 2 min, 10 min, 1 h, 3 h, 6 h and 12 h, then given up. At most 20 subscriptions per organisation. No Idempotency-Key: the secret could not be replayed.',
        body: CreateWebhook,
        response: { 201: WebhookWithSecret, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { subscription, secret } = await tx(request.actor, request.id, (ctx) =>
        createSubscription(ctx, request.body),
      );
      return reply.code(201).send({ ...presentSubscription(subscription), secret });
    },
  );

  app.get(
    '/api/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One webhook subscription (without its secret)',
        params: IdParams,
        response: { 200: WebhookSubscription, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => presentSubscription(await own(request.actor, request.params.id)),
  );

  app.patch(
    '/api/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change the URL, description, events or minimum severity, or switch deliveries off or on',
        description:
          'Deliveries of a subscription that is off wait; switched on again, those still due are sent. Events while it is off are not queued for it.',
        params: IdParams,
        body: UpdateWebhook,
        response: { 200: WebhookSubscription, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      presentSubscription(
        await tx(request.actor, request.id, (ctx) =>
          changeSubscription(ctx, request.params.id, request.body),
        ),
      ),
  );

  app.post(
    '/api/webhooks/:id/rotate-secret',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Replace the signing secret (the new one is returned once)',
        description:
          'The old secret keeps signing beside the new one — a second `v1=` in Kebao-Signature — for `keepPreviousHours` (default 24), so the receiver can switch without losing deliveries.',
        params: IdParams,
        body: RotateSecret,
        response: { 200: WebhookWithSecret, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { subscription, secret } = await tx(request.actor, request.id, (ctx) =>
        rotateSecret(ctx, request.params.id, request.body.keepPreviousHours),
      );
      return { ...presentSubscription(subscription), secret };
    },
  );

  app.delete(
    '/api/webhooks/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Delete a subscription and its deliveries (nothing more is sent)',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await tx(request.actor, request.id, (ctx) => removeSubscription(ctx, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/webhooks/:id/test',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Send a webhook.ping now and answer with the delivery after the attempt',
        description:
          'The ping is signed like every delivery, with `data: { subscriptionId, message }`. If it fails it is retried on the usual schedule.',
        params: IdParams,
        response: { 200: WebhookDelivery, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const deliveryId = await tx(request.actor, request.id, (ctx) => queuePing(ctx, request.params.id));
      return sendNow(request.params.id, deliveryId);
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Deliveries to the subscription, newest first (kept 30 days after they finish)',
        params: IdParams,
        querystring: Type.Object(
          { status: Type.Optional(DeliveryStatus), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: Page(WebhookDelivery), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const s = await own(request.actor, request.params.id);
      const { limit = 50, offset = 0, status } = request.query;
      const { rows, total } = await listDeliveries(pool, s.id, { status: status ?? null, limit, offset });
      return { items: rows.map(presentDelivery), total, limit, offset };
    },
  );

  app.post(
    '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Send a delivery again now, whatever its status; answers with it after the attempt',
        description:
          'The body is the same (the same `id`, for the receiver to recognise a repeat); the signature and timestamp are new. The attempt is counted on from the ones before.',
        params: DeliveryParams,
        response: { 200: WebhookDelivery, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id, deliveryId } = request.params;
      await tx(request.actor, request.id, (ctx) => queueRedelivery(ctx, id, deliveryId));
      return sendNow(id, deliveryId);
    },
  );
};
