import { type CalendarDate, parseCalendarDate } from './calendar-date.ts';

// Dates become whole day numbers (days since 1970-01-01) for arithmetic, using Howard Hinnant's
// days_from_civil / civil_from_days: plain integer maths, free of the Date object's quirks (years below
// 100 shifted to 19xx, local time zones).

export type YearMonthDay = { year: number; month: number; day: number };

export function toYearMonthDay(date: CalendarDate): YearMonthDay {
  const text = parseCalendarDate(date);
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) };
}

export function fromYearMonthDay({ year, month, day }: YearMonthDay): CalendarDate {
  if (year < 1 || year > 9999) throw new RangeError(`year ${year} is outside 0001–9999`);
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseCalendarDate(text);
}

export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = toYearMonthDay(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`day number ${dayNumber} is not an integer`);
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return fromYearMonthDay({ year, month, day });
}
