import type { CompiledPortfolio } from '../model/compile.ts';
import { EngineModule } from './engine-module.ts';

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
 * The year runs in WebAssembly (assembly/year.ts, compiled by AssemblyScript; engine-module.ts holds an
 * instance with the portfolio in its memory). All state lives in that memory, laid out when the engine is
 * created (the occurrence arrays double when a year has more losses than any before): simulating
 * allocates nothing per loss.
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

export function createYearEngine(portfolio: CompiledPortfolio, options: YearEngineOptions): YearEngine {
  const engine = new EngineModule(portfolio, {
    seedLow: options.seedLow,
    seedHigh: options.seedHigh,
    groundUpOnly: options.groundUpOnly === true,
  });
  const P = portfolio.perspectiveCount;
  let losses = 0;
  return {
    simulate(from, to, annual, maxOccurrence, rowBase) {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > 0x7fffffff) {
        throw new RangeError(`years ${from} … ${to} are not a range of year numbers`);
      }
      if ((to - rowBase) * P > annual.length || from - rowBase < 0) {
        throw new RangeError(`years ${from} … ${to} do not fit the result arrays from row ${rowBase}`);
      }
      for (let year = from; year < to; year++) {
        losses += engine.simulateYear(year);
        const row = (year - rowBase) * P;
        annual.set(engine.yearAnnual(), row);
        maxOccurrence.set(engine.yearMax(), row);
      }
    },
    get losses() {
      return losses;
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
  const engine = new EngineModule(portfolio, { seedLow: 0, seedHigh: 0, groundUpOnly: false });
  engine.clearScenario();
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
      slot = slots.get(event) ?? engine.addEvent();
      slots.set(event, slot);
    }
    const trackBase = portfolio.unitTrackBase[unit] as number;
    engine.addOccurrence(
      unit,
      trackBase >= 0 ? trackBase + member : -1,
      slot,
      Math.min(loss.groundUp, portfolio.unitSumInsured[unit] as number),
    );
  }
  engine.settleScenario();
  return {
    annual: Float64Array.from(engine.yearAnnual()),
    maxOccurrence: Float64Array.from(engine.yearMax()),
  };
}
