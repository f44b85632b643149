import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseYuan } from '../money/index.ts';
import type { SubsidyContext, SubsidyHistory, SubsidyPolicy } from './decision.ts';
import { parseProgramme } from './parse-programme.ts';
import type { SubsidyProgramme } from './programme.ts';

/** Where the shipped programme files live, relative to this folder. */
export const SHIPPED_SUBSIDIES = new URL('../../../../catalog/subsidies/', import.meta.url);

export function shippedProgrammeFiles(): string[] {
  return readdirSync(SHIPPED_SUBSIDIES)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
}

/** The raw document of a shipped programme file, as YAML parses it. */
export function shippedDocument(code: string): Record<string, unknown> {
  return parse(readFileSync(new URL(`${code}.yaml`, SHIPPED_SUBSIDIES), 'utf8'));
}

/**
 * A shipped programme (`catalog/subsidies/<code>.yaml`), parsed and validated as the platform reads it.
 * Test-only (it reads a file); throws with every error when the file does not validate.
 */
export function loadProgramme(code: string): SubsidyProgramme {
  const result = parseProgramme(shippedDocument(code));
  if (!result.ok) throw new Error(`${code} does not validate: ${JSON.stringify(result.errors, null, 2)}`);
  if (result.programme.code !== code) throw new Error(`${code}.yaml declares code ${result.programme.code}`);
  return result.programme;
}

export const yuan = parseYuan;

/** A fresh history: first year, nothing granted yet. */
export function freshHistory(changes: Partial<SubsidyHistory> = {}): SubsidyHistory {
  return {
    yearIndex: 1,
    grantedThisYearToEnterprise: 0n,
    grantedToPolicy: 0n,
    programmeGranted: 0n,
    quotaLeft: null,
    groupsAlreadyGranted: [],
    ...changes,
  };
}

/** A context for a policy of a product, with the enterprise's facts by bare key. */
export function contextOf(
  policy: Partial<SubsidyPolicy> & Pick<SubsidyPolicy, 'productCode' | 'subsidyTags'>,
  enterprise: Record<string, unknown>,
  history: Partial<SubsidyHistory> = {},
): SubsidyContext {
  return {
    policy: {
      statisticalClass: 'application',
      premium: yuan('100000.00'),
      sumInsured: yuan('10000000.00'),
      startDate: '2025-03-01',
      ...policy,
    },
    enterprise: { facts: enterprise },
    history: freshHistory(history),
  };
}
