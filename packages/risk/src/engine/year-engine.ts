import { normalQuantile } from '../distributions/normal.ts';
import { GAMMA, gammaStandard, SEVERITY_LOGNORMAL, SEVERITY_PARETO } from '../distributions/severity.ts';
import {
  type CompiledPortfolio,
  OP_CATASTROPHE_XL,
  OP_EXCESS_OF_LOSS,
  OP_QUOTA_SHARE,
  OP_STOP_LOSS,
  OP_SURPLUS,
} from '../model/compile.ts';
import { DrawStream } from '../random/draw-stream.ts';

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

/** The state of one engine: the compiled portfolio, its seed, and the scratch of the year being simulated. */
class Engine {
  readonly pf: CompiledPortfolio;
  readonly groundUpOnly: boolean;
  readonly stream: DrawStream;
  capacity = 1024;
  occUnit = new Int32Array(1024);
  occTrack = new Int32Array(1024);
  occSlot = new Int32Array(1024);
  occGroundUp = new Float64Array(1024);
  occLoss = new Float64Array(1024);
  occCount = 0;
  /** Event occurrences: one row of P accumulators each. */
  slotCapacity = 16;
  slotAcc: Float64Array;
  slotCount = 0;
  /** Annual aggregates of tracked risks, reset lazily by a stamp of the year. */
  readonly trackTotal: Float64Array;
  readonly trackStamp: Int32Array;
  /** Aggregate limits of layers used so far this year. */
  readonly layerUsed: Float64Array;
  readonly yearAnnual: Float64Array;
  readonly yearMax: Float64Array;
  /** Reinsurers' part of the current attritional claim (a reinsurer may sit behind several co-insurers). */
  readonly reOcc: Float64Array;
  readonly reMark: Int32Array;
  readonly reTouched: Int32Array;
  claimId = 0;
  losses = 0;
  currentYear = -1;

