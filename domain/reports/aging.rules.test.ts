import { describe, expect, it } from 'vitest';
import { agingBucket, daysOverdue } from './aging.rules.js';

describe('invoice aging buckets', () => {
  const today = '2026-11-23';
  it.each([
    ['2026-11-30', -7, 'current'],
    ['2026-11-23', 0, 'current'], // due today is not overdue
    ['2026-11-22', 1, '1-30'],
    ['2026-10-24', 30, '1-30'],
    ['2026-10-23', 31, '31-60'],
    ['2026-09-24', 60, '31-60'], // 24 Sep → 24 Oct is 30 days, → 23 Nov 30 more
    ['2026-09-23', 61, '60+'],
  ] as const)('due %s is %i days overdue: %s', (dueDate, days, bucket) => {
    expect(daysOverdue(dueDate, today)).toBe(days);
    expect(agingBucket(days)).toBe(bucket);
  });
});
