import { normalQuantile } from '../distributions/normal.ts';
import { GAMMA, gammaStandard, SEVERITY_LOGNORMAL, SEVERITY_PARETO } from '../distributions/severity.ts';
import type { CompiledPortfolio } from '../model/compile.ts';
import { DrawStream } from '../random/draw-stream.ts';
import { FinancialModule } from './financial.ts';

/**
 * The simulation of one year, and of blocks of years, on a compiled portfolio.
 *
 * Generation (docs/risk.md, "Model"). Every draw of year y comes from a stream addressed by
 * (seed, y, kind, stream): kind 0 is a frequency segment (the superposed Poisson risks of one class, or one
 * negative-binomial unit), kind 1 an event set. A segment draws its claim count, then per claim the unit
 * (alias table), the member when the unit is a group whose members each carry an aggregate limit, and the
 * severity. An event set draws its event count, then per event the intensity, and walks its footprint by
 * geometric skips (each risk hit independently with the event's chance), drawing a damage ratio per hit.
 * Nothing depends on other years, so a year gives the same losses in any block, on any thread.
 *
 * Financial terms, per occurrence (an attritional claim, or all of one event's losses):
 *  1. ground-up X ≤ sum insured → sections (each its fraction of X, deductible, sublimit) → deductible and
 *     limit per occurrence → event sublimit (event losses) → annual aggregate limit per risk, shared pro
 *     rata among the year's occurrences of that risk (Oasis back-allocation by prior-level loss);
 *  2. × each co-insurer's signed line → per-risk treaties in inuring order (quota share, surplus, per-risk
 *     excess-of-loss layers, each on the net left by the previous) → per-occurrence catastrophe layers on the
 *     insurer's net of the occurrence → per-year stop-loss on the insurer's net of the year.
 * Layers of one treaty work side by side on the same loss (Oasis: equal inuring priority); a layer's annual
 * aggregate limit is used up in the order the year's occurrences are processed (attritional claims by
 * segment and draw, then events by set and draw).
 *
 * Per year it writes, for every perspective, the annual loss (AEP) and the largest occurrence (OEP).
 * Insurers' net occurrences are before the stop-loss, which has no occurrence; reinsurers' occurrences hold
 * what per-risk and catastrophe treaties cede, their annual losses also the stop-loss. At the end of the
 * year, the layers with reinstatement premiums turn their recoveries of the year into the premiums the
 * insurer pays and its reinsurers receive (perspectives of their own, annual only; the losses stay as
 * they are, so gross = net + Σ ceded still holds).
 *
 * All state lives in typed arrays made when the engine is created (the occurrence buffers double when a
 * year has more losses than any before): simulating allocates nothing per loss.
 */
export interface YearEngine {
  /** Simulates years from … to − 1, writing rows (year − rowBase) of `annual` and `maxOccurrence`. */
  simulate(
    from: number,
    to: number,
    annual: Float64Array,
    maxOccurrence: Float64Array,
    rowBase: number,
  ): void;
  /** Losses drawn so far (attritional claims plus event hits): the samples. */
  readonly losses: number;
}

export interface YearEngineOptions {
  seedLow: number;
  seedHigh: number;
  /** Only ground-up losses (no terms, shares or reinsurance): every perspective but ground-up stays 0. */
  groundUpOnly?: boolean;
}

export const STREAM_SEGMENT = 0;
export const STREAM_EVENT = 1;

/**
 * The state of one engine: the compiled portfolio, its seed, and the year being simulated — its
 * occurrences live in the financial module's memory (the views below are the module's, made again when
 * it grows).
 */
class Engine {
  readonly pf: CompiledPortfolio;
  readonly groundUpOnly: boolean;
  readonly stream: DrawStream;
  readonly fin: FinancialModule;
  capacity = 0;
  occUnit!: Int32Array;
  occTrack!: Int32Array;
  occSlot!: Int32Array;
  occGroundUp!: Float64Array;
  occCount = 0;
  slotCount = 0;
  losses = 0;

  constructor(pf: CompiledPortfolio, options: YearEngineOptions) {
    this.pf = pf;
    this.groundUpOnly = options.groundUpOnly === true;
    this.stream = new DrawStream(options.seedLow, options.seedHigh);
    this.fin = new FinancialModule(pf);
    this.views();
  }

  /** The module's views, after it made room (growing its memory detaches the old ones). */
  views(): void {
    const { fin } = this;
    this.capacity = fin.occurrenceCapacity;
    this.occUnit = fin.occUnit;
    this.occTrack = fin.occTrack;
    this.occSlot = fin.occSlot;
    this.occGroundUp = fin.occGroundUp;
  }
}

