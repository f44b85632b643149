import { divideRounded, FEN_PER_YUAN, formatYuan, parseYuan } from '../money/index.ts';
import { ROUNDING_UNIT_FEN } from './check-rating.ts';
import { type CompiledFactor, compileFactor, type FactorValue, factorValue } from './compile-factor.ts';
import type { BilingualText, ProductDefinition, RatingBasis } from './definition.ts';
import { factNames, factTypeResolver } from './fact-types.ts';
import type { Facts } from './facts.ts';
import type { BreakdownStep, RatingError, RatingResult } from './rating-result.ts';
import { BASIS_FACTS, readBasis, readTermDays, resolveFactor } from './read-rating-facts.ts';
import { formatFraction, formatScaled, pow10 } from './scaled-decimal.ts';
import { compileTerm } from './term-multiplier.ts';

/*
 * Rating (费率厘定), exactly:
 *
 *   annual   = basis × baseRate × factor₁ × … × factorₙ
 *   premium  = annual × term multiplier            annual: 1 · pro_rata: days/365 (a standard policy
 *                                                   year: 1) · short_period: table[min(12, ⌈days × 12 / 365⌉)]
 *   premium  = min(premium, basis × rateCap × term multiplier)      when a cap is declared
 *   premium  = max(premium, minimumPremium)                         when a minimum is declared
 *   premium  = round(premium, to fen | jiao | yuan, mode)           once, at the very end
 *
 * The running premium is a fraction num / (10^scale × den): decimal factors only grow `scale`, and `den`
 * holds what a day fraction leaves (365, or 73 after cancelling). Nothing is rounded before the last step,
 * so the order of factors cannot change a premium and a product priced twice gives the same fen. The
 * minimum wins over the cap when both bind (an insurer does not write below its minimum); validation keeps
 * the minimum on the rounding grid, so rounding cannot take the premium below it.
 */

export type CompiledRating = (facts: Facts) => RatingResult;

const BASIS_NAMES: Record<RatingBasis, BilingualText> = {
  sum_insured: { zh: '计费基础：保险金额', en: 'Basis: sum insured' },
  contract_value: { zh: '计费基础：合同金额', en: 'Basis: contract value' },
  loan_principal_plus_interest: { zh: '计费基础：贷款本金加利息', en: 'Basis: loan principal plus interest' },
  revenue: { zh: '计费基础：上年营业收入', en: 'Basis: revenue last year' },
  limit: { zh: '计费基础：赔偿限额', en: 'Basis: limit of indemnity' },
  headcount: { zh: '计费基础：被保险人数', en: 'Basis: insured persons' },
};

const ROUNDING_NAMES = {
  to: { fen: ['分', 'the fen'], jiao: ['角', 'the jiao'], yuan: ['元', 'the yuan'] },
  mode: {
    HALF_UP: ['四舍五入', 'half up'],
    HALF_EVEN: ['四舍六入五成双', 'half even'],
    DOWN: ['舍去', 'down'],
    UP: ['进位', 'up'],
  },
} as const;

const UNIT_YUAN = { fen: '0.01', jiao: '0.1', yuan: '1' } as const;
const EFFECTIVE_RATE_PLACES = 10;

