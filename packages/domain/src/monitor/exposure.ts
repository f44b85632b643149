import type { StatisticalClass } from '../catalog/definition.ts';
import type { Fen } from '../money/index.ts';
import { divideRounded } from '../money/index.ts';
import { WHOLE } from '../placement/shares.ts';
import { ratioText } from './ratio.ts';

/*
 * The live exposure book (风险累积) of the regulator cockpit (domain README §1: "real-time risk
 * monitoring … live exposure accumulation and threshold alerts"): an in-process aggregate fed by policy
 * movements, kept per dimension and key, exact in bigint fen.
 *
 * Dimensions and their keys:
 *   total     '*' (the whole book)          source   'platform' | 'registered'
 *   insurer   the insurer's orgId (its own line of each policy; every other dimension sums the lines)
 *   pool      the pool code (policies placed through a standing pool; others are not in this dimension)
 *   class     the 《科技保险业务统计制度》 part-1 class   industry  the industry chain
 *   region    the GB/T 2260 code                         product   the product code
 *   sandbox   the product code, for policies of products under a sandbox test only
 *
 * Per key: gross and net sum insured in force (风险保障金额, gross = before reinsurance, per share), gross
 * and net premium, the number of policies in force and the number of distinct insured enterprises with a
 * policy in force (a reference count per enterprise, so an enterprise with three policies in a region
 * counts once and leaves only with its last one).
 *
 * Movements:
 *   bind    the policy comes into force; the amounts are each insurer's line (all ≥ 0, every share > 0).
 *   endorse signed deltas of each listed insurer's amounts; `share` is the insurer's share after it. A line
 *           for an insurer not yet on the policy adds it (it counts the policy from then on); a line with
 *           share 0 takes the insurer off after its deltas. The other attributes must be those of the bind:
 *           a policy whose class, region, product… changes is sent as a cancel and a new bind.
 *   cancel, expire  the policy leaves force: the listed deltas are added (send −sum insured so the
 *           exposure goes; the premium delta is the feed's choice — −premium keeps "premium" the premium of
 *           the policies in force, a partial refund keeps the earned part), then the policy and every
 *           insurer on it stop counting.
 * Sum insured and premium are therefore Σ of the deltas applied: the book adds, it does not re-derive.
 * A movement that contradicts the book (a bind of a policy in force, an endorsement of one that is not,
 * changed attributes, a duplicate insurer, a share outside [0, WHOLE]) throws an ExposureError and
 * leaves the book exactly as it was: everything is checked before anything changes.
 *
 * Speed (≥ 100,000 movements/s on one core; benchExposure measures it): one Map per dimension keyed by
 * the plain key string (no concatenation); the cells of a policy remembered at bind, so an endorsement or
 * a cancel looks nothing up but the policy; the enterprise reference counts held on the enterprise's side
 * (no hashing per cell); amounts added as exact integers in doubles and settled into bigints before they
 * could lose a digit (see Cell). The hot path allocates only the policy record at bind.
 */

export const exposureDimensions = [
  'total',
  'source',
  'insurer',
  'pool',
  'class',
  'industry',
  'region',
  'product',
  'sandbox',
] as const;
export type ExposureDimension = (typeof exposureDimensions)[number];

/** The key of the `total` dimension. */
export const EXPOSURE_TOTAL_KEY = '*';

export const exposureSources = ['platform', 'registered'] as const;
export type ExposureSource = (typeof exposureSources)[number];

export const exposureMovementKinds = ['bind', 'endorse', 'cancel', 'expire'] as const;
export type ExposureMovementKind = (typeof exposureMovementKinds)[number];

/** One insurer's line of a policy: amounts of a bind, signed deltas otherwise. */
export interface ExposureInsurerLine {
  orgId: string;
  /** The insurer's share after the movement, in units of 1,000,000 = 100 % (placement WHOLE). */
  share: number;
  grossSumInsured: Fen;
  grossPremium: Fen;
  netSumInsured: Fen;
  netPremium: Fen;
}

export interface ExposureMovement {
  policyId: string;
  /** 'platform': placed on Kebao; 'registered': written elsewhere and recorded here for statistics. */
  source: ExposureSource;
  kind: ExposureMovementKind;
  insurers: readonly ExposureInsurerLine[];
  productCode: string;
  statisticalClass: StatisticalClass;
  industryChain: string;
  /** GB/T 2260, six digits. */
  region: string;
  poolCode: string | null;
  /** The product is under a sandbox test: the policy also counts in the `sandbox` dimension. */
  sandbox: boolean;
  enterpriseId: string;
}

