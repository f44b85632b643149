import type { paths } from '../api/schema.d.ts';

// Payload types of the webhook API (预警推送订阅), read off the generated `paths` as monitor/types.ts does.
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type WebhookSubscription = Json<paths['/api/webhooks']['get']['responses'][200]>['items'][number];
export type NewWebhook = Json<NonNullable<paths['/api/webhooks']['post']['requestBody']>>;
export type WebhookWithSecret = Json<paths['/api/webhooks']['post']['responses'][201]>;
export type WebhookDeliveryPage = Json<paths['/api/webhooks/{id}/deliveries']['get']['responses'][200]>;
export type WebhookDelivery = WebhookDeliveryPage['items'][number];

/** The alert events a subscription can ask for, in the order the form offers them. */
export const webhookEventTypes = [
  'alert.raised',
  'alert.updated',
  'alert.acknowledged',
  'alert.resolved',
] as const satisfies readonly NewWebhook['events'][number][];

/** What a new subscription asks for unless changed: everything but the frequent value updates. */
export const defaultWebhookEvents: NewWebhook['events'] = [
  'alert.raised',
  'alert.acknowledged',
  'alert.resolved',
];

export const deliveryStatuses = ['pending', 'delivered', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const deliveryStatusColors: Record<DeliveryStatus, string | undefined> = {
  pending: 'blue',
  delivered: 'green',
  failed: 'orange',
  dead: 'red',
};

/** Why a subscription is off: switched off by hand, the endpoint answered 410, or it kept failing. */
export const disabledReasons = ['manual', 'gone', 'failing'] as const;

/** The same check as the server's, so the form says so before sending: http(s), no credentials, no #. */
export function webhookUrlProblem(text: string): 'invalid' | 'scheme' | 'credentials' | 'fragment' | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (url.username || url.password) return 'credentials';
  if (text.includes('#')) return 'fragment';
  return null;
}
