import { differenceInCalendarDays, parseISO } from 'date-fns';

/** Invoice aging buckets: not yet due, then days overdue 1–30, 31–60, and more than 60. */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '60+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/**
 * Shop-local calendar days from the due day to today (both YYYY-MM-DD in the shop's zone): 0 on the due
 * day, 1 the day after, negative before. Whole days by the calendar, not 24-hour periods, so an invoice
 * due the 20th is 1 day overdue from 00:00 WIB on the 21st.
 */
export function daysOverdue(dueDate: string, today: string): number {
  return differenceInCalendarDays(parseISO(today), parseISO(dueDate));
}

/** The bucket of an invoice that is `days` overdue: due today or later is current; 60 is 31–60, 61 is 60+. */
export function agingBucket(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  return '60+';
}
