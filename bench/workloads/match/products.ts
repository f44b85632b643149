/**
 * The product versions of the `match` workload: the 19 shipped products (catalog/products/*.yaml, read
 * and validated as the server reads them) and deterministic variants of them up to 1,000 versions — each
 * variant's eligibility thresholds perturbed and a segment rule added (staff, revenue, tech score or
 * R&D), so every version compiles to a program of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { type Condition, type ProductDefinition, validateDefinition } from '@kebao/domain/catalog';
import { LEAF_STRIDE, type MatchPrograms, Op } from '@kebao/domain/matching';
// `yaml` is hoisted from @kebao/server (as in the quote workloads); the shipped catalogue is YAML.
import { parse } from 'yaml';

const productsDir = new URL('../../../catalog/products/', import.meta.url);

function validated(document: unknown, what: string): ProductDefinition {
  const result = validateDefinition(document);
  if (!result.ok) {
    const problems = result.errors.map((e) => `${e.path || '/'} ${e.message_en} (${e.code})`);
    throw new Error(`${what} is not a valid definition:\n${problems.join('\n')}`);
  }
  return result.definition;
}

/** Every shipped product, by code. */
export function shippedProducts(): ProductDefinition[] {
  return readdirSync(productsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) =>
      validated(parse(readFileSync(new URL(name, productsDir), 'utf8')), `catalog/products/${name}`),
    );
}

const INTEGER_FACTS = new Set([
  'enterprise.staff',
  'enterprise.techStaff',
  'enterprise.trl',
  'enterprise.claimsLast3Years',
  'enterprise.yearsInOperation',
  'request.headcount',
  'request.termDays',
  'request.continuousYear',
]);
const MONEY_FACTS = new Set([
  'enterprise.revenue',
  'enterprise.totalAssets',
  'enterprise.rdExpense',
  'request.sumInsured',
  'request.contractValue',
  'request.loanPrincipal',
  'request.limit',
]);

const yuanOf = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const fenOf = (yuan: string | number) => {
  const [whole, cents = ''] = String(yuan).split('.');
  return BigInt(whole ?? '0') * 100n + BigInt(cents.padEnd(2, '0').slice(0, 2) || '0');
};

/** A threshold moved by the variant: integers by −2…+2 (kept in range), amounts by −10%…+10%. */
function perturb(fact: string, value: string | number, n: number, salt: number): string | number {
  if (INTEGER_FACTS.has(fact) && typeof value === 'number') {
    const moved = value + (((n * 7 + salt * 3) % 5) - 2);
    const low = fact === 'enterprise.trl' || fact === 'request.termDays' ? 1 : 0;
    return Math.min(fact === 'enterprise.trl' ? 9 : Number.MAX_SAFE_INTEGER, Math.max(low, moved));
  }
  if (MONEY_FACTS.has(fact)) {
    const percent = BigInt(((n * 13 + salt * 5) % 21) - 10);
    return yuanOf((fenOf(value) * (100n + percent)) / 100n);
  }
  return value;
}

function perturbed(condition: Condition, n: number, salt: { next: number }): Condition {
  if ('all' in condition) return { all: condition.all.map((part) => perturbed(part, n, salt)) };
  if ('any' in condition) return { any: condition.any.map((part) => perturbed(part, n, salt)) };
  if ('not' in condition) return { not: perturbed(condition.not, n, salt) };
  const s = salt.next++;
  if ('min' in condition) {
    const a = perturb(condition.fact, condition.min, n, s);
    const b = perturb(condition.fact, condition.max, n, s + 1);
    const swap = typeof a === 'number' && typeof b === 'number' ? a > b : fenOf(a) > fenOf(b);
    return { ...condition, min: swap ? b : a, max: swap ? a : b };
  }
  if ('value' in condition && typeof condition.value !== 'boolean') {
    return { ...condition, value: perturb(condition.fact, condition.value, n, s) };
  }
  return condition;
}