/** The figures of one key, exact. */
export interface ExposureFigures {
  grossSumInsured: Fen;
  grossPremium: Fen;
  netSumInsured: Fen;
  netPremium: Fen;
  policies: number;
  enterprises: number;
}

export interface ExposureRow extends ExposureFigures {
  key: string;
}

/** Which sum insured a concentration or share is computed on. */
export type ExposureBasis = 'gross' | 'net';

/** ExposureFigures as JSON can carry them: fen as base-10 integer strings. */
export interface ExposureFiguresJson {
  grossSumInsured: string;
  grossPremium: string;
  netSumInsured: string;
  netPremium: string;
  policies: number;
  enterprises: number;
}

/** A policy in force as the book remembers it. */
export interface ExposurePolicyJson {
  enterpriseId: string;
  source: ExposureSource;
  productCode: string;
  statisticalClass: StatisticalClass;
  industryChain: string;
  region: string;
  poolCode: string | null;
  sandbox: boolean;
  /** The insurers on the policy (with a share above 0), in the order they joined. */
  insurers: string[];
}

export const EXPOSURE_SNAPSHOT_FORMAT = 'kebao.exposure/1';

/**
 * The whole state of a book as plain JSON-safe data, keys sorted, so equal books give equal snapshots
 * (and equal JSON text). Enterprise reference counts are not stored: restore derives them from the
 * policies in force and checks them against the stored counts.
 */
export interface ExposureSnapshot {
  format: typeof EXPOSURE_SNAPSHOT_FORMAT;
  /** Movements applied since the book was empty. */
  applied: number;
  figures: Record<ExposureDimension, Record<string, ExposureFiguresJson>>;
  policies: Record<string, ExposurePolicyJson>;
}

export type ExposureErrorCode =
  | 'exposure.invalid_movement'
  | 'exposure.policy_in_force'
  | 'exposure.policy_not_in_force'
  | 'exposure.attributes_changed'
  | 'exposure.unknown_insurer'
  | 'exposure.invalid_snapshot';

/** A movement the book cannot apply (or a snapshot it cannot restore); the book is left unchanged. */
export class ExposureError extends Error {
  override readonly name = 'ExposureError';
  readonly code: ExposureErrorCode;
  readonly reason: string;
  readonly reasonZh: string;

  constructor(code: ExposureErrorCode, zh: string, en: string) {
    super(en);
    this.code = code;
    this.reason = en;
    this.reasonZh = zh;
  }
}

/**
 * The figures of one key. Each amount (gross SI, gross premium, net SI, net premium, in that order) is
 * `settled[i] + pending[i]`: additions of ordinary size go to `pending`, a double holding an integer
 * below 2^52 in magnitude — exact, and without the allocation every bigint addition makes — and are
 * settled into the bigint when it reaches 2^52. Amounts beyond FAST_LIMIT go straight to `settled`.
 */
interface Cell {
  settled: bigint[];
  pending: Float64Array;
  policies: number;
  enterprises: number;
}

/** A line amount below this (2^47 fen, about 1.4 × 10^12 yuan) in magnitude takes the number path. */
const FAST_LIMIT = 2n ** 47n;
/** At most this many lines take the number path: 32 × 2^47 = 2^52 keeps every sum exact. */
const FAST_LINES = 32;
/** A pending amount is settled once its magnitude reaches 2^52; pending + an addition stays below 2^53. */
const SETTLE_AT = 2 ** 52;

function addPending(cell: Cell, i: number, amount: number): void {
  const pending = cell.pending;
  const value = (pending[i] as number) + amount;
  if (value >= SETTLE_AT || value <= -SETTLE_AT) {
    cell.settled[i] = (cell.settled[i] as bigint) + BigInt(value);
    pending[i] = 0;
  } else {
    pending[i] = value;
  }
}

function amountOf(cell: Cell, i: number): bigint {
  return (cell.settled[i] as bigint) + BigInt(cell.pending[i] as number);
}

