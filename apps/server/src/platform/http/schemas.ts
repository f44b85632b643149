import { type Static, type TSchema, type TUnsafe, Type } from 'typebox';

/** Reusable schema pieces. Every string has a maximum length; every object rejects unknown fields. */

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });

export const Money = Type.String({
  format: 'money',
  maxLength: 20,
  description:
    'Amount in yuan as a decimal string with at most two decimals (元, e.g. "1234.56"); stored as integer fen.',
  examples: ['1234.56'],
});

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);

/**
 * `T` or null. Written as a type list (`"type": ["string", "null"]`, JSON Schema 2020-12 and OpenAPI
 * 3.1) when `T` has a single type: Ajv checks it directly and the response serialiser needs no
 * validator to choose a branch, which an `anyOf` would cost on every value of every response.
 */
export const Nullable = <T extends TSchema>(schema: T): TUnsafe<Static<T> | null> => {
  const type = (schema as { type?: unknown }).type;
  if (typeof type === 'string' && PRIMITIVES.has(type))
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
};

export const FieldErrorSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer into the request, e.g. /body/email' }),
  code: Type.String(),
  message_zh: Type.String(),
  message_en: Type.String(),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable code, e.g. auth.required' }),
    message_zh: Type.String(),
    message_en: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

/** A file sent or answered as it is (OpenAPI `format: binary`), e.g. an upload's body. */
export const Binary = (description: string) =>
  Type.Unsafe<unknown>({ type: 'string', format: 'binary', description });

/**
 * A 200 answer that is JSON, or a file when asked for one (`format=xlsx`): the JSON schema under
 * application/json (which the serialiser uses), each file type as binary. The handler sends the file
 * as a Buffer with its own Content-Type, which is written as it is.
 */
export const JsonOrFile = <T extends TSchema>(json: T, description: string, ...fileTypes: string[]) =>
  Type.Unsafe<Static<T> | Buffer>({
    description,
    content: {
      'application/json': { schema: json },
      ...Object.fromEntries(fileTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
    },
  });

/** The problem responses most routes can give, to list in the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { ...Type.Ref('Problem'), description: 'problem+json' }]),
  ) as Record<number, TSchema>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description:
        'Retry-safe key: the same key with the same body replays the first response; with another body it is a 409.',
    }),
  ),
});

export const CalendarDate = Type.String({
  format: 'calendar-date',
  maxLength: 10,
  description: 'YYYY-MM-DD (Asia/Shanghai)',
});