export function compileRating(definition: ProductDefinition): CompiledRating {
  const { rating } = definition;
  const typeOf = factTypeResolver(definition);
  const baseRate = factorValue(rating.baseRate);
  const factors = rating.factors.map((factor) => compileFactor(factor, typeOf));
  const term = compileTerm(rating.term);
  const cap = rating.rateCap === undefined ? undefined : factorValue(rating.rateCap);
  const minimum = rating.minimumPremium === undefined ? undefined : parseYuan(rating.minimumPremium);
  const unit = ROUNDING_UNIT_FEN[rating.rounding.to];
  const { mode } = rating.rounding;
  const headcount = rating.basis === 'headcount';
  const basisFacts = BASIS_FACTS[rating.basis];
  const basisNames = BASIS_NAMES[rating.basis];
  const baseRateNames: BilingualText = headcount
    ? { zh: '每人每年基准保费（元）', en: 'Base premium per person per year (yuan)' }
    : { zh: '基准费率', en: 'Base rate' };
  const roundingNames: BilingualText = {
    zh: `保费取整（到${ROUNDING_NAMES.to[rating.rounding.to][0]}，${ROUNDING_NAMES.mode[mode][0]}）`,
    en: `Premium rounded to ${ROUNDING_NAMES.to[rating.rounding.to][1]} (${ROUNDING_NAMES.mode[mode][1]})`,
  };
  const nameOf = (fact: string) => factNames(definition, fact);

  return (facts) => {
    const errors: RatingError[] = [];
    const basis = readBasis(basisFacts, headcount, facts, nameOf, errors);
    const used: FactorValue[] = [];
    const inputs: string[] = [];
    for (const factor of factors) {
      const resolved = resolveFactor(factor, facts, nameOf, errors);
      if (resolved === undefined) continue;
      used.push(resolved.value);
      inputs.push(resolved.input);
    }
    const days = readTermDays(facts, errors);
    if (basis === undefined || days === undefined || errors.length > 0) return { ok: false, errors };

    // The running premium: num / (10^scale × den) yuan.
    let num = basis.units;
    let scale = basis.scale;
    let den = 1n;
    const breakdown: BreakdownStep[] = [];
    const basisText = formatFraction(num, scale, den);
    const basisFact = basisFacts.length === 1 ? basisFacts[0] : undefined; // principal + interest: two facts
    breakdown.push({
      key: 'basis',
      names: basisNames,
      kind: 'basis',
      fact: basisFact,
      input: basis.input,
      value: basisText,
      amount: basisText,
    });
    num *= baseRate.units;
    scale += baseRate.scale;
    breakdown.push({
      key: 'base_rate',
      names: baseRateNames,
      kind: 'base_rate',
      value: baseRate.text,
      amount: formatFraction(num, scale, den),
    });
    for (let i = 0; i < factors.length; i++) {
      const factor = factors[i] as CompiledFactor;
      const value = used[i] as FactorValue;
      num *= value.units;
      scale += value.scale;
      const input = inputs[i] as string;
      breakdown.push({
        key: factor.key,
        names: factor.names,
        kind: 'factor',
        fact: factor.fact,
        input,
        value: value.text,
        amount: formatFraction(num, scale, den),
      });
    }
    const annualPremium = formatScaled(num, scale, 2);

    const multiplier = term(days, facts['request.startDate']);
    num *= multiplier.units;
    scale += multiplier.scale;
    den *= multiplier.den;
    breakdown.push({
      key: 'term',
      names: multiplier.names,
      kind: 'term',
      fact: 'request.termDays',
      input: String(days),
      value: multiplier.text,
      amount: formatFraction(num, scale, den),
    });

    if (cap !== undefined) {
      // basis × rateCap × term multiplier, as a fraction of the same form.
      const capNum = basis.units * cap.units * multiplier.units;
      const capScale = basis.scale + cap.scale + multiplier.scale;
      const capDen = multiplier.den;
      const bound = num * pow10(capScale) * capDen > capNum * pow10(scale) * den;
      if (bound) {
        num = capNum;
        scale = capScale;
        den = capDen;
      }
      const value = formatFraction(capNum, capScale, capDen);
      breakdown.push({
        key: 'rate_cap',
        names: { zh: '费率上限', en: 'Rate cap' },
        kind: 'rate_cap',
        input: cap.text,
        value,
        amount: formatFraction(num, scale, den),
        bound,
      });
    }
    if (minimum !== undefined) {
      const bound = num * FEN_PER_YUAN < minimum * pow10(scale) * den;
      if (bound) {
        num = minimum;
        scale = 2;
        den = 1n;
      }
      const value = formatYuan(minimum);
      breakdown.push({
        key: 'minimum',
        names: { zh: '最低保费', en: 'Minimum premium' },
        kind: 'minimum',
        value,
        amount: formatFraction(num, scale, den),
        bound,
      });
    }
    const premium = divideRounded(num * FEN_PER_YUAN, pow10(scale) * den * unit, mode) * unit;
    const premiumText = formatYuan(premium);
    breakdown.push({
      key: 'rounding',
      names: roundingNames,
      kind: 'rounding',
      input: mode,
      value: UNIT_YUAN[rating.rounding.to],
      amount: premiumText,
    });
    // premium (fen) ÷ basis (fen, or persons × 100 fen per yuan).
    const rateDen = headcount ? basis.units * FEN_PER_YUAN : basis.units;
    const effectiveRate =
      rateDen === 0n
        ? '0'
        : formatScaled(
            divideRounded(premium * pow10(EFFECTIVE_RATE_PLACES), rateDen, 'HALF_UP'),
            EFFECTIVE_RATE_PLACES,
          );
    return { ok: true, premium, basis: basis.units, annualPremium, effectiveRate, breakdown };
  };
}
