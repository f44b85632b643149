import { parse } from 'yaml';
import { type ProgrammeDefinition, readProgramme } from './programme.ts';

/*
 * Test fixtures, imported by tests only: the subsidy programmes Kebao ships (catalog/subsidies/*.yaml),
 * read by Vite at test time. The app itself never parses YAML.
 */

const files = import.meta.glob<string>('../../../../catalog/subsidies/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function shippedProgrammes(): ProgrammeDefinition[] {
  return Object.values(files).map((text) => {
    const programme = readProgramme(parse(text));
    if (!programme) throw new Error('a shipped programme does not read as a definition');
    return programme;
  });
}

export function shippedProgramme(code: string): ProgrammeDefinition {
  const programme = shippedProgrammes().find((p) => p.code === code);
  if (!programme) throw new Error(`no shipped programme ${code}`);
  return programme;
}