/**
 * An enterprise with a policy in force, and how many of its policies count in each cell it touches: the
 * reference counts behind `enterprises`. Held on the enterprise's side (a few cells each, found by
 * identity) rather than on the cell's (a map of every enterprise keyed by string): no string hashing on
 * the hot path. An enterprise touching many cells gets an index from cell to position.
 */
interface EnterpriseRefs {
  id: string;
  policies: number;
  cells: Cell[];
  counts: number[];
  index: Map<Cell, number> | null;
}

/** Above this many cells an enterprise's cells are indexed rather than scanned. */
const SCAN_LIMIT = 48;

interface PolicyRecord {
  enterprise: EnterpriseRefs;
  source: ExposureSource;
  productCode: string;
  statisticalClass: StatisticalClass;
  industryChain: string;
  region: string;
  poolCode: string | null;
  sandbox: boolean;
  /** The cells of every dimension but insurer. */
  shared: Cell[];
  insurers: string[];
  insurerCells: Cell[];
}

const NO_AMOUNTS: bigint[] = [];
const GROSS_SUM_INSURED = 0;
const NET_SUM_INSURED = 2;

const D_TOTAL = 0;
const D_SOURCE = 1;
const D_INSURER = 2;
const D_POOL = 3;
const D_CLASS = 4;
const D_INDUSTRY = 5;
const D_REGION = 6;
const D_PRODUCT = 7;
const D_SANDBOX = 8;

const REGION_SHAPE = /^[0-9]{6}$/;
const STATISTICAL_CLASSES: ReadonlySet<string> = new Set([
  'rd_transfer',
  'application',
  'intellectual_property',
  'base',
]);

function newCell(): Cell {
  return { settled: [0n, 0n, 0n, 0n], pending: new Float64Array(4), policies: 0, enterprises: 0 };
}

function positionOf(refs: EnterpriseRefs, cell: Cell): number {
  return refs.index === null ? refs.cells.indexOf(cell) : (refs.index.get(cell) ?? -1);
}

function join(cell: Cell, refs: EnterpriseRefs): void {
  cell.policies++;
  const at = positionOf(refs, cell);
  if (at >= 0) {
    refs.counts[at] = (refs.counts[at] as number) + 1;
    return;
  }
  cell.enterprises++;
  refs.index?.set(cell, refs.cells.length);
  refs.cells.push(cell);
  refs.counts.push(1);
  if (refs.index === null && refs.cells.length > SCAN_LIMIT)
    refs.index = new Map(refs.cells.map((known, position) => [known, position]));
}

function leave(cell: Cell, refs: EnterpriseRefs): void {
  cell.policies--;
  const at = positionOf(refs, cell);
  const count = (refs.counts[at] as number) - 1;
  if (count > 0) {
    refs.counts[at] = count;
    return;
  }
  cell.enterprises--;
  // Swap-remove: the last cell takes the freed position.
  const last = refs.cells.length - 1;
  const moved = refs.cells[last] as Cell;
  refs.cells[at] = moved;
  refs.counts[at] = refs.counts[last] as number;
  refs.cells.pop();
  refs.counts.pop();
  if (refs.index !== null) {
    refs.index.delete(cell);
    if (moved !== cell) refs.index.set(moved, at);
  }
}

/** Adds four amounts to a cell: from `numbers` at `from` on the number path, else the bigints given. */
function addAmounts(
  cell: Cell,
  fast: boolean,
  numbers: Float64Array,
  from: number,
  exact: readonly bigint[],
): void {
  if (fast) {
    addPending(cell, 0, numbers[from] as number);
    addPending(cell, 1, numbers[from + 1] as number);
    addPending(cell, 2, numbers[from + 2] as number);
    addPending(cell, 3, numbers[from + 3] as number);
  } else {
    const settled = cell.settled;
    for (let i = 0; i < 4; i++) settled[i] = (settled[i] as bigint) + (exact[i] as bigint);
  }
}

function lineAmounts(line: ExposureInsurerLine): bigint[] {
  return [line.grossSumInsured, line.grossPremium, line.netSumInsured, line.netPremium];
}

function isSmall(amount: bigint): boolean {
  return amount < FAST_LIMIT && amount > -FAST_LIMIT;
}

function invalid(zh: string, en: string): ExposureError {
  return new ExposureError('exposure.invalid_movement', zh, en);
}

