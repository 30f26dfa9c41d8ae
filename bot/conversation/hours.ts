import type { BusinessHours, Locale, Weekday } from '../../domain/settings/settings.model.js';

const DAY_NAMES: Record<Locale, readonly string[]> = {
  id: ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** Opening hours as a customer reads them: "Sen–Sab 08:00–20:00". Days with the same hours are grouped. */
export function describeHours(hours: BusinessHours, locale: Locale): string {
  const names = DAY_NAMES[locale];
  // Monday first, as people say it.
  const order: Weekday[] = [1, 2, 3, 4, 5, 6, 0];
  const groups: { from: Weekday; to: Weekday; span: string }[] = [];
  for (const day of order) {
    const today = hours[day];
    if (!today) continue;
    const span = `${today.open}–${today.close}`;
    const last = groups.at(-1);
    const previous = order[order.indexOf(day) - 1];
    if (last && last.span === span && last.to === previous) last.to = day;
    else groups.push({ from: day, to: day, span });
  }
  return groups
    .map(
      (group) => `${names[group.from]}${group.to !== group.from ? `–${names[group.to]}` : ''} ${group.span}`,
    )
    .join(', ');
}
