export * from './catalog/index.ts';
export * from './demo/index.ts';
export * from './matching/index.ts';
export * from './money/index.ts';
export * from './org/index.ts';
export * from './schema/index.ts';
export * from './time/index.ts';
