import type { CompiledPortfolio } from '../model/compile.ts';
import { ENGINE_WASM } from './engine-wasm.ts';

/*
 * The compiled portfolio as the engine module reads it: each array by the name of its global in
 * assembly/portfolio.ts and the element type the module reads it as, and the counts.
 */
const INT32 = [
  'segmentTableStart',
  'segmentTableLength',
  'segmentAliasStart',
  'segmentAliasLength',
  'aliasPrimary',
  'aliasSecondary',
  'classSeverityKind',
  'countGuide',
  'eventTableStart',
  'eventTableLength',
  'eventFootprintStart',
  'eventFootprintLength',
  'eventCumulativeStart',
  'footprintUnit',
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
  'aliasProbability',
  'unitMembers',
  'unitTrackBase',
  'unitSeverityScale',
  'unitSumInsured',
  'classSeverityA',
  'classSeverityB',
  'classSeverityC',
  'classSeverityE',
  'countCdf',
  'eventIntensityMu',
  'eventIntensitySigma',
  'eventHitProbability',
  'eventDamageMu',
  'eventDamageSigma',
  'footprintCumulative',
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

const UINT8 = ['eventSingles'] as const satisfies readonly (keyof CompiledPortfolio)[];

const COUNTS = [
  'perspectiveCount',
  'perspectiveClass',
  'perspectivePool',
  'perspectiveInsurerGross',
  'perspectiveInsurerNet',
  'perspectiveReinsurer',
  'insurerCount',
  'reinsurerCount',
  'ripCount',
  'segmentCount',
  'eventCount',
] as const satisfies readonly (keyof CompiledPortfolio)[];

type ArrayType = Int32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor;

/** The module, compiled once per thread (18 KB: synchronous compilation is quick). */
let compiled: WebAssembly.Module | null = null;

/** The compiled engine module (also what the draw stream computes its blocks with). */
export function engineModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(ENGINE_WASM);
  return compiled;
}

export interface EngineModuleOptions {
  seedLow: number;
  seedHigh: number;
  groundUpOnly: boolean;
}

/**
 * One instance of the engine module (assembly/year.ts) with a portfolio in its memory: a simulated year
 * — its draws, terms, shares and reinsurance — in WebAssembly. `simulateYear` leaves the year's annual
 * loss and largest occurrence per perspective in `yearAnnual()` and `yearMax()`.
 *
 * The memory holds the portfolio's arrays, copied once, and the engine's scratch; it grows only when a
 * year has more losses or events than any before (the module moves those arrays to the end, doubled).
 * Growing detaches the views of the old memory, so the two result views are made again when the
 * memory's buffer has changed.
 */
export class EngineModule {
  private readonly exports: Record<string, unknown>;
  private readonly memory: WebAssembly.Memory;
  private readonly perspectives: number;
  private readonly run: (year: number) => number;
  private buffer: ArrayBuffer | null = null;
  private annual = new Float64Array(0);
  private largest = new Float64Array(0);

  constructor(pf: CompiledPortfolio, options: EngineModuleOptions) {
    this.exports = new WebAssembly.Instance(engineModule(), {}).exports;
    this.memory = this.exports.memory as WebAssembly.Memory;
    this.run = this.exports.simulateYear as (year: number) => number;
    this.perspectives = pf.perspectiveCount;
    for (const name of COUNTS) this.set(name, pf[name]);
    this.set('layerCount', pf.layerAttachment.length);
    this.set('groundUpOnly', options.groundUpOnly ? 1 : 0);
    this.set('key0', options.seedLow | 0);
    this.set('key1', options.seedHigh | 0);
    for (const name of INT32) this.copy(name, pf[name], Int32Array);
    for (const name of FLOAT64) this.copy(name, pf[name], Float64Array);
    for (const name of UINT8) this.copy(name, pf[name], Uint8Array);
    // A portfolio field the module reads but nothing above set would be read from address 0.
    const set = new Set<string>([...COUNTS, ...INT32, ...FLOAT64, ...UINT8]);
    for (const name of Object.keys(this.exports)) {
      if (name in pf && !set.has(name)) throw new Error(`the engine module's ${name} is not laid out`);
    }
    (this.exports.init as (tracked: number) => void)(pf.trackedMembers);
  }

  /** Simulates one year; returns its losses (attritional claims plus event hits). */
  simulateYear(year: number): number {
    return this.run(year);
  }

  /** The last year's annual loss per perspective (a view of the module's memory: copy it before the next year). */
  yearAnnual(): Float64Array {
    this.views();
    return this.annual;
  }

  /** The last year's largest occurrence per perspective (a view, as yearAnnual). */
  yearMax(): Float64Array {
    this.views();
    return this.largest;
  }

  /** A hand-made year (settleScenario): cleared, then its occurrences and events, then settled. */
  clearScenario(): void {
    (this.exports.clearScenario as () => void)();
  }

  addOccurrence(unit: number, track: number, slot: number, groundUp: number): void {
    (this.exports.addOccurrence as (u: number, t: number, s: number, g: number) => void)(
      unit,
      track,
      slot,
      groundUp,
    );
  }

  /** A new event of the hand-made year; returns its row. */
  addEvent(): number {
    return (this.exports.addEvent as () => number)();
  }

  settleScenario(): void {
    (this.exports.settleScenario as () => void)();
  }

  private views(): void {
    const buffer = this.memory.buffer;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    this.annual = new Float64Array(buffer, this.get('yearAnnual'), this.perspectives);
    this.largest = new Float64Array(buffer, this.get('yearMax'), this.perspectives);
  }

  private set(name: string, value: number): void {
    const global = this.exports[name];
    if (!(global instanceof WebAssembly.Global)) throw new Error(`the engine module has no global ${name}`);
    global.value = value;
  }

  private get(name: string): number {
    return (this.exports[name] as WebAssembly.Global).value;
  }

  /** Copies a portfolio array into the memory and points its global at it. */
  private copy(name: string, array: Int32Array | Float64Array | Uint8Array, type: ArrayType): void {
    if (!(array instanceof type)) throw new TypeError(`the portfolio's ${name} is not an ${type.name}`);
    const address = (this.exports.allocate as (bytes: number) => number)(array.byteLength);
    new Uint8Array(this.memory.buffer, address, array.byteLength).set(
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
    );
    this.set(name, address);
  }
}