export class ExposureBook {
  #cells: Map<string, Cell>[] = exposureDimensions.map(() => new Map<string, Cell>());
  #policies = new Map<string, PolicyRecord>();
  #enterprises = new Map<string, EnterpriseRefs>();
  #applied = 0;
  #scratch = new Float64Array(4 * FAST_LINES + 4);

  /** Movements applied since the book was empty. */
  get applied(): number {
    return this.#applied;
  }

  /** Policies in force. */
  get policiesInForce(): number {
    return this.#policies.size;
  }

  /** Applies one movement, or throws ExposureError and changes nothing. */
  apply(movement: ExposureMovement): void {
    const record = this.#policies.get(movement.policyId);
    this.#check(movement, record);
    const lines = movement.insurers;
    const count = lines.length;
    // The number path when every amount is ordinary (always, in practice): line i's four amounts at
    // scratch[4i…4i+3], their sums at scratch[4·FAST_LINES…]. Otherwise bigints, allocated here only.
    const scratch = this.#scratch;
    let fast = count <= FAST_LINES;
    for (let i = 0; fast && i < count; i++) {
      const line = lines[i] as ExposureInsurerLine;
      fast =
        isSmall(line.grossSumInsured) &&
        isSmall(line.grossPremium) &&
        isSmall(line.netSumInsured) &&
        isSmall(line.netPremium);
    }
    const sums = 4 * FAST_LINES;
    let exactSums: bigint[] = NO_AMOUNTS;
    if (fast) {
      scratch[sums] = 0;
      scratch[sums + 1] = 0;
      scratch[sums + 2] = 0;
      scratch[sums + 3] = 0;
      for (let i = 0; i < count; i++) {
        const line = lines[i] as ExposureInsurerLine;
        const at = 4 * i;
        scratch[at] = Number(line.grossSumInsured);
        scratch[at + 1] = Number(line.grossPremium);
        scratch[at + 2] = Number(line.netSumInsured);
        scratch[at + 3] = Number(line.netPremium);
        scratch[sums] = (scratch[sums] as number) + (scratch[at] as number);
        scratch[sums + 1] = (scratch[sums + 1] as number) + (scratch[at + 1] as number);
        scratch[sums + 2] = (scratch[sums + 2] as number) + (scratch[at + 2] as number);
        scratch[sums + 3] = (scratch[sums + 3] as number) + (scratch[at + 3] as number);
      }
    } else {
      exactSums = [0n, 0n, 0n, 0n];
      for (const line of lines) {
        const amounts = lineAmounts(line);
        for (let j = 0; j < 4; j++) exactSums[j] = (exactSums[j] as bigint) + (amounts[j] as bigint);
      }
    }

    if (record === undefined) {
      // A bind (#check refused anything else).
      const created = this.#bind(movement);
      for (let i = 0; i < count; i++)
        addAmounts(
          created.insurerCells[i] as Cell,
          fast,
          scratch,
          4 * i,
          fast ? NO_AMOUNTS : lineAmounts(lines[i] as ExposureInsurerLine),
        );
      for (const cell of created.shared) addAmounts(cell, fast, scratch, sums, exactSums);
    } else {
      const enterprise = record.enterprise;
      for (let i = 0; i < count; i++) {
        const line = lines[i] as ExposureInsurerLine;
        const at = record.insurers.indexOf(line.orgId);
        if (at >= 0) {
          const cell = record.insurerCells[at] as Cell;
          addAmounts(cell, fast, scratch, 4 * i, fast ? NO_AMOUNTS : lineAmounts(line));
          if (line.share === 0 && movement.kind === 'endorse') {
            leave(cell, enterprise);
            record.insurers.splice(at, 1);
            record.insurerCells.splice(at, 1);
          }
        } else {
          // Only an endorsement adding an insurer gets here (#check).
          const cell = this.#cell(D_INSURER, line.orgId);
          addAmounts(cell, fast, scratch, 4 * i, fast ? NO_AMOUNTS : lineAmounts(line));
          join(cell, enterprise);
          record.insurers.push(line.orgId);
          record.insurerCells.push(cell);
        }
      }
      for (const cell of record.shared) addAmounts(cell, fast, scratch, sums, exactSums);
      if (movement.kind !== 'endorse') {
        for (const cell of record.shared) leave(cell, enterprise);
        for (const cell of record.insurerCells) leave(cell, enterprise);
        if (--enterprise.policies === 0) this.#enterprises.delete(enterprise.id);
        this.#policies.delete(movement.policyId);
      }
    }
    this.#applied++;
  }

