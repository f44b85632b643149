import { Permission } from '@kebao/domain/org';
import { percentOf } from '../format/decimal.ts';

/*
 * 资金方看板: a programme's grants broken down by product, statistical class, district or enterprise
 * (`GET /api/subsidy/programmes/{code}/breakdown`). Pure helpers of the programme page's breakdown card.
 */

/** The dimensions, in the order the card offers them (the server's `by`). */
export const breakdownDimensions = ['product', 'class', 'district', 'enterprise'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

/** Who sees the breakdown: the funder operating the programme, and whoever sees every subsidy. */
export function seesBreakdown(
  me: { organisation: { id: string }; permissions: readonly string[] },
  funderId: string | null | undefined,
): boolean {
  return (
    me.permissions.includes(Permission.SubsidyReadAll) || (!!funderId && funderId === me.organisation.id)
  );
}

/** A row's name in the current language: the Chinese label, or its English one. */
export function breakdownLabel(row: { label: string; labelEn: string }, language: string): string {
  return language === 'en' ? row.labelEn : row.label;
}

/**
 * The code shown under a row's name: the enterprise's USCC, the product's code, the district's region code
 * when the server named it (a code the region list does not hold is its own label, not shown twice).
 */
export function breakdownCode(
  row: { key: string; label: string; uscc: string | null },
  by: BreakdownDimension,
): string | null {
  if (row.uscc) return row.uscc;
  if (by === 'product') return row.key;
  return by === 'district' && row.key !== 'unknown' && row.label !== row.key ? row.key : null;
}

/** The server's share (a 6-place fraction, "0.125000") as a percentage number text ("12.5"); null stays null. */
export function sharePercent(share: string | null | undefined): string | null {
  return share === null || share === undefined ? null : percentOf(share, 2);
}
