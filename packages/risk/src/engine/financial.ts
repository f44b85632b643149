import type { CompiledPortfolio } from '../model/compile.ts';
import { FINANCIAL_WASM } from './financial-wasm.ts';

/*
 * The compiled portfolio's arrays the financial module reads, by the name of their global in
 * assembly/financial.ts, and the element type it reads them as (i32 or f64).
 */
const INT32 = [
  'unitClass',
  'unitPool',
  'unitSectionStart',
  'unitSectionCount',
  'unitLineStart',
  'unitLineCount',
  'lineInsurer',
  'lineFractionStart',
  'insurerOpStart',
  'insurerOpCount',
  'insurerRiskOps',
  'opKind',
  'opLayerStart',
  'opLayerCount',
  'layerPartStart',
  'layerPartCount',
  'partReinsurer',
  'ripLayer',
  'ripInsurer',
  'ripRateStart',
  'ripRateCount',
  'insurerRipPerspective',
  'reinsurerRipPerspective',
] as const satisfies readonly (keyof CompiledPortfolio)[];

const FLOAT64 = [
  'unitDeductible',
  'unitLimit',
  'unitAggregateLimit',
  'unitEventSublimit',
  'sectionFraction',
  'sectionDeductible',
  'sectionLimit',
  'lineShare',
  'lineFraction',
  'layerAttachment',
  'layerLimit',
  'layerAggregateLimit',
  'layerPlaced',
  'partFraction',
  'ripPremium',
  'ripRate',
] as const satisfies readonly (keyof CompiledPortfolio)[];

const SCALARS = [
  'perspectiveCount',
  'perspectiveClass',
  'perspectivePool',
  'perspectiveInsurerGross',
  'perspectiveInsurerNet',
  'perspectiveReinsurer',
  'insurerCount',
  'reinsurerCount',
  'ripCount',
] as const satisfies readonly (keyof CompiledPortfolio)[];

const PAGE = 65536;

/** The occurrence arrays of the scratch and their element sizes (occLoss is written by the module itself). */
const OCCURRENCE_ARRAYS = [
  ['occUnit', 4],
  ['occTrack', 4],
  ['occSlot', 4],
  ['occGroundUp', 8],
  ['occLoss', 8],
] as const;

type SettleYear = (year: number, occurrences: number, slots: number, groundUpOnly: number) => void;

/** The module, compiled once per thread (5 KB: synchronous compilation is quick). */
let compiled: WebAssembly.Module | null = null;

/**
 * One instance of the financial module (assembly/financial.ts) with a portfolio in its memory: the terms
 * and reinsurance of a simulated year, in WebAssembly. The draws write each occurrence (unit, tracked
 * member, event row, ground-up loss) into the views below; `settleYear` leaves the year's annual loss and
 * largest occurrence per perspective in `yearAnnual` and `yearMax`.
 *
 * The memory is laid out once — the portfolio's arrays, then the engine's scratch — and grows only when a
 * year has more occurrences or events than any before (the arrays move to the end, doubled). Growing the
 * memory detaches every view, so the views are made again then: read them from here after `reserve…`.
 */
export class FinancialModule {
  occUnit!: Int32Array;
  occTrack!: Int32Array;
  occSlot!: Int32Array;
  occGroundUp!: Float64Array;
  yearAnnual!: Float64Array;
  yearMax!: Float64Array;
  /** Occurrences and event rows there is room for. */
  occurrenceCapacity = 0;
  slotCapacity = 0;
  private readonly exports: Record<string, unknown>;
  private readonly memory: WebAssembly.Memory;
  private readonly perspectives: number;
  private readonly run: SettleYear;
  private top: number;

