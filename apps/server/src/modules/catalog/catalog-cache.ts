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
  /** The same entries once loaded, for `peek`. */
  private readonly settled = new Map<string, CachedVersion | null>();
  private readonly settledLatest = new Map<string, number | null>();
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
      if (this.byVersion.size >= this.maxEntries) {
        this.byVersion.clear();
        this.settled.clear();
      }
      const loading = this.load(code, number);
      entry = loading;
      this.byVersion.set(key, loading);
      loading.then(
        // Only while it is still the entry: a forget() meanwhile must not bring back what it dropped.
        (cached) => this.byVersion.get(key) === loading && this.settled.set(key, cached),
        () => this.byVersion.delete(key),
      );
    }
    return entry;
  }

  /**
   * The version `get` would give, when it is already loaded; undefined when it would need the database
   * (then call `get`). Lets a hot path answer without a promise.
   */
  peek(code: string, version?: number): CachedVersion | null | undefined {
    const number = version ?? this.settledLatest.get(code);
    if (number === undefined) return undefined;
    if (number === null) return null;
    return this.settled.get(`${code}@${number}`);
  }

  forget(code: string): void {
    this.latest.delete(code);
    this.settledLatest.delete(code);
    for (const key of this.byVersion.keys()) if (key.startsWith(`${code}@`)) this.byVersion.delete(key);
    for (const key of this.settled.keys()) if (key.startsWith(`${code}@`)) this.settled.delete(key);
  }

  private latestQuotable(code: string): Promise<number | null> {
    let entry = this.latest.get(code);
    if (!entry) {
      const loading = latestQuotableVersion(this.pool, code);
      entry = loading;
      this.latest.set(code, loading);
      loading.then(
        (number) => this.latest.get(code) === loading && this.settledLatest.set(code, number),
        () => this.latest.delete(code),
      );
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