  /** Applies movements in order; stops at the first that throws (the ones before it stay applied). */
  applyAll(movements: Iterable<ExposureMovement>): void {
    for (const movement of movements) this.apply(movement);
  }

  /** The figures of one key, or undefined when the book has never seen it. */
  figures(dimension: ExposureDimension, key: string): ExposureFigures | undefined {
    const cell = this.#cells[dimensionIndex(dimension)]?.get(key);
    return cell === undefined ? undefined : figuresOf(cell);
  }

  /** Every key of a dimension with its figures, sorted by key. */
  rows(dimension: ExposureDimension): ExposureRow[] {
    const cells = this.#cells[dimensionIndex(dimension)] as Map<string, Cell>;
    return [...cells.keys()].sort().map((key) => ({ key, ...figuresOf(cells.get(key) as Cell) }));
  }

  /** The whole book: the `total` dimension's one key (zeros when empty). */
  total(): ExposureFigures {
    return this.figures('total', EXPOSURE_TOTAL_KEY) ?? figuresOf(newCell());
  }

  /**
   * The Herfindahl–Hirschman index of a dimension: Σ (100 × sᵢ)² over its keys, sᵢ = sum insured of the
   * key / sum insured of the dimension, on the 0–10,000 scale (10,000 = one key holds everything).
   * Computed as the exact fraction 10,000 × Σ SIᵢ² / (Σ SIᵢ)² in bigint and rounded HALF_UP to 2 decimals
   * once, at the end. Keys whose sum insured is not above 0 are left out; an empty dimension is 0.
   * Over the `pool` and `sandbox` dimensions it concerns only the policies they hold.
   */
  hhi(dimension: ExposureDimension, basis: ExposureBasis = 'gross'): number {
    return herfindahlIndex(this.#sumsInsured(dimension, basis));
  }

  /**
   * Each key's share of the dimension's sum insured, as a 6-decimal string rounded up (ratio.ts), with
   * the sum insured it is computed from; keys with a sum insured not above 0 are left out. Sorted by key.
   */
  shares(
    dimension: ExposureDimension,
    basis: ExposureBasis = 'gross',
  ): { key: string; sumInsured: Fen; share: string }[] {
    const cells = this.#cells[dimensionIndex(dimension)] as Map<string, Cell>;
    const positive: [string, bigint][] = [];
    let total = 0n;
    for (const [key, cell] of cells) {
      const amount = amountOf(cell, basis === 'gross' ? GROSS_SUM_INSURED : NET_SUM_INSURED);
      if (amount > 0n) {
        positive.push([key, amount]);
        total += amount;
      }
    }
    return positive
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, sumInsured]) => ({ key, sumInsured, share: ratioText(sumInsured, total) as string }));
  }

  snapshot(): ExposureSnapshot {
    const figures = {} as Record<ExposureDimension, Record<string, ExposureFiguresJson>>;
    exposureDimensions.forEach((dimension, index) => {
      const cells = this.#cells[index] as Map<string, Cell>;
      const out: Record<string, ExposureFiguresJson> = {};
      for (const key of [...cells.keys()].sort()) {
        const cell = cells.get(key) as Cell;
        out[key] = {
          grossSumInsured: amountOf(cell, 0).toString(),
          grossPremium: amountOf(cell, 1).toString(),
          netSumInsured: amountOf(cell, 2).toString(),
          netPremium: amountOf(cell, 3).toString(),
          policies: cell.policies,
          enterprises: cell.enterprises,
        };
      }
      figures[dimension] = out;
    });
    const policies: Record<string, ExposurePolicyJson> = {};
    for (const policyId of [...this.#policies.keys()].sort()) {
      const record = this.#policies.get(policyId) as PolicyRecord;
      policies[policyId] = {
        enterpriseId: record.enterprise.id,
        source: record.source,
        productCode: record.productCode,
        statisticalClass: record.statisticalClass,
        industryChain: record.industryChain,
        region: record.region,
        poolCode: record.poolCode,
        sandbox: record.sandbox,
        insurers: [...record.insurers],
      };
    }
    return { format: EXPOSURE_SNAPSHOT_FORMAT, applied: this.#applied, figures, policies };
  }

  /**
   * Replaces the book's state with a snapshot's (after checking it: amounts are integers, and the counts
   * of policies and enterprises are those its policies give). Throws ExposureError with code
   * `exposure.invalid_snapshot` and changes nothing when it does not check. Returns the book.
   */
  restore(snapshot: ExposureSnapshot): this {
    const bad = (en: string) =>
      new ExposureError('exposure.invalid_snapshot', `快照无效：${en}`, `Invalid snapshot: ${en}`);
    if (snapshot === null || typeof snapshot !== 'object' || snapshot.format !== EXPOSURE_SNAPSHOT_FORMAT)
      throw bad(`format is not ${EXPOSURE_SNAPSHOT_FORMAT}`);
    if (!Number.isSafeInteger(snapshot.applied) || snapshot.applied < 0) throw bad('applied is not a count');
    const fresh = new ExposureBook();
    const figures = snapshot.figures ?? {};
    for (const [index, dimension] of exposureDimensions.entries()) {
      const cells = fresh.#cells[index] as Map<string, Cell>;
      for (const [key, stored] of Object.entries(figures[dimension] ?? {})) {
        if (typeof stored !== 'object' || stored === null) throw bad(`${dimension} ${key} has no figures`);
        const cell = newCell();
        cell.settled = [
          fenOf(stored.grossSumInsured, bad),
          fenOf(stored.grossPremium, bad),
          fenOf(stored.netSumInsured, bad),
          fenOf(stored.netPremium, bad),
        ];
        cells.set(key, cell);
      }
    }
    for (const [policyId, stored] of Object.entries(snapshot.policies ?? {})) {
      if (typeof stored !== 'object' || stored === null || !Array.isArray(stored.insurers))
        throw bad(`policy ${policyId} has no insurers`);
      const probe: ExposureMovement = {
        policyId,
        source: stored.source,
        kind: 'bind',
        insurers: stored.insurers.map((orgId) => ({
          orgId,
          share: WHOLE,
          grossSumInsured: 0n,
          grossPremium: 0n,
          netSumInsured: 0n,
          netPremium: 0n,
        })),
        productCode: stored.productCode,
        statisticalClass: stored.statisticalClass,
        industryChain: stored.industryChain,
        region: stored.region,
        poolCode: stored.poolCode,
        sandbox: stored.sandbox,
        enterpriseId: stored.enterpriseId,
      };
      try {
        fresh.#check(probe, fresh.#policies.get(policyId));
      } catch (error) {
        throw bad(`policy ${policyId}: ${(error as Error).message}`);
      }
      fresh.#bind(probe);
    }
    for (const [index, dimension] of exposureDimensions.entries()) {
      const stored = figures[dimension] ?? {};
      for (const [key, cell] of fresh.#cells[index] as Map<string, Cell>) {
        const expected = stored[key];
        if (expected === undefined || expected.policies !== cell.policies)
          throw bad(`${dimension} ${key}: ${cell.policies} policies in force, ${expected?.policies} stored`);
        if (expected.enterprises !== cell.enterprises)
          throw bad(
            `${dimension} ${key}: ${cell.enterprises} enterprises in force, ${expected.enterprises} stored`,
          );
      }
    }
    this.#cells = fresh.#cells;
    this.#policies = fresh.#policies;
    this.#enterprises = fresh.#enterprises;
    this.#applied = snapshot.applied;
    return this;
  }

  #cell(dimension: number, key: string): Cell {
    const cells = this.#cells[dimension] as Map<string, Cell>;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = newCell();
      cells.set(key, cell);
    }
    return cell;
  }

  /** Records a checked bind and counts it in every cell; the amounts are the caller's. */
  #bind(movement: ExposureMovement): PolicyRecord {
    const enterpriseId = movement.enterpriseId;
    let enterprise = this.#enterprises.get(enterpriseId);
    if (enterprise === undefined) {
      enterprise = { id: enterpriseId, policies: 0, cells: [], counts: [], index: null };
      this.#enterprises.set(enterpriseId, enterprise);
    }
    enterprise.policies++;
    const shared = [
      this.#cell(D_TOTAL, EXPOSURE_TOTAL_KEY),
      this.#cell(D_SOURCE, movement.source),
      this.#cell(D_CLASS, movement.statisticalClass),
      this.#cell(D_INDUSTRY, movement.industryChain),
      this.#cell(D_REGION, movement.region),
      this.#cell(D_PRODUCT, movement.productCode),
    ];
    if (movement.poolCode !== null) shared.push(this.#cell(D_POOL, movement.poolCode));
    if (movement.sandbox) shared.push(this.#cell(D_SANDBOX, movement.productCode));
    const lines = movement.insurers;
    const insurers: string[] = new Array(lines.length);
    const insurerCells: Cell[] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      const orgId = (lines[i] as ExposureInsurerLine).orgId;
      const cell = this.#cell(D_INSURER, orgId);
      join(cell, enterprise);
      insurers[i] = orgId;
      insurerCells[i] = cell;
    }
    for (const cell of shared) join(cell, enterprise);
    const record: PolicyRecord = {
      enterprise,
      source: movement.source,
      productCode: movement.productCode,
      statisticalClass: movement.statisticalClass,
      industryChain: movement.industryChain,
      region: movement.region,
      poolCode: movement.poolCode,
      sandbox: movement.sandbox,
      shared,
      insurers,
      insurerCells,
    };
    this.#policies.set(movement.policyId, record);
    return record;
  }

  #check(movement: ExposureMovement, record: PolicyRecord | undefined): void {
    const kind = movement.kind;
    if (kind !== 'bind' && kind !== 'endorse' && kind !== 'cancel' && kind !== 'expire')
      throw invalid(`未知的变动类型 ${String(kind)}`, `Unknown movement kind ${String(kind)}`);
    const id = movement.policyId;
    if (typeof id !== 'string' || id.length === 0) throw invalid('缺少保单号', 'The policy id is missing');
    if (kind === 'bind') {
      if (record !== undefined)
        throw new ExposureError(
          'exposure.policy_in_force',
          `保单 ${id} 已在保险期间内，不能再次承保`,
          `Policy ${id} is already in force and cannot be bound again`,
        );
      const source = movement.source;
      if (source !== 'platform' && source !== 'registered')
        throw invalid(`未知的业务来源 ${String(source)}`, `Unknown source ${String(source)}`);
      if (!STATISTICAL_CLASSES.has(movement.statisticalClass))
        throw invalid(
          `未知的统计类别 ${String(movement.statisticalClass)}`,
          `Unknown statistical class ${String(movement.statisticalClass)}`,
        );
      if (typeof movement.region !== 'string' || !REGION_SHAPE.test(movement.region))
        throw invalid('行政区划代码应为 6 位数字 (GB/T 2260)', 'The region must be a 6-digit GB/T 2260 code');
      if (
        typeof movement.enterpriseId !== 'string' ||
        typeof movement.productCode !== 'string' ||
        typeof movement.industryChain !== 'string' ||
        (movement.poolCode !== null && typeof movement.poolCode !== 'string') ||
        typeof movement.sandbox !== 'boolean'
      )
        throw invalid('保单属性类型不正确', 'A policy attribute has the wrong type');
      if (movement.insurers.length === 0)
        throw invalid('承保时至少应有一家保险公司', 'A bind has at least one insurer');
    } else {
      if (record === undefined)
        throw new ExposureError(
          'exposure.policy_not_in_force',
          `保单 ${id} 不在保险期间内`,
          `Policy ${id} is not in force`,
        );
      if (
        record.enterprise.id !== movement.enterpriseId ||
        record.source !== movement.source ||
        record.productCode !== movement.productCode ||
        record.statisticalClass !== movement.statisticalClass ||
        record.industryChain !== movement.industryChain ||
        record.region !== movement.region ||
        record.poolCode !== movement.poolCode ||
        record.sandbox !== movement.sandbox
      )
        throw new ExposureError(
          'exposure.attributes_changed',
          `保单 ${id} 的属性与承保时不同：属性变化应按注销后重新承保报送`,
          `Policy ${id} differs from its bind: send a change of attributes as a cancel and a new bind`,
        );
    }
    const lines = movement.insurers;
    let remaining = record === undefined ? 0 : record.insurers.length;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as ExposureInsurerLine;
      const share = line.share;
      if (!Number.isInteger(share) || share < 0 || share > WHOLE)
        throw invalid(
          `${line.orgId} 的份额应为 0 至 ${WHOLE} 的整数`,
          `The share of ${line.orgId} must be a whole number from 0 to ${WHOLE}`,
        );
      if (
        typeof line.grossSumInsured !== 'bigint' ||
        typeof line.grossPremium !== 'bigint' ||
        typeof line.netSumInsured !== 'bigint' ||
        typeof line.netPremium !== 'bigint'
      )
        throw invalid('金额应为以分计的 bigint', 'Amounts are bigint fen');
      for (let j = 0; j < i; j++)
        if ((lines[j] as ExposureInsurerLine).orgId === line.orgId)
          throw invalid(`保险公司 ${line.orgId} 重复出现`, `Insurer ${line.orgId} appears twice`);
      if (kind === 'bind') {
        if (typeof line.orgId !== 'string' || line.orgId.length === 0)
          throw invalid('缺少保险公司', 'An insurer line has no orgId');
        if (share === 0) throw invalid('承保时份额应大于 0', 'At bind every share is above 0');
        if (
          line.grossSumInsured < 0n ||
          line.grossPremium < 0n ||
          line.netSumInsured < 0n ||
          line.netPremium < 0n
        )
          throw invalid('承保时金额不能为负', 'At bind no amount is negative');
      } else if ((record as PolicyRecord).insurers.indexOf(line.orgId) < 0) {
        if (kind !== 'endorse' || share === 0 || typeof line.orgId !== 'string' || line.orgId.length === 0)
          throw new ExposureError(
            'exposure.unknown_insurer',
            `保险公司 ${line.orgId} 不在保单 ${id} 上`,
            `Insurer ${line.orgId} is not on policy ${id}`,
          );
        remaining++;
      } else if (kind === 'endorse' && share === 0) {
        remaining--;
      }
    }
    if (kind === 'endorse' && remaining === 0)
      throw invalid(
        `批改不能移除保单 ${id} 的全部保险公司：应按注销报送`,
        `An endorsement cannot take every insurer off policy ${id}: send a cancel`,
      );
  }

  #sumsInsured(dimension: ExposureDimension, basis: ExposureBasis): bigint[] {
    const cells = this.#cells[dimensionIndex(dimension)] as Map<string, Cell>;
    const amounts: bigint[] = [];
    const index = basis === 'gross' ? GROSS_SUM_INSURED : NET_SUM_INSURED;
    for (const cell of cells.values()) amounts.push(amountOf(cell, index));
    return amounts;
  }
}

