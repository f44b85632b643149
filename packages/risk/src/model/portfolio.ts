import { WHOLE } from '@kebao/domain/placement';
import type { FrequencyModel } from '../distributions/frequency.ts';
import type { SeverityModel } from '../distributions/severity.ts';

/**
 * The portfolio a simulation reads: product classes with their frequency and severity, insurers with
 * their capital and reinsurance programme, correlated event sets, and the policies (or homogeneous groups
 * of identical risks) with their financial terms and co-insurance lines. It is plain JSON (docs/risk.md,
 * "Portfolio file"). Amounts are yuan, as JSON numbers or decimal strings; shares are integer units of the
 * placement context (1,000,000 = 100 %). The simulation computes in binary floating point: its results are
 * estimates in yuan, never amounts to post — exact fen rules live in @kebao/domain.
 */

export type Amount = number | string;

/** A claim count per member per year: a Poisson mean, or a full model. */
export type FrequencyInput = number | FrequencyModel;

export type SeverityInput =
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'lognormal'; mean: Amount; cv: number }
  | { kind: 'pareto'; scale: Amount; shape: number }
  | { kind: 'gamma'; shape: number; scale: Amount }
  | { kind: 'gamma'; mean: Amount; cv: number };

export interface ClassInput {
  /** e.g. a statistical class of the NFRA rules: rd_transfer, application, intellectual_property, base. */
  id: string;
  name?: string;
  frequency: FrequencyInput;
  severity: SeverityInput;
}

/** A reinsurer's part of a treaty or layer, in units of what the treaty cedes (WHOLE = all of it). */
export interface ParticipationInput {
  id: string;
  share: number;
}

/** Who takes a treaty or layer: one reinsurer for all of it, or several parts (unplaced parts stay net). */
export interface PlacedInput {
  reinsurer?: string;
  reinsurers?: ParticipationInput[];
}

export interface LayerInput extends PlacedInput {
  attachment: Amount;
  limit: Amount;
  /**
   * Annual cap on the layer's recoveries; none by default. With `reinstatements` it is limit × (1 + their
   * number) and may be left out (when given, it must agree).
   */
  aggregateLimit?: Amount;
  /** The layer's upfront premium for 100 % of it, yuan: the base of its reinstatement premiums. */
  premium?: Amount;
  /**
   * 恢复保费: the rate of each reinstatement as a fraction of `premium` (1 = 100 %), in order, e.g. [1, 0.5];
   * pro rata as to amount (not time). [] means no reinstatement (the aggregate is the limit).
   */
  reinstatements?: number[];
}

/**
 * A per-risk treaty may cover only some classes (`classes`: ids of the portfolio's classes; all when left
 * out): a risk of another class passes it by, as if it were not in the programme.
 */
export interface ClassLimited {
  classes?: string[];
}

export type TreatyInput =
  /** 成数: cedes cededShare (units) of every loss of every risk. */
  | ({ id: string; kind: 'quota_share'; cededShare: number } & PlacedInput & ClassLimited)
  /** 溢额: per risk, cedes min(lines·R, SI − R)/SI of each loss when SI > R (SI: the insurer's retained sum insured). */
  | ({ id: string; kind: 'surplus'; retention: Amount; lines: number } & PlacedInput & ClassLimited)
  /** 险位超赔: layers on each risk's loss (per risk, per occurrence). */
  | ({ id: string; kind: 'excess_of_loss'; layers: LayerInput[] } & ClassLimited)
  /** 巨灾超赔: layers on each occurrence's loss summed over risks (an event, or a single claim). */
  | { id: string; kind: 'catastrophe_xl'; layers: LayerInput[] }
  /** 停止损失: a layer on the year's aggregate net loss. */
  | ({ id: string; kind: 'stop_loss'; attachment: Amount; limit: Amount } & PlacedInput);

