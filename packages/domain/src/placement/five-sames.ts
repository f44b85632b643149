import { tryParseYuan } from '../money/index.ts';

/**
 * The "five sames" of co-insurance (五个同一, domain README §2): one contract, one subject, one liability,
 * one period and one sum insured for every co-insurer. Every participant's terms are compared with the
 * lead's; any difference means it is not co-insurance of one risk.
 */

/** 五个同一: one contract, subject, liability, period, sum insured for every co-insurer. */
export interface PlacementTerms {
  contract: string;
  subject: string;
  liability: readonly string[];
  startDate: string;
  endDate: string;
  sumInsured: string;
}

export type FiveSame = 'contract' | 'subject' | 'liability' | 'period' | 'sumInsured';

/** The five in the order differences are reported. */
export const FIVE_SAMES: readonly FiveSame[] = ['contract', 'subject', 'liability', 'period', 'sumInsured'];

/**
 * Canonical text of the terms: JSON with a fixed key order, the liability codes sorted and without
 * repeats (order-insensitive), and the sum insured as whole fen (so "1000" and "1000.00" agree). Equal
 * fingerprints ⇔ no five-sames difference. Dates compare as their 'YYYY-MM-DD' text. Never throws: an
 * amount that does not parse is kept as the text it is (validating input is the schema's job), so it
 * still compares as itself.
 */
export function termsFingerprint(terms: PlacementTerms): string {
  const canonical = canonicalTerms(terms);
  return JSON.stringify({
    contract: canonical.contract,
    subject: canonical.subject,
    liability: canonical.liability,
    period: [canonical.startDate, canonical.endDate],
    sumInsured: canonical.sumInsuredFen,
  });
}

/** Which of the five sames differ between two participants' terms, in FIVE_SAMES order; [] when none. */
export function fiveSamesDifferences(a: PlacementTerms, b: PlacementTerms): FiveSame[] {
  const x = canonicalTerms(a);
  const y = canonicalTerms(b);
  const differs: Record<FiveSame, boolean> = {
    contract: x.contract !== y.contract,
    subject: x.subject !== y.subject,
    liability: JSON.stringify(x.liability) !== JSON.stringify(y.liability),
    period: x.startDate !== y.startDate || x.endDate !== y.endDate,
    sumInsured: x.sumInsuredFen !== y.sumInsuredFen,
  };
  return FIVE_SAMES.filter((same) => differs[same]);
}

function canonicalTerms(terms: PlacementTerms) {
  return {
    contract: terms.contract,
    subject: terms.subject,
    liability: [...new Set(terms.liability)].sort(compareCodeUnits),
    startDate: terms.startDate,
    endDate: terms.endDate,
    sumInsuredFen: canonicalAmount(terms.sumInsured),
  };
}

/** Whole fen as text when the amount parses ("1000" and "1000.00" → "100000"), else the text marked as raw. */
function canonicalAmount(text: string): string {
  const parsed = tryParseYuan(text);
  return parsed.ok ? parsed.fen.toString() : `raw:${text}`;
}

/** Plain code-unit order, the same on every machine (localeCompare is not). */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
