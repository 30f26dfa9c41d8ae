import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** A moment as staff read it in the shop's zone: `25/11 10:00`, or just `10:00` on `today` (YYYY-MM-DD). */
export function localDueText(at: Date, timeZone: string, today?: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return today === format(local, 'yyyy-MM-dd') ? format(local, 'HH:mm') : format(local, 'dd/MM HH:mm');
}

/** A shop-local date string YYYY-MM-DD as Indonesians write it: 25/11/2026. */
export function localDateText(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
