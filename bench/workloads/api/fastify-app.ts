import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { Type } from 'typebox';
import {
  INDUSTRIES,
  MONEY_MAX_LENGTH,
  MONEY_PATTERN,
  PRODUCT_CODE_MAX_LENGTH,
  previewQuote,
  TERM_DAYS_MAX,
  TERM_DAYS_MIN,
} from './quote.ts';

const Money = Type.String({ maxLength: MONEY_MAX_LENGTH, pattern: MONEY_PATTERN });

const QuoteBody = Type.Object(
  {
    productCode: Type.String({ minLength: 1, maxLength: PRODUCT_CODE_MAX_LENGTH }),
    sumInsured: Money,
    termDays: Type.Integer({ minimum: TERM_DAYS_MIN, maximum: TERM_DAYS_MAX }),
    industry: Type.Enum(INDUSTRIES),
    options: Type.Object({ deductible: Money }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

const QuotePreview = Type.Object({
  productCode: Type.String(),
  premium: Money,
  annualRate: Type.String(),
  termDays: Type.Integer(),
});

/** The figure: Fastify 5 + TypeBox, validated by Ajv and answered through fast-json-stringify. */
export async function listen() {
  const app = Fastify({
    logger: false,
    // The Ajv settings apps/server uses for bodies: unknown fields are refused (Fastify's default would
    // silently strip them) and "365" is not an integer (its default would coerce it).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/quote-preview',
    { schema: { body: QuoteBody, response: { 200: QuotePreview } } },
    async (request) => previewQuote(request.body),
  );

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fastify: no TCP address');
  return { port: address.port, close: () => app.close() };
}
