/**
 * Dates customers name, read against "now" in the shop's time zone: hari ini, besok, lusa, minggu depan,
 * weekdays (senin … minggu/ahad, "senin depan", "jumat ini"), tgl 20, 20/12, 20-12-2026, 20 Des,
 * 20 Desember 2026, akhir bulan, 3 hari lagi. Reads normalised text ("tgl" is already "tanggal").
 *
 * Decisions: a weekday alone is its next occurrence after today (1–7 days); "<day> ini" may be today;
 * "<day> depan" is that day in next (Monday-first) week; "minggu depan" without "hari" is today + 7;
 * "tgl N" is this month unless N has passed (today counts as not passed), else the next month that has
 * day N; a day/month without a year is this year unless passed; "akhir bulan" is the month's last day;
 * "awal bulan (depan)" is the 1st of next month; "akhir pekan"/"weekend" is the coming Saturday (today on
 * a Saturday). "kemarin", "bulan depan" and part-of-day words alone give no date: they name no day to
 * deliver on.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, getDaysInMonth, lastDayOfMonth, setDate, startOfMonth } from 'date-fns';
import { UNITS } from './numbers.js';
import type { Span } from './types.js';

export interface DateMatch extends Span {
  /** YYYY-MM-DD */
  date: string;
}

type Day = TZDate;

const WEEKDAYS: Readonly<Record<string, number>> = {
  minggu: 0,
  ahad: 0,
  senin: 1,
  selasa: 2,
  rabu: 3,
  kamis: 4,
  jumat: 5,
  sabtu: 6,
};

const MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  pebruari: 2,
  feb: 2,
  peb: 2,
  february: 2,
  maret: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  des: 12,
  dec: 12,
  december: 12,
};

const SMALL_NUMBERS: Readonly<Record<string, number>> = { ...UNITS, se: 1, sepuluh: 10 };

const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const COUNT = `(\\d{1,2}|${Object.keys(SMALL_NUMBERS).join('|')})`;

