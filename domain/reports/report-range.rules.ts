import { addMonths, addYears, differenceInCalendarDays, format, parseISO } from 'date-fns';
import { addDaysToDay, isDay, localDay } from '../invoices/invoice.rules.js';
import { dayStart } from '../platform/time-zone.js';

/**
 * The period a report covers, as the shop reads it: whole shop-local days `from`..`to` (inclusive), and
 * the instants that bound them. Every report filters `[start, end)`.
 */
export interface ReportRange {
  /** First day, YYYY-MM-DD in the shop's time zone. */
  from: string;
  /** Last day, YYYY-MM-DD in the shop's time zone (inclusive). */
  to: string;
  /** Local midnight starting `from`. */
  start: Date;
  /**
   * Local midnight after `to`, exclusive; never later than just after `now`, so nothing stamped after the
   * moment the report is read at is counted.
   */
  end: Date;
}

export interface ReportRangeInput {
  from?: string | undefined;
  to?: string | undefined;
  now: Date;
  timeZone: string;
}

export type ReportRangeResult =
  | { ok: true; range: ReportRange }
  | { ok: false; code: 'REPORT.INVALID_RANGE'; details: string; field: 'query.from' | 'query.to' };

/** The longest range a report reads: three years of days (2024-01-01..2026-12-31 is the most). */
export const MAX_RANGE_YEARS = 3;
/** The default range: this many calendar months, the month of `to` (default today) being the last. */
export const DEFAULT_MONTHS = 6;

/**
 * Why `from`..`to` is not a range a report can read, or null when it is: both must be real days, `from`
 * not after `to`, and `to` less than MAX_RANGE_YEARS years after `from`. Shared by the routes' zod
 * schemas and the use cases, so both refuse the same ranges.
 */
export function rangeProblem(
  from: string,
  to: string,
): { details: string; field: 'query.from' | 'query.to' } | null {
  if (!isDay(from)) return { details: `from: ${from} is not a day (YYYY-MM-DD)`, field: 'query.from' };
  if (!isDay(to)) return { details: `to: ${to} is not a day (YYYY-MM-DD)`, field: 'query.to' };
  if (from > to) return { details: `from (${from}) is after to (${to})`, field: 'query.from' };
  const limit = format(addYears(parseISO(from), MAX_RANGE_YEARS), 'yyyy-MM-dd');
  if (to >= limit)
    return {
      details: `a report covers at most ${MAX_RANGE_YEARS} years: to must be before ${limit}`,
      field: 'query.to',
    };
  return null;
}

/**
 * The range a report reads. Without `from` and `to` it is the last DEFAULT_MONTHS calendar months: from
 * the 1st of the month five months back to today (the current month so far included, so the chart ends
 * now). With only `to`, the six months ending with `to`'s month; with only `from`, from then to today
 * (an empty range when `from` is still to come).
 */
export function resolveReportRange(input: ReportRangeInput): ReportRangeResult {
  const today = localDay(input.now, input.timeZone);
  const to = input.to ?? (input.from !== undefined && input.from > today ? input.from : today);
  const from =
    input.from ?? format(addMonths(parseISO(`${to.slice(0, 7)}-01`), -(DEFAULT_MONTHS - 1)), 'yyyy-MM-dd');
  const problem = rangeProblem(from, to);
  if (problem) return { ok: false, code: 'REPORT.INVALID_RANGE', ...problem };
  return { ok: true, range: rangeOf(from, to, input.now, input.timeZone) };
}

/** The instants of a valid day range, read at `now`. */
function rangeOf(from: string, to: string, now: Date, timeZone: string): ReportRange {
  const start = dayStart(from, timeZone);
  const afterTo = dayStart(addDaysToDay(to, 1), timeZone).getTime();
  return { from, to, start, end: new Date(Math.max(start.getTime(), Math.min(afterTo, now.getTime() + 1))) };
}

/**
 * The period of the same number of days just before `range` (a range of 30 days compares with the 30
 * days before its first day). The previous period is always whole days, while the current one may end
 * at `now` in the middle of today.
 */
export function previousRange(range: ReportRange, timeZone: string): ReportRange {
  const days = differenceInCalendarDays(parseISO(range.to), parseISO(range.from)) + 1;
  const from = addDaysToDay(range.from, -days);
  const to = addDaysToDay(range.from, -1);
  return { from, to, start: dayStart(from, timeZone), end: range.start };
}

/** `part / whole` to four decimals (0.3333 = 33.33 %); null when `whole` is zero (no target, no leads). */
export function ratio(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** The relative change from `before` to `now` to four decimals (0.25 = +25 %); null when `before` is zero. */
export function change(now: number, before: number): number | null {
  if (before <= 0) return null;
  return Math.round(((now - before) / before) * 10_000) / 10_000;
}

/** The median: the middle value, or the mean of the two middle ones for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
