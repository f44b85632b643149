// The financial module of a simulated year (engine/year-engine.ts describes it): terms, aggregate
// limits, shares, per-risk and catastrophe treaties, stop-loss and reinstatement premiums, on the
// occurrences the draws wrote, in the order the engine's documentation gives.
import { f, n, setF, setN } from './memory';
import {
  insurerCount,
  insurerOpCount,
  insurerOpStart,
  insurerRipPerspective,
  insurerRiskOps,
  layerAggregateLimit,
  layerAttachment,
  layerCount,
  layerLimit,
  layerPartCount,
  layerPartStart,
  layerPlaced,
  layerUsed,
  lineFraction,
  lineFractionStart,
  lineInsurer,
  lineShare,
  occGroundUp,
  occLoss,
  occSlot,
  occTrack,
  occUnit,
  opKind,
  opLayerCount,
  opLayerStart,
  partFraction,
  partReinsurer,
  perspectiveClass,
  perspectiveCount,
  perspectiveInsurerGross,
  perspectiveInsurerNet,
  perspectivePool,
  perspectiveReinsurer,
  reinsurerCount,
  reinsurerRipPerspective,
  reMark,
  reOcc,
  reTouched,
  ripCount,
  ripInsurer,
  ripLayer,
  ripPremium,
  ripRate,
  ripRateCount,
  ripRateStart,
  sectionDeductible,
  sectionFraction,
  sectionLimit,
  slotAcc,
  trackStamp,
  trackTotal,
  unitAggregateLimit,
  unitClass,
  unitDeductible,
  unitEventSublimit,
  unitLimit,
  unitLineCount,
  unitLineStart,
  unitPool,
  unitSectionCount,
  unitSectionStart,
  yearAnnual,
  yearMax,
} from './portfolio';

const OP_QUOTA_SHARE: i32 = 0;
const OP_SURPLUS: i32 = 1;
const OP_EXCESS_OF_LOSS: i32 = 2;
const OP_CATASTROPHE_XL: i32 = 3;
const OP_STOP_LOSS: i32 = 4;

/**
 * The terms and reinsurance of year `year`, whose `occurrences` occurrences and `slots` event rows the
 * draws wrote: the year's annual loss and largest occurrence per perspective land in yearAnnual and
 * yearMax. Ground-up only: just the ground-up perspective.
 */
export function settleYear(year: i32, occurrences: i32, slots: i32, groundUpOnly: bool): void {
  const P = perspectiveCount;
  memory.fill(yearAnnual, 0, (<usize>P) << 3);
  memory.fill(yearMax, 0, (<usize>P) << 3);
  memory.fill(slotAcc, 0, (<usize>(slots * P)) << 3);
  memory.fill(layerUsed, 0, (<usize>layerCount) << 3);
  // Claim numbers mark which reinsurers a claim touched; they restart every year, so they never wrap.
  memory.fill(reMark, 0xff, (<usize>reinsurerCount) << 2);
  if (groundUpOnly) {
    collectGroundUp(occurrences);
  } else {
    applyTerms(year, occurrences);
    settle(occurrences);
  }
  closeEvents(slots, groundUpOnly);
  if (!groundUpOnly) closeYear();
}

/** Ground-up only: each occurrence's loss into the year and its occurrence (a claim, or its event's row). */
function collectGroundUp(count: i32): void {
  const P = perspectiveCount;
  let annual = f(yearAnnual, 0);
  let largest = f(yearMax, 0);
  for (let o = 0; o < count; o++) {
    const groundUp = f(occGroundUp, o);
    const slot = n(occSlot, o);
    annual += groundUp;
    if (slot < 0) {
      if (groundUp > largest) largest = groundUp;
    } else {
      setF(slotAcc, slot * P, f(slotAcc, slot * P) + groundUp);
    }
  }
  setF(yearAnnual, 0, annual);
  setF(yearMax, 0, largest);
}

