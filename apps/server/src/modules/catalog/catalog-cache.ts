import {
  compileProduct,
  type ProductDefinition,
  type QuoteEvaluation,
  type QuoteInput,
} from '@kebao/domain/catalog';
import type pg from 'pg';
import type { StreamHub } from '../../platform/outbox/stream-hub.ts';
import { findProduct, findVersion, latestQuotableVersion, type ProductRow, type VersionRow } from './repo.ts';

export interface CachedVersion {
  product: ProductRow;
  version: VersionRow;
  definition: ProductDefinition;
  quote: (input: QuoteInput) => QuoteEvaluation;
}

/**
 * Product versions with their compiled rules, kept in memory for quoting. A version's definition
 * never changes, but its status does: every `product.*` event drops the product's entries, so
 * a withdrawn or newly filed version is seen as soon as the event reaches this process.
 */
export class CatalogCache {
  private readonly pool: pg.Pool;
  private readonly byVersion = new Map<string, Promise<CachedVersion | null>>();
  private readonly latest = new Map<string, Promise<number | null>>();
  private readonly maxEntries: number;

  constructor(pool: pg.Pool, hub: StreamHub, maxEntries = 2000) {
    this.pool = pool;
    this.maxEntries = maxEntries;
    hub.onEvent((event) => {
      if (event.aggregateType === 'product') this.forget(event.aggregateId);
    });
  }

  /** A version by number, or the newest quotable (filed or sandbox) one when `version` is absent. */
  async get(code: string, version?: number): Promise<CachedVersion | null> {
    const number = version ?? (await this.latestQuotable(code));
    if (number === null) return null;
    const key = `${code}@${number}`;
    let entry = this.byVersion.get(key);
    if (!entry) {
      if (this.byVersion.size >= this.maxEntries) this.byVersion.clear();
      entry = this.load(code, number);
      this.byVersion.set(key, entry);
      entry.catch(() => this.byVersion.delete(key));
    }
    return entry;
  }

  forget(code: string): void {
    this.latest.delete(code);
    for (const key of this.byVersion.keys()) if (key.startsWith(`${code}@`)) this.byVersion.delete(key);
  }

  private latestQuotable(code: string): Promise<number | null> {
    let entry = this.latest.get(code);
    if (!entry) {
      entry = latestQuotableVersion(this.pool, code);
      this.latest.set(code, entry);
      entry.catch(() => this.latest.delete(code));
    }
    return entry;
  }

  private async load(code: string, number: number): Promise<CachedVersion | null> {
    const [product, version] = await Promise.all([
      findProduct(this.pool, code),
      findVersion(this.pool, code, number),
    ]);
    if (!product || !version) return null;
    const definition = version.definition as ProductDefinition;
    return { product, version, definition, quote: compileProduct(definition) };
  }
}