  constructor(pf: CompiledPortfolio, options: YearEngineOptions) {
    this.pf = pf;
    this.groundUpOnly = options.groundUpOnly === true;
    this.stream = new DrawStream(options.seedLow, options.seedHigh);
    const P = pf.perspectiveCount;
    this.slotAcc = new Float64Array(this.slotCapacity * P);
    this.trackTotal = new Float64Array(pf.trackedMembers);
    this.trackStamp = new Int32Array(pf.trackedMembers).fill(-1);
    this.layerUsed = new Float64Array(pf.layerAttachment.length);
    this.yearAnnual = new Float64Array(P);
    this.yearMax = new Float64Array(P);
    this.reOcc = new Float64Array(pf.reinsurerCount);
    this.reMark = new Int32Array(pf.reinsurerCount).fill(-1);
    this.reTouched = new Int32Array(pf.reinsurerCount);
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
        annual.set(engine.yearAnnual, row);
        maxOccurrence.set(engine.yearMax, row);
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
  e.currentYear = 0;
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
  applyTerms(e);
  settle(e);
  closeEvents(e);
  closeYear(e);
  return { annual: Float64Array.from(e.yearAnnual), maxOccurrence: Float64Array.from(e.yearMax) };
}

function grow(e: Engine): void {
  e.capacity *= 2;
  const unit = new Int32Array(e.capacity);
  unit.set(e.occUnit);
  e.occUnit = unit;
  const track = new Int32Array(e.capacity);
  track.set(e.occTrack);
  e.occTrack = track;
  const slot = new Int32Array(e.capacity);
  slot.set(e.occSlot);
  e.occSlot = slot;
  const groundUp = new Float64Array(e.capacity);
  groundUp.set(e.occGroundUp);
  e.occGroundUp = groundUp;
  e.occLoss = new Float64Array(e.capacity);
}

function newSlot(e: Engine): number {
  const P = e.pf.perspectiveCount;
  if (e.slotCount === e.slotCapacity) {
    e.slotCapacity *= 2;
    const acc = new Float64Array(e.slotCapacity * P);
    acc.set(e.slotAcc);
    e.slotAcc = acc;
  }
  const base = e.slotCount * P;
  e.slotAcc.fill(0, base, base + P);
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

/** Ground-up only: each occurrence's loss into the year and its occurrence (a claim, or its event's row). */
function collectGroundUp(e: Engine): void {
  const P = e.pf.perspectiveCount;
  const { occGroundUp, occSlot, yearAnnual, yearMax, slotAcc } = e;
  const count = e.occCount;
  let annual = yearAnnual[0] as number;
  let largest = yearMax[0] as number;
  for (let o = 0; o < count; o++) {
    const groundUp = occGroundUp[o] as number;
    const slot = occSlot[o] as number;
    annual += groundUp;
    if (slot < 0) {
      if (groundUp > largest) largest = groundUp;
    } else {
      slotAcc[slot * P] = (slotAcc[slot * P] as number) + groundUp;
    }
  }
  yearAnnual[0] = annual;
  yearMax[0] = largest;
}

/** Step 1 of the terms — sections, deductible, limit, event sublimit — and each risk's annual total. */
function applyTerms(e: Engine): void {
  const pf = e.pf;
  const {
    unitSectionCount,
    unitSectionStart,
    sectionFraction,
    sectionDeductible,
    sectionLimit,
    unitDeductible,
    unitLimit,
    unitEventSublimit,
  } = pf;
  const { occUnit, occTrack, occSlot, occGroundUp, occLoss, trackTotal, trackStamp } = e;
  const year = e.currentYear;
  const count = e.occCount;
  for (let o = 0; o < count; o++) {
    const unit = occUnit[o] as number;
    const groundUp = occGroundUp[o] as number;
    let loss = groundUp;
    const sections = unitSectionCount[unit] as number;
    if (sections > 0) {
      loss = 0;
      const first = unitSectionStart[unit] as number;
      for (let s = first; s < first + sections; s++) {
        let part = groundUp * (sectionFraction[s] as number) - (sectionDeductible[s] as number);
        if (part > 0) {
          const sublimit = sectionLimit[s] as number;
          if (part > sublimit) part = sublimit;
          loss += part;
        }
      }
    }
    loss -= unitDeductible[unit] as number;
    if (loss < 0) loss = 0;
    const limit = unitLimit[unit] as number;
    if (loss > limit) loss = limit;
    if ((occSlot[o] as number) >= 0) {
      const sublimit = unitEventSublimit[unit] as number;
      if (loss > sublimit) loss = sublimit;
    }
    occLoss[o] = loss;
    const t = occTrack[o] as number;
    if (t >= 0) {
      if (trackStamp[t] !== year) {
        trackStamp[t] = year;
        trackTotal[t] = 0;
      }
      trackTotal[t] = (trackTotal[t] as number) + loss;
    }
  }
}

/**
 * Step 2 for every occurrence: the aggregate limit (pro rata), the perspectives, each co-insurer's line
 * and its treaties in inuring order — per-risk ones, then for a claim (its own occurrence) the
 * catastrophe layers; an event's catastrophe layers wait for the event's total (closeEvents).
 */
function settle(e: Engine): void {
  const pf = e.pf;
  const {
    perspectiveCount: P,
    perspectiveClass: pClass,
    perspectivePool: pPool,
    perspectiveInsurerGross: pGross,
    perspectiveInsurerNet: pNet,
    perspectiveReinsurer: pRe,
    unitAggregateLimit,
    unitClass,
    unitPool,
    unitLineStart,
    unitLineCount,
    lineInsurer,
    lineShare,
    lineFractionStart,
    lineFraction,
    insurerOpStart,
    insurerOpCount,
    opKind,
    opLayerStart,
    opLayerCount,
    layerAttachment,
    layerLimit,
    layerAggregateLimit,
    layerPlaced,
    layerPartStart,
    layerPartCount,
    partReinsurer,
    partFraction,
  } = pf;
  const {
    occUnit,
    occLoss,
    occTrack,
    occGroundUp,
    occSlot,
    trackTotal,
    yearAnnual,
    yearMax,
    layerUsed,
    reOcc,
    reMark,
    reTouched,
  } = e;
  const slotAcc = e.slotAcc;
  const count = e.occCount;
  for (let o = 0; o < count; o++) {
    const unit = occUnit[o] as number;
    let loss = occLoss[o] as number;
    const track = occTrack[o] as number;
    if (track >= 0) {
      const total = trackTotal[track] as number;
      const aggregate = unitAggregateLimit[unit] as number;
      if (total > aggregate) loss *= aggregate / total;
    }
    const groundUp = occGroundUp[o] as number;
    const slot = occSlot[o] as number;
    const claim = slot < 0;
    const base = claim ? -1 : slot * P;
    const cls = pClass + (unitClass[unit] as number);
    const pool = unitPool[unit] as number;
    yearAnnual[0] = (yearAnnual[0] as number) + groundUp;
    yearAnnual[1] = (yearAnnual[1] as number) + loss;
    yearAnnual[cls] = (yearAnnual[cls] as number) + loss;
    if (pool >= 0) yearAnnual[pPool + pool] = (yearAnnual[pPool + pool] as number) + loss;
    let claimId = 0;
    let touched = 0;
    if (claim) {
      claimId = ++e.claimId;
      if (groundUp > (yearMax[0] as number)) yearMax[0] = groundUp;
      if (loss > (yearMax[1] as number)) yearMax[1] = loss;
      if (loss > (yearMax[cls] as number)) yearMax[cls] = loss;
      if (pool >= 0 && loss > (yearMax[pPool + pool] as number)) yearMax[pPool + pool] = loss;
    } else {
      slotAcc[base] = (slotAcc[base] as number) + groundUp;
      slotAcc[base + 1] = (slotAcc[base + 1] as number) + loss;
      slotAcc[base + cls] = (slotAcc[base + cls] as number) + loss;
      if (pool >= 0) slotAcc[base + pPool + pool] = (slotAcc[base + pPool + pool] as number) + loss;
    }
    const lineFirst = unitLineStart[unit] as number;
    const lineEnd = lineFirst + (unitLineCount[unit] as number);
    for (let l = lineFirst; l < lineEnd; l++) {
      const insurer = lineInsurer[l] as number;
      const gross = loss * (lineShare[l] as number);
      yearAnnual[pGross + insurer] = (yearAnnual[pGross + insurer] as number) + gross;
      if (claim) {
        if (gross > (yearMax[pGross + insurer] as number)) yearMax[pGross + insurer] = gross;
      } else {
        slotAcc[base + pGross + insurer] = (slotAcc[base + pGross + insurer] as number) + gross;
      }
      let net = gross;
      const opFirst = insurerOpStart[insurer] as number;
      const opEnd = opFirst + (insurerOpCount[insurer] as number);
      const fractions = (lineFractionStart[l] as number) - opFirst;
      for (let op = opFirst; op < opEnd; op++) {
        const kind = opKind[op] as number;
        if (kind === OP_STOP_LOSS || (kind === OP_CATASTROPHE_XL && !claim)) break;
        const layerFirst = opLayerStart[op] as number;
        if (kind === OP_QUOTA_SHARE || kind === OP_SURPLUS) {
          // Proportional: the operation's fraction of the net, to its one layer's reinsurers.
          const fraction = lineFraction[fractions + op] as number;
          if (!(fraction > 0)) continue;
          const amount = net * fraction;
          const partEnd = (layerPartStart[layerFirst] as number) + (layerPartCount[layerFirst] as number);
          for (let k = layerPartStart[layerFirst] as number; k < partEnd; k++) {
            const r = partReinsurer[k] as number;
            const value = amount * (partFraction[k] as number);
            yearAnnual[pRe + r] = (yearAnnual[pRe + r] as number) + value;
            if (claim) {
              if (reMark[r] !== claimId) {
                reMark[r] = claimId;
                reOcc[r] = 0;
                reTouched[touched++] = r;
              }
              reOcc[r] = (reOcc[r] as number) + value;
            } else {
              slotAcc[base + pRe + r] = (slotAcc[base + pRe + r] as number) + value;
            }
          }
          net -= amount * (layerPlaced[layerFirst] as number);
          continue;
        }
        // Excess of loss: the layers side by side on the same net (a per-risk treaty: if it covers the class).
        if (kind === OP_EXCESS_OF_LOSS && !((lineFraction[fractions + op] as number) > 0)) continue;
        const layerEnd = layerFirst + (opLayerCount[op] as number);
        let ceded = 0;
        for (let layer = layerFirst; layer < layerEnd; layer++) {
          let amount = net - (layerAttachment[layer] as number);
          if (amount <= 0) continue;
          const limit = layerLimit[layer] as number;
          if (amount > limit) amount = limit;
          const aggregate = layerAggregateLimit[layer] as number;
          if (aggregate < Number.POSITIVE_INFINITY) {
            const left = aggregate - (layerUsed[layer] as number);
            if (amount > left) amount = left;
            if (amount <= 0) continue;
            layerUsed[layer] = (layerUsed[layer] as number) + amount;
          }
          const partEnd = (layerPartStart[layer] as number) + (layerPartCount[layer] as number);
          for (let k = layerPartStart[layer] as number; k < partEnd; k++) {
            const r = partReinsurer[k] as number;
            const value = amount * (partFraction[k] as number);
            yearAnnual[pRe + r] = (yearAnnual[pRe + r] as number) + value;
            if (claim) {
              if (reMark[r] !== claimId) {
                reMark[r] = claimId;
                reOcc[r] = 0;
                reTouched[touched++] = r;
              }
              reOcc[r] = (reOcc[r] as number) + value;
            } else {
              slotAcc[base + pRe + r] = (slotAcc[base + pRe + r] as number) + value;
            }
          }
          ceded += amount * (layerPlaced[layer] as number);
        }
        net -= ceded;
        if (net < 0) net = 0;
      }
      if (claim) {
        yearAnnual[pNet + insurer] = (yearAnnual[pNet + insurer] as number) + net;
        if (net > (yearMax[pNet + insurer] as number)) yearMax[pNet + insurer] = net;
      } else {
        slotAcc[base + pNet + insurer] = (slotAcc[base + pNet + insurer] as number) + net;
      }
    }
    for (let k = 0; k < touched; k++) {
      const r = reTouched[k] as number;
      const value = reOcc[r] as number;
      if (value > (yearMax[pRe + r] as number)) yearMax[pRe + r] = value;
    }
  }
}

/** Insurer i's catastrophe layers on its net of one event (row `base`); the net goes back into the row. */
function catastropheLayers(e: Engine, insurer: number, base: number): void {
  const pf = e.pf;
  const {
    opKind,
    opLayerStart,
    opLayerCount,
    layerAttachment,
    layerLimit,
    layerAggregateLimit,
    layerPlaced,
  } = pf;
  const { layerPartStart, layerPartCount, partReinsurer, partFraction } = pf;
  const pNet = pf.perspectiveInsurerNet;
  const pRe = pf.perspectiveReinsurer;
  const { yearAnnual, layerUsed } = e;
  const slotAcc = e.slotAcc;
  let net = slotAcc[base + pNet + insurer] as number;
  const end = (pf.insurerOpStart[insurer] as number) + (pf.insurerOpCount[insurer] as number);
  for (
    let op = (pf.insurerOpStart[insurer] as number) + (pf.insurerRiskOps[insurer] as number);
    op < end;
    op++
  ) {
    if (opKind[op] !== OP_CATASTROPHE_XL) break;
    let ceded = 0;
    const layerEnd = (opLayerStart[op] as number) + (opLayerCount[op] as number);
    for (let layer = opLayerStart[op] as number; layer < layerEnd; layer++) {
      let amount = net - (layerAttachment[layer] as number);
      if (amount <= 0) continue;
      const limit = layerLimit[layer] as number;
      if (amount > limit) amount = limit;
      const aggregate = layerAggregateLimit[layer] as number;
      if (aggregate < Number.POSITIVE_INFINITY) {
        const left = aggregate - (layerUsed[layer] as number);
        if (amount > left) amount = left;
        if (amount <= 0) continue;
        layerUsed[layer] = (layerUsed[layer] as number) + amount;
      }
      const partEnd = (layerPartStart[layer] as number) + (layerPartCount[layer] as number);
      for (let k = layerPartStart[layer] as number; k < partEnd; k++) {
        const r = partReinsurer[k] as number;
        const value = amount * (partFraction[k] as number);
        yearAnnual[pRe + r] = (yearAnnual[pRe + r] as number) + value;
        slotAcc[base + pRe + r] = (slotAcc[base + pRe + r] as number) + value;
      }
      ceded += amount * (layerPlaced[layer] as number);
    }
    net -= ceded;
    if (net < 0) net = 0;
  }
  slotAcc[base + pNet + insurer] = net;
}

/** Catastrophe layers on each event's net per insurer, then every perspective's occurrence of the event. */
function closeEvents(e: Engine): void {
  const pf = e.pf;
  const P = pf.perspectiveCount;
  const pNet = pf.perspectiveInsurerNet;
  const { yearAnnual, yearMax } = e;
  for (let slot = 0; slot < e.slotCount; slot++) {
    const base = slot * P;
    if (!e.groundUpOnly) {
      for (let i = 0; i < pf.insurerCount; i++) {
        if (!((e.slotAcc[base + pNet + i] as number) > 0)) continue;
        catastropheLayers(e, i, base);
        yearAnnual[pNet + i] = (yearAnnual[pNet + i] as number) + (e.slotAcc[base + pNet + i] as number);
      }
    }
    const slotAcc = e.slotAcc;
    for (let p = 0; p < P; p++) {
      const value = slotAcc[base + p] as number;
      if (value > (yearMax[p] as number)) yearMax[p] = value;
    }
  }
}

/** Stop-loss on each insurer's net of the year. */
function closeYear(e: Engine): void {
  if (e.groundUpOnly) return;
  const pf = e.pf;
  const pNet = pf.perspectiveInsurerNet;
  const pRe = pf.perspectiveReinsurer;
  const yearAnnual = e.yearAnnual;
  for (let i = 0; i < pf.insurerCount; i++) {
    const end = (pf.insurerOpStart[i] as number) + (pf.insurerOpCount[i] as number);
    for (let op = (pf.insurerOpStart[i] as number) + (pf.insurerRiskOps[i] as number); op < end; op++) {
      if (pf.opKind[op] !== OP_STOP_LOSS) continue;
      const layer = pf.opLayerStart[op] as number;
      const subject = yearAnnual[pNet + i] as number;
      let recovery = subject - (pf.layerAttachment[layer] as number);
      if (recovery <= 0) continue;
      const limit = pf.layerLimit[layer] as number;
      if (recovery > limit) recovery = limit;
      const first = pf.layerPartStart[layer] as number;
      const parts = first + (pf.layerPartCount[layer] as number);
      for (let k = first; k < parts; k++) {
        const r = pf.partReinsurer[k] as number;
        yearAnnual[pRe + r] = (yearAnnual[pRe + r] as number) + recovery * (pf.partFraction[k] as number);
      }
      yearAnnual[pNet + i] = subject - recovery * (pf.layerPlaced[layer] as number);
    }
  }
  if (pf.ripCount > 0) reinstatementPremiums(e);
}

/**
 * The reinstatement premiums of the year, once per layer that carries them, from its recoveries of the
 * year U (layerUsed: every occurrence's recovery, placed or not) and its limit L: premium ×
 * Σ_k rate_k × clamp(U − (k − 1)·L, 0, L) / L, pro rata as to amount. The insurer pays its placed part
 * (Σ of the layer's shares), each reinsurer its share; the losses of the year are left as they are.
 */
function reinstatementPremiums(e: Engine): void {
  const pf = e.pf;
  const {
    ripCount,
    ripLayer,
    ripInsurer,
    ripPremium,
    ripRateStart,
    ripRateCount,
    ripRate,
    insurerRipPerspective,
    reinsurerRipPerspective,
    layerLimit,
    layerPlaced,
    layerPartStart,
    layerPartCount,
    partReinsurer,
    partFraction,
  } = pf;
  const { yearAnnual, layerUsed } = e;
  for (let j = 0; j < ripCount; j++) {
    const layer = ripLayer[j] as number;
    const used = layerUsed[layer] as number;
    if (!(used > 0)) continue;
    const limit = layerLimit[layer] as number;
    const first = ripRateStart[j] as number;
    const end = first + (ripRateCount[j] as number);
    let reinstated = 0;
    let below = 0;
    for (let k = first; k < end; k++) {
      let part = used - below;
      if (part <= 0) break;
      if (part > limit) part = limit;
      reinstated += (ripRate[k] as number) * part;
      below += limit;
    }
    const premium = ((ripPremium[j] as number) * reinstated) / limit;
    if (!(premium > 0)) continue;
    const insurer = insurerRipPerspective[ripInsurer[j] as number] as number;
    yearAnnual[insurer] = (yearAnnual[insurer] as number) + premium * (layerPlaced[layer] as number);
    const partEnd = (layerPartStart[layer] as number) + (layerPartCount[layer] as number);
    for (let k = layerPartStart[layer] as number; k < partEnd; k++) {
      const r = reinsurerRipPerspective[partReinsurer[k] as number] as number;
      yearAnnual[r] = (yearAnnual[r] as number) + premium * (partFraction[k] as number);
    }
  }
}

function simulateYear(e: Engine, year: number): void {
  e.currentYear = year;
  e.occCount = 0;
  e.slotCount = 0;
  e.yearAnnual.fill(0);
  e.yearMax.fill(0);
  e.layerUsed.fill(0);
  // Claim numbers mark which reinsurers a claim touched; they restart every year, so they never wrap.
  e.claimId = 0;
  e.reMark.fill(-1);
  drawSegments(e, year);
  drawEvents(e, year);
  e.losses += e.occCount;
  if (e.groundUpOnly) {
    collectGroundUp(e);
  } else {
    applyTerms(e);
    settle(e);
  }
  closeEvents(e);
  closeYear(e);
}
