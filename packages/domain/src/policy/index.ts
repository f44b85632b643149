export * from './cancellation.ts';
export * from './chinese-dates.ts';
export * from './cover.ts';
export * from './endorsement.ts';
export * from './policy-number.ts';
export * from './schedule.ts';
