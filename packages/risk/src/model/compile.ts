import { aliasTable } from '../distributions/alias.ts';
import { countProbabilities, countTable } from '../distributions/frequency.ts';
import { severityCode } from '../distributions/severity.ts';
import { type NormalisedPortfolio, normalisePortfolio, PortfolioError } from './portfolio.ts';

/**
 * A portfolio compiled for the simulation loop: flat typed arrays indexed by unit (a policy or a
 * homogeneous group), line, treaty operation, layer and participation, plus the count and alias tables.
 * It holds no object per policy, is copied to each worker once per run (structured clone), and is what the
 * C baseline of the `mc` benchmark reads. Amounts are yuan in float64; "none" (no limit) is +∞.
 */
export interface CompiledPortfolio {
  unitCount: number;
  classCount: number;
  insurerCount: number;
  reinsurerCount: number;
  poolCount: number;
  eventCount: number;
  segmentCount: number;
  /** Members whose annual aggregate is tracked (units with an aggregate limit). */
  trackedMembers: number;

  /**
   * Perspectives: 0 ground-up, 1 gross, then classes, pools, insurers' gross, insurers' net, reinsurers,
   * and last — only when a layer carries reinstatement premiums — the premiums insurers pay and reinsurers
   * receive (insurerRipPerspective, reinsurerRipPerspective).
   */
  perspectiveCount: number;
  perspectiveClass: number;
  perspectivePool: number;
  perspectiveInsurerGross: number;
  perspectiveInsurerNet: number;
  perspectiveReinsurer: number;

  unitClass: Int32Array;
  unitPool: Int32Array;
  unitMembers: Float64Array;
  /** First tracked-member index of the unit, −1 when it has no aggregate limit. */
  unitTrackBase: Float64Array;
  unitSumInsured: Float64Array;
  unitDeductible: Float64Array;
  unitLimit: Float64Array;
  unitAggregateLimit: Float64Array;
  unitEventSublimit: Float64Array;
  unitSeverityScale: Float64Array;
  unitSectionStart: Int32Array;
  unitSectionCount: Int32Array;
  sectionFraction: Float64Array;
  sectionDeductible: Float64Array;
  sectionLimit: Float64Array;
  unitLineStart: Int32Array;
  unitLineCount: Int32Array;
  lineInsurer: Int32Array;
  lineShare: Float64Array;
  /**
   * Per line, for each of its insurer's per-risk operations: the fraction of the net a proportional treaty
   * cedes, or 1 when an excess-of-loss treaty covers the risk's class; 0 when the treaty does not cover it.
   */
  lineFractionStart: Int32Array;
  lineFraction: Float64Array;

  classSeverityKind: Int32Array;
  classSeverityA: Float64Array;
  classSeverityB: Float64Array;
  classSeverityC: Float64Array;
  classSeverityE: Float64Array;

  /** Count tables (claims of a segment, events of a set): cdf and guide share their offsets. */
  countCdf: Float64Array;
  countGuide: Int32Array;
  segmentTableStart: Int32Array;
  segmentTableLength: Int32Array;
  segmentAliasStart: Int32Array;
  segmentAliasLength: Int32Array;
  aliasProbability: Float64Array;
  /** The unit of alias column k, and the unit of its alias. */
  aliasPrimary: Int32Array;
  aliasSecondary: Int32Array;

  eventTableStart: Int32Array;
  eventTableLength: Int32Array;
  eventIntensityMu: Float64Array;
  eventIntensitySigma: Float64Array;
  eventHitProbability: Float64Array;
  eventDamageMu: Float64Array;
  eventDamageSigma: Float64Array;
  eventFootprintStart: Int32Array;
  eventFootprintLength: Int32Array;
  /** Members of the footprint's units before each unit, and the total at the end (length + 1 per event). */
  eventCumulativeStart: Int32Array;
  footprintUnit: Int32Array;
  footprintCumulative: Float64Array;
  /** 1 when every unit of the footprint is a single risk (a position is then the unit's index). */
  eventSingles: Uint8Array;

  insurerOpStart: Int32Array;
  insurerOpCount: Int32Array;
  insurerRiskOps: Int32Array;
  insurerCapital: Float64Array;
  opKind: Int32Array;
  opCeded: Float64Array;
  opLayerStart: Int32Array;
  opLayerCount: Int32Array;
  layerAttachment: Float64Array;
  layerLimit: Float64Array;
  layerAggregateLimit: Float64Array;
  /** Σ of the layer's participations: the part of what it cedes that leaves the insurer. */
  layerPlaced: Float64Array;
  layerPartStart: Int32Array;
  layerPartCount: Int32Array;
  partReinsurer: Int32Array;
  partFraction: Float64Array;