export interface InsurerInput {
  id: string;
  name?: string;
  /** Capital and reserves available for the capacity view (PML 1-in-200 net against it). */
  capital?: Amount;
  /** Treaties in inuring order: per-risk ones first, then catastrophe, then stop-loss. */
  programme?: TreatyInput[];
}

export interface EventSetInput {
  id: string;
  /** industry_chain (产业链冲击), cyber (网络巨灾), climate (区域气候事件) or another label. */
  kind: string;
  name?: string;
  /** Expected events per year (Poisson). */
  annualRate: number;
  /** Which risks an event can hit: those matching every list given (all risks when none is). */
  footprint?: { classes?: string[]; regions?: string[]; chains?: string[]; pools?: string[] };
  /** Chance that one risk in the footprint is hit by an event of median intensity. */
  hitProbability: number;
  /** σ of the event's lognormal intensity (mean 1), which scales the hit chance and every damage; 0 by default. */
  intensitySigma?: number;
  /** Damage to a hit risk as a fraction of its sum insured (lognormal, before intensity; capped at 1). */
  damageRatio: { mean: number; cv: number };
}

export interface SectionInput {
  id?: string;
  /** The part of each ground-up loss that falls in the section (fractions of a policy sum to at most 1). */
  fraction: number;
  deductible?: Amount;
  /** The section's sublimit per occurrence. */
  limit?: Amount;
}

export interface LineInput {
  insurer: string;
  /** The signed line, in units (WHOLE = 100 %). */
  share: number;
}

export interface PolicyInput {
  id: string;
  class: string;
  /** Identical risks in a homogeneous group (1 for a single policy); terms apply per member. */
  count?: number;
  /** Per member; a ground-up loss never exceeds it. */
  sumInsured: Amount;
  /** Per occurrence, after the sections. */
  deductible?: Amount;
  /** Per occurrence, after the deductible. */
  limit?: Amount;
  /** Per member and year, after the occurrence terms (shared pro rata among the year's occurrences). */
  aggregateLimit?: Amount;
  /** Cap on what one correlated event pays per member, after the occurrence terms. */
  eventSublimit?: Amount;
  sections?: SectionInput[];
  /** Overrides the class frequency (per member). */
  frequency?: FrequencyInput;
  /** Multiplies the class severity (e.g. the risk's size against the class's typical one). */
  severityScale?: number;
  region?: string;
  chain?: string;
  /** A standing co-insurance pool (共保体) the risk was placed with. */
  pool?: string;
  /** Co-insurance lines (共保份额); their total is at most WHOLE, any rest is kept by the insured. */
  lines: LineInput[];
}

export interface PortfolioInput {
  name?: string;
  classes: ClassInput[];
  insurers: InsurerInput[];
  events?: EventSetInput[];
  policies: PolicyInput[];
}

/** A portfolio that does not validate: every problem with its JSON path. */
export class PortfolioError extends Error {
  override readonly name = 'PortfolioError';
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `the portfolio has ${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}` +
        (problems.length > 5 ? '; …' : ''),
    );
    this.problems = problems;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Validation into the normalised form the compiler reads.

export interface NormalisedParticipation {
  reinsurer: string;
  /** Fraction of the treaty's cession (share / WHOLE). */
  fraction: number;
}

export interface NormalisedLayer {
  attachment: number;
  limit: number;
  aggregateLimit: number;
  /** The upfront premium (0 when none is given). */
  premium: number;
  /** Reinstatement rates in order (fractions of the premium); empty when the layer has none. */
  reinstatements: number[];
  parts: NormalisedParticipation[];
}

export type TreatyKind = TreatyInput['kind'];

export interface NormalisedTreaty {
  id: string;
  kind: TreatyKind;
  /** 0 per risk, 1 per occurrence, 2 per year. */
  stage: 0 | 1 | 2;
  /** Quota share: the ceded fraction. */
  cededFraction: number;
  /** Surplus: retention and lines. */
  retention: number;
  lines: number;
  /** One layer for quota share, surplus and stop-loss (its parts place the cession). */
  layers: NormalisedLayer[];
  /** A per-risk treaty's classes (indexes into the portfolio's classes); null: every class. */
  classes: number[] | null;
}