function dimensionIndex(dimension: ExposureDimension): number {
  const index = exposureDimensions.indexOf(dimension);
  if (index < 0) throw new RangeError(`unknown exposure dimension ${String(dimension)}`);
  return index;
}

function figuresOf(cell: Cell): ExposureFigures {
  return {
    grossSumInsured: amountOf(cell, 0),
    grossPremium: amountOf(cell, 1),
    netSumInsured: amountOf(cell, NET_SUM_INSURED),
    netPremium: amountOf(cell, 3),
    policies: cell.policies,
    enterprises: cell.enterprises,
  };
}

function fenOf(text: unknown, bad: (en: string) => ExposureError): bigint {
  if (typeof text !== 'string' || !/^-?(0|[1-9][0-9]*)$/.test(text)) throw bad(`${String(text)} is not fen`);
  return BigInt(text);
}

/**
 * The HHI as an exact fraction: 10,000 × Σ aᵢ² / (Σ aᵢ)² over the amounts above 0 (others are left out).
 * An empty or all-zero list gives 0 / 1.
 */
export function herfindahlFraction(amounts: Iterable<bigint>): { numerator: bigint; denominator: bigint } {
  let sum = 0n;
  let squares = 0n;
  for (const amount of amounts) {
    if (amount <= 0n) continue;
    sum += amount;
    squares += amount * amount;
  }
  if (sum === 0n) return { numerator: 0n, denominator: 1n };
  return { numerator: 10_000n * squares, denominator: sum * sum };
}

/** herfindahlFraction rounded HALF_UP to 2 decimals, as a number (e.g. 2500 or 3333.33). */
export function herfindahlIndex(amounts: Iterable<bigint>): number {
  const { numerator, denominator } = herfindahlFraction(amounts);
  return Number(divideRounded(numerator * 100n, denominator, 'HALF_UP')) / 100;
}
