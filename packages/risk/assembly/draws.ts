// The draws of a simulated year (engine/year-engine.ts describes them): the attritional claims of every
// frequency segment and the events of every event set, as occurrences in the scratch.
import { b, f, n, setF, setN } from './memory';
import { gammaStandard, normalQuantile } from './normal';
import {
  aliasPrimary,
  aliasProbability,
  aliasSecondary,
  classSeverityA,
  classSeverityB,
  classSeverityC,
  classSeverityE,
  classSeverityKind,
  countCdf,
  countGuide,
  eventCount,
  eventCumulativeStart,
  eventDamageMu,
  eventDamageSigma,
  eventFootprintLength,
  eventFootprintStart,
  eventHitProbability,
  eventIntensityMu,
  eventIntensitySigma,
  eventSingles,
  eventTableLength,
  eventTableStart,
  footprintCumulative,
  footprintUnit,
  growOccurrences,
  growSlots,
  occGroundUp,
  occSlot,
  occTrack,
  occUnit,
  occurrenceCapacity,
  segmentAliasLength,
  segmentAliasStart,
  segmentCount,
  segmentTableLength,
  segmentTableStart,
  slotCapacity,
  unitClass,
  unitMembers,
  unitSeverityScale,
  unitSumInsured,
  unitTrackBase,
} from './portfolio';
import { Stream, start } from './random';

export const STREAM_SEGMENT: u32 = 0;
export const STREAM_EVENT: u32 = 1;
const SEVERITY_LOGNORMAL = 0;
const SEVERITY_PARETO = 1;

/** Occurrences and event rows of the year so far. */
export let occurrences = 0;
export let slots = 0;

/** A new year: no occurrences and no events yet. */
export function resetYear(): void {
  occurrences = 0;
  slots = 0;
}

/** One more occurrence of the year. */
export function push(unit: i32, track: i32, slot: i32, groundUp: f64): void {
  if (occurrences === occurrenceCapacity) growOccurrences(occurrences);
  const o = occurrences++;
  setN(occUnit, o, unit);
  setN(occTrack, o, track);
  setN(occSlot, o, slot);
  setF(occGroundUp, o, groundUp);
}

/** A new event row (settleYear clears the year's rows). */
export function newSlot(): i32 {
  if (slots === slotCapacity) growSlots();
  return slots++;
}

/** The count for uniform u from the table at `start` (its guide table has the same length). */
function invert(first: i32, length: i32, u: f64): i32 {
  let k = n(countGuide, first + <i32>Math.floor(u * <f64>length));
  while (f(countCdf, first + k) < u) k++;
  return k;
}

/** The attritional claims of every frequency segment, as occurrences with slot −1. */
export function drawSegments(year: u32): void {
  for (let s = 0; s < segmentCount; s++) {
    start(year, STREAM_SEGMENT, <u32>s);
    const claims = invert(n(segmentTableStart, s), n(segmentTableLength, s), Stream.next());
    const aliasFirst = n(segmentAliasStart, s);
    const columns = n(segmentAliasLength, s);
    for (let c = 0; c < claims; c++) {
      const x = Stream.next() * <f64>columns;
      const column = Math.floor(x);
      const k = aliasFirst + <i32>column;
      const unit = x - column < f(aliasProbability, k) ? n(aliasPrimary, k) : n(aliasSecondary, k);
      const trackBase = f(unitTrackBase, unit);
      const members = f(unitMembers, unit);
      const member = members > 1 && trackBase >= 0 ? Math.floor(Stream.next() * members) : 0;
      const cls = n(unitClass, unit);
      const kind = n(classSeverityKind, cls);
      const a = f(classSeverityA, cls);
      let severity: f64;
      if (kind === SEVERITY_LOGNORMAL) {
        severity = Math.exp(a + f(classSeverityB, cls) * normalQuantile(Stream.next()));
      } else if (kind === SEVERITY_PARETO) {
        severity = a * Math.exp(-f(classSeverityB, cls) * Math.log(Stream.next()));
      } else {
        severity = a * gammaStandard(f(classSeverityB, cls), f(classSeverityC, cls), f(classSeverityE, cls));
      }
      let groundUp = severity * f(unitSeverityScale, unit);
      const sumInsured = f(unitSumInsured, unit);
      if (groundUp > sumInsured) groundUp = sumInsured;
      push(unit, trackBase >= 0 ? <i32>(trackBase + member) : -1, -1, groundUp);
    }
  }
}

/** The events of every event set and their hits, as occurrences with the event's slot. */
export function drawEvents(year: u32): void {
  for (let ev = 0; ev < eventCount; ev++) {
    start(year, STREAM_EVENT, <u32>ev);
    const events = invert(n(eventTableStart, ev), n(eventTableLength, ev), Stream.next());
    if (events === 0) continue;
    const sigma = f(eventIntensitySigma, ev);
    const footprintFirst = n(eventFootprintStart, ev);
    const footprintLength = n(eventFootprintLength, ev);
    const cumulativeFirst = n(eventCumulativeStart, ev);
    const total = f(footprintCumulative, cumulativeFirst + footprintLength);
    const singles = b(eventSingles, ev) === 1;
    const damageMu = f(eventDamageMu, ev);
    const damageSigma = f(eventDamageSigma, ev);
    for (let j = 0; j < events; j++) {
      const intensity =
        sigma > 0 ? Math.exp(f(eventIntensityMu, ev) + sigma * normalQuantile(Stream.next())) : 1;
      let chance = f(eventHitProbability, ev) * intensity;
      if (chance > 1) chance = 1;
      const slot = newSlot();
      if (!(chance > 0)) continue;
      const logMiss = chance < 1 ? Math.log1p(-chance) : 0;
      let position: f64 = -1;
      for (;;) {
        position += chance < 1 ? 1 + Math.floor(Math.log(Stream.next()) / logMiss) : 1;
        if (position >= total) break;
        let index: i32;
        let member: f64 = 0;
        if (singles) {
          index = <i32>position;
        } else {
          // The last unit whose first member is at or before the position.
          let lo = 0;
          let hi = footprintLength - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >>> 1;
            if (f(footprintCumulative, cumulativeFirst + mid) <= position) lo = mid;
            else hi = mid - 1;
          }
          index = lo;
          member = position - f(footprintCumulative, cumulativeFirst + lo);
        }
        const unit = n(footprintUnit, footprintFirst + index);
        let damage = Math.exp(damageMu + damageSigma * normalQuantile(Stream.next())) * intensity;
        if (damage > 1) damage = 1;
        const trackBase = f(unitTrackBase, unit);
        push(unit, trackBase >= 0 ? <i32>(trackBase + member) : -1, slot, damage * f(unitSumInsured, unit));
      }
    }
  }
}
