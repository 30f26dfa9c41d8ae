import { TZDate } from '@date-fns/tz';
import type { DayHours, Settings, Weekday } from './settings.model.js';

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

/** Hours whose close is not after their open run past midnight into the next day. */
const overnight = (day: DayHours): boolean => minutesOf(day.close) <= minutesOf(day.open);

/**
 * Whether the shop is open at `at`, read on the wall clock of the shop's time zone. A day whose hours
 * run past midnight (18:00–02:00) keeps the shop open into the small hours of the next day, even when
 * that next day is itself closed.
 */
export function isWithinBusinessHours(
  settings: Pick<Settings, 'timeZone' | 'businessHours'>,
  at: Date,
): boolean {
  const local = new TZDate(at.getTime(), settings.timeZone);
  const day = local.getDay() as Weekday;
  const minute = local.getHours() * 60 + local.getMinutes();

  const today = settings.businessHours[day];
  if (today && minute >= minutesOf(today.open) && (overnight(today) || minute < minutesOf(today.close)))
    return true;
  const yesterday = settings.businessHours[((day + 6) % 7) as Weekday];
  return yesterday !== null && overnight(yesterday) && minute < minutesOf(yesterday.close);
}