export function createYearEngine(portfolio: CompiledPortfolio, options: YearEngineOptions): YearEngine {
  const engine = new Engine(portfolio, options);
  const P = portfolio.perspectiveCount;
  return {
    simulate(from, to, annual, maxOccurrence, rowBase) {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > 0x7fffffff) {
        throw new RangeError(`years ${from} … ${to} are not a range of year numbers`);
      }
      if ((to - rowBase) * P > annual.length || from - rowBase < 0) {
        throw new RangeError(`years ${from} … ${to} do not fit the result arrays from row ${rowBase}`);
      }
      for (let year = from; year < to; year++) {
        simulateYear(engine, year);
        const row = (year - rowBase) * P;
        annual.set(engine.fin.yearAnnual, row);
        maxOccurrence.set(engine.fin.yearMax, row);
      }
    },
    get losses() {
      return engine.losses;
    },
  };
}

/** One loss of a hand-made year (settleScenario). */
export interface ScenarioLoss {
  /** Index of the policy or group in the portfolio. */
  unit: number;
  /** Member of a group (0 for a single policy). */
  member?: number;
  /** Losses with the same event number belong to one correlated event; none: an attritional claim. */
  event?: number;
  /** Ground-up loss, yuan (capped at the sum insured as simulated losses are). */
  groundUp: number;
}

/**
 * The financial module on a year of given losses, through exactly the passes a simulated year goes
 * through (terms, aggregate limits, shares, reinsurance, stop-loss): for worked examples and what-if
 * questions. Returns the year's annual loss and largest occurrence per perspective.
 */
export function settleScenario(
  portfolio: CompiledPortfolio,
  losses: readonly ScenarioLoss[],
): { annual: Float64Array; maxOccurrence: Float64Array } {
  const e = new Engine(portfolio, { seedLow: 0, seedHigh: 0 });
  const slots = new Map<number, number>();
  for (const loss of losses) {
    const { unit, member = 0, event } = loss;
    if (!Number.isInteger(unit) || unit < 0 || unit >= portfolio.unitCount)
      throw new RangeError(`no unit ${unit}`);
    if (!Number.isInteger(member) || member < 0 || member >= (portfolio.unitMembers[unit] as number)) {
      throw new RangeError(`unit ${unit} has no member ${member}`);
    }
    if (!(loss.groundUp >= 0)) throw new RangeError(`a ground-up loss of ${loss.groundUp} is not ≥ 0`);
    let slot = -1;
    if (event !== undefined) {
      slot = slots.get(event) ?? newSlot(e);
      slots.set(event, slot);
    }
    if (e.occCount === e.capacity) grow(e);
    const o = e.occCount++;
    const trackBase = portfolio.unitTrackBase[unit] as number;
    e.occUnit[o] = unit;
    e.occTrack[o] = trackBase >= 0 ? trackBase + member : -1;
    e.occSlot[o] = slot;
    e.occGroundUp[o] = Math.min(loss.groundUp, portfolio.unitSumInsured[unit] as number);
  }
  e.fin.settleYear(0, e.occCount, e.slotCount, false);
  return { annual: Float64Array.from(e.fin.yearAnnual), maxOccurrence: Float64Array.from(e.fin.yearMax) };
}

function grow(e: Engine): void {
  e.fin.reserveOccurrences(2 * e.capacity, e.occCount);
  e.views();
}

/** A new event row (the module clears the year's rows when it settles the year). */
function newSlot(e: Engine): number {
  if (e.slotCount === e.fin.slotCapacity) e.fin.reserveSlots(e.slotCount + 1);
  return e.slotCount++;
}

/** The count for uniform u from the table at `start` (its guide table has the same length). */
function invert(pf: CompiledPortfolio, start: number, length: number, u: number): number {
  const cdf = pf.countCdf;
  let k = pf.countGuide[start + Math.floor(u * length)] as number;
  while ((cdf[start + k] as number) < u) k++;
  return k;
}

/*
 * The hot loops below keep every number in locals and typed arrays and call no function that takes or
 * returns a non-integer number: V8 boxes such numbers on the heap when a call is not inlined. So the
 * draws, the terms and the reinsurance cascade are written out in line, and the few out-of-line helpers
 * (the normal tail, gamma, growing a buffer) pass numbers through typed arrays.
 */