export interface NormalisedPolicy {
  id: string;
  classIndex: number;
  members: number;
  sumInsured: number;
  deductible: number;
  limit: number;
  aggregateLimit: number;
  eventSublimit: number;
  sections: { fraction: number; deductible: number; limit: number }[];
  frequency: FrequencyModel;
  severityScale: number;
  region: string | null;
  chain: string | null;
  pool: string | null;
  lines: { insurerIndex: number; fraction: number }[];
}

export interface NormalisedPortfolio {
  name: string;
  classes: { id: string; name: string; frequency: FrequencyModel; severity: SeverityModel }[];
  insurers: { id: string; name: string; capital: number | null; programme: NormalisedTreaty[] }[];
  reinsurers: string[];
  pools: string[];
  events: (Omit<EventSetInput, 'footprint' | 'intensitySigma'> & {
    intensitySigma: number;
    footprint: NonNullable<EventSetInput['footprint']>;
    name: string;
  })[];
  policies: NormalisedPolicy[];
}

const STAGE: Record<TreatyKind, 0 | 1 | 2> = {
  quota_share: 0,
  surplus: 0,
  excess_of_loss: 0,
  catastrophe_xl: 1,
  stop_loss: 2,
};

/** The highest reinstatement rate accepted: 10 × the premium (a larger figure is surely a percentage). */
export const MAX_REINSTATEMENT_RATE = 10;
/** How closely an explicit aggregate limit must agree with limit × (1 + reinstatements): half a fen. */
const AGREEMENT_YUAN = 0.005;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a portfolio and returns it normalised (amounts as numbers, shares as fractions, indices resolved). */
export function normalisePortfolio(input: unknown): NormalisedPortfolio {
  const problems: string[] = [];
  const fail = (path: string, message: string): void => {
    if (problems.length < 200) problems.push(`${path}: ${message}`);
  };
  if (!isObject(input)) throw new PortfolioError(['(root): a portfolio is a JSON object']);

  const amount = (value: unknown, path: string, fallback: number | null): number => {
    if (value === undefined || value === null) {
      if (fallback === null) fail(path, 'is required');
      return fallback ?? 0;
    }
    const n = typeof value === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
      fail(
        path,
        `must be an amount in yuan ≥ 0 (a number or a decimal string), not ${JSON.stringify(value)}`,
      );
      return fallback ?? 0;
    }
    return n;
  };
  const number = (value: unknown, path: string, check: (n: number) => boolean, what: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
      fail(path, `must be ${what}, not ${JSON.stringify(value)}`);
      return 0;
    }
    return value;
  };
  const text = (value: unknown, path: string): string => {
    if (typeof value !== 'string' || value.length === 0) {
      fail(path, 'must be a non-empty string');
      return '';
    }
    return value;
  };
  const list = (value: unknown, path: string, required: boolean): unknown[] => {
    if (value === undefined && !required) return [];
    if (!Array.isArray(value)) {
      fail(path, 'must be an array');
      return [];
    }
    return value;
  };
  const shareFraction = (value: unknown, path: string): number =>
    number(value, path, (n) => Number.isInteger(n) && n > 0 && n <= WHOLE, `whole units in 1 … ${WHOLE}`) /
    WHOLE;

  const frequency = (value: unknown, path: string): FrequencyModel => {
    if (typeof value === 'number') {
      return { kind: 'poisson', mean: number(value, path, (n) => n >= 0, 'a Poisson mean ≥ 0') };
    }
    if (!isObject(value)) {
      fail(path, 'must be a Poisson mean or { kind, … }');
      return { kind: 'poisson', mean: 0 };
    }
    if (value.kind === 'poisson') {
      return { kind: 'poisson', mean: number(value.mean, `${path}.mean`, (n) => n >= 0, 'a number ≥ 0') };
    }
    if (value.kind === 'negative_binomial') {
      const mean = number(value.mean, `${path}.mean`, (n) => n > 0, 'a number > 0');
      const variance = number(
        value.variance,
        `${path}.variance`,
        (n) => n > mean,
        `a number > the mean (${mean})`,
      );
      return { kind: 'negative_binomial', mean, variance };
    }
    fail(`${path}.kind`, 'must be "poisson" or "negative_binomial"');
    return { kind: 'poisson', mean: 0 };
  };

  const severity = (value: unknown, path: string): SeverityModel => {
    const fallback: SeverityModel = { kind: 'lognormal', mu: 0, sigma: 1 };
    if (!isObject(value)) {
      fail(path, 'must be { kind, … }');
      return fallback;
    }
    const pos = (v: unknown, p: string) => number(v, p, (n) => n > 0, 'a number > 0');
    const posAmount = (v: unknown, p: string) => {
      const n = amount(v, p, null);
      if (!(n > 0)) fail(p, 'must be > 0');
      return n;
    };
    switch (value.kind) {
      case 'lognormal':
        if ('mu' in value) {
          return {
            kind: 'lognormal',
            mu: number(value.mu, `${path}.mu`, () => true, 'a number'),
            sigma: pos(value.sigma, `${path}.sigma`),
          };
        }
        return {
          kind: 'lognormal',
          mean: posAmount(value.mean, `${path}.mean`),
          cv: pos(value.cv, `${path}.cv`),
        };
      case 'pareto':
        return {
          kind: 'pareto',
          scale: posAmount(value.scale, `${path}.scale`),
          shape: pos(value.shape, `${path}.shape`),
        };
      case 'gamma':
        if ('shape' in value) {
          return {
            kind: 'gamma',
            shape: pos(value.shape, `${path}.shape`),
            scale: posAmount(value.scale, `${path}.scale`),
          };
        }
        return {
          kind: 'gamma',
          mean: posAmount(value.mean, `${path}.mean`),
          cv: pos(value.cv, `${path}.cv`),
        };
      default:
        fail(`${path}.kind`, 'must be "lognormal", "pareto" or "gamma"');
        return fallback;
    }
  };

  const reinsurers: string[] = [];
  const placed = (value: Record<string, unknown>, path: string): NormalisedParticipation[] => {
    const use = (id: string) => {
      if (id !== '' && !reinsurers.includes(id)) reinsurers.push(id);
      return id;
    };
    if (value.reinsurers !== undefined) {
      if (value.reinsurer !== undefined) fail(path, 'gives both reinsurer and reinsurers');
      const parts = list(value.reinsurers, `${path}.reinsurers`, true).map((part, i) => {
        const p = `${path}.reinsurers[${i}]`;
        if (!isObject(part)) {
          fail(p, 'must be { id, share }');
          return { reinsurer: '', fraction: 0 };
        }
        return {
          reinsurer: use(text(part.id, `${p}.id`)),
          fraction: shareFraction(part.share, `${p}.share`),
        };
      });
      const total = parts.reduce((sum, part) => sum + part.fraction, 0);
      if (total > 1 + 1e-12) fail(`${path}.reinsurers`, `the shares total ${total * 100} %, more than 100 %`);
      if (new Set(parts.map((part) => part.reinsurer)).size !== parts.length)
        fail(`${path}.reinsurers`, 'names a reinsurer twice');
      return parts;
    }
    return [{ reinsurer: use(text(value.reinsurer, `${path}.reinsurer`)), fraction: 1 }];
  };
  const layer = (value: unknown, path: string): NormalisedLayer => {
    if (!isObject(value)) {
      fail(path, 'must be { attachment, limit, reinsurer }');
      return {
        attachment: 0,
        limit: 0,
        aggregateLimit: Number.POSITIVE_INFINITY,
        premium: 0,
        reinstatements: [],
        parts: [],
      };
    }
    const attachment = amount(value.attachment, `${path}.attachment`, null);
    const seen = problems.length;
    const limit = amount(value.limit, `${path}.limit`, null);
    let aggregateLimit = amount(value.aggregateLimit, `${path}.aggregateLimit`, Number.POSITIVE_INFINITY);
    // The limit and the aggregate read cleanly: their agreement can be checked.
    const readable = problems.length === seen;
    const premiumSeen = problems.length;
    const premium = amount(value.premium, `${path}.premium`, 0);
    const premiumReadable = problems.length === premiumSeen;
    const reinstatements = list(value.reinstatements, `${path}.reinstatements`, false).map((rate, k) =>
      number(
        rate,
        `${path}.reinstatements[${k}]`,
        (n) => n >= 0 && n <= MAX_REINSTATEMENT_RATE,
        `a rate from 0 to ${MAX_REINSTATEMENT_RATE} (a fraction of the premium: 1 = 100 %)`,
      ),
    );
    if (Array.isArray(value.reinstatements)) {
      if (readable && !(limit > 0)) fail(`${path}.limit`, 'must be > 0 for a layer with reinstatements');
      const implied = limit * (1 + reinstatements.length);
      if (value.aggregateLimit === undefined) {
        aggregateLimit = implied;
      } else if (
        readable &&
        limit > 0 &&
        Math.abs(aggregateLimit - implied) > Math.max(AGREEMENT_YUAN, implied * 1e-12)
      ) {
        fail(
          `${path}.aggregateLimit`,
          `must be limit × (1 + reinstatements) = ${implied} with ${reinstatements.length} reinstatement(s), ` +
            `not ${aggregateLimit} (or leave it out)`,
        );
      }
      if (premiumReadable && reinstatements.some((rate) => rate > 0) && !(premium > 0)) {
        fail(
          `${path}.premium`,
          `${value.premium === undefined ? 'is required' : 'must be > 0'} with paid reinstatements ` +
            '(their premiums are rates of it)',
        );
      }
    }
    return {
      attachment,
      limit,
      aggregateLimit,
      premium,
      reinstatements,
      parts: placed(value, path),
    };
  };

  // Class ids as the treaties name them; set once the classes are read (they come before the insurers).
  let classIds = new Map<string, number>();
  const treatyClasses = (value: unknown, kind: TreatyKind, path: string): number[] | null => {
    if (value === undefined) return null;
    if (STAGE[kind] !== 0) {
      fail(
        path,
        'only a per-risk treaty (quota_share, surplus, excess_of_loss) can be limited to some classes',
      );
      return null;
    }
    const ids = list(value, path, true);
    if (Array.isArray(value) && ids.length === 0)
      fail(path, 'needs at least one class (leave it out for every class)');
    const indexes: number[] = [];
    ids.forEach((id, k) => {
      const index = classIds.get(id as string);
      if (index === undefined)
        fail(`${path}[${k}]`, `names no class of the portfolio: ${JSON.stringify(id)}`);
      else if (indexes.includes(index)) fail(`${path}[${k}]`, `${JSON.stringify(id)} is named twice`);
      else indexes.push(index);
    });
    return indexes.sort((a, b) => a - b);
  };

  const treaty = (value: unknown, path: string): NormalisedTreaty | null => {
    if (!isObject(value)) {
      fail(path, 'must be a treaty object');
      return null;
    }
    const id = text(value.id, `${path}.id`);
    const kind = value.kind as TreatyKind;
    const base = {
      id,
      kind,
      stage: STAGE[kind],
      cededFraction: 0,
      retention: 0,
      lines: 0,
      classes: treatyClasses(value.classes, kind, `${path}.classes`),
    };
    if (value.reinstatements !== undefined && kind !== 'excess_of_loss' && kind !== 'catastrophe_xl') {
      fail(
        `${path}.reinstatements`,
        'belong to the layers of an excess_of_loss or catastrophe_xl treaty (layers[].reinstatements)',
      );
    }
    switch (kind) {
      case 'quota_share':
        return {
          ...base,
          cededFraction: shareFraction(value.cededShare, `${path}.cededShare`),
          layers: [
            {
              attachment: 0,
              limit: Number.POSITIVE_INFINITY,
              aggregateLimit: Number.POSITIVE_INFINITY,
              premium: 0,
              reinstatements: [],
              parts: placed(value, path),
            },
          ],
        };
      case 'surplus': {
        const retention = amount(value.retention, `${path}.retention`, null);
        if (!(retention > 0)) fail(`${path}.retention`, 'must be > 0');
        return {
          ...base,
          retention,
          lines: number(
            value.lines,
            `${path}.lines`,
            (n) => Number.isInteger(n) && n >= 1,
            'a whole number ≥ 1',
          ),
          layers: [
            {
              attachment: 0,
              limit: Number.POSITIVE_INFINITY,
              aggregateLimit: Number.POSITIVE_INFINITY,
              premium: 0,
              reinstatements: [],
              parts: placed(value, path),
            },
          ],
        };
      }
      case 'excess_of_loss':
      case 'catastrophe_xl': {
        const layers = list(value.layers, `${path}.layers`, true).map((l, i) =>
          layer(l, `${path}.layers[${i}]`),
        );
        if (layers.length === 0) fail(`${path}.layers`, 'needs at least one layer');
        return { ...base, layers };
      }
      case 'stop_loss':
        return {
          ...base,
          layers: [
            {
              attachment: amount(value.attachment, `${path}.attachment`, null),
              limit: amount(value.limit, `${path}.limit`, null),
              aggregateLimit: Number.POSITIVE_INFINITY,
              premium: 0,
              reinstatements: [],
              parts: placed(value, path),
            },
          ],
        };
      default:
        fail(
          `${path}.kind`,
          'must be quota_share, surplus, excess_of_loss, catastrophe_xl or stop_loss, not ' +
            JSON.stringify(kind),
        );
        return null;
    }
  };

  const name = input.name === undefined ? 'portfolio' : text(input.name, 'name');

  const classes = list(input.classes, 'classes', true).map((value, i) => {
    const path = `classes[${i}]`;
    if (!isObject(value)) {
      fail(path, 'must be { id, frequency, severity }');
      return {
        id: '',
        name: '',
        frequency: { kind: 'poisson', mean: 0 } as FrequencyModel,
        severity: severity(null, path),
      };
    }
    const id = text(value.id, `${path}.id`);
    return {
      id,
      name: typeof value.name === 'string' ? value.name : id,
      frequency: frequency(value.frequency, `${path}.frequency`),
      severity: severity(value.severity, `${path}.severity`),
    };
  });
  if (classes.length === 0 && Array.isArray(input.classes)) fail('classes', 'needs at least one class');
  unique(
    classes.map((c) => c.id),
    'classes',
    fail,
  );
  classIds = new Map(classes.map((c, i) => [c.id, i]));

  const insurers = list(input.insurers, 'insurers', true).map((value, i) => {
    const path = `insurers[${i}]`;
    if (!isObject(value)) {
      fail(path, 'must be { id, capital?, programme? }');
      return { id: '', name: '', capital: null, programme: [] };
    }
    const id = text(value.id, `${path}.id`);
    const programme = list(value.programme, `${path}.programme`, false)
      .map((t, j) => treaty(t, `${path}.programme[${j}]`))
      .filter((t): t is NormalisedTreaty => t !== null);
    for (let j = 1; j < programme.length; j++) {
      const before = programme[j - 1] as NormalisedTreaty;
      const after = programme[j] as NormalisedTreaty;
      if (after.stage < before.stage) {
        fail(
          `${path}.programme[${j}]`,
          `${after.kind} ${after.id} comes after ${before.kind} ${before.id}: the inuring order is per-risk treaties ` +
            '(quota share, surplus, excess of loss) first, then catastrophe excess of loss, then stop-loss',
        );
      }
    }
    unique(
      programme.map((t) => t.id),
      `${path}.programme`,
      fail,
    );
    return {
      id,
      name: typeof value.name === 'string' ? value.name : id,
      capital: value.capital === undefined ? null : amount(value.capital, `${path}.capital`, null),
      programme,
    };
  });
  if (insurers.length === 0 && Array.isArray(input.insurers)) fail('insurers', 'needs at least one insurer');
  unique(
    insurers.map((c) => c.id),
    'insurers',
    fail,
  );
  const insurerIndex = new Map(insurers.map((insurer, i) => [insurer.id, i]));

  const pools: string[] = [];
  const policies = list(input.policies, 'policies', true).map((value, i): NormalisedPolicy | null => {
    const path = `policies[${i}]`;
    if (!isObject(value)) {
      fail(path, 'must be a policy object');
      return null;
    }
    const cls = classIds.get(value.class as string);
    if (cls === undefined)
      fail(`${path}.class`, `names no class of the portfolio: ${JSON.stringify(value.class)}`);
    const members =
      value.count === undefined
        ? 1
        : number(
            value.count,
            `${path}.count`,
            (n) => Number.isSafeInteger(n) && n >= 1,
            'a whole number ≥ 1',
          );
    const sumInsured = amount(value.sumInsured, `${path}.sumInsured`, null);
    if (!(sumInsured > 0)) fail(`${path}.sumInsured`, 'must be > 0');
    const sections = list(value.sections, `${path}.sections`, false).map((s, j) => {
      const p = `${path}.sections[${j}]`;
      if (!isObject(s)) {
        fail(p, 'must be { fraction, deductible?, limit? }');
        return { fraction: 0, deductible: 0, limit: 0 };
      }
      return {
        fraction: number(s.fraction, `${p}.fraction`, (n) => n > 0 && n <= 1, 'a fraction in (0, 1]'),
        deductible: amount(s.deductible, `${p}.deductible`, 0),
        limit: amount(s.limit, `${p}.limit`, Number.POSITIVE_INFINITY),
      };
    });
    if (sections.reduce((sum, s) => sum + s.fraction, 0) > 1 + 1e-12)
      fail(`${path}.sections`, 'the fractions total more than 1');
    const lines = list(value.lines, `${path}.lines`, true).map((l, j) => {
      const p = `${path}.lines[${j}]`;
      if (!isObject(l)) {
        fail(p, 'must be { insurer, share }');
        return { insurerIndex: 0, fraction: 0 };
      }
      const index = insurerIndex.get(l.insurer as string);
      if (index === undefined)
        fail(`${p}.insurer`, `names no insurer of the portfolio: ${JSON.stringify(l.insurer)}`);
      return { insurerIndex: index ?? 0, fraction: shareFraction(l.share, `${p}.share`) };
    });
    if (lines.length === 0) fail(`${path}.lines`, 'needs at least one line');
    if (lines.reduce((sum, l) => sum + l.fraction, 0) > 1 + 1e-12)
      fail(`${path}.lines`, 'the shares total more than 100 %');
    if (new Set(lines.map((l) => l.insurerIndex)).size !== lines.length)
      fail(`${path}.lines`, 'names an insurer twice (five sames: one line per co-insurer)');
    const pool = value.pool === undefined ? null : text(value.pool, `${path}.pool`);
    if (pool !== null && !pools.includes(pool)) pools.push(pool);
    const optionalText = (v: unknown, p: string) => (v === undefined ? null : text(v, p));
    const classDef = classes[cls ?? 0];
    return {
      id: text(value.id, `${path}.id`),
      classIndex: cls ?? 0,
      members,
      sumInsured,
      deductible: amount(value.deductible, `${path}.deductible`, 0),
      limit: amount(value.limit, `${path}.limit`, Number.POSITIVE_INFINITY),
      aggregateLimit: amount(value.aggregateLimit, `${path}.aggregateLimit`, Number.POSITIVE_INFINITY),
      eventSublimit: amount(value.eventSublimit, `${path}.eventSublimit`, Number.POSITIVE_INFINITY),
      sections,
      frequency:
        value.frequency === undefined
          ? (classDef?.frequency ?? { kind: 'poisson', mean: 0 })
          : frequency(value.frequency, `${path}.frequency`),
      severityScale:
        value.severityScale === undefined
          ? 1
          : number(value.severityScale, `${path}.severityScale`, (n) => n > 0, 'a number > 0'),
      region: optionalText(value.region, `${path}.region`),
      chain: optionalText(value.chain, `${path}.chain`),
      pool,
      lines,
    };
  });
  if (policies.length === 0 && Array.isArray(input.policies)) fail('policies', 'needs at least one policy');

  const events = list(input.events, 'events', false).map((value, i) => {
    const path = `events[${i}]`;
    if (!isObject(value)) {
      fail(path, 'must be an event set object');
      return null;
    }
    const footprint = isObject(value.footprint) ? value.footprint : {};
    if (value.footprint !== undefined && !isObject(value.footprint))
      fail(`${path}.footprint`, 'must be an object');
    const names = (key: string) => {
      const v = footprint[key];
      if (v === undefined) return undefined;
      const items = list(v, `${path}.footprint.${key}`, true).map((x, j) =>
        text(x, `${path}.footprint.${key}[${j}]`),
      );
      if (key === 'classes') {
        for (const [j, c] of items.entries())
          if (!classIds.has(c))
            fail(`${path}.footprint.classes[${j}]`, `names no class: ${JSON.stringify(c)}`);
      }
      return items;
    };
    const damage = isObject(value.damageRatio) ? value.damageRatio : {};
    if (!isObject(value.damageRatio)) fail(`${path}.damageRatio`, 'must be { mean, cv }');
    const id = text(value.id, `${path}.id`);
    const built: NonNullable<EventSetInput['footprint']> = {};
    for (const key of ['classes', 'regions', 'chains', 'pools'] as const) {
      const items = names(key);
      if (items !== undefined) built[key] = items;
    }
    return {
      id,
      kind: text(value.kind, `${path}.kind`),
      name: typeof value.name === 'string' ? value.name : id,
      annualRate: number(value.annualRate, `${path}.annualRate`, (n) => n >= 0, 'a number ≥ 0'),
      footprint: built,
      hitProbability: number(
        value.hitProbability,
        `${path}.hitProbability`,
        (n) => n >= 0 && n <= 1,
        'a probability',
      ),
      intensitySigma:
        value.intensitySigma === undefined
          ? 0
          : number(value.intensitySigma, `${path}.intensitySigma`, (n) => n >= 0, 'a number ≥ 0'),
      damageRatio: {
        mean: number(damage.mean, `${path}.damageRatio.mean`, (n) => n > 0 && n <= 1, 'a fraction in (0, 1]'),
        cv: number(damage.cv, `${path}.damageRatio.cv`, (n) => n > 0, 'a number > 0'),
      },
    };
  });
  unique(
    events.filter((e) => e !== null).map((e) => e.id),
    'events',
    fail,
  );

  if (problems.length > 0) throw new PortfolioError(problems);
  return {
    name,
    classes,
    insurers,
    reinsurers,
    pools,
    events: events.filter((e): e is NonNullable<typeof e> => e !== null),
    policies: policies.filter((p): p is NormalisedPolicy => p !== null),
  };
}

function unique(ids: string[], path: string, fail: (path: string, message: string) => void): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(path, `the id ${JSON.stringify(id)} appears twice`);
    seen.add(id);
  }
}
