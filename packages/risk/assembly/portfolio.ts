// biome-ignore-all lint/style/useConst: the globals are set from JavaScript (WebAssembly.Global).
import { allocate } from './memory';

// The compiled portfolio (model/compile.ts) as this module sees it: its counts, and the byte address of
// each of its arrays, which the JavaScript side (engine/engine-module.ts) copies into the memory and
// points these globals at, by the same names. Then the engine's scratch, laid out the same way.

// The seed's two key words (random.ts).
export let key0: u32 = 0;
export let key1: u32 = 0;

// Perspectives and counts.
export let perspectiveCount: i32 = 0;
export let perspectiveClass: i32 = 0;
export let perspectivePool: i32 = 0;
export let perspectiveInsurerGross: i32 = 0;
export let perspectiveInsurerNet: i32 = 0;
export let perspectiveReinsurer: i32 = 0;
export let insurerCount: i32 = 0;
export let reinsurerCount: i32 = 0;
export let layerCount: i32 = 0;
export let ripCount: i32 = 0;
export let segmentCount: i32 = 0;
export let eventCount: i32 = 0;

// Only the ground-up perspective (no terms, shares or reinsurance): 1, else 0.
export let groundUpOnly: i32 = 0;

// The draws: count and alias tables, risks, severities, event sets and their footprints.
export let segmentTableStart: usize = 0;
export let segmentTableLength: usize = 0;
export let segmentAliasStart: usize = 0;
export let segmentAliasLength: usize = 0;
export let aliasProbability: usize = 0;
export let aliasPrimary: usize = 0;
export let aliasSecondary: usize = 0;
export let unitMembers: usize = 0;
export let unitTrackBase: usize = 0;
export let unitSeverityScale: usize = 0;
export let unitSumInsured: usize = 0;
export let classSeverityKind: usize = 0;
export let classSeverityA: usize = 0;
export let classSeverityB: usize = 0;
export let classSeverityC: usize = 0;
export let classSeverityE: usize = 0;
export let countCdf: usize = 0;
export let countGuide: usize = 0;
export let eventTableStart: usize = 0;
export let eventTableLength: usize = 0;
export let eventIntensityMu: usize = 0;
export let eventIntensitySigma: usize = 0;
export let eventHitProbability: usize = 0;
export let eventDamageMu: usize = 0;
export let eventDamageSigma: usize = 0;
export let eventFootprintStart: usize = 0;
export let eventFootprintLength: usize = 0;
export let eventCumulativeStart: usize = 0;
export let footprintUnit: usize = 0;
export let footprintCumulative: usize = 0;
export let eventSingles: usize = 0;

// The terms, lines and reinsurance programmes.
export let unitClass: usize = 0;
export let unitPool: usize = 0;
export let unitDeductible: usize = 0;
export let unitLimit: usize = 0;
export let unitAggregateLimit: usize = 0;
export let unitEventSublimit: usize = 0;
export let unitSectionStart: usize = 0;
export let unitSectionCount: usize = 0;
export let sectionFraction: usize = 0;
export let sectionDeductible: usize = 0;
export let sectionLimit: usize = 0;
export let unitLineStart: usize = 0;
export let unitLineCount: usize = 0;
export let lineInsurer: usize = 0;
export let lineShare: usize = 0;
export let lineFractionStart: usize = 0;
export let lineFraction: usize = 0;
export let insurerOpStart: usize = 0;
export let insurerOpCount: usize = 0;
export let insurerRiskOps: usize = 0;
export let opKind: usize = 0;
export let opLayerStart: usize = 0;
export let opLayerCount: usize = 0;
export let layerAttachment: usize = 0;
export let layerLimit: usize = 0;
export let layerAggregateLimit: usize = 0;
export let layerPlaced: usize = 0;
export let layerPartStart: usize = 0;
export let layerPartCount: usize = 0;
export let partReinsurer: usize = 0;
export let partFraction: usize = 0;
export let ripLayer: usize = 0;
export let ripInsurer: usize = 0;
export let ripPremium: usize = 0;
export let ripRateStart: usize = 0;
export let ripRateCount: usize = 0;
export let ripRate: usize = 0;
export let insurerRipPerspective: usize = 0;
export let reinsurerRipPerspective: usize = 0;

// The scratch of the year: its occurrences (room for occurrenceCapacity) and event rows (slotCapacity
// rows of perspectiveCount), tracked risks' annual totals and the year stamp that resets them, layers'
// used aggregates, the year's annual loss and largest occurrence per perspective, and the reinsurers an
// attritional claim touched.
export let occUnit: usize = 0;
export let occTrack: usize = 0;
export let occSlot: usize = 0;
export let occGroundUp: usize = 0;
export let occLoss: usize = 0;
export let slotAcc: usize = 0;
export let trackTotal: usize = 0;
export let trackStamp: usize = 0;
export let layerUsed: usize = 0;
export let yearAnnual: usize = 0;
export let yearMax: usize = 0;
export let reOcc: usize = 0;
export let reMark: usize = 0;
export let reTouched: usize = 0;
export let occurrenceCapacity: i32 = 0;
export let slotCapacity: i32 = 0;

/** Lays out the scratch, once the portfolio is in place: room for 1,024 occurrences and 16 events. */
export function layOutScratch(trackedMembers: i32): void {
  trackTotal = allocate((<usize>trackedMembers) << 3);
  trackStamp = allocate((<usize>trackedMembers) << 2);
  memory.fill(trackStamp, 0xff, (<usize>trackedMembers) << 2);
  layerUsed = allocate((<usize>layerCount) << 3);
  yearAnnual = allocate((<usize>perspectiveCount) << 3);
  yearMax = allocate((<usize>perspectiveCount) << 3);
  reOcc = allocate((<usize>reinsurerCount) << 3);
  reMark = allocate((<usize>reinsurerCount) << 2);
  reTouched = allocate((<usize>reinsurerCount) << 2);
  occurrenceCapacity = 0;
  growOccurrences(0);
  slotCapacity = 0;
  growSlots();
}

/** Moves the occurrence arrays to twice the room (1,024 at first), keeping the first `keep` occurrences. */
export function growOccurrences(keep: i32): void {
  const capacity = <usize>max(1024, occurrenceCapacity * 2);
  const count = <usize>keep;
  occUnit = move(occUnit, count << 2, capacity << 2);
  occTrack = move(occTrack, count << 2, capacity << 2);
  occSlot = move(occSlot, count << 2, capacity << 2);
  occGroundUp = move(occGroundUp, count << 3, capacity << 3);
  occLoss = allocate(capacity << 3);
  occurrenceCapacity = <i32>capacity;
}

/** Twice the room for event rows (16 at first); their contents are cleared when a year is settled. */
export function growSlots(): void {
  slotCapacity = max(16, slotCapacity * 2);
  slotAcc = allocate((<usize>slotCapacity * <usize>perspectiveCount) << 3);
}

function move(from: usize, used: usize, bytes: usize): usize {
  const to = allocate(bytes);
  memory.copy(to, from, used);
  return to;
}
