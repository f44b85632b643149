/*
 * A broker's client picker (询价 → 客户企业): the clients whose mandate it holds, the enterprises its leads
 * show for the chosen product, and what a registry search by name or USCC found (名录检索) — each once, in
 * that order. Before a mandate the registry shows a broker only an enterprise's name, code, region and
 * industry; the first quote records the mandate.
 */

export type ClientSource = 'mandate' | 'lead' | 'registry';

export interface ClientChoice {
  id: string;
  name: string;
  uscc: string;
  source: ClientSource;
  /** The broker's mandate on record for the client, if any. */
  mandate: { reference: string; validUntil: string } | null;
}

export interface HeldClient {
  enterpriseId: string;
  name: string;
  uscc: string;
  reference: string;
  validUntil: string;
}

export interface LeadClient {
  id: string;
  name: string;
  uscc: string;
}

export interface RegistryClient {
  id: string;
  name: string;
  uscc: string;
  mandate: { reference: string; validUntil: string; valid: boolean } | null;
}

/** The shortest search the registry answers: two characters of a name (or a full code). */
export const REGISTRY_SEARCH_MIN = 2;

/** Whether a typed search is long enough to ask the registry. */
export function isRegistrySearch(search: string): boolean {
  return [...search.trim()].length >= REGISTRY_SEARCH_MIN;
}

/** Whether a known client matches what the broker typed: part of its name or of its code. */
export function matchesSearch(client: { name: string; uscc: string }, search: string): boolean {
  const text = search.trim().toLowerCase();
  if (text === '') return true;
  return client.name.toLowerCase().includes(text) || client.uscc.toLowerCase().includes(text);
}

/**
 * The picker's choices: held mandates and leads that match the search, then the registry's answer for it;
 * an enterprise appears once, under the first source that has it.
 */
export function clientChoices(input: {
  held: readonly HeldClient[];
  leads: readonly LeadClient[];
  found: readonly RegistryClient[];
  search: string;
}): ClientChoice[] {
  const seen = new Set<string>();
  const choices: ClientChoice[] = [];
  const add = (choice: ClientChoice) => {
    if (seen.has(choice.id)) return;
    seen.add(choice.id);
    choices.push(choice);
  };
  for (const c of input.held) {
    if (!matchesSearch(c, input.search)) continue;
    add({
      id: c.enterpriseId,
      name: c.name,
      uscc: c.uscc,
      source: 'mandate',
      mandate: { reference: c.reference, validUntil: c.validUntil },
    });
  }
  for (const l of input.leads) {
    if (matchesSearch(l, input.search)) add({ ...l, source: 'lead', mandate: null });
  }
  for (const f of input.found) {
    add({
      id: f.id,
      name: f.name,
      uscc: f.uscc,
      source: 'registry',
      mandate: f.mandate ? { reference: f.mandate.reference, validUntil: f.mandate.validUntil } : null,
    });
  }
  return choices;
}
