import type { BilingualText } from '../catalog/definition.ts';
import { inputText, limitWords } from './band-words.ts';
import type { GateDefinition } from './evaluation-model.ts';
import type { GateResult } from './evaluation-result.ts';
import { compareRatios, decimalRatio, type Ratio } from './exact-ratio.ts';
import { type MeasureDefinition, measures } from './measures.ts';
import type { EnterpriseProfile } from './profile.ts';

/** A gate (门槛) compiled once per model version: the limit as an exact ratio, its words built. */
export interface CompiledGate {
  readonly key: string;
  readonly names: BilingualText;
  readonly measure: MeasureDefinition;
  readonly limit: Ratio;
  readonly atMost: boolean;
  readonly limitWords: BilingualText;
  readonly note?: BilingualText;
}

export interface GateCheck {
  readonly result: GateResult;
  readonly missing: readonly string[];
}

export function compileGate(definition: GateDefinition): CompiledGate {
  const measure: MeasureDefinition = measures[definition.measure];
  const atMost = definition.atMost !== undefined;
  const limit = decimalRatio(definition.atMost ?? definition.atLeast ?? '');
  return {
    key: definition.key,
    names: definition.names,
    measure,
    limit,
    atMost,
    limitWords: limitWords(measure.unit, limit, atMost),
    ...(definition.note === undefined ? {} : { note: definition.note }),
  };
}

/** Both ends are included: "不超过 500 人" admits 500, "不低于 60%" admits 60%. */
export function meetsLimit(value: Ratio, limit: Ratio, atMost: boolean): boolean {
  const order = compareRatios(value, limit);
  return atMost ? order <= 0 : order >= 0;
}

/** Notes in order, joined into one; undefined when there are none. */
export function joinNotes(...notes: (BilingualText | undefined)[]): BilingualText | undefined {
  const present = notes.filter((note) => note !== undefined);
  if (present.length === 0) return undefined;
  return { zh: present.map((note) => note.zh).join('；'), en: present.map((note) => note.en).join('; ') };
}

export function missingGateNote(fields: readonly string[]): BilingualText {
  return {
    zh: `缺少：${fields.join('、')}，无法判断`,
    en: `missing: ${fields.join(', ')}, so it cannot be decided`,
  };
}

export function checkGate(gate: CompiledGate, profile: EnterpriseProfile): GateCheck {
  const measured = gate.measure.measure(profile);
  const result = (input: string, passed: boolean | null, note?: BilingualText): GateResult => {
    const joined = joinNotes(note, gate.note);
    return {
      key: gate.key,
      names: gate.names,
      input,
      limit: gate.limitWords,
      passed,
      ...(joined === undefined ? {} : { note: joined }),
    };
  };
  if (measured.kind === 'missing')
    return { result: result('missing', null, missingGateNote(measured.fields)), missing: measured.fields };
  if (measured.kind === 'undefined') return { result: result('n/a', false, measured.reason), missing: [] };
  const input = inputText(gate.measure.unit, measured.value);
  return { result: result(input, meetsLimit(measured.value, gate.limit, gate.atMost)), missing: [] };
}
