// The year engine in WebAssembly: the entry of the module `npm run wasm -w @kebao/risk` compiles into
// src/engine/engine-wasm.ts. engine/engine-module.ts lays a compiled portfolio out in its memory (the
// globals of portfolio.ts, by name), then asks for years one at a time; engine/year-engine.ts documents
// what a year is. Nothing here allocates per loss: the scratch is laid out once and moves, doubled, only
// when a year has more losses or events than any before.
import { drawEvents, drawSegments, newSlot, occurrences, push, resetYear, slots } from './draws';
import { settleYear } from './financial';
import { groundUpOnly, layOutScratch } from './portfolio';

export { allocate } from './memory';
export { normalQuantile } from './normal';
export * from './portfolio';
export { fill } from './random';

/** Lays out the scratch, once the portfolio is in place. */
export function init(trackedMembers: i32): void {
  layOutScratch(trackedMembers);
}

/** Simulates year `year`: its annual loss and largest occurrence per perspective in yearAnnual and yearMax. Returns its losses. */
export function simulateYear(year: u32): i32 {
  resetYear();
  drawSegments(year);
  drawEvents(year);
  settleYear(<i32>year, occurrences, slots, groundUpOnly !== 0);
  return occurrences;
}

/** A hand-made year (settleScenario): clears it, then takes occurrences and events one at a time. */
export function clearScenario(): void {
  resetYear();
}

export function addOccurrence(unit: i32, track: i32, slot: i32, groundUp: f64): void {
  push(unit, track, slot, groundUp);
}

export function addEvent(): i32 {
  return newSlot();
}

/** Settles the hand-made year as year 0, through every pass a simulated year goes through. */
export function settleScenario(): void {
  settleYear(0, occurrences, slots, false);
}