/** Step 1 of the terms — sections, deductible, limit, event sublimit — and each risk's annual total. */
function applyTerms(year: i32, count: i32): void {
  for (let o = 0; o < count; o++) {
    const unit = n(occUnit, o);
    const groundUp = f(occGroundUp, o);
    let loss = groundUp;
    const sections = n(unitSectionCount, unit);
    if (sections > 0) {
      loss = 0;
      const first = n(unitSectionStart, unit);
      for (let s = first; s < first + sections; s++) {
        let part = groundUp * f(sectionFraction, s) - f(sectionDeductible, s);
        if (part > 0) {
          const sublimit = f(sectionLimit, s);
          if (part > sublimit) part = sublimit;
          loss += part;
        }
      }
    }
    loss -= f(unitDeductible, unit);
    if (loss < 0) loss = 0;
    const limit = f(unitLimit, unit);
    if (loss > limit) loss = limit;
    if (n(occSlot, o) >= 0) {
      const sublimit = f(unitEventSublimit, unit);
      if (loss > sublimit) loss = sublimit;
    }
    setF(occLoss, o, loss);
    const t = n(occTrack, o);
    if (t >= 0) {
      if (n(trackStamp, t) !== year) {
        setN(trackStamp, t, year);
        setF(trackTotal, t, 0);
      }
      setF(trackTotal, t, f(trackTotal, t) + loss);
    }
  }
}

/** What reinsurers take, as a class only so its hot path can be inlined (@inline). */
// biome-ignore lint/complexity/noStaticOnlyClass: @inline, which AssemblyScript honours on a method; TypeScript syntax has no decorators on functions
class Reinsurers {
  /** A reinsurer's part of a loss: into its annual loss, and its occurrence (the claim's, or the event row). */
  @inline
  static cede(r: i32, value: f64, claim: bool, claimId: i32, base: i32, touched: i32): i32 {
    const pRe = perspectiveReinsurer;
    setF(yearAnnual, pRe + r, f(yearAnnual, pRe + r) + value);
    if (claim) {
      if (n(reMark, r) !== claimId) {
        setN(reMark, r, claimId);
        setF(reOcc, r, 0);
        setN(reTouched, touched++, r);
      }
      setF(reOcc, r, f(reOcc, r) + value);
    } else {
      setF(slotAcc, base + pRe + r, f(slotAcc, base + pRe + r) + value);
    }
    return touched;
  }

  /** What a layer cedes, `amount`, to each of its reinsurers by its share; returns the touched count. */
  @inline
  static layer(layer: i32, amount: f64, claim: bool, claimId: i32, base: i32, touched: i32): i32 {
    const partFirst = n(layerPartStart, layer);
    const partEnd = partFirst + n(layerPartCount, layer);
    for (let k = partFirst; k < partEnd; k++) {
      touched = Reinsurers.cede(
        n(partReinsurer, k),
        amount * f(partFraction, k),
        claim,
        claimId,
        base,
        touched,
      );
    }
    return touched;
  }
}

// biome-ignore lint/complexity/noStaticOnlyClass: @inline, which AssemblyScript honours on a method; TypeScript syntax has no decorators on functions
class Layers {
  /**
   * What a non-proportional layer takes of `net`: above its attachment, up to its limit and to what is left
   * of its annual aggregate, which it uses up; 0 when nothing.
   */
  @inline
  static take(layer: i32, net: f64): f64 {
    let amount = net - f(layerAttachment, layer);
    if (amount <= 0) return 0;
    const limit = f(layerLimit, layer);
    if (amount > limit) amount = limit;
    const aggregate = f(layerAggregateLimit, layer);
    if (aggregate < Infinity) {
      const left = aggregate - f(layerUsed, layer);
      if (amount > left) amount = left;
      if (amount <= 0) return 0;
      setF(layerUsed, layer, f(layerUsed, layer) + amount);
    }
    return amount;
  }
}

/**
 * Step 2 for every occurrence: the aggregate limit (pro rata), the perspectives, each co-insurer's line
 * and its treaties in inuring order — per-risk ones, then for a claim (its own occurrence) the
 * catastrophe layers; an event's catastrophe layers wait for the event's total (closeEvents).
 */
