import { describe, expect, it } from 'vitest';
import { dayStart } from '../platform/time-zone.js';
import {
  change,
  median,
  previousRange,
  rangeProblem,
  ratio,
  resolveReportRange,
} from './report-range.rules.js';

const ZONE = 'Asia/Jakarta';
const wib = (local: string) => new Date(`${local}+07:00`);
const NOW = wib('2026-11-23T12:00:00');

const range = (input: { from?: string; to?: string; now?: Date }) => {
  const result = resolveReportRange({ now: NOW, timeZone: ZONE, ...input });
  if (!result.ok) throw new Error(result.details);
  return result.range;
};

describe('resolveReportRange', () => {
  it('defaults to six calendar months ending today: 1 June to 23 November', () => {
    expect(range({})).toEqual({
      from: '2026-06-01',
      to: '2026-11-23',
      start: wib('2026-06-01T00:00:00'),
      // Today is cut at the moment the report is read (just after it).
      end: new Date(NOW.getTime() + 1),
    });
  });

  it('takes today in the shop zone: 00:30 WIB on 1 December is December, though UTC says 30 November', () => {
    const lateNight = new Date('2026-11-30T17:30:00Z');
    expect(range({ now: lateNight })).toMatchObject({ from: '2026-07-01', to: '2026-12-01' });
  });

  it('with only `to`, the six months ending with its month, up to local midnight after it', () => {
    expect(range({ to: '2026-03-15' })).toEqual({
      from: '2025-10-01',
      to: '2026-03-15',
      start: wib('2025-10-01T00:00:00'),
      end: wib('2026-03-16T00:00:00'),
    });
  });

  it('with only `from`, up to today; a `from` still to come is an empty range', () => {
    expect(range({ from: '2026-10-05' })).toMatchObject({ from: '2026-10-05', to: '2026-11-23' });
    const future = range({ from: '2026-12-05' });
    expect(future).toMatchObject({ from: '2026-12-05', to: '2026-12-05' });
    expect(future.end).toEqual(future.start);
  });

  it('refuses an inverted, too long or impossible range, naming the field', () => {
    expect(
      resolveReportRange({ from: '2026-11-02', to: '2026-11-01', now: NOW, timeZone: ZONE }),
    ).toMatchObject({
      ok: false,
      code: 'REPORT.INVALID_RANGE',
      field: 'query.from',
    });
    // Three years of days is the most: 2023-01-01..2025-12-31 is fine, one more day is not.
    expect(rangeProblem('2023-01-01', '2025-12-31')).toBeNull();
    expect(rangeProblem('2023-01-01', '2026-01-01')).toMatchObject({ field: 'query.to' });
    expect(rangeProblem('2026-02-30', '2026-03-01')).toMatchObject({ field: 'query.from' });
    // Only `from`, 26 years back: the default `to` (today) makes it too long.
    expect(resolveReportRange({ from: '2000-01-01', now: NOW, timeZone: ZONE })).toMatchObject({ ok: false });
  });
});

describe('previousRange', () => {
  it('is as many days just before: November (30 days) compares with 2 October–31 October', () => {
    const november = range({ from: '2026-11-01', to: '2026-11-30', now: wib('2026-12-05T10:00:00') });
    expect(previousRange(november, ZONE)).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
      start: wib('2026-10-02T00:00:00'),
      end: wib('2026-11-01T00:00:00'),
    });
  });
});

describe('helpers', () => {
  it('dayStart is local midnight', () => {
    expect(dayStart('2026-09-01', ZONE)).toEqual(new Date('2026-08-31T17:00:00Z'));
  });

  it('ratio and change: four decimals, null over nothing', () => {
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(5, 0)).toBeNull();
    expect(change(150, 50)).toBe(2);
    expect(change(0, 80)).toBe(-1);
    expect(change(10, 0)).toBeNull();
  });

  it('median: middle value, mean of the middle two for an even count, null for none', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    // 1, 3, 7, 9 → (3 + 7) / 2
    expect(median([9, 1, 7, 3])).toBe(5);
    expect(median([1, 2])).toBe(1.5);
  });
});
