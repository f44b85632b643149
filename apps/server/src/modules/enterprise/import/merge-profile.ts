import type { HeaderPlan } from './header-plan.ts';

interface Qualification {
  kind: string;
  [part: string]: unknown;
}
interface Listing {
  kind: string;
  [part: string]: unknown;
}
interface Project {
  name: string;
  trl: number;
  [part: string]: unknown;
}

type Document = Record<string, unknown>;

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * A row of the list applied to the stored profile of the same enterprise. The list says what it
 * has a value for and nothing else: a filled cell replaces the field, an empty cell or a column the
 * file does not have leaves the field as it is, and what no column can carry (contacts, validity
 * start dates, listing items, project names) is kept. So importing a partial list never erases a
 * profile, and an exported file imported again changes nothing.
 *
 * - qualifications: the certificate number and valid-to date of a kind are set on the stored
 *   entry of that kind (its other parts kept), or a new entry is added;
 * - catalogue listings: the cell names the complete set of kinds — stored entries of those kinds
 *   stay as they are, kinds not stored yet are added, kinds no longer named are dropped;
 * - TRL: sets the readiness level of the first project (an export writes the first project's).
 */
export function mergeProfile(stored: Document, row: Document): Document {
  const merged: Document = { ...stored };
  for (const [key, value] of Object.entries(row)) {
    if (key === 'qualifications')
      merged.qualifications = mergeQualifications(list(stored.qualifications), list(value));
    else if (key === 'catalogueListings')
      merged.catalogueListings = mergeListings(list(stored.catalogueListings), list(value));
    else if (key === 'projects') merged.projects = mergeProjects(list(stored.projects), list(value));
    else merged[key] = value;
  }
  return merged;
}

function mergeQualifications(stored: Qualification[], row: Qualification[]): Qualification[] {
  const out = stored.map((q) => ({ ...q }));
  for (const q of row) {
    const at = out.findIndex((s) => s.kind === q.kind);
    if (at >= 0) out[at] = { ...out[at], ...q };
    else out.push(q);
  }
  return out;
}

function mergeListings(stored: Listing[], row: Listing[]): Listing[] {
  const named = new Set(row.map((l) => l.kind));
  const kept = stored.filter((l) => named.has(l.kind));
  const have = new Set(kept.map((l) => l.kind));
  return [...kept, ...row.filter((l) => !have.has(l.kind))];
}

function mergeProjects(stored: Project[], row: Project[]): Project[] {
  const first = stored[0];
  const trl = row[0]?.trl;
  if (first === undefined || trl === undefined) return row;
  return first.trl === trl ? stored : [{ ...first, trl }, ...stored.slice(1)];
}

/**
 * The column of the file a validation problem of the merged profile points at: `/staff` is the
 * staff column, `/qualifications/1/validTo` the valid-to column of that entry's kind, listings and
 * projects their one column. A value no column of this file holds (it came from the stored
 * profile) keeps its JSON pointer, so the report still says where it is.
 */
export function columnOfPath(path: string, merged: Document, plan: HeaderPlan): string | null {
  const [, top = '', index, part] = path.split('/');
  let field = top;
  if (top === 'qualifications' && index !== undefined) {
    const kind = list<Qualification>(merged.qualifications)[Number(index)]?.kind;
    if (part === 'certificateNo') field = `q.${kind}.no`;
    else if (part === 'validTo') field = `q.${kind}.to`;
  } else if (top === 'catalogueListings') field = 'listing';
  else if (top === 'projects') field = 'trl';
  return plan.headerOf.get(field) ?? (path === '' ? null : path);
}
