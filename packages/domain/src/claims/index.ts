export * from './coverage.ts';
export * from './fx.ts';
export * from './lifecycle.ts';
export * from './parametric.ts';
export * from './recoveries.ts';
