export * from './parse-region-list.ts';
export * from './region-index.ts';
export * from './region-list.ts';
