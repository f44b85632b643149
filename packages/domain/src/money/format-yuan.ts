import { absFen, FEN_PER_YUAN, type Fen } from './fen.ts';

/** The JSON form of an amount: yuan with exactly two decimals, "-" for negatives, no separators. */
export function formatYuan(fen: Fen): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan}.${cents}`;
}

/** For display only ("1,234,567.89"); JSON always carries formatYuan's form. */
export function formatYuanGrouped(fen: Fen): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

function splitFen(fen: Fen): { sign: string; yuan: string; cents: string } {
  const magnitude = absFen(fen);
  return {
    sign: fen < 0n ? '-' : '',
    yuan: (magnitude / FEN_PER_YUAN).toString(),
    cents: (magnitude % FEN_PER_YUAN).toString().padStart(2, '0'),
  };
}
