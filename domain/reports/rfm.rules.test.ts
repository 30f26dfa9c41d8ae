import { describe, expect, it } from 'vitest';
import {
  fmScore,
  quintileScores,
  RFM_SEGMENTS,
  type Score,
  SEGMENT_TABLE,
  segmentOf,
  wholeDaysBetween,
} from './rfm.rules.js';

describe('quintileScores', () => {
  it('gives a single customer, and customers who are all equal, the middle score', () => {
    expect(quintileScores([7], 'higher')).toEqual([3]);
    expect(quintileScores([2, 2, 2, 2], 'lower')).toEqual([3, 3, 3, 3]);
  });

  it('scores five distinct values 1 to 5, best value 5, in either direction', () => {
    expect(quintileScores([10, 50, 30, 20, 40], 'higher')).toEqual([1, 5, 3, 2, 4]);
    expect(quintileScores([10, 50, 30, 20, 40], 'lower')).toEqual([5, 1, 3, 4, 2]);
  });

  it('puts two of ten distinct values in each quintile (the edges of each fifth)', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quintileScores(values, 'higher')).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('keeps ties together at their mid-rank: seven one-time buyers of ten score 2, not 1 and not 4', () => {
    // Ranks 1–7 (p = 7/20 = 0.35 → ⌈1.75⌉ = 2), ranks 8–9 (p = 16/20 = 0.8 → 4), rank 10 (p = 0.95 → ⌈4.75⌉ = 5).
    expect(quintileScores([1, 1, 1, 1, 1, 1, 1, 2, 2, 5], 'higher')).toEqual([2, 2, 2, 2, 2, 2, 2, 4, 4, 5]);
  });
});

describe('segments', () => {
  it('covers every R × FM cell with one of the eleven named segments, and uses all of them', () => {
    const used = new Set<string>();
    for (const r of [1, 2, 3, 4, 5] as Score[]) {
      expect(SEGMENT_TABLE[r]).toHaveLength(5);
      for (const segment of SEGMENT_TABLE[r]) {
        expect(RFM_SEGMENTS).toContain(segment);
        used.add(segment);
      }
    }
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('reads the table through FM = (F + M) / 2 rounded half up', () => {
    expect(fmScore(4, 5)).toBe(5);
    expect(fmScore(1, 2)).toBe(2);
    expect(fmScore(3, 3)).toBe(3);
    expect(segmentOf(5, 5, 5)).toBe('Champions');
    expect(segmentOf(5, 1, 1)).toBe('New');
    expect(segmentOf(4, 1, 1)).toBe('Promising');
    expect(segmentOf(4, 5, 5)).toBe('Champions');
    expect(segmentOf(4, 4, 3)).toBe('Loyal');
    expect(segmentOf(3, 4, 4)).toBe('Loyal');
    expect(segmentOf(5, 2, 3)).toBe('Potential Loyalist');
    expect(segmentOf(3, 3, 3)).toBe('Need Attention');
    expect(segmentOf(3, 1, 2)).toBe('About to Sleep');
    expect(segmentOf(2, 3, 4)).toBe('At Risk');
    expect(segmentOf(1, 5, 5)).toBe("Can't Lose");
    expect(segmentOf(2, 1, 1)).toBe('Hibernating');
    expect(segmentOf(1, 1, 2)).toBe('Lost');
  });

  it('counts whole 24-hour days', () => {
    const from = new Date('2026-11-20T10:00:00Z');
    expect(wholeDaysBetween(from, new Date('2026-11-21T09:59:59Z'))).toBe(0);
    expect(wholeDaysBetween(from, new Date('2026-11-21T10:00:00Z'))).toBe(1);
    expect(wholeDaysBetween(from, new Date('2026-11-23T12:00:00Z'))).toBe(3);
  });
});
