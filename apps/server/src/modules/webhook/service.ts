import { problem } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import {
  countSubscriptions,
  deleteSubscription,
  findDelivery,
  findSubscription,
  insertDeliveries,
  insertSubscription,
  replaceSecret,
  requeueDelivery,
  type SubscriptionRow,
  updateSubscription,
} from './repo.ts';
import { checkWebhookUrl, MAX_SUBSCRIPTIONS, PING_EVENT, PREVIOUS_SECRET_HOURS, redactUrl } from './rules.ts';
import { newWebhookSecret } from './signature.ts';
import { deliveryBody } from './subscriber.ts';

/*
 * An organisation's webhook subscriptions (预警推送订阅). Every query is scoped to the actor's own
 * organisation: another organisation's subscription is not found (404), whoever asks. Each change is
 * audited in its transaction; secrets never enter the audit log, and URLs enter it with their query values
 * masked.
 */

export interface WebhookInput {
  url: string;
  description?: string;
  events: string[];
  minSeverity?: string | null;
  active?: boolean;
}

function ownOrg(ctx: Ctx): { orgId: string; userId: string | null } {
  const { orgId, userId } = ctx.actor;
  if (!orgId) throw problem('auth.required');
  return { orgId, userId };
}

function checkUrl(url: string): void {
  const errors = checkWebhookUrl(url);
  if (errors.length > 0)
    throw problem('request.invalid', { detail: 'the webhook URL is not acceptable', errors });
}

const eventsOf = (events: readonly string[]) => [...new Set(events)].sort();

async function ownSubscription(ctx: Ctx, id: string): Promise<SubscriptionRow> {
  const found = await findSubscription(ctx.db, ownOrg(ctx).orgId, id, true);
  if (!found) throw problem('webhook.not_found');
  return found;
}

export async function createSubscription(
  ctx: Ctx,
  input: WebhookInput,
): Promise<{ subscription: SubscriptionRow; secret: string }> {
  const { orgId, userId } = ownOrg(ctx);
  checkUrl(input.url);
  if ((await countSubscriptions(ctx.db, orgId)) >= MAX_SUBSCRIPTIONS)
    throw problem('webhook.too_many', { params: { max: MAX_SUBSCRIPTIONS } });
  const id = newId(ctx.now.getTime());
  const secret = newWebhookSecret();
  const events = eventsOf(input.events);
  const active = input.active ?? true;
  await insertSubscription(ctx.db, {
    id,
    orgId,
    url: input.url,
    description: input.description ?? '',
    eventTypes: events,
    minSeverity: input.minSeverity ?? null,
    secret,
    active,
    createdBy: userId,
    at: ctx.now,
  });
  ctx.audit({
    action: 'webhook.create',
    entityType: 'webhook_subscription',
    entityId: id,
    after: {
      url: redactUrl(input.url),
      description: input.description ?? '',
      events,
      minSeverity: input.minSeverity ?? null,
      active,
    },
  });
  return { subscription: (await findSubscription(ctx.db, orgId, id)) as SubscriptionRow, secret };
}

export async function changeSubscription(
  ctx: Ctx,
  id: string,
  patch: Partial<WebhookInput>,
): Promise<SubscriptionRow> {
  const before = await ownSubscription(ctx, id);
  if (patch.url !== undefined) checkUrl(patch.url);
  const next = {
    url: patch.url,
    description: patch.description,
    eventTypes: patch.events === undefined ? undefined : eventsOf(patch.events),
    minSeverity: patch.minSeverity,
    active: patch.active,
    disabledReason: patch.active === undefined ? undefined : patch.active ? null : 'manual',
  };
  await updateSubscription(ctx.db, id, next, ctx.now);
  const after = (await findSubscription(ctx.db, before.org_id, id)) as SubscriptionRow;
  const view = (s: SubscriptionRow) => ({
    url: redactUrl(s.url),
    description: s.description,
    events: s.event_types,
    minSeverity: s.min_severity,
    active: s.active,
  });
  ctx.audit({
    action: 'webhook.update',
    entityType: 'webhook_subscription',
    entityId: id,
    before: view(before),
    after: view(after),
  });
  return after;
}

export async function rotateSecret(
  ctx: Ctx,
  id: string,
  keepPreviousHours = PREVIOUS_SECRET_HOURS,
): Promise<{ subscription: SubscriptionRow; secret: string }> {
  const before = await ownSubscription(ctx, id);
  const secret = newWebhookSecret();
  const previousUntil =
    keepPreviousHours > 0 ? new Date(ctx.now.getTime() + keepPreviousHours * 3_600_000) : null;
  await replaceSecret(ctx.db, id, secret, previousUntil, ctx.now);
  ctx.audit({
    action: 'webhook.rotate_secret',
    entityType: 'webhook_subscription',
    entityId: id,
    after: { previousSecretExpiresAt: previousUntil },
  });
  return { subscription: (await findSubscription(ctx.db, before.org_id, id)) as SubscriptionRow, secret };
}

export async function removeSubscription(ctx: Ctx, id: string): Promise<void> {
  const before = await ownSubscription(ctx, id);
  await deleteSubscription(ctx.db, id);
  ctx.audit({
    action: 'webhook.delete',
    entityType: 'webhook_subscription',
    entityId: id,
    before: { url: redactUrl(before.url), events: before.event_types, active: before.active },
  });
}

/** Queues a `webhook.ping` to the subscription, due now; returns the delivery's id. */
export async function queuePing(ctx: Ctx, id: string): Promise<string> {
  const s = await ownSubscription(ctx, id);
  if (!s.active) throw problem('webhook.inactive');
  const deliveryId = newId(ctx.now.getTime());
  const eventId = newId(ctx.now.getTime());
  await insertDeliveries(
    ctx.db,
    [
      {
        id: deliveryId,
        subscriptionId: id,
        eventId,
        eventType: PING_EVENT,
        body: deliveryBody({
          id: eventId,
          type: PING_EVENT,
          createdAt: ctx.now,
          data: {
            subscriptionId: id,
            message: { zh: '科保预警推送连通测试', en: 'Kebao webhook test' },
          },
        }),
      },
    ],
    ctx.now,
  );
  ctx.audit({
    action: 'webhook.test',
    entityType: 'webhook_subscription',
    entityId: id,
    after: { deliveryId },
  });
  return deliveryId;
}

/**
 * Makes a delivery due again now, whatever its status: one more attempt, counted on from the ones before
 * (a failing one that reaches the last attempt is given up again). One being sent right now is left alone.
 */
export async function queueRedelivery(ctx: Ctx, id: string, deliveryId: string): Promise<void> {
  const s = await ownSubscription(ctx, id);
  if (!s.active) throw problem('webhook.inactive');
  const d = await findDelivery(ctx.db, id, deliveryId, true);
  if (!d) throw problem('webhook.delivery_not_found');
  if (d.locked_until && d.locked_until > ctx.now) return;
  await requeueDelivery(ctx.db, deliveryId, ctx.now);
  ctx.audit({
    action: 'webhook.redeliver',
    entityType: 'webhook_delivery',
    entityId: deliveryId,
    before: { status: d.status, attempts: d.attempts },
    after: { status: 'pending' },
  });
}
