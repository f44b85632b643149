import { ExactDecimal, type Fen, formatYuanGrouped } from '../money/index.ts';

/** An amount as people read it in a step: "150,000.00". */
export function yuan(fen: Fen): string {
  return formatYuanGrouped(fen);
}

/** A share as a percentage: "0.8" → "80%", "0.075" → "7.5%". */
export function percent(share: string): string {
  return `${new ExactDecimal(share).times(100).toString()}%`;
}
