import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type ClassInput, type EventSetInput, normalisePortfolio, PortfolioError } from '@kebao/risk';
import { parseDocument } from 'yaml';
import { canonicalJson } from '../../platform/json.ts';
import { CatalogError } from '../catalog/load-catalog.ts';

/*
 * The risk model of the live portfolio (在保组合风险模型, catalog/risk/live-portfolio.yaml): the claim
 * frequency and severity of each statistical class, how an enterprise's profile moves its frequency, and the
 * correlated event sets. The risk job puts the policies in force through it (portfolio.ts). Checked at
 * start: a broken shipped model stops the server, naming the file, the path and the problem.
 */

export const RISK_MODEL_FILE = 'risk/live-portfolio.yaml';

export interface RiskModel {
  version: number;
  names: { zh: string; en: string };
  /** Yuan: a risk of this sum insured has its class's severity; others scale by sqrt(S / reference). */
  referenceSumInsured: number;
  classes: (ClassInput & { names: { zh: string; en: string } })[];
  /** Frequency factor by the enterprise's score band (评价分档). */
  scoreBands: Record<string, number>;
  /** Frequency × (1 + perClaim × min(claims in the last three years, maxClaims)). */
  claimsHistory: { perClaim: number; maxClaims: number };
  /** Frontier tags that name a policy's industry chain, the first match winning. */
  chains: string[];
  events: (EventSetInput & { names: { zh: string; en: string } })[];
}

export interface LoadedRiskModel {
  model: RiskModel;
  checksum: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

function names(v: unknown): v is { zh: string; en: string } {
  return isObject(v) && typeof v.zh === 'string' && v.zh !== '' && typeof v.en === 'string' && v.en !== '';
}

/** Every problem of a model document, each with its JSON path; none when it is sound. */
export function riskModelProblems(doc: unknown): string[] {
  if (!isObject(doc)) return ['/: the model is a mapping'];
  const problems: string[] = [];
  if (!Number.isInteger(doc.version) || (doc.version as number) < 1)
    problems.push('/version: a whole number ≥ 1');
  if (!names(doc.names)) problems.push('/names: zh and en names are required');
  if (!positive(doc.referenceSumInsured)) problems.push('/referenceSumInsured: a positive amount of yuan');
  const classes = Array.isArray(doc.classes) ? doc.classes : null;
  if (!classes || classes.length === 0) problems.push('/classes: at least one class');
  classes?.forEach((c, i) => {
    if (!isObject(c) || !names(c.names)) problems.push(`/classes/${i}/names: zh and en names are required`);
  });
  if (!isObject(doc.scoreBands)) problems.push('/scoreBands: a factor per score band');
  else
    for (const [band, factor] of Object.entries(doc.scoreBands))
      if (!positive(factor)) problems.push(`/scoreBands/${band}: a positive factor`);
  const history = doc.claimsHistory;
  if (
    !isObject(history) ||
    typeof history.perClaim !== 'number' ||
    history.perClaim < 0 ||
    !Number.isInteger(history.maxClaims) ||
    (history.maxClaims as number) < 0
  )
    problems.push('/claimsHistory: perClaim ≥ 0 and a whole maxClaims ≥ 0');
  if (!Array.isArray(doc.chains) || doc.chains.some((c) => typeof c !== 'string'))
    problems.push('/chains: a list of frontier tags');
  const events = doc.events === undefined ? [] : Array.isArray(doc.events) ? doc.events : null;
  if (events === null) problems.push('/events: a list of event sets');
  events?.forEach((e, i) => {
    if (!isObject(e) || !names(e.names)) problems.push(`/events/${i}/names: zh and en names are required`);
  });
  if (problems.length > 0 || !classes) return problems;
  // The classes and event sets are the engine's own: its validation names what is wrong with them.
  try {
    normalisePortfolio({
      classes: doc.classes,
      events: doc.events,
      insurers: [{ id: 'check' }],
      policies: [
        {
          id: 'check',
          class: (classes[0] as ClassInput).id,
          sumInsured: 1,
          lines: [{ insurer: 'check', share: 1_000_000 }],
        },
      ],
    });
  } catch (error) {
    if (!(error instanceof PortfolioError)) throw error;
    for (const p of error.problems) problems.push(`/${p.replace(/^\(root\):\s*/, '')}`);
  }
  return problems;
}

export function riskModelChecksum(model: RiskModel): string {
  return createHash('sha256').update(canonicalJson(model)).digest('hex');
}

/** Reads and checks the shipped risk model; throws a CatalogError naming the file and every problem. */
export async function loadRiskModel(catalogDir: string): Promise<LoadedRiskModel> {
  const file = path.join(catalogDir, RISK_MODEL_FILE);
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    throw new CatalogError(doc.errors.map((e) => `${RISK_MODEL_FILE}: ${e.message.split('\n')[0]}`));
  const value: unknown = doc.toJS();
  const problems = riskModelProblems(value);
  if (problems.length > 0) throw new CatalogError(problems.map((p) => `${RISK_MODEL_FILE}: ${p}`));
  const model = value as RiskModel;
  return { model, checksum: riskModelChecksum(model) };
}
