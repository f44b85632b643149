import { WHOLE } from '@kebao/domain/placement';
import type { InsurerInput, LayerInput, PolicyInput, PortfolioInput, TreatyInput } from '@kebao/risk';
import type { RiskModel } from './model.ts';

/*
 * The live portfolio as the risk engine reads it (docs/risk.md, "The live portfolio"): every policy in
 * force on a day — bound on the platform or registered by an insurer — with its terms and co-insurance
 * lines, each insurer with its capital and reinsurance treaties, and the model's classes and event sets.
 * A pure function of what the database holds on that day and the model: the risk job stores its result
 * with the run, so the run can be repeated from it.
 */

/** A platform policy in force (a group's member certificates stand for the group, each its own risk). */
export interface LivePolicy {
  number: string;
  statisticalClass: string;
  /** Fen. */
  sumInsured: bigint;
  request: Record<string, unknown>;
  facts: Record<string, unknown>;
  poolCode: string | null;
  lines: { orgId: string; share: number }[];
}

/** A policy an insurer registered from its own systems: its own line only. */
export interface RegisteredLivePolicy {
  number: string;
  insurerOrgId: string;
  statisticalClass: string;
  /** Fen: the insurer's share of the sum insured. */
  sumInsured: bigint;
  regionCode: string | null;
}

export interface LiveInsurer {
  orgId: string;
  name: string;
  /** Fen: capital and reserves (insurer_capacity), when recorded. */
  capital: bigint | null;
}

export interface LiveTreaty {
  insurerOrgId: string;
  name: string;
  kind: 'quota_share' | 'surplus' | 'excess_of_loss';
  reinsurer: string;
  cededShare: number | null;
  /** Fen. */
  retention: bigint | null;
  lines: number | null;
  attachment: bigint | null;
  layerLimit: bigint | null;
  classes: string[] | null;
}

export interface LivePortfolioInput {
  asOf: string;
  model: RiskModel;
  policies: LivePolicy[];
  registered: RegisteredLivePolicy[];
  insurers: LiveInsurer[];
  treaties: LiveTreaty[];
}

/** Something the portfolio leaves out or reads differently from the books, said with the run. */
export interface PortfolioNote {
  code: 'treaty_classes' | 'policy_without_lines' | 'class_unknown';
  zh: string;
  en: string;
}

export interface LivePortfolio {
  portfolio: PortfolioInput;
  platformPolicies: number;
  registeredPolicies: number;
  notes: PortfolioNote[];
}

/** Fen → yuan as a number: the engine computes in binary floats (estimates, never amounts to post). */
const yuan = (fen: bigint) => Number(fen) / 100;

function amountOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && /^[0-9]+(\.[0-9]{1,2})?$/.test(value)) return Number(value);
  return null;
}

/** The class frequency moved by the profile: score band factor × loss-history loading. */
export function frequencyFactor(model: RiskModel, facts: Record<string, unknown>): number {
  const band = typeof facts.scoreBand === 'string' ? model.scoreBands[facts.scoreBand] : undefined;
  const claims = typeof facts.claimsLast3Years === 'number' ? Math.max(0, facts.claimsLast3Years) : 0;
  const history = 1 + model.claimsHistory.perClaim * Math.min(claims, model.claimsHistory.maxClaims);
  return (band ?? 1) * history;
}

function chainOf(model: RiskModel, facts: Record<string, unknown>): string | undefined {
  const tags = Array.isArray(facts.frontierTags) ? facts.frontierTags : [];
  return model.chains.find((c) => tags.includes(c));
}

function poissonMean(model: RiskModel, cls: string): number | null {
  const c = model.classes.find((k) => k.id === cls);
  if (!c) return null;
  return typeof c.frequency === 'number'
    ? c.frequency
    : c.frequency.kind === 'poisson'
      ? c.frequency.mean
      : null;
}

/** A platform treaty as the engine's; `classes`: the model's classes it covers (null: every class). */
function treatyInput(t: LiveTreaty, index: number, classes: string[] | null): TreatyInput | null {
  const id = `T${index + 1}`;
  const limited = classes === null ? {} : { classes };
  if (t.kind === 'quota_share' && t.cededShare !== null)
    return { id, kind: 'quota_share', cededShare: t.cededShare, reinsurer: t.reinsurer, ...limited };
  if (t.kind === 'surplus' && t.retention !== null && t.lines !== null)
    return {
      id,
      kind: 'surplus',
      retention: yuan(t.retention),
      lines: t.lines,
      reinsurer: t.reinsurer,
      ...limited,
    };
  if (t.kind === 'excess_of_loss' && t.attachment !== null && t.layerLimit !== null) {
    const layer: LayerInput = {
      attachment: yuan(t.attachment),
      limit: yuan(t.layerLimit),
      reinsurer: t.reinsurer,
    };
    return { id, kind: 'excess_of_loss', layers: [layer], ...limited };
  }
  return null;
}

const ORDER: Record<TreatyInput['kind'], number> = {
  quota_share: 0,
  surplus: 0,
  excess_of_loss: 0,
  catastrophe_xl: 1,
  stop_loss: 2,
};