function settle(count: i32): void {
  const P = perspectiveCount;
  const pClass = perspectiveClass;
  const pPool = perspectivePool;
  const pGross = perspectiveInsurerGross;
  const pNet = perspectiveInsurerNet;
  const pRe = perspectiveReinsurer;
  let claimId = 0;
  for (let o = 0; o < count; o++) {
    const unit = n(occUnit, o);
    let loss = f(occLoss, o);
    const track = n(occTrack, o);
    if (track >= 0) {
      const total = f(trackTotal, track);
      const aggregate = f(unitAggregateLimit, unit);
      if (total > aggregate) loss *= aggregate / total;
    }
    const groundUp = f(occGroundUp, o);
    const slot = n(occSlot, o);
    const claim = slot < 0;
    const base = claim ? -1 : slot * P;
    const cls = pClass + n(unitClass, unit);
    const pool = n(unitPool, unit);
    setF(yearAnnual, 0, f(yearAnnual, 0) + groundUp);
    setF(yearAnnual, 1, f(yearAnnual, 1) + loss);
    setF(yearAnnual, cls, f(yearAnnual, cls) + loss);
    if (pool >= 0) setF(yearAnnual, pPool + pool, f(yearAnnual, pPool + pool) + loss);
    let touched = 0;
    if (claim) {
      claimId++;
      if (groundUp > f(yearMax, 0)) setF(yearMax, 0, groundUp);
      if (loss > f(yearMax, 1)) setF(yearMax, 1, loss);
      if (loss > f(yearMax, cls)) setF(yearMax, cls, loss);
      if (pool >= 0 && loss > f(yearMax, pPool + pool)) setF(yearMax, pPool + pool, loss);
    } else {
      setF(slotAcc, base, f(slotAcc, base) + groundUp);
      setF(slotAcc, base + 1, f(slotAcc, base + 1) + loss);
      setF(slotAcc, base + cls, f(slotAcc, base + cls) + loss);
      if (pool >= 0) setF(slotAcc, base + pPool + pool, f(slotAcc, base + pPool + pool) + loss);
    }
    const lineFirst = n(unitLineStart, unit);
    const lineEnd = lineFirst + n(unitLineCount, unit);
    for (let l = lineFirst; l < lineEnd; l++) {
      const insurer = n(lineInsurer, l);
      const gross = loss * f(lineShare, l);
      setF(yearAnnual, pGross + insurer, f(yearAnnual, pGross + insurer) + gross);
      if (claim) {
        if (gross > f(yearMax, pGross + insurer)) setF(yearMax, pGross + insurer, gross);
      } else {
        setF(slotAcc, base + pGross + insurer, f(slotAcc, base + pGross + insurer) + gross);
      }
      let net = gross;
      const opFirst = n(insurerOpStart, insurer);
      const opEnd = opFirst + n(insurerOpCount, insurer);
      const fractions = n(lineFractionStart, l) - opFirst;
      for (let op = opFirst; op < opEnd; op++) {
        const kind = n(opKind, op);
        if (kind === OP_STOP_LOSS || (kind === OP_CATASTROPHE_XL && !claim)) break;
        const layerFirst = n(opLayerStart, op);
        if (kind === OP_QUOTA_SHARE || kind === OP_SURPLUS) {
          // Proportional: the operation's fraction of the net, to its one layer's reinsurers.
          const fraction = f(lineFraction, fractions + op);
          if (!(fraction > 0)) continue;
          const amount = net * fraction;
          touched = Reinsurers.layer(layerFirst, amount, claim, claimId, base, touched);
          net -= amount * f(layerPlaced, layerFirst);
          continue;
        }
        // Excess of loss: the layers side by side on the same net (a per-risk treaty: if it covers the class).
        if (kind === OP_EXCESS_OF_LOSS && !(f(lineFraction, fractions + op) > 0)) continue;
        const layerEnd = layerFirst + n(opLayerCount, op);
        let ceded: f64 = 0;
        for (let layer = layerFirst; layer < layerEnd; layer++) {
          const amount = Layers.take(layer, net);
          if (amount <= 0) continue;
          touched = Reinsurers.layer(layer, amount, claim, claimId, base, touched);
          ceded += amount * f(layerPlaced, layer);
        }
        net -= ceded;
        if (net < 0) net = 0;
      }
      if (claim) {
        setF(yearAnnual, pNet + insurer, f(yearAnnual, pNet + insurer) + net);
        if (net > f(yearMax, pNet + insurer)) setF(yearMax, pNet + insurer, net);
      } else {
        setF(slotAcc, base + pNet + insurer, f(slotAcc, base + pNet + insurer) + net);
      }
    }
    for (let k = 0; k < touched; k++) {
      const r = n(reTouched, k);
      const value = f(reOcc, r);
      if (value > f(yearMax, pRe + r)) setF(yearMax, pRe + r, value);
    }
  }
}

