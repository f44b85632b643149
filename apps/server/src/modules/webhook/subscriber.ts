import type { Queryable } from '@kebao/db';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/ids.ts';
import { newId } from '../../platform/ids.ts';
import { toJsonValue } from '../../platform/json.ts';
import type { Subscriber } from '../../platform/outbox/dispatcher.ts';
import type { OutboxEvent } from '../../platform/outbox/types.ts';
import { alertAudience, insertDeliveries, subscriptionsFor } from './repo.ts';
import { minimumsAdmitting, WEBHOOK_EVENT_TYPES } from './rules.ts';

/** The body every delivery POSTs; its `id` is the event's, the same for every subscription and retry. */
export function deliveryBody(event: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    data: toJsonValue(event.data),
  });
}

/**
 * The dispatcher's `webhooks` subscriber: for each alert event, one pending delivery per active
 * subscription that asks for the event's type, whose minimum severity the alert meets, and whose
 * organisation may see the alert (regulators and the platform every alert, an insurer those about
 * itself). The deliveries are written in the dispatcher's transaction, with the record that the event was
 * handled, so each event yields each delivery exactly once; sending happens after the commit, in the
 * delivery job, which `onDeliveries` wakes.
 */
export class WebhookSubscriber implements Subscriber {
  readonly name = 'webhooks';
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly onDeliveries: () => void;

  constructor(options: { clock: Clock; log: Logger; onDeliveries: () => void }) {
    this.clock = options.clock;
    this.log = options.log;
    this.onDeliveries = options.onDeliveries;
  }

  accepts(type: string): boolean {
    return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
  }

  async handle(event: OutboxEvent, tx: Queryable): Promise<void> {
    const alertId = (event.payload as { alertId?: unknown } | null)?.alertId;
    const audience = await alertAudience(tx, typeof alertId === 'string' ? alertId : event.aggregateId);
    if (!audience) {
      this.log.warn({ eventId: event.id.toString(), type: event.type }, 'alert event without its alert');
      return;
    }
    const subscriptions = await subscriptionsFor(tx, {
      eventType: event.type,
      minimums: minimumsAdmitting(audience.severity),
      subjectOrg: audience.subject_org,
    });
    if (subscriptions.length === 0) return;
    const eventId = event.id.toString();
    const body = deliveryBody({
      id: eventId,
      type: event.type,
      createdAt: event.createdAt,
      data: event.payload,
    });
    const at = this.clock();
    await insertDeliveries(
      tx,
      subscriptions.map((subscriptionId) => ({
        id: newId(at.getTime()),
        subscriptionId,
        eventId,
        eventType: event.type,
        body,
      })),
      at,
    );
  }

  afterCommit(): void {
    this.onDeliveries();
  }
}
