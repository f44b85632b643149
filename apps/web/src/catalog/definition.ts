import type { Bilingual } from '../i18n/labels.ts';

/*
 * The product definition (产品定义) as the web app reads it. The API types `definition` as unknown (it
 * is the document of GET /api/catalog/schema/product.json); these interfaces follow
 * packages/domain/src/catalog/definition.ts, and definition.test.ts checks that every definition the
 * domain accepts fits them. Amounts are yuan strings, rates and factors decimal strings, dates
 * 'YYYY-MM-DD'.
 */

export type Scalar = string | number | boolean;

export type ComparisonOperator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';
export type SetOperator = 'in' | 'not_in' | 'contains' | 'contains_any' | 'contains_all';

/** The rule language (规则语言): conditions as data. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: ComparisonOperator; value: Scalar }
  | { fact: string; op: 'between'; min: string | number; max: string | number }
  | { fact: string; op: SetOperator; values: (string | number)[] }
  | { fact: string; op: 'exists' | 'missing' };

export type FactCondition = Extract<Condition, { fact: string }>;

export type OptionType = 'choice' | 'money' | 'integer' | 'boolean';

/** An option the requester chooses (保险方案选项); read by rules as `request.options.<key>`. */
export interface ProductOption {
  key: string;
  names: Bilingual;
  type: OptionType;
  choices?: string[];
  min?: string | number;
  max?: string | number;
  default?: Scalar;
  required?: boolean;
}

export type Deductible =
  | { type: 'amount'; amount: string }
  | { type: 'percent'; rate: string; minimum?: string }
  | { type: 'waiting_days'; days: number }
  | { type: 'option'; option: string };

export type LimitBasis =
  | 'sum_insured'
  | 'contract_value'
  | 'equipment_value'
  | 'loan_principal_plus_interest'
  | 'limit'
  | 'fixed'
  | 'per_person';

export interface SectionLimit {
  basis: LimitBasis;
  multiple?: string;
  amount?: string;
  max?: string;
}

export interface Sublimit {
  key: string;
  names: Bilingual;
  amount?: string;
  shareOfLimit?: string;
}

export interface ParametricPayout {
  threshold: string;
  payoutShareOfLimit: string;
}

export type Trigger =
  | { type: 'occurrence' }
  | {
      type: 'claims_made';
      retroactiveDate: 'required' | 'policy_start' | 'none';
      extendedReportingDays?: number;
    }
  | {
      type: 'parametric';
      index: Bilingual;
      unit: string;
      payouts: ParametricPayout[];
      direction: 'above' | 'below';
    };

/** A section of cover (保障责任). */
export interface Section {
  key: string;
  names: Bilingual;
  description?: Bilingual;
  limit: SectionLimit;
  sublimits?: Sublimit[];
  deductible?: Deductible;
  trigger: Trigger;
  optional?: boolean;
}

export type RatingBasis =
  | 'sum_insured'
  | 'contract_value'
  | 'loan_principal_plus_interest'
  | 'revenue'
  | 'headcount'
  | 'limit';

export interface FactorBand {
  from?: string | number;
  to?: string | number;
  factor: string;
}

/** A factor table, looked up by a fact: exact keys or numeric bands (`from` inclusive, `to` exclusive). */
export interface Factor {
  key: string;
  names: Bilingual;
  fact: string;
  table?: Record<string, string>;
  bands?: FactorBand[];
  default?: string;
}

export type Term =
  | { method: 'annual' }
  | { method: 'pro_rata' }
  | { method: 'short_period'; table: Record<string, string> };

export type RoundingUnit = 'fen' | 'jiao' | 'yuan';
export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP';

/** Rating (费率厘定). */
export interface Rating {
  basis: RatingBasis;
  baseRate: string;
  factors: Factor[];
  term: Term;
  minimumPremium?: string;
  rateCap?: string;
  rounding: { to: RoundingUnit; mode: RoundingMode };
}

/** An eligibility rule (投保条件): the product is for enterprises where `when` holds. */
export interface Rule {
  reason: string;
  message: Bilingual;
  when: Condition;
}

/** An underwriting rule (核保规则): when `when` holds, the quote is declined or referred. */
export interface UnderwritingRule extends Rule {
  outcome: 'decline' | 'refer';
}

export type StatisticalClass = 'rd_transfer' | 'application' | 'intellectual_property' | 'base';

export interface ProductDefinition {
  $schema?: string;
  code: string;
  version: number;
  names: Bilingual;
  summary?: Bilingual;
  statisticalClass: StatisticalClass;
  writer: { insurer: string } | { pool: string };
  parties: { policyholder: Bilingual; insured: Bilingual; beneficiary?: Bilingual };
  options: ProductOption[];
  sections: Section[];
  eligibility: Rule[];
  rating: Rating;
  underwriting: UnderwritingRule[];
  subsidyTags: string[];
  clause: { reference: string; source?: string };
  effective: { from: string; to?: string };
  assumptions?: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The definition of a version the server sent. The server validated it when it was stored; this only
 * checks the outline the pages rely on, so a definition from a newer server with a part this app does
 * not know is shown rather than crashing the page, and a broken one is reported instead.
 */
export function readDefinition(value: unknown): ProductDefinition | null {
  if (!isRecord(value)) return null;
  const { code, version, names, parties, options, sections, eligibility, rating, underwriting } = value;
  const outline =
    typeof code === 'string' &&
    typeof version === 'number' &&
    isRecord(names) &&
    isRecord(parties) &&
    Array.isArray(options) &&
    Array.isArray(sections) &&
    Array.isArray(eligibility) &&
    Array.isArray(underwriting) &&
    isRecord(rating) &&
    Array.isArray(rating.factors) &&
    isRecord(rating.term) &&
    isRecord(rating.rounding);
  if (!outline) return null;
  // The outline is there; the rest was validated by the server against the same schema.
  return value as unknown as ProductDefinition;
}

/** 'KB-RD-TRANSF' and friends: the product code pattern of the schema. */
export const productCodePattern = /^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$/;
