export * from './organisation-kinds.ts';
export * from './permissions.ts';
export * from './roles.ts';
export * from './uscc.ts';