/** The attritional claims of every frequency segment, as occurrences with slot −1. */
function drawSegments(e: Engine, year: number): void {
  const pf = e.pf;
  const {
    segmentCount,
    segmentTableStart,
    segmentTableLength,
    segmentAliasStart,
    segmentAliasLength,
    aliasProbability,
    aliasPrimary,
    aliasSecondary,
    unitMembers,
    unitTrackBase,
    unitClass,
    classSeverityKind,
    classSeverityA,
    classSeverityB,
    classSeverityC,
    classSeverityE,
    unitSeverityScale,
    unitSumInsured,
  } = pf;
  const stream = e.stream;
  let { occUnit, occTrack, occSlot, occGroundUp } = e;
  let o = e.occCount;
  for (let s = 0; s < segmentCount; s++) {
    stream.start(year, STREAM_SEGMENT, s);
    const claims = invert(pf, segmentTableStart[s] as number, segmentTableLength[s] as number, stream.next());
    const aliasFirst = segmentAliasStart[s] as number;
    const columns = segmentAliasLength[s] as number;
    for (let c = 0; c < claims; c++) {
      const x = stream.next() * columns;
      const k = Math.floor(x);
      const unit =
        x - k < (aliasProbability[aliasFirst + k] as number)
          ? (aliasPrimary[aliasFirst + k] as number)
          : (aliasSecondary[aliasFirst + k] as number);
      const trackBase = unitTrackBase[unit] as number;
      const members = unitMembers[unit] as number;
      const member = members > 1 && trackBase >= 0 ? Math.floor(stream.next() * members) : 0;
      const cls = unitClass[unit] as number;
      const kind = classSeverityKind[cls] as number;
      const a = classSeverityA[cls] as number;
      let severity: number;
      if (kind === SEVERITY_LOGNORMAL) {
        severity = Math.exp(a + (classSeverityB[cls] as number) * normalQuantile(stream.next()));
      } else if (kind === SEVERITY_PARETO) {
        severity = a * Math.exp(-(classSeverityB[cls] as number) * Math.log(stream.next()));
      } else {
        GAMMA[0] = classSeverityB[cls] as number;
        GAMMA[1] = classSeverityC[cls] as number;
        GAMMA[2] = classSeverityE[cls] as number;
        gammaStandard(stream);
        severity = a * (GAMMA[0] as number);
      }
      let groundUp = severity * (unitSeverityScale[unit] as number);
      const sumInsured = unitSumInsured[unit] as number;
      if (groundUp > sumInsured) groundUp = sumInsured;
      if (o === e.capacity) {
        e.occCount = o;
        grow(e);
        ({ occUnit, occTrack, occSlot, occGroundUp } = e);
      }
      occUnit[o] = unit;
      occTrack[o] = trackBase >= 0 ? trackBase + member : -1;
      occSlot[o] = -1;
      occGroundUp[o] = groundUp;
      o++;
    }
  }
  e.occCount = o;
}

/** The events of every event set and their hits, as occurrences with the event's slot. */
function drawEvents(e: Engine, year: number): void {
  const pf = e.pf;
  const {
    eventCount,
    eventTableStart,
    eventTableLength,
    eventIntensityMu,
    eventIntensitySigma,
    eventHitProbability,
    eventDamageMu,
    eventDamageSigma,
    eventFootprintStart,
    eventFootprintLength,
    eventCumulativeStart,
    footprintUnit,
    footprintCumulative,
    eventSingles,
    unitSumInsured,
    unitTrackBase,
  } = pf;
  const stream = e.stream;
  for (let ev = 0; ev < eventCount; ev++) {
    stream.start(year, STREAM_EVENT, ev);
    const events = invert(pf, eventTableStart[ev] as number, eventTableLength[ev] as number, stream.next());
    if (events === 0) continue;
    const sigma = eventIntensitySigma[ev] as number;
    const footprintFirst = eventFootprintStart[ev] as number;
    const footprintLength = eventFootprintLength[ev] as number;
    const cumulativeFirst = eventCumulativeStart[ev] as number;
    const total = footprintCumulative[cumulativeFirst + footprintLength] as number;
    const singles = eventSingles[ev] === 1;
    const damageMu = eventDamageMu[ev] as number;
    const damageSigma = eventDamageSigma[ev] as number;
    for (let j = 0; j < events; j++) {
      const intensity =
        sigma > 0 ? Math.exp((eventIntensityMu[ev] as number) + sigma * normalQuantile(stream.next())) : 1;
      let chance = (eventHitProbability[ev] as number) * intensity;
      if (chance > 1) chance = 1;
      const slot = newSlot(e);
      if (!(chance > 0)) continue;
      const logMiss = chance < 1 ? Math.log1p(-chance) : 0;
      let position = -1;
      for (;;) {
        position += chance < 1 ? 1 + Math.floor(Math.log(stream.next()) / logMiss) : 1;
        if (position >= total) break;
        let index: number;
        let member = 0;
        if (singles) {
          index = position;
        } else {
          // The last unit whose first member is at or before the position.
          let lo = 0;
          let hi = footprintLength - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >>> 1;
            if ((footprintCumulative[cumulativeFirst + mid] as number) <= position) lo = mid;
            else hi = mid - 1;
          }
          index = lo;
          member = position - (footprintCumulative[cumulativeFirst + lo] as number);
        }
        const unit = footprintUnit[footprintFirst + index] as number;
        let damage = Math.exp(damageMu + damageSigma * normalQuantile(stream.next())) * intensity;
        if (damage > 1) damage = 1;
        const trackBase = unitTrackBase[unit] as number;
        if (e.occCount === e.capacity) grow(e);
        const o = e.occCount++;
        e.occUnit[o] = unit;
        e.occTrack[o] = trackBase >= 0 ? trackBase + member : -1;
        e.occSlot[o] = slot;
        e.occGroundUp[o] = damage * (unitSumInsured[unit] as number);
      }
    }
  }
}

function simulateYear(e: Engine, year: number): void {
  e.occCount = 0;
  e.slotCount = 0;
  drawSegments(e, year);
  drawEvents(e, year);
  e.losses += e.occCount;
  e.fin.settleYear(year, e.occCount, e.slotCount, e.groundUpOnly);
}