  constructor(pf: CompiledPortfolio) {
    compiled ??= new WebAssembly.Module(FINANCIAL_WASM);
    this.exports = new WebAssembly.Instance(compiled, {}).exports;
    this.memory = this.exports.memory as WebAssembly.Memory;
    this.run = this.exports.settleYear as SettleYear;
    this.top = (this.exports.heapBase as () => number)();
    this.perspectives = pf.perspectiveCount;
    for (const name of SCALARS) this.set(name, pf[name]);
    this.set('layerCount', pf.layerAttachment.length);
    for (const name of INT32) this.copy(name, pf[name], Int32Array);
    for (const name of FLOAT64) this.copy(name, pf[name], Float64Array);
    const R = pf.reinsurerCount;
    this.allocate('trackTotal', 8 * pf.trackedMembers);
    const stamps = this.allocate('trackStamp', 4 * pf.trackedMembers);
    new Int32Array(this.memory.buffer, stamps, pf.trackedMembers).fill(-1);
    this.allocate('layerUsed', 8 * pf.layerAttachment.length);
    this.allocate('yearAnnual', 8 * this.perspectives);
    this.allocate('yearMax', 8 * this.perspectives);
    this.allocate('reOcc', 8 * R);
    this.allocate('reMark', 4 * R);
    this.allocate('reTouched', 4 * R);
    this.reserveOccurrences(1024, 0);
    this.reserveSlots(16);
  }

  /** The terms and reinsurance of a year whose draws wrote `occurrences` occurrences and `slots` event rows. */
  settleYear(year: number, occurrences: number, slots: number, groundUpOnly: boolean): void {
    if (occurrences > this.occurrenceCapacity || slots > this.slotCapacity) {
      throw new RangeError(`${occurrences} occurrences and ${slots} events do not fit the module's memory`);
    }
    this.run(year, occurrences, slots, groundUpOnly ? 1 : 0);
  }

  /** Room for at least `capacity` occurrences, keeping the first `keep` (the year's so far). */
  reserveOccurrences(capacity: number, keep: number): void {
    if (capacity <= this.occurrenceCapacity) return;
    const kept = OCCURRENCE_ARRAYS.map(([name, size]) => [this.get(name), size] as const);
    const placed = OCCURRENCE_ARRAYS.map(([name, size]) => this.allocate(name, size * capacity));
    this.occurrenceCapacity = capacity;
    if (keep > 0) {
      const bytes = new Uint8Array(this.memory.buffer);
      kept.forEach(([from, size], k) => {
        bytes.copyWithin(placed[k] as number, from, from + size * keep);
      });
    }
    this.views();
  }

  /** Room for at least `slots` event rows (the rows are cleared when a year is settled). */
  reserveSlots(slots: number): void {
    if (slots <= this.slotCapacity) return;
    let capacity = Math.max(16, this.slotCapacity);
    while (capacity < slots) capacity *= 2;
    this.allocate('slotAcc', 8 * capacity * this.perspectives);
    this.slotCapacity = capacity;
    this.views();
  }

  private set(name: string, value: number): void {
    const global = this.exports[name];
    if (!(global instanceof WebAssembly.Global))
      throw new Error(`the financial module has no global ${name}`);
    global.value = value;
  }

  private get(name: string): number {
    return (this.exports[name] as WebAssembly.Global).value;
  }

  /** Places `bytes` at the end of the memory (8-byte aligned, growing it if needed) and points `name` there. */
  private allocate(name: string, bytes: number): number {
    const address = this.top;
    this.top += Math.ceil(Math.max(bytes, 8) / 8) * 8;
    const pages = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (pages > 0) this.memory.grow(pages);
    this.set(name, address);
    return address;
  }

  private copy(
    name: string,
    array: Int32Array | Float64Array,
    type: Int32ArrayConstructor | Float64ArrayConstructor,
  ): void {
    if (!(array instanceof type)) throw new TypeError(`the portfolio's ${name} is not an ${type.name}`);
    const address = this.allocate(name, array.byteLength);
    new Uint8Array(this.memory.buffer, address, array.byteLength).set(
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
    );
  }

  private views(): void {
    const buffer = this.memory.buffer;
    const capacity = this.occurrenceCapacity;
    this.occUnit = new Int32Array(buffer, this.get('occUnit'), capacity);
    this.occTrack = new Int32Array(buffer, this.get('occTrack'), capacity);
    this.occSlot = new Int32Array(buffer, this.get('occSlot'), capacity);
    this.occGroundUp = new Float64Array(buffer, this.get('occGroundUp'), capacity);
    this.yearAnnual = new Float64Array(buffer, this.get('yearAnnual'), this.perspectives);
    this.yearMax = new Float64Array(buffer, this.get('yearMax'), this.perspectives);
  }
}