export function buildLivePortfolio(input: LivePortfolioInput): LivePortfolio {
  const { model } = input;
  const notes: PortfolioNote[] = [];
  const classIds = new Set(model.classes.map((c) => c.id));
  const reference = model.referenceSumInsured;
  const policies: PolicyInput[] = [];
  const usedInsurers = new Set<string>();
  let unknownClass = 0;
  let withoutLines = 0;
  let platformPolicies = 0;
  let registeredPolicies = 0;

  const termsOf = (sumInsured: number, facts: Record<string, unknown>, cls: string) => {
    const terms: Pick<PolicyInput, 'severityScale' | 'frequency'> = {
      severityScale: Math.sqrt(sumInsured / reference),
    };
    const factor = frequencyFactor(model, facts);
    const mean = poissonMean(model, cls);
    if (factor !== 1 && mean !== null) terms.frequency = mean * factor;
    return terms;
  };

  for (const p of input.policies) {
    if (!classIds.has(p.statisticalClass)) {
      unknownClass++;
      continue;
    }
    const lines = p.lines.filter((l) => l.share > 0);
    if (lines.length === 0) {
      withoutLines++;
      continue;
    }
    const sumInsured = yuan(p.sumInsured);
    const limit = amountOf(p.request.limit);
    const options = (p.request.options ?? {}) as Record<string, unknown>;
    const deductible = amountOf(options.deductible);
    const region = typeof p.facts.region === 'string' ? p.facts.region : undefined;
    const chain = chainOf(model, p.facts);
    const policy: PolicyInput = {
      id: p.number,
      class: p.statisticalClass,
      sumInsured,
      aggregateLimit: sumInsured,
      ...termsOf(sumInsured, p.facts, p.statisticalClass),
      lines: lines.map((l) => ({ insurer: l.orgId, share: l.share })),
    };
    if (limit !== null && limit > 0) policy.limit = Math.min(limit, sumInsured);
    if (deductible !== null && deductible > 0) policy.deductible = deductible;
    if (region) policy.region = region;
    if (chain) policy.chain = chain;
    if (p.poolCode) policy.pool = p.poolCode;
    for (const l of lines) usedInsurers.add(l.orgId);
    policies.push(policy);
    platformPolicies++;
  }
  for (const r of input.registered) {
    if (!classIds.has(r.statisticalClass)) {
      unknownClass++;
      continue;
    }
    const sumInsured = yuan(r.sumInsured);
    if (sumInsured <= 0) continue;
    const policy: PolicyInput = {
      id: `R:${r.number}`,
      class: r.statisticalClass,
      sumInsured,
      aggregateLimit: sumInsured,
      ...termsOf(sumInsured, {}, r.statisticalClass),
      lines: [{ insurer: r.insurerOrgId, share: WHOLE }],
    };
    if (r.regionCode) policy.region = r.regionCode;
    usedInsurers.add(r.insurerOrgId);
    policies.push(policy);
    registeredPolicies++;
  }
  if (unknownClass > 0)
    notes.push({
      code: 'class_unknown',
      zh: `${unknownClass} 张保单的统计类别不在风险模型中，未计入`,
      en: `${unknownClass} policies of a class the risk model does not have were left out`,
    });
  if (withoutLines > 0)
    notes.push({
      code: 'policy_without_lines',
      zh: `${withoutLines} 张保单没有签署份额，未计入`,
      en: `${withoutLines} policies without signed lines were left out`,
    });

  const insurers: InsurerInput[] = [];
  for (const insurer of input.insurers) {
    if (!usedInsurers.has(insurer.orgId)) continue;
    const programme: TreatyInput[] = [];
    input.treaties
      .filter((t) => t.insurerOrgId === insurer.orgId)
      .forEach((t, i) => {
        // A treaty limited to some classes covers those the model has; one covering none of them cedes nothing.
        const classes =
          t.classes === null || t.classes.length === 0 ? null : t.classes.filter((c) => classIds.has(c));
        if (classes !== null && classes.length === 0) {
          notes.push({
            code: 'treaty_classes',
            zh: `${insurer.name} 的合约「${t.name}」只分保风险模型中没有的类别，模拟中未计入`,
            en: `${insurer.name}'s treaty "${t.name}" covers only classes the risk model does not have and is left out`,
          });
          return;
        }
        const treaty = treatyInput(t, i, classes);
        if (treaty) programme.push(treaty);
      });
    // The engine's inuring order: per-risk treaties (in the insurer's priority order), then the rest.
    programme.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
    const entry: InsurerInput = { id: insurer.orgId, name: insurer.name };
    if (insurer.capital !== null && insurer.capital > 0n) entry.capital = yuan(insurer.capital);
    if (programme.length > 0) entry.programme = programme;
    insurers.push(entry);
  }

  return {
    portfolio: {
      name: `在保组合 / portfolio in force on ${input.asOf}`,
      classes: model.classes.map(({ names, ...c }) => ({ ...c, name: names.zh })),
      insurers,
      events: model.events.map(({ names, ...e }) => ({ ...e, name: names.zh })),
      policies,
    },
    platformPolicies,
    registeredPolicies,
    notes,
  };
}
