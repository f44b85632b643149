export * from './calendar-year.ts';
export * from './parse-calendar-year.ts';
