/** Days and times in the shop's time zone, whatever zone the browser is in. */

/** The shop-local day of a moment, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The zone's UTC offset at a moment, as +07:00. */
export function offsetOf(at: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** A shop-local "YYYY-MM-DDTHH:MM" (a datetime-local input's value) as an ISO moment with its offset. */
export function zonedIso(local: string, timeZone: string): string {
  const guess = new Date(`${local}:00Z`);
  return `${local}:00${offsetOf(guess, timeZone)}`;
}

/** YYYY-MM-DD plus some days (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6 of a YYYY-MM-DD. */
export const weekdayOf = (day: string): number => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
