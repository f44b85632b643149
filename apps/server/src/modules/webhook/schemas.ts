import { Type } from 'typebox';
import { Nullable, Timestamp, Uuid } from '../../platform/http/schemas.ts';
import {
  MAX_PREVIOUS_SECRET_HOURS,
  PREVIOUS_SECRET_HOURS,
  SEVERITIES,
  WEBHOOK_EVENT_TYPES,
} from './rules.ts';

const EventType = Type.Enum([...WEBHOOK_EVENT_TYPES], {
  description:
    'alert.raised 触发 · alert.updated 数值更新 · alert.acknowledged 已确认 · alert.resolved 已解除 (by the regulator or automatically)',
});

const EventTypes = Type.Array(EventType, {
  minItems: 1,
  maxItems: WEBHOOK_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'The alert events to receive',
});

const Url = Type.String({
  minLength: 8,
  maxLength: 2048,
  description: 'Where to POST: an absolute http or https URL, without a user name, password or #fragment',
  examples: ['https://risk.example-insurer.cn/hooks/kebao'],
});

const Description = Type.String({ maxLength: 500, description: 'What the endpoint is for (free text)' });

const MinSeverity = Nullable(
  Type.Enum([...SEVERITIES], {
    description:
      'Only alerts of at least this severity (info 提示 < warning 关注 < critical 严重); null: every severity',
  }),
);

export const WebhookSubscription = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Type.String(),
  events: Type.Array(Type.String()),
  minSeverity: Nullable(Type.String()),
  active: Type.Boolean(),
  disabledReason: Nullable(
    Type.String({
      description:
        'Why it is off: manual (switched off by the organisation), gone (the endpoint answered 410 Gone), failing (it accepted nothing for 3 days and a delivery was given up)',
    }),
  ),
  secretHint: Type.String({
    description: 'The first characters of the signing secret, to tell secrets apart',
  }),
  previousSecretExpiresAt: Nullable(Timestamp),
  lastSuccessAt: Nullable(Timestamp),
  failingSince: Nullable(Timestamp),
  createdBy: Nullable(Type.Object({ id: Uuid, displayName: Nullable(Type.String()) })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const WebhookWithSecret = Type.Intersect([
  WebhookSubscription,
  Type.Object({
    secret: Type.String({
      description:
        'The signing secret (whsec_…), shown this once: store it with the receiver. Key of the HMAC-SHA256 in Kebao-Signature.',
    }),
  }),
]);

export const CreateWebhook = Type.Object(
  {
    url: Url,
    description: Type.Optional(Description),
    events: EventTypes,
    minSeverity: Type.Optional(MinSeverity),
    active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const UpdateWebhook = Type.Object(
  {
    url: Type.Optional(Url),
    description: Type.Optional(Description),
    events: Type.Optional(EventTypes),
    minSeverity: Type.Optional(MinSeverity),
    active: Type.Optional(
      Type.Boolean({ description: 'Switch deliveries off or on (on again clears the reason it was off)' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RotateSecret = Type.Object(
  {
    keepPreviousHours: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_PREVIOUS_SECRET_HOURS,
        default: PREVIOUS_SECRET_HOURS,
        description:
          'How long the old secret keeps signing beside the new one (a second v1= in Kebao-Signature); 0 ends it at once',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DeliveryStatus = Type.Enum(['pending', 'delivered', 'failed', 'dead'], {
  description:
    'pending: not tried yet · delivered: answered 2xx · failed: the last attempt failed, another is due at nextAttemptAt · dead: given up',
});

export const WebhookDelivery = Type.Object({
  id: Uuid,
  eventId: Type.String({ description: 'The body’s id: the same for every subscription and every retry' }),
  eventType: Type.String(),
  status: Type.String({ description: 'pending · delivered · failed · dead' }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Timestamp),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(
    Type.String({ description: 'HTTP <status>, a timeout or a network error code; never the answer’s body' }),
  ),
  lastAttemptAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
  createdAt: Timestamp,
  payload: Type.Unknown({ description: 'The body sent: { id, type, createdAt, data }' }),
});