  /**
   * Layers with reinstatement premiums (a paid rate, a premium and a reinsurer): their layer, insurer,
   * premium and rates (ripRateStart/Count into ripRate). The premium of a year is a function of the layer's
   * recoveries of the year (layerUsed), computed once at the end of the year.
   */
  ripCount: number;
  ripLayer: Int32Array;
  ripInsurer: Int32Array;
  ripPremium: Float64Array;
  ripRateStart: Int32Array;
  ripRateCount: Int32Array;
  ripRate: Float64Array;
  /** Per insurer, its perspective of reinstatement premiums paid; −1 when it has no such layer. */
  insurerRipPerspective: Int32Array;
  /** Per reinsurer, its perspective of reinstatement premiums received; −1 when it takes part in no such layer. */
  reinsurerRipPerspective: Int32Array;
}

export const OP_QUOTA_SHARE = 0;
export const OP_SURPLUS = 1;
export const OP_EXCESS_OF_LOSS = 2;
export const OP_CATASTROPHE_XL = 3;
export const OP_STOP_LOSS = 4;

const OP_CODE = {
  quota_share: OP_QUOTA_SHARE,
  surplus: OP_SURPLUS,
  excess_of_loss: OP_EXCESS_OF_LOSS,
  catastrophe_xl: OP_CATASTROPHE_XL,
  stop_loss: OP_STOP_LOSS,
} as const;

export type PerspectiveKind =
  | 'ground_up'
  | 'gross'
  | 'class'
  | 'pool'
  | 'insurer_gross'
  | 'insurer_net'
  | 'reinsurer'
  /** Reinstatement premiums an insurer pays in the year (annual only; not a loss). */
  | 'insurer_rip'
  /** Reinstatement premiums a reinsurer receives in the year (annual only; not a loss). */
  | 'reinsurer_rip';

/** Whether a perspective has occurrences (OEP): every one but the annual reinstatement premiums. */
export function perspectiveHasOccurrences(kind: PerspectiveKind): boolean {
  return kind !== 'insurer_rip' && kind !== 'reinsurer_rip';
}

export interface PerspectiveLabel {
  /** e.g. "gross", "class:rd_transfer", "insurer_net:INS-LEAD". */
  key: string;
  kind: PerspectiveKind;
  id: string | null;
}

/** Names for the numbers: what each perspective, unit and index stands for. */
export interface PortfolioLabels {
  name: string;
  classes: string[];
  insurers: string[];
  reinsurers: string[];
  pools: string[];
  events: { id: string; kind: string; name: string }[];
  units: string[];
  perspectives: PerspectiveLabel[];
  /** Risks in all (Σ members). */
  risks: number;
}

export interface Compiled {
  portfolio: CompiledPortfolio;
  labels: PortfolioLabels;
}

/** The tracked-member arrays must stay addressable (and affordable) on every thread. */
const MAX_TRACKED_MEMBERS = 1 << 26;

/** Validates (normalisePortfolio) and compiles a portfolio. Throws PortfolioError with every problem found. */
export function compilePortfolio(input: unknown): Compiled {
  return compileNormalised(normalisePortfolio(input));
}