/**
 * The segment of the variant with global index i (0…): four kinds in turn, the threshold rising with
 * i, so no two variants share a segment rule (and none is a shipped product).
 */
function segment(i: number): Condition {
  const m = Math.floor(i / 4);
  switch (i % 4) {
    case 0:
      return { fact: 'enterprise.staff', op: 'lte', value: 150 + 5 * m };
    case 1:
      return { fact: 'enterprise.revenue', op: 'gte', value: yuanOf(BigInt(200_000 + 20_000 * m) * 100n) };
    case 2: {
      const tenths = 450 + m;
      return { fact: 'enterprise.techScore', op: 'gte', value: `${Math.floor(tenths / 10)}.${tenths % 10}0` };
    }
    default:
      return {
        any: [
          {
            fact: 'enterprise.qualifications',
            op: 'contains_any',
            values: ['high_tech_enterprise', 'little_giant'],
          },
          { fact: 'enterprise.rdExpense', op: 'gte', value: yuanOf(BigInt(100_000 + 10_000 * m) * 100n) },
        ],
      };
  }
}

/** Variant n (1, 2, …) of a shipped product, version n + 1; i numbers the variants of every product. */
function variant(base: ProductDefinition, n: number, i: number): ProductDefinition {
  const salt = { next: 0 };
  const document = {
    ...base,
    version: base.version + n,
    eligibility: [
      ...base.eligibility.map((rule) => ({ ...rule, when: perturbed(rule.when, n, salt) })),
      {
        reason: 'variant.segment',
        message: { zh: `细分客群（方案 ${n}）`, en: `Target segment (variant ${n})` },
        when: segment(i),
      },
    ],
  };
  return validated(document, `${base.code} variant ${n}`);
}

/** The shipped products (first) and their variants: `count` product versions in all. */
export function productVersions(count: number): { definitions: ProductDefinition[]; shipped: number } {
  const shipped = shippedProducts();
  const definitions = [...shipped];
  for (let i = 0; definitions.length < count; i++) {
    const base = shipped[i % shipped.length] as ProductDefinition;
    definitions.push(variant(base, 1 + Math.floor(i / shipped.length), i));
  }
  return { definitions, shipped: shipped.length };
}

/** How many of the compiled programs differ (their code, each leaf spelt out, and their scoring profile). */
export function distinctPrograms(programs: MatchPrograms): number {
  const { code } = programs;
  const leaf = (l: number) => {
    const at = l * LEAF_STRIDE;
    const [kind, negate, column, a, b] = Array.from(code.leaves.subarray(at, at + LEAF_STRIDE));
    const operands =
      kind === 5 || kind === 6 ? [a] : Array.from(code.constants.subarray(a, (a ?? 0) + (b ?? 0)));
    return `${kind}/${negate}/${column}/${operands.join(',')}`;
  };
  const seen = new Set<string>();
  for (let p = 0; p < code.productCount; p++) {
    const profile = code.productProfile[p] as number;
    const terms = code.terms.subarray(
      (code.profileTermStart[profile] as number) * 3,
      (code.profileTermStart[profile + 1] as number) * 3,
    );
    const parts: string[] = [`${code.profileClass[profile]}:${terms.join(',')}`];
    const end = code.codeStart[p + 1] as number;
    for (let pc = code.codeStart[p] as number; pc < end; ) {
      const op = code.code[pc] as number;
      const operand = code.code[pc + 1] as number;
      if (op === Op.LEAF || op >= Op.ELIGIBILITY_LEAF) {
        parts.push(`${op}:${leaf(operand)}`);
        pc += 2;
      } else if (op === Op.ALL || op === Op.ANY) {
        parts.push(`${op}:${operand}`);
        pc += 2;
      } else {
        parts.push(String(op));
        pc += 1;
      }
    }
    seen.add(parts.join(' '));
  }
  return seen.size;
}
