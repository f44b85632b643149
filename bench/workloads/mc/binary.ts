/**
 * The compiled portfolio as the C baseline of the `mc` workload reads it: a header of sizes, then every
 * array in the order of FIELDS, each as (kind, length, data) in little-endian, kind 1 = float64, 2 = int32,
 * 3 = uint8. mc.c reads the same fields in the same order; both sides check the count.
 */
import { writeFileSync } from 'node:fs';
import type { CompiledPortfolio } from '@kebao/risk';

const MAGIC = 0x434d424b; // "KBMC"
const VERSION = 1;

/** Sizes, in the order of mc.c's header. */
export const HEADER = [
  'unitCount',
  'classCount',
  'insurerCount',
  'reinsurerCount',
  'poolCount',
  'eventCount',
  'segmentCount',
  'trackedMembers',
  'perspectiveCount',
  'perspectiveClass',
  'perspectivePool',
  'perspectiveInsurerGross',
  'perspectiveInsurerNet',
  'perspectiveReinsurer',
] as const satisfies readonly (keyof CompiledPortfolio)[];

/** Arrays, in the order of mc.c's `read_arrays`. */
export const FIELDS = [
  'unitClass',
  'unitPool',
  'unitMembers',
  'unitTrackBase',
  'unitSumInsured',
  'unitDeductible',
  'unitLimit',
  'unitAggregateLimit',
  'unitEventSublimit',
  'unitSeverityScale',
  'unitSectionStart',
  'unitSectionCount',
  'sectionFraction',
  'sectionDeductible',
  'sectionLimit',
  'unitLineStart',
  'unitLineCount',
  'lineInsurer',
  'lineShare',
  'lineFractionStart',
  'lineFraction',
  'classSeverityKind',
  'classSeverityA',
  'classSeverityB',
  'classSeverityC',
  'classSeverityE',
  'countCdf',
  'countGuide',
  'segmentTableStart',
  'segmentTableLength',
  'segmentAliasStart',
  'segmentAliasLength',
  'aliasProbability',
  'aliasPrimary',
  'aliasSecondary',
  'eventTableStart',
  'eventTableLength',
  'eventIntensityMu',
  'eventIntensitySigma',
  'eventHitProbability',
  'eventDamageMu',
  'eventDamageSigma',
  'eventFootprintStart',
  'eventFootprintLength',
  'eventCumulativeStart',
  'footprintUnit',
  'footprintCumulative',
  'eventSingles',
  'insurerOpStart',
  'insurerOpCount',
  'insurerRiskOps',
  'insurerCapital',
  'opKind',
  'opCeded',
  'opLayerStart',
  'opLayerCount',
  'layerAttachment',
  'layerLimit',
  'layerAggregateLimit',
  'layerPlaced',
  'layerPartStart',
  'layerPartCount',
  'partReinsurer',
  'partFraction',
] as const satisfies readonly (keyof CompiledPortfolio)[];

export function writePortfolio(file: string, portfolio: CompiledPortfolio): void {
  const chunks: Buffer[] = [];
  const words = (values: number[]) => Buffer.from(Int32Array.from(values).buffer);
  chunks.push(words([MAGIC, VERSION, HEADER.length, FIELDS.length]));
  chunks.push(words(HEADER.map((key) => portfolio[key])));
  for (const key of FIELDS) {
    const array = portfolio[key];
    const kind = array instanceof Float64Array ? 1 : array instanceof Int32Array ? 2 : 3;
    chunks.push(words([kind, array.length]));
    chunks.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  }
  writeFileSync(file, Buffer.concat(chunks));
}