export function compileNormalised(p: NormalisedPortfolio): Compiled {
  const units = p.policies.length;
  const classCount = p.classes.length;
  const insurerCount = p.insurers.length;
  const reinsurerCount = p.reinsurers.length;
  const poolCount = p.pools.length;
  const reinsurerIndex = new Map(p.reinsurers.map((id, i) => [id, i]));
  const poolIndex = new Map(p.pools.map((id, i) => [id, i]));

  // Units.
  const unitClass = new Int32Array(units);
  const unitPool = new Int32Array(units);
  const unitMembers = new Float64Array(units);
  const unitTrackBase = new Float64Array(units);
  const unitSumInsured = new Float64Array(units);
  const unitDeductible = new Float64Array(units);
  const unitLimit = new Float64Array(units);
  const unitAggregateLimit = new Float64Array(units);
  const unitEventSublimit = new Float64Array(units);
  const unitSeverityScale = new Float64Array(units);
  const unitSectionStart = new Int32Array(units);
  const unitSectionCount = new Int32Array(units);
  const unitLineStart = new Int32Array(units);
  const unitLineCount = new Int32Array(units);
  const sections: { fraction: number; deductible: number; limit: number }[] = [];
  const lineInsurer: number[] = [];
  const lineShare: number[] = [];
  const lineFractionStart: number[] = [];
  const lineFraction: number[] = [];
  let tracked = 0;
  let risks = 0;

  for (let u = 0; u < units; u++) {
    const policy = p.policies[u] as NormalisedPortfolio['policies'][number];
    unitClass[u] = policy.classIndex;
    unitPool[u] = policy.pool === null ? -1 : (poolIndex.get(policy.pool) as number);
    unitMembers[u] = policy.members;
    risks += policy.members;
    if (policy.aggregateLimit < Number.POSITIVE_INFINITY) {
      unitTrackBase[u] = tracked;
      tracked += policy.members;
    } else {
      unitTrackBase[u] = -1;
    }
    unitSumInsured[u] = policy.sumInsured;
    unitDeductible[u] = policy.deductible;
    unitLimit[u] = policy.limit;
    unitAggregateLimit[u] = policy.aggregateLimit;
    unitEventSublimit[u] = policy.eventSublimit;
    unitSeverityScale[u] = policy.severityScale;
    unitSectionStart[u] = sections.length;
    unitSectionCount[u] = policy.sections.length;
    sections.push(...policy.sections);
    unitLineStart[u] = lineInsurer.length;
    unitLineCount[u] = policy.lines.length;
    for (const line of policy.lines) {
      lineInsurer.push(line.insurerIndex);
      lineShare.push(line.fraction);
      lineFractionStart.push(lineFraction.length);
      // The insurer's retained sum insured as its per-risk proportional treaties cede, in inuring order.
      let retainedSumInsured = policy.sumInsured * line.fraction;
      const insurer = p.insurers[line.insurerIndex] as NormalisedPortfolio['insurers'][number];
      for (const treaty of insurer.programme) {
        if (treaty.stage !== 0) break;
        const placed = (treaty.layers[0]?.parts ?? []).reduce((sum, part) => sum + part.fraction, 0);
        const covered = treaty.classes === null || treaty.classes.includes(policy.classIndex);
        let fraction = 0; // the treaty does not cover the risk's class
        if (covered && treaty.kind === 'quota_share') {
          fraction = treaty.cededFraction;
        } else if (covered && treaty.kind === 'surplus') {
          fraction = surplusCededFraction(retainedSumInsured, treaty.retention, treaty.lines);
        } else if (covered) {
          fraction = 1; // excess of loss: it covers the class
        }
        lineFraction.push(fraction);
        if (treaty.kind !== 'excess_of_loss') retainedSumInsured -= retainedSumInsured * fraction * placed;
      }
    }
  }
  if (tracked > MAX_TRACKED_MEMBERS) {
    throw new PortfolioError([
      `policies: ${tracked} risks carry an annual aggregate limit; at most ${MAX_TRACKED_MEMBERS} can be tracked`,
    ]);
  }

  // Severities.
  const classSeverityKind = new Int32Array(classCount);
  const classSeverityA = new Float64Array(classCount);
  const classSeverityB = new Float64Array(classCount);
  const classSeverityC = new Float64Array(classCount);
  const classSeverityE = new Float64Array(classCount);
  p.classes.forEach((cls, c) => {
    const code = severityCode(cls.severity);
    classSeverityKind[c] = code.kind;
    classSeverityA[c] = code.a;
    classSeverityB[c] = code.b;
    classSeverityC[c] = code.c;
    classSeverityE[c] = code.e;
  });

  // Frequency segments: the Poisson risks of a class are one superposed Poisson process (one count per
  // year, each claim given to a unit by the alias table in proportion to its members × mean); each
  // negative-binomial unit is a segment of its own.
  const cdfParts: Float64Array[] = [];
  const guideParts: Int32Array[] = [];
  let tableOffset = 0;
  const addTable = (pmf: Float64Array): { start: number; length: number } => {
    const table = countTable(pmf);
    cdfParts.push(table.cdf);
    guideParts.push(table.guide);
    const start = tableOffset;
    tableOffset += table.cdf.length;
    return { start, length: table.cdf.length };
  };
  const segments: { table: { start: number; length: number }; units: number[]; weights: number[] }[] = [];
  for (let c = 0; c < classCount; c++) {
    const members: number[] = [];
    const weights: number[] = [];
    let mean = 0;
    p.policies.forEach((policy, u) => {
      if (policy.classIndex !== c || policy.frequency.kind !== 'poisson') return;
      const weight = policy.frequency.mean * policy.members;
      if (weight <= 0) return;
      members.push(u);
      weights.push(weight);
      mean += weight;
    });
    if (members.length === 0) continue;
    segments.push({
      table: addTable(countProbabilities({ kind: 'poisson', mean })),
      units: members,
      weights,
    });
  }
  p.policies.forEach((policy, u) => {
    if (policy.frequency.kind !== 'negative_binomial') return;
    segments.push({
      table: addTable(countProbabilities(policy.frequency, policy.members)),
      units: [u],
      weights: [1],
    });
  });
  const segmentCount = segments.length;
  const segmentTableStart = new Int32Array(segmentCount);
  const segmentTableLength = new Int32Array(segmentCount);
  const segmentAliasStart = new Int32Array(segmentCount);
  const segmentAliasLength = new Int32Array(segmentCount);
  const aliasProbabilityParts: number[] = [];
  const aliasPrimary: number[] = [];
  const aliasSecondary: number[] = [];
  segments.forEach((segment, s) => {
    segmentTableStart[s] = segment.table.start;
    segmentTableLength[s] = segment.table.length;
    segmentAliasStart[s] = aliasPrimary.length;
    segmentAliasLength[s] = segment.units.length;
    const table = aliasTable(segment.weights);
    for (let k = 0; k < segment.units.length; k++) {
      aliasProbabilityParts.push(table.probability[k] as number);
      aliasPrimary.push(segment.units[k] as number);
      aliasSecondary.push(segment.units[table.alias[k] as number] as number);
    }
  });

  // Event sets.
  const eventCount = p.events.length;
  const eventTableStart = new Int32Array(eventCount);
  const eventTableLength = new Int32Array(eventCount);
  const eventIntensityMu = new Float64Array(eventCount);
  const eventIntensitySigma = new Float64Array(eventCount);
  const eventHitProbability = new Float64Array(eventCount);
  const eventDamageMu = new Float64Array(eventCount);
  const eventDamageSigma = new Float64Array(eventCount);
  const eventFootprintStart = new Int32Array(eventCount);
  const eventFootprintLength = new Int32Array(eventCount);
  const eventCumulativeStart = new Int32Array(eventCount);
  const eventSingles = new Uint8Array(eventCount);
  const footprintUnit: number[] = [];
  const footprintCumulative: number[] = [];
  p.events.forEach((event, e) => {
    const table = addTable(countProbabilities({ kind: 'poisson', mean: event.annualRate }));
    eventTableStart[e] = table.start;
    eventTableLength[e] = table.length;
    const sigma = event.intensitySigma;
    eventIntensitySigma[e] = sigma;
    eventIntensityMu[e] = (-sigma * sigma) / 2;
    eventHitProbability[e] = event.hitProbability;
    const damageSigma = Math.sqrt(Math.log1p(event.damageRatio.cv * event.damageRatio.cv));
    eventDamageSigma[e] = damageSigma;
    eventDamageMu[e] = Math.log(event.damageRatio.mean) - (damageSigma * damageSigma) / 2;
    const { classes, regions, chains, pools } = event.footprint;
    eventFootprintStart[e] = footprintUnit.length;
    eventCumulativeStart[e] = footprintCumulative.length;
    let cumulative = 0;
    let singles = 1;
    p.policies.forEach((policy, u) => {
      const cls = p.classes[policy.classIndex]?.id ?? '';
      if (classes !== undefined && !classes.includes(cls)) return;
      if (regions !== undefined && (policy.region === null || !regions.includes(policy.region))) return;
      if (chains !== undefined && (policy.chain === null || !chains.includes(policy.chain))) return;
      if (pools !== undefined && (policy.pool === null || !pools.includes(policy.pool))) return;
      footprintUnit.push(u);
      footprintCumulative.push(cumulative);
      cumulative += policy.members;
      if (policy.members !== 1) singles = 0;
    });
    footprintCumulative.push(cumulative);
    eventFootprintLength[e] = footprintUnit.length - (eventFootprintStart[e] as number);
    eventSingles[e] = singles;
  });

  // Programmes: one operation per treaty, its layers, their participations.
  const insurerOpStart = new Int32Array(insurerCount);
  const insurerOpCount = new Int32Array(insurerCount);
  const insurerRiskOps = new Int32Array(insurerCount);
  const insurerCapital = new Float64Array(insurerCount);
  const opKind: number[] = [];
  const opCeded: number[] = [];
  const opLayerStart: number[] = [];
  const opLayerCount: number[] = [];
  const layerAttachment: number[] = [];
  const layerLimit: number[] = [];
  const layerAggregateLimit: number[] = [];
  const layerPlaced: number[] = [];
  const layerPartStart: number[] = [];
  const layerPartCount: number[] = [];
  const partReinsurer: number[] = [];
  const partFraction: number[] = [];
  const ripLayer: number[] = [];
  const ripInsurer: number[] = [];
  const ripPremium: number[] = [];
  const ripRateStart: number[] = [];
  const ripRateCount: number[] = [];
  const ripRate: number[] = [];
  const insurerPaysRip = new Uint8Array(insurerCount);
  const reinsurerGetsRip = new Uint8Array(reinsurerCount);
  p.insurers.forEach((insurer, i) => {
    insurerOpStart[i] = opKind.length;
    insurerOpCount[i] = insurer.programme.length;
    insurerRiskOps[i] = insurer.programme.filter((t) => t.stage === 0).length;
    insurerCapital[i] = insurer.capital ?? Number.NaN;
    for (const treaty of insurer.programme) {
      opKind.push(OP_CODE[treaty.kind]);
      opCeded.push(treaty.cededFraction);
      opLayerStart.push(layerAttachment.length);
      opLayerCount.push(treaty.layers.length);
      for (const layer of treaty.layers) {
        if (layer.premium > 0 && layer.reinstatements.some((rate) => rate > 0) && layer.parts.length > 0) {
          ripLayer.push(layerAttachment.length);
          ripInsurer.push(i);
          ripPremium.push(layer.premium);
          ripRateStart.push(ripRate.length);
          ripRateCount.push(layer.reinstatements.length);
          ripRate.push(...layer.reinstatements);
          insurerPaysRip[i] = 1;
          for (const part of layer.parts) reinsurerGetsRip[reinsurerIndex.get(part.reinsurer) as number] = 1;
        }
        layerAttachment.push(layer.attachment);
        layerLimit.push(layer.limit);
        layerAggregateLimit.push(layer.aggregateLimit);
        layerPlaced.push(layer.parts.reduce((sum, part) => sum + part.fraction, 0));
        layerPartStart.push(partReinsurer.length);
        layerPartCount.push(layer.parts.length);
        for (const part of layer.parts) {
          partReinsurer.push(reinsurerIndex.get(part.reinsurer) as number);
          partFraction.push(part.fraction);
        }
      }
    }
  });

  const concatFloat = (parts: Float64Array[]) => {
    const out = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
  const concatInt = (parts: Int32Array[]) => {
    const out = new Int32Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };

  const perspectiveClass = 2;
  const perspectivePool = perspectiveClass + classCount;
  const perspectiveInsurerGross = perspectivePool + poolCount;
  const perspectiveInsurerNet = perspectiveInsurerGross + insurerCount;
  const perspectiveReinsurer = perspectiveInsurerNet + insurerCount;
  // Reinstatement premiums come last, and only for those who pay or receive them, so that a portfolio
  // without them has exactly the perspectives (and indices) it always had.
  let perspectiveCount = perspectiveReinsurer + reinsurerCount;
  const insurerRipPerspective = new Int32Array(insurerCount).fill(-1);
  const reinsurerRipPerspective = new Int32Array(reinsurerCount).fill(-1);
  const ripPerspectives: PerspectiveLabel[] = [];
  p.insurers.forEach((x, i) => {
    if (insurerPaysRip[i] !== 1) return;
    insurerRipPerspective[i] = perspectiveCount++;
    ripPerspectives.push({ key: `insurer_rip:${x.id}`, kind: 'insurer_rip', id: x.id });
  });
  p.reinsurers.forEach((id, r) => {
    if (reinsurerGetsRip[r] !== 1) return;
    reinsurerRipPerspective[r] = perspectiveCount++;
    ripPerspectives.push({ key: `reinsurer_rip:${id}`, kind: 'reinsurer_rip', id });
  });
  const perspectives: PerspectiveLabel[] = [
    { key: 'ground_up', kind: 'ground_up', id: null },
    { key: 'gross', kind: 'gross', id: null },
    ...p.classes.map((c) => ({ key: `class:${c.id}`, kind: 'class' as const, id: c.id })),
    ...p.pools.map((id) => ({ key: `pool:${id}`, kind: 'pool' as const, id })),
    ...p.insurers.map((x) => ({ key: `insurer_gross:${x.id}`, kind: 'insurer_gross' as const, id: x.id })),
    ...p.insurers.map((x) => ({ key: `insurer_net:${x.id}`, kind: 'insurer_net' as const, id: x.id })),
    ...p.reinsurers.map((id) => ({ key: `reinsurer:${id}`, kind: 'reinsurer' as const, id })),
    ...ripPerspectives,
  ];

  const portfolio: CompiledPortfolio = {
    unitCount: units,
    classCount,
    insurerCount,
    reinsurerCount,
    poolCount,
    eventCount,
    segmentCount,
    trackedMembers: tracked,
    perspectiveCount,
    perspectiveClass,
    perspectivePool,
    perspectiveInsurerGross,
    perspectiveInsurerNet,
    perspectiveReinsurer,
    unitClass,
    unitPool,
    unitMembers,
    unitTrackBase,
    unitSumInsured,
    unitDeductible,
    unitLimit,
    unitAggregateLimit,
    unitEventSublimit,
    unitSeverityScale,
    unitSectionStart,
    unitSectionCount,
    sectionFraction: Float64Array.from(sections, (s) => s.fraction),
    sectionDeductible: Float64Array.from(sections, (s) => s.deductible),
    sectionLimit: Float64Array.from(sections, (s) => s.limit),
    unitLineStart,
    unitLineCount,
    lineInsurer: Int32Array.from(lineInsurer),
    lineShare: Float64Array.from(lineShare),
    lineFractionStart: Int32Array.from(lineFractionStart),
    lineFraction: Float64Array.from(lineFraction),
    classSeverityKind,
    classSeverityA,
    classSeverityB,
    classSeverityC,
    classSeverityE,
    countCdf: concatFloat(cdfParts),
    countGuide: concatInt(guideParts),
    segmentTableStart,
    segmentTableLength,
    segmentAliasStart,
    segmentAliasLength,
    aliasProbability: Float64Array.from(aliasProbabilityParts),
    aliasPrimary: Int32Array.from(aliasPrimary),
    aliasSecondary: Int32Array.from(aliasSecondary),
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
    footprintUnit: Int32Array.from(footprintUnit),
    footprintCumulative: Float64Array.from(footprintCumulative),
    eventSingles,
    insurerOpStart,
    insurerOpCount,
    insurerRiskOps,
    insurerCapital,
    opKind: Int32Array.from(opKind),
    opCeded: Float64Array.from(opCeded),
    opLayerStart: Int32Array.from(opLayerStart),
    opLayerCount: Int32Array.from(opLayerCount),
    layerAttachment: Float64Array.from(layerAttachment),
    layerLimit: Float64Array.from(layerLimit),
    layerAggregateLimit: Float64Array.from(layerAggregateLimit),
    layerPlaced: Float64Array.from(layerPlaced),
    layerPartStart: Int32Array.from(layerPartStart),
    layerPartCount: Int32Array.from(layerPartCount),
    partReinsurer: Int32Array.from(partReinsurer),
    partFraction: Float64Array.from(partFraction),
    ripCount: ripLayer.length,
    ripLayer: Int32Array.from(ripLayer),
    ripInsurer: Int32Array.from(ripInsurer),
    ripPremium: Float64Array.from(ripPremium),
    ripRateStart: Int32Array.from(ripRateStart),
    ripRateCount: Int32Array.from(ripRateCount),
    ripRate: Float64Array.from(ripRate),
    insurerRipPerspective,
    reinsurerRipPerspective,
  };
  const labels: PortfolioLabels = {
    name: p.name,
    classes: p.classes.map((c) => c.id),
    insurers: p.insurers.map((x) => x.id),
    reinsurers: [...p.reinsurers],
    pools: [...p.pools],
    events: p.events.map((e) => ({ id: e.id, kind: e.kind, name: e.name })),
    units: p.policies.map((x) => x.id),
    perspectives,
    risks,
  };
  return { portfolio, labels };
}

/**
 * The surplus treaty's ceded fraction of a risk with retained sum insured S, retention line R and k lines
 * (domain README §3): min(k·R, S − R)/S when S > R, else 0.
 */
export function surplusCededFraction(sumInsured: number, retention: number, lines: number): number {
  if (!(sumInsured > retention)) return 0;
  return Math.min(lines * retention, sumInsured - retention) / sumInsured;
}