/** Insurer i's catastrophe layers on its net of one event (row `base`); the net goes back into the row. */
function catastropheLayers(insurer: i32, base: i32): void {
  const pNet = perspectiveInsurerNet;
  let net = f(slotAcc, base + pNet + insurer);
  const end = n(insurerOpStart, insurer) + n(insurerOpCount, insurer);
  for (let op = n(insurerOpStart, insurer) + n(insurerRiskOps, insurer); op < end; op++) {
    if (n(opKind, op) !== OP_CATASTROPHE_XL) break;
    let ceded: f64 = 0;
    const layerEnd = n(opLayerStart, op) + n(opLayerCount, op);
    for (let layer = n(opLayerStart, op); layer < layerEnd; layer++) {
      const amount = Layers.take(layer, net);
      if (amount <= 0) continue;
      // An event row, not a claim: each reinsurer's part goes into the row (no claim bookkeeping).
      Reinsurers.layer(layer, amount, false, 0, base, 0);
      ceded += amount * f(layerPlaced, layer);
    }
    net -= ceded;
    if (net < 0) net = 0;
  }
  setF(slotAcc, base + pNet + insurer, net);
}

/** Catastrophe layers on each event's net per insurer, then every perspective's occurrence of the event. */
function closeEvents(slots: i32, groundUpOnly: bool): void {
  const P = perspectiveCount;
  const pNet = perspectiveInsurerNet;
  for (let slot = 0; slot < slots; slot++) {
    const base = slot * P;
    if (!groundUpOnly) {
      for (let i = 0; i < insurerCount; i++) {
        if (!(f(slotAcc, base + pNet + i) > 0)) continue;
        catastropheLayers(i, base);
        setF(yearAnnual, pNet + i, f(yearAnnual, pNet + i) + f(slotAcc, base + pNet + i));
      }
    }
    for (let p = 0; p < P; p++) {
      const value = f(slotAcc, base + p);
      if (value > f(yearMax, p)) setF(yearMax, p, value);
    }
  }
}

/** Stop-loss on each insurer's net of the year, then the reinstatement premiums. */
function closeYear(): void {
  const pNet = perspectiveInsurerNet;
  const pRe = perspectiveReinsurer;
  for (let i = 0; i < insurerCount; i++) {
    const end = n(insurerOpStart, i) + n(insurerOpCount, i);
    for (let op = n(insurerOpStart, i) + n(insurerRiskOps, i); op < end; op++) {
      if (n(opKind, op) !== OP_STOP_LOSS) continue;
      const layer = n(opLayerStart, op);
      const subject = f(yearAnnual, pNet + i);
      let recovery = subject - f(layerAttachment, layer);
      if (recovery <= 0) continue;
      const limit = f(layerLimit, layer);
      if (recovery > limit) recovery = limit;
      const first = n(layerPartStart, layer);
      const parts = first + n(layerPartCount, layer);
      for (let k = first; k < parts; k++) {
        const r = n(partReinsurer, k);
        setF(yearAnnual, pRe + r, f(yearAnnual, pRe + r) + recovery * f(partFraction, k));
      }
      setF(yearAnnual, pNet + i, subject - recovery * f(layerPlaced, layer));
    }
  }
  if (ripCount > 0) reinstatementPremiums();
}

/**
 * The reinstatement premiums of the year, once per layer that carries them, from its recoveries of the
 * year U (layerUsed) and its limit L: premium × Σ_k rate_k × clamp(U − (k − 1)·L, 0, L) / L.
 */
function reinstatementPremiums(): void {
  for (let j = 0; j < ripCount; j++) {
    const layer = n(ripLayer, j);
    const used = f(layerUsed, layer);
    if (!(used > 0)) continue;
    const limit = f(layerLimit, layer);
    const first = n(ripRateStart, j);
    const end = first + n(ripRateCount, j);
    let reinstated: f64 = 0;
    let below: f64 = 0;
    for (let k = first; k < end; k++) {
      let part = used - below;
      if (part <= 0) break;
      if (part > limit) part = limit;
      reinstated += f(ripRate, k) * part;
      below += limit;
    }
    const premium = (f(ripPremium, j) * reinstated) / limit;
    if (!(premium > 0)) continue;
    const insurer = n(insurerRipPerspective, n(ripInsurer, j));
    setF(yearAnnual, insurer, f(yearAnnual, insurer) + premium * f(layerPlaced, layer));
    const partEnd = n(layerPartStart, layer) + n(layerPartCount, layer);
    for (let k = n(layerPartStart, layer); k < partEnd; k++) {
      const r = n(reinsurerRipPerspective, n(partReinsurer, k));
      setF(yearAnnual, r, f(yearAnnual, r) + premium * f(partFraction, k));
    }
  }
}
