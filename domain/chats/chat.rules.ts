import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The calendar day of `at` in the shop's time zone, YYYY-MM-DD (for once-a-day messages). */
export function shopDay(at: Date, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}
