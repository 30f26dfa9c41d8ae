import { TZDate } from '@date-fns/tz';

/** Whether `zone` is an IANA time zone this runtime knows (Asia/Jakarta, Asia/Makassar…). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    // Intl throws RangeError for an unknown zone; that is the answer, not a failure.
    return false;
  }
}

/** The start of a shop-local day (YYYY-MM-DD) as an instant. */
export function dayStart(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime());
}
