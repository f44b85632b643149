export * from './five-sames.ts';
export * from './pool.ts';
export * from './reinsurance.ts';
export * from './shares.ts';
export * from './sign-down.ts';
