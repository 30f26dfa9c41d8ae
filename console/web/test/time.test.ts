import { describe, expect, it } from 'vitest';
import { addDays, localDay, offsetOf, weekdayOf, zonedIso } from '../src/time.js';

describe('shop-local time in the console', () => {
  it('puts 23:30 WIB on the 31st on the 31st, not the next day', () => {
    expect(localDay(new Date('2026-10-31T16:30:00Z'), 'Asia/Jakarta')).toBe('2026-10-31');
    expect(localDay(new Date('2026-10-31T17:30:00Z'), 'Asia/Jakarta')).toBe('2026-11-01');
  });

  it('reads a datetime-local value as shop time', () => {
    expect(offsetOf(new Date('2026-12-01T00:00:00Z'), 'Asia/Jakarta')).toBe('+07:00');
    expect(offsetOf(new Date('2026-12-01T00:00:00Z'), 'UTC')).toBe('+00:00');
    expect(new Date(zonedIso('2026-12-05T10:00', 'Asia/Makassar')).toISOString()).toBe(
      '2026-12-05T02:00:00.000Z',
    );
  });

  it('counts days across month ends and knows Mondays', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-12-07')).toBe(0);
    expect(weekdayOf('2026-12-06')).toBe(6);
  });
});
