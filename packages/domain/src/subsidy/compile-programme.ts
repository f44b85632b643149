import type { Rule } from '../catalog/definition.ts';
import { type CompiledCondition, compileCondition } from '../catalog/evaluate-condition.ts';
import type { SubsidyBonus, SubsidyProgramme, SubsidyTier } from './programme.ts';
import { subsidyFactType } from './subsidy-facts.ts';

/** A programme's conditions compiled once: rules, tier selectors and bonuses. */
export interface CompiledProgramme {
  readonly conditions: readonly { readonly rule: Rule; readonly holds: CompiledCondition }[];
  readonly tiers: readonly { readonly tier: SubsidyTier; readonly applies: CompiledCondition }[];
  readonly bonuses: readonly { readonly bonus: SubsidyBonus; readonly holds: CompiledCondition }[];
}

const always: CompiledCondition = () => 'true';

function compile(programme: SubsidyProgramme): CompiledProgramme {
  const build = (condition: Parameters<typeof compileCondition>[0]) =>
    compileCondition(condition, subsidyFactType);
  return {
    conditions: programme.conditions.map((rule) => ({ rule, holds: build(rule.when) })),
    tiers: (programme.share.tiers ?? []).map((tier) => ({
      tier,
      applies:
        tier.when !== undefined
          ? build(tier.when)
          : tier.band !== undefined
            ? build({ fact: 'enterprise.scoreBand', op: 'eq', value: tier.band })
            : always,
    })),
    bonuses: (programme.share.bonuses ?? []).map((bonus) => ({ bonus, holds: build(bonus.when) })),
  };
}

// Keyed by the programme object: a programme is data read once and never changed afterwards (the same
// reasoning as productRulesOf in the catalogue).
const compiled = new WeakMap<SubsidyProgramme, CompiledProgramme>();

/** The compiled conditions of a programme parseProgramme accepted; an unchecked one may throw a TypeError. */
export function compiledProgramme(programme: SubsidyProgramme): CompiledProgramme {
  let rules = compiled.get(programme);
  if (rules === undefined) {
    rules = compile(programme);
    compiled.set(programme, rules);
  }
  return rules;
}