/** Today in the shop's zone, at noon so no DST edge moves it to another day. */
function shopToday(now: Date, timeZone: string): Day {
  const zoned = new TZDate(now.getTime(), timeZone);
  return new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate(), 12, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD of a day, read in its own zone. */
const iso = (day: Day): string => `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;

const countOf = (word: string): number => SMALL_NUMBERS[word] ?? Number(word);

/** The day with this day-of-month in `year`/`month` (1-based), or null if the month has no such day. */
function calendarDay(today: Day, year: number, month: number, day: number): Day | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const first = new TZDate(year, month - 1, 1, 12, today.timeZone!);
  return day > getDaysInMonth(first) ? null : setDate(first, day);
}

/** Day N of this month if not past, else of the next month that has a day N. */
function nextDayOfMonth(today: Day, day: number): Day | null {
  if (day < 1 || day > 31) return null;
  for (let ahead = 0; ahead < 13; ahead++) {
    const month = addMonths(startOfMonth(today), ahead);
    if (day > getDaysInMonth(month) || (ahead === 0 && day < today.getDate())) continue;
    return setDate(month, day);
  }
  return null;
}

/** Day/month without a year: this year unless already past, then next year. */
function nextDayOfYear(today: Day, month: number, day: number): Day | null {
  const thisYear = calendarDay(today, today.getFullYear(), month, day);
  if (thisYear && iso(thisYear) >= iso(today)) return thisYear;
  return calendarDay(today, today.getFullYear() + 1, month, day);
}

const fullYear = (raw: string): number => (raw.length === 2 ? 2000 + Number(raw) : Number(raw));

/** Days from today to the weekday's next occurrence: 1–7, or 0–6 when today may count. */
const daysUntil = (today: Day, weekday: number, todayCounts: boolean): number => {
  const ahead = (weekday - today.getDay() + 7) % 7;
  return ahead === 0 && !todayCounts ? 7 : ahead;
};

/** That weekday in next week, weeks starting on Monday. */
const daysUntilNextWeek = (today: Day, weekday: number): number =>
  daysUntil(today, 1, false) + ((weekday + 6) % 7);

interface DateRule {
  regex: RegExp;
  resolve: (match: RegExpExecArray, today: Day) => Day | null;
}

/** Tried in this order; an earlier rule's match hides what it covered from later ones. */
const RULES: readonly DateRule[] = [
  // 2026-12-20
  {
    regex: /\b(20\d{2})-(\d{1,2})-(\d{1,2})\b/g,
    resolve: (m, today) => calendarDay(today, Number(m[1]), Number(m[2]), Number(m[3])),
  },
  // 20/12, 20/12/2026, 20-12-26, 20.12.2026 (a dotted day needs its year: 20.12 is a time)
  {
    regex:
      /(?<![\d/.,:-])(\d{1,2})(?:\/(\d{1,2})(?:\/(\d{2}|\d{4}))?|-(\d{1,2})(?:-(\d{2}|\d{4}))?|\.(\d{1,2})\.(\d{4}))(?![\d/.,:]|-\d|\s*(?:hari|jam|minggu|bulan|pcs|orang|buah|x\b|rb|ribu|jt|juta|k\b|menit|tangkai|biji|porsi|lusin|kodi|kg|cm|m\b|meter))/g,
    resolve: (m, today) => {
      const day = Number(m[1]);
      const month = Number(m[2] ?? m[4] ?? m[6]);
      const year = m[3] ?? m[5] ?? m[7];
      return year ? calendarDay(today, fullYear(year), month, day) : nextDayOfYear(today, month, day);
    },
  },
  // (tanggal) 20 Desember (2026), 20 des, 20 dec
  {
    regex: new RegExp(`\\b(?:tanggal\\s*)?(\\d{1,2})\\s*(${MONTH_NAMES})\\b\\.?(?:\\s*(20\\d{2}))?`, 'g'),
    resolve: (m, today) => {
      const month = MONTHS[m[2]!]!;
      return m[3]
        ? calendarDay(today, Number(m[3]), month, Number(m[1]))
        : nextDayOfYear(today, month, Number(m[1]));
    },
  },
  // tanggal 5 bulan depan
  {
    regex: /\btanggal\s*(\d{1,2})\s*(?:bulan\s*)?depan\b/g,
    resolve: (m, today) => {
      const month = addMonths(startOfMonth(today), 1);
      const day = Number(m[1]);
      return day >= 1 && day <= getDaysInMonth(month) ? setDate(month, day) : null;
    },
  },
  // tanggal 20, tgl 20 ini
  {
    regex: /\btanggal\s*(\d{1,2})\b(?!\s*[:.]\d)/g,
    resolve: (m, today) => nextDayOfMonth(today, Number(m[1])),
  },
  {
    regex: /\bakhir\s+bulan(\s+depan)?\b/g,
    resolve: (m, today) => lastDayOfMonth(m[1] ? addMonths(startOfMonth(today), 1) : today),
  },
  {
    regex: /\bawal\s+bulan(?:\s+depan)?\b/g,
    resolve: (_m, today) => addMonths(startOfMonth(today), 1),
  },
  {
    regex: /\b(?:akhir\s+(?:pekan|minggu)|weekend|wiken)\b/g,
    resolve: (_m, today) => addDays(today, daysUntil(today, 6, true)),
  },
  // 3 hari lagi, dua minggu lagi, seminggu lagi
  {
    regex: new RegExp(`\\b(?:${COUNT}\\s*|se)(hari|minggu)\\s+(?:lagi|ke\\s*depan)\\b`, 'g'),
    resolve: (m, today) => addDays(today, countOf(m[1] ?? '1') * (m[2] === 'minggu' ? 7 : 1)),
  },
  {
    regex: /\bhari\s+ini\b|\b(?:pagi|siang|sore|malam)\s+ini\b|\bnanti\s+(?:pagi|siang|sore|malam)\b/g,
    resolve: (_m, today) => today,
  },
  { regex: /\b(?:besok\s+)?lusa\b/g, resolve: (_m, today) => addDays(today, 2) },
  // "besok senin" names the Monday; let the weekday rule read it.
  {
    regex: /\bbesok\b(?!\s+(?:hari\s+)?(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad)\b)/g,
    resolve: (_m, today) => addDays(today, 1),
  },
  // "minggu depan" is next week, unless it is "hari minggu depan"
  { regex: /(?<!\bhari\s)\bminggu\s+depan\b/g, resolve: (_m, today) => addDays(today, 7) },
  {
    regex:
      /\b(hari\s+)?(senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad)\b(?:\s+(ini|depan|besok))?(?!\s+(?:lalu|kemarin|kemaren))/g,
    resolve: (m, today) => {
      const weekday = WEEKDAYS[m[2]!]!;
      // "minggu ini" is this week, not this Sunday ("hari minggu ini" is).
      if (m[2] === 'minggu' && !m[1] && m[3] === 'ini') return null;
      if (m[3] === 'depan') return addDays(today, daysUntilNextWeek(today, weekday));
      return addDays(today, daysUntil(today, weekday, m[3] === 'ini'));
    },
  },
];

/** Words before "minggu" that make it a count of weeks, not Sunday. */
const WEEK_COUNT_BEFORE = /(?:\d|\b(?:se|satu|dua|tiga|empat|lima|tiap|setiap|per|dalam|akhir|beberapa))\s*$/;

/** Every date named in a normalised text, in reading order. */
export function findDates(text: string, now: Date, timeZone: string): DateMatch[] {
  // Most messages name no date: the zone arithmetic waits until one does.
  let today: Day | undefined;
  const found: DateMatch[] = [];
  for (const { regex, resolve } of RULES) {
    for (const match of text.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((m) => start < m.end && m.start < end)) continue;
      if (/^minggu\b/.test(match[0]) && WEEK_COUNT_BEFORE.test(text.slice(Math.max(0, start - 12), start)))
        continue;
      today ??= shopToday(now, timeZone);
      const day = resolve(match as RegExpExecArray, today);
      if (day) found.push({ start, end, date: iso(day) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
