/**
 * RFM segmentation rules, pure. A customer with at least one completed order gets three scores 1–5:
 * R (recency: fewer days since the last completed order is better), F (frequency: more completed orders
 * is better), M (monetary: more paid revenue is better), each by quintiles over all scored customers.
 */

export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential Loyalist',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose",
  'Hibernating',
  'Lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export type Score = 1 | 2 | 3 | 4 | 5;

/**
 * Quintile scores with ties kept together. Values are ranked worst first (ascending when higher is
 * better, descending when lower is better); a value whose equal values occupy ranks lo..hi (1-based)
 * of n sits at the mid-rank percentile p = (lo − 1 + hi) / 2n, and scores max(1, ⌈5p⌉). So equal
 * values always score the same, everyone equal (or a single customer) scores 3, and with n distinct
 * values each fifth of the ranking gets one score.
 */
export function quintileScores(values: readonly number[], better: 'higher' | 'lower'): Score[] {
  const n = values.length;
  const worstFirst = [...values].sort((a, b) => (better === 'higher' ? a - b : b - a));
  const range = new Map<number, { lo: number; hi: number }>();
  worstFirst.forEach((value, index) => {
    const seen = range.get(value);
    if (seen) seen.hi = index + 1;
    else range.set(value, { lo: index + 1, hi: index + 1 });
  });
  return values.map((value) => {
    const { lo, hi } = range.get(value)!;
    const p = (lo - 1 + hi) / (2 * n);
    return Math.min(5, Math.max(1, Math.ceil(5 * p - 1e-9))) as Score;
  });
}

/**
 * The segment table: rows are R, columns FM = round-half-up((F + M) / 2). Every one of the 25 cells
 * names exactly one segment.
 *
 *   R \ FM │ 1               2                   3                   4          5
 *   ───────┼──────────────────────────────────────────────────────────────────────────────
 *     5    │ New             Potential Loyalist  Potential Loyalist  Champions  Champions
 *     4    │ Promising       Potential Loyalist  Potential Loyalist  Loyal      Champions
 *     3    │ About to Sleep  About to Sleep      Need Attention      Loyal      Loyal
 *     2    │ Hibernating     Hibernating         At Risk             At Risk    Can't Lose
 *     1    │ Lost            Lost                At Risk             At Risk    Can't Lose
 */
export const SEGMENT_TABLE: Readonly<
  Record<Score, readonly [RfmSegment, RfmSegment, RfmSegment, RfmSegment, RfmSegment]>
> = {
  5: ['New', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
  4: ['Promising', 'Potential Loyalist', 'Potential Loyalist', 'Loyal', 'Champions'],
  3: ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal', 'Loyal'],
  2: ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose"],
  1: ['Lost', 'Lost', 'At Risk', 'At Risk', "Can't Lose"],
};

/** FM: frequency and monetary together, (F + M) / 2 rounded half up. */
export const fmScore = (f: Score, m: Score): Score => Math.floor((f + m) / 2 + 0.5) as Score;

/** The named segment of an R, F, M combination. */
export function segmentOf(r: Score, f: Score, m: Score): RfmSegment {
  return SEGMENT_TABLE[r][fmScore(f, m) - 1]!;
}

/** Whole days from `from` to `to` (24-hour periods, rounded down). */
export const wholeDaysBetween = (from: Date, to: Date): number =>
  Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
