import { allocate, type Fen, maxFen } from '../money/index.ts';
import { addDays, compareDates, parseCalendarDate, proRataRefund } from '../time/index.ts';

/*
 * Earned premium and the unearned premium reserve (未到期责任准备金) by the 1/365 method (DESIGN.md
 * "Dates", domain README §4). Policy periods run from 起保日零时 to 终保日二十四时, so "UPR at date D" means
 * at the end of D, i.e. at 00:00 of D + 1 — exactly what a cancellation effective D + 1 would return
 * (proRataRefund). Using that one function makes a pro-rata cancellation refund and the UPR agree to the
 * fen, and keeps the endorsement premium (endorsementPremium) consistent with both.
 *
 * A policy's premium is a list of layers, each earned evenly over its own days:
 * - the bind: the written premium over [start date, end date];
 * - an endorsement: its premium movement (negative for a return) over [effective date, end date after it];
 * - a cancellation: its movement (minus the refund) over [cancel date, end date], with `cancelledFrom` set
 *   to the cancel date. Before that date the layer is wholly unearned and changes nothing; from it the
 *   cover has ended, the UPR is 0 and whatever the insurer kept (a short-rate table keeps more than pro
 *   rata) is earned at once.
 * Earned is always written − UPR, so the two add up to the written premium to the fen.
 */

export interface PremiumLayer {
  premium: Fen;
  /** First day the layer covers ('YYYY-MM-DD', from 00:00). */
  start: string;
  /** Last day the layer covers ('YYYY-MM-DD', to 24:00). */
  end: string;
}

export interface EarnedAndUnearned {
  /** Σ layer premiums: the premium written, net of endorsements and the cancellation. */
  written: Fen;
  earned: Fen;
  unearned: Fen;
}

/** UPR at the end of `asOf`: Σ proRataRefund(layer, asOf + 1 day); 0 from the end of the day before `cancelledFrom`. */
export function premiumLayersUpr(
  layers: readonly PremiumLayer[],
  asOf: string,
  cancelledFrom?: string | null,
): Fen {
  const nextMorning = addDays(parseCalendarDate(asOf), 1);
  const layerUpr = layers.map((layer) =>
    proRataRefund(layer.premium, parseCalendarDate(layer.start), parseCalendarDate(layer.end), nextMorning),
  );
  if (cancelledFrom != null && compareDates(nextMorning, parseCalendarDate(cancelledFrom)) >= 0) return 0n;
  return layerUpr.reduce((sum, upr) => sum + upr, 0n);
}

/** Written, earned and unearned premium of a policy at the end of `asOf`. */
export function earnedAndUnearned(
  layers: readonly PremiumLayer[],
  asOf: string,
  cancelledFrom?: string | null,
): EarnedAndUnearned {
  const written = layers.reduce((sum, layer) => sum + layer.premium, 0n);
  const unearned = premiumLayersUpr(layers, asOf, cancelledFrom);
  return { written, earned: written - unearned, unearned };
}

/**
 * A policy amount (its UPR, say) split across the co-insurers by their premium parts, with allocate so
 * the parts sum exactly to the total. A co-insurer whose net premium is not positive (a fen of rounding
 * left after return premiums) takes no part. A zero total splits into zeros; a non-zero total needs a
 * co-insurer with premium (RangeError otherwise).
 */
export function splitByParticipants(total: Fen, participantPremiums: readonly Fen[]): Fen[] {
  if (total === 0n) return participantPremiums.map(() => 0n);
  const weights = participantPremiums.map((premium) => maxFen(premium, 0n));
  if (weights.every((weight) => weight === 0n)) {
    throw new RangeError(`cannot split ${total} fen: no co-insurer has premium`);
  }
  return allocate(total, weights);
}

/**
 * Each co-insurer's written, earned and unearned premium at the end of `asOf`: the policy's UPR split by
 * splitByParticipants, earned the rest of the co-insurer's own written premium, so every column sums to
 * the policy's figure and each co-insurer's earned + unearned = its written. The premiums must sum to the
 * layers' (RangeError otherwise).
 */
export function earnedAndUnearnedByParticipant(
  layers: readonly PremiumLayer[],
  participantPremiums: readonly Fen[],
  asOf: string,
  cancelledFrom?: string | null,
): EarnedAndUnearned[] {
  const { written: policyWritten, unearned } = earnedAndUnearned(layers, asOf, cancelledFrom);
  const sharesWritten = participantPremiums.reduce((sum, premium) => sum + premium, 0n);
  if (sharesWritten !== policyWritten) {
    throw new RangeError(`co-insurers' premiums sum to ${sharesWritten} fen, the layers to ${policyWritten}`);
  }
  const parts = splitByParticipants(unearned, participantPremiums);
  return participantPremiums.map((written, i) => {
    const part = parts[i] as Fen;
    return { written, earned: written - part, unearned: part };
  });
}
