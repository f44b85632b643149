import type { Queryable } from '@kebao/db';
import type { EnterpriseFacts, ProductDefinition } from '@kebao/domain/catalog';
import {
  buildFeatureSchema,
  compileMatchPrograms,
  encodeEnterprise,
  type MatchExplanation,
  type MatchPrograms,
  matchOne,
} from '@kebao/domain/matching';
import type { Logger } from 'pino';
import type { Subscriber } from '../../platform/outbox/dispatcher.ts';
import type { OutboxEvent } from '../../platform/outbox/types.ts';
import { estimatePremium } from './estimate.ts';
import {
  deleteMatchesOfEnterprises,
  deleteMatchesOfProduct,
  type FactsRow,
  factsOf,
  factsPage,
  insertMatches,
  type MatchRow,
  quotableDefinitions,
} from './repo.ts';

/** What a stored match says besides its score: the explanation, and the request the estimate priced. */
export function storedReasons(explanation: MatchExplanation, request: unknown) {
  const { product: _index, ...rest } = explanation;
  return { ...rest, estimateRequest: request };
}

function rowsFor(
  enterprise: FactsRow,
  programs: MatchPrograms,
  definitions: ReadonlyMap<string, ProductDefinition>,
  top: number,
  at: Date,
): MatchRow[] {
  const facts = enterprise.facts as EnterpriseFacts;
  const row = encodeEnterprise(programs.schema, facts, enterprise.consent_to_insurers);
  const { products } = matchOne(row, programs, { top });
  return products.map((match): MatchRow => {
    const definition = definitions.get(`${match.code}@${match.version}`) as ProductDefinition;
    const estimate = estimatePremium(definition, facts);
    return {
      enterprise_id: enterprise.id,
      product_code: match.code,
      product_version: match.version,
      score: match.score,
      status: match.status ?? 'eligible',
      reasons: storedReasons(match, estimate?.request ?? null),
      estimated_premium: estimate?.premiumFen ?? null,
      computed_at: at,
    };
  });
}

interface Compiled {
  programs: MatchPrograms;
  definitions: Map<string, ProductDefinition>;
}

function compile(definitions: readonly ProductDefinition[]): Compiled {
  const schema = buildFeatureSchema(definitions);
  return {
    programs: compileMatchPrograms(schema, definitions),
    definitions: new Map(definitions.map((d) => [`${d.code}@${d.version}`, d])),
  };
}

/**
 * Two-way matching kept fresh from events (docs/matching.md), never on a page view: a changed profile or
 * credit grade recomputes those enterprises against every quotable product; a product event recomputes
 * that product against the whole registry. Results go to `match_result` in the delivery's transaction,
 * so a match is stored exactly once per event.
 */
export class MatchingSubscriber implements Subscriber {
  readonly name = 'matching';
  private compiled: Compiled | null = null;
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  accepts(type: string): boolean {
    return (
      type === 'enterprise.profiles_changed' ||
      type === 'enterprise.credit_changed' ||
      type.startsWith('product.')
    );
  }

  async handle(event: OutboxEvent, tx: Queryable): Promise<void> {
    if (event.type.startsWith('product.')) {
      this.compiled = null;
      await recomputeProduct(tx, event.aggregateId, event.createdAt);
      return;
    }
    const ids = (event.payload as { enterpriseIds?: string[] }).enterpriseIds ?? [];
    if (ids.length === 0) return;
    this.compiled ??= compile(await quotableDefinitions(tx));
    await recomputeEnterprises(tx, this.compiled, ids, event.createdAt);
    this.log.debug({ enterprises: ids.length }, 'matches recomputed');
  }
}

async function recomputeEnterprises(db: Queryable, compiled: Compiled, ids: readonly string[], at: Date) {
  const enterprises = await factsOf(db, ids);
  const top = compiled.programs.products.length;
  const rows = enterprises.flatMap((e) => rowsFor(e, compiled.programs, compiled.definitions, top, at));
  await deleteMatchesOfEnterprises(db, ids);
  await insertMatches(db, rows);
}

/** One product (its newest quotable version, if any) against every enterprise, page by page. */
export async function recomputeProduct(db: Queryable, code: string, at: Date): Promise<void> {
  await deleteMatchesOfProduct(db, code);
  const definition = (await quotableDefinitions(db)).find((d) => d.code === code);
  if (!definition) return;
  const compiled = compile([definition]);
  let after: string | null = null;
  for (;;) {
    const page = await factsPage(db, after, 2000);
    if (page.length === 0) return;
    await insertMatches(
      db,
      page.flatMap((e) => rowsFor(e, compiled.programs, compiled.definitions, 1, at)),
    );
    after = page[page.length - 1]?.id ?? null;
  }
}

/** Every product against every enterprise (a rebuild after a restore, or a changed matching model). */
export async function recomputeAll(db: Queryable, at: Date): Promise<void> {
  for (const definition of await quotableDefinitions(db)) await recomputeProduct(db, definition.code, at);
}
