/*
 * The product editor's text: the definition as JSON or YAML, and the paths of validation errors.
 * The browser has no YAML parser (the server parses YAML uploads), but it can write YAML: a small
 * emitter for plain data (objects, lists, strings, numbers, booleans, null) is enough for a definition.
 */

export type EditorMode = 'yaml' | 'json';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
/** Words YAML 1.1 or 1.2 could read as booleans or null. */
const reservedWord = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
/** A first character YAML reads as an indicator, a number or a special float. */
const specialStart = /^[-?:,[\]{}#&*!|>'"%@`.+\d\s]/;

/** A string that YAML reads back as the same string without quotes. */
function isPlain(text: string): boolean {
  return (
    text !== '' &&
    !specialStart.test(text) &&
    !reservedWord.test(text) &&
    !/\s$/.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !text.endsWith(':') &&
    // Control characters, line breaks and the Unicode line separators need escapes.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to find
    !/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)
  );
}

function isNested(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || (isRecord(value) && Object.keys(value).length > 0);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return '[]';
  if (isRecord(value)) return '{}';
  if (typeof value === 'string') return isPlain(value) ? value : JSON.stringify(value);
  // A JSON double-quoted string is also a YAML double-quoted scalar with the same value.
  return String(value);
}

function keyText(key: string): string {
  return plainKey.test(key) && !reservedWord.test(key) ? key : JSON.stringify(key);
}

function lines(value: unknown): string[] {
  if (Array.isArray(value) && value.length > 0)
    return value.flatMap((item) => {
      const inner = isNested(item) ? lines(item) : [scalarText(item)];
      return inner.map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`));
    });
  if (isRecord(value) && Object.keys(value).length > 0)
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .flatMap(([key, v]) =>
        isNested(v)
          ? [`${keyText(key)}:`, ...lines(v).map((line) => `  ${line}`)]
          : [`${keyText(key)}: ${scalarText(v)}`],
      );
  return [scalarText(value)];
}

/** Plain data as block-style YAML (2-space indents, strings quoted only where YAML needs it). */
export function toYaml(value: unknown): string {
  return `${lines(value).join('\n')}\n`;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Where in the definition an error is: the API's pointer into the request (`/body/yaml/rating/factors/2`)
 * without the request part (`/rating/factors/2`); '' for the document as a whole.
 */
export function definitionPointer(path: string): string {
  const match = /^\/body\/(?:yaml|definition)(\/.*)?$/.exec(path);
  return match ? (match[1] ?? '') : path;
}

/** A pointer for people: `/rating/factors/2` → `rating › factors › 2` (JSON Pointer escapes undone). */
export function pointerText(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join(' › ');
}

/**
 * Every key of the definition schema, in the order the schema (and the shipped files) write them. One
 * list serves every kind of object because their shared keys agree on order: `key` and `names` first,
 * `type` before what it qualifies, `from` before `to`, `default` after the values.
 */
const schemaKeyOrder = [
  '$schema',
  'code',
  'version',
  'outcome',
  'key',
  'reason',
  'message',
  'when',
  'names',
  'zh',
  'en',
  'summary',
  'description',
  'statisticalClass',
  'writer',
  'insurer',
  'pool',
  'parties',
  'policyholder',
  'insured',
  'beneficiary',
  'type',
  'method',
  'basis',
  'multiple',
  'fact',
  'op',
  'all',
  'any',
  'not',
  'value',
  'choices',
  'amount',
  'rate',
  'minimum',
  'days',
  'option',
  'min',
  'max',
  'values',
  'shareOfLimit',
  'retroactiveDate',
  'extendedReportingDays',
  'index',
  'unit',
  'direction',
  'payouts',
  'threshold',
  'payoutShareOfLimit',
  'baseRate',
  'factors',
  'table',
  'bands',
  'from',
  'to',
  'factor',
  'default',
  'required',
  'term',
  'minimumPremium',
  'rateCap',
  'rounding',
  'mode',
  'limit',
  'sublimits',
  'deductible',
  'trigger',
  'optional',
  'options',
  'sections',
  'eligibility',
  'rating',
  'underwriting',
  'subsidyTags',
  'clause',
  'reference',
  'source',
  'effective',
  'assumptions',
];
const keyRank = new Map(schemaKeyOrder.map((key, i) => [key, i]));

/**
 * The definition with its keys in the schema's order. The server keeps definitions as PostgreSQL jsonb,
 * which hands keys back sorted by length (`code, names, clause, rating, …`); an author expects to find
 * them as written. Factor and short-period tables are data keyed by value and keep the order they have.
 */
export function inSchemaOrder(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => inSchemaOrder(item, parentKey));
  if (!isRecord(value)) return value;
  const entries = Object.entries(value).map(([key, v]) => [key, inSchemaOrder(v, key)] as const);
  if (parentKey === 'table') return Object.fromEntries(entries);
  const rank = (key: string) => keyRank.get(key) ?? schemaKeyOrder.length;
  return Object.fromEntries([...entries].sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * The definition a new version starts from: the current one with the next version number, and without
 * the editor hint (`$schema`), which has no meaning outside a file.
 */
export function nextVersionDraft(
  definition: Record<string, unknown>,
  version: number,
): Record<string, unknown> {
  const { $schema: _schema, ...rest } = definition;
  return { ...rest, version };
}

/** A skeleton for a new product of the writer's own organisation, effective from `today`, to be filled in. */
export function newProductTemplate(uscc: string | null, today: string): Record<string, unknown> {
  return {
    code: 'KB-RD-NEW',
    version: 1,
    names: { zh: '新产品', en: 'New product' },
    summary: { zh: '产品简介', en: 'What the product covers' },
    statisticalClass: 'rd_transfer',
    writer: { insurer: uscc ?? '' },
    parties: {
      policyholder: { zh: '投保企业', en: 'Policyholder enterprise' },
      insured: { zh: '投保企业', en: 'Policyholder enterprise' },
    },
    options: [],
    sections: [
      {
        key: 'main',
        names: { zh: '主险责任', en: 'Main cover' },
        limit: { basis: 'sum_insured', multiple: '1' },
        trigger: { type: 'occurrence' },
      },
    ],
    eligibility: [],
    rating: {
      basis: 'sum_insured',
      baseRate: '0.01',
      factors: [],
      term: { method: 'pro_rata' },
      minimumPremium: '1000.00',
      rounding: { to: 'fen', mode: 'HALF_UP' },
    },
    underwriting: [],
    subsidyTags: [],
    clause: { reference: '条款名称' },
    effective: { from: today },
  };
}
