// Events are shown in China Standard Time wherever the browser is (DESIGN.md: dates are Asia/Shanghai).
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export const blank = '—';

/** `2025-03-01 14:05:09` in Asia/Shanghai, the same in both languages; `—` for no value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return blank;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(date)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Asia/Shanghai as 'YYYY-MM-DD' (dates of the business are China's, wherever the browser is). */
export function todayInShanghai(now: Date = new Date()): string {
  const part: Record<string, string> = {};
  for (const { type, value } of dateFormatter.formatToParts(now)) part[type] = value;
  return `${part.year}-${part.month}-${part.day}`;
}
