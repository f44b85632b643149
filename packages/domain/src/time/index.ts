export * from './calendar-date.ts';
export * from './date-arithmetic.ts';
export * from './date-format-error.ts';
export * from './day-number.ts';
export * from './earned-premium.ts';
export * from './policy-term.ts';
export * from './shanghai-time.ts';
