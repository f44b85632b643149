import { assertBalanced, type JournalLine } from './posting.ts';

/*
 * The journal is append-only (DESIGN.md "Writes"): a wrong entry is never edited or deleted, it is
 * corrected by a reversing entry (红字冲销) and, where needed, a new correct one.
 */

/** The reversing entry of a balanced entry: the same lines with every amount negated (zero lines left out). */
export function reverseEntry(lines: readonly JournalLine[]): JournalLine[] {
  assertBalanced(lines);
  return lines.filter((line) => line.amount !== 0n).map((line) => ({ ...line, amount: -line.amount }));
}
