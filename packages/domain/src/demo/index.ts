export * from './enterprises.ts';
export { SHANGHAI_DISTRICT_CODES } from './places.ts';
export { hashSeed, SeededRandom, type WeightedTable, weightedTable } from './random.ts';
export {
  makeUscc,
  organisationCodeBody,
  organisationCodeCheckCharacter,
  organisationSerial,
  type UsccParts,
} from './uscc.ts';
