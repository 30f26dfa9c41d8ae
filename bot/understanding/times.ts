/**
 * Clock times: "jam 3 sore" → 15:00, "jam 10 pagi", "jam 7 malam" → 19:00, "jam 12 siang", "15.00",
 * "15:00", "pukul 14.30", "jam setengah 3" (= 2:30, Indonesian counts the half toward the next hour),
 * "jam 3an", "jam 3-4 sore", "3 sore", "3pm". Reads normalised text.
 *
 * Decision for an hour without part of day ("jam 3"): shops deliver and open in the daytime, so 1–6 are
 * afternoon (13:00–18:00) and 7–12 are read as written; 0 and 13–23 are unambiguous.
 */

import { UNITS } from './numbers.js';
import type { Span } from './types.js';

export interface TimeMatch extends Span {
  /** HH:MM, 24-hour */
  time: string;
}

type PartOfDay = 'pagi' | 'subuh' | 'siang' | 'sore' | 'petang' | 'malam' | 'dini hari' | 'am' | 'pm';
/** How the hour was qualified: a part of day, "as-written" (24-hour or zero-padded), or not at all. */
type Qualifier = PartOfDay | 'as-written' | undefined;

const HOUR_WORDS: Readonly<Record<string, number>> = { ...UNITS, sepuluh: 10, sebelas: 11, 'dua belas': 12 };
const HOUR = `(\\d{1,2}|dua belas|${Object.keys(HOUR_WORDS)
  .filter((w) => w !== 'dua belas')
  .join('|')})`;
const PART = '(pagi|subuh|siang|sore|petang|malam|dini hari)';

/** The 24-hour clock for an hour as said, with the part of day if one was given. */
export function toClock(hour: number, minute: number, part: Qualifier): string | null {
  let h = hour;
  if (part === 'pagi' || part === 'subuh' || part === 'am') h = hour % 12;
  else if (part === 'siang') h = hour >= 1 && hour <= 5 ? hour + 12 : hour;
  else if (part === 'sore' || part === 'petang' || part === 'pm') h = hour < 12 ? hour + 12 : hour;
  else if (part === 'malam') h = hour === 12 ? 0 : hour >= 5 && hour < 12 ? hour + 12 : hour;
  else if (part === undefined) h = hour >= 1 && hour <= 6 ? hour + 12 : hour;
  if (h > 23 || minute > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const hourOf = (raw: string): number => HOUR_WORDS[raw] ?? Number(raw);
/** "09" or "15" is a 24-hour reading; "3" is not. */
const writtenAs24h = (raw: string): boolean => /^(?:0\d|1[3-9]|2\d)$/.test(raw);

interface TimeRule {
  regex: RegExp;
  read: (m: RegExpExecArray) => string | null;
}

const RULES: readonly TimeRule[] = [
  // jam 3 sore, pukul 14.30, jam setengah 3, jam 3an, jam 3-4 sore, jam tiga sore
  {
    regex: new RegExp(
      `\\b(?:jam|pukul|pkl)\\s*(setengah\\s*)?${HOUR}(?:\\s*[.:]\\s*(\\d{2}))?(?:\\s*-?\\s*an\\b)?(?:\\s*(?:-|sampai|s/d|atau)\\s*\\d{1,2}(?:[.:]\\d{2})?)?(?:\\s*(?:wib|wita|wit)\\b)?(?:\\s*${PART}\\b)?`,
      'g',
    ),
    read: (m) => {
      const hour = hourOf(m[2]!);
      const part = (m[4] as PartOfDay | undefined) ?? (writtenAs24h(m[2]!) ? 'as-written' : undefined);
      // "setengah 3" is half past two; "setengah 1" is half past twelve.
      if (m[1]) return toClock(hour - 1 || 12, 30, part);
      return toClock(hour, Number(m[3] ?? 0), part);
    },
  },
  // 3pm, 10 am, 9.30am
  {
    regex: /\b(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)\b/g,
    read: (m) => (Number(m[1]) <= 12 ? toClock(Number(m[1]), Number(m[2] ?? 0), m[3] as PartOfDay) : null),
  },
  // 15.00, 15:00, 9.30 wib
  {
    regex: new RegExp(
      `(?<![\\d.,/:-])(\\d{1,2})[.:](\\d{2})(?![\\d]|[.,]\\d)(?:\\s*(?:wib|wita|wit)\\b)?(?:\\s*${PART}\\b)?`,
      'g',
    ),
    read: (m) =>
      toClock(
        Number(m[1]),
        Number(m[2]),
        (m[3] as PartOfDay | undefined) ?? (writtenAs24h(m[1]!) ? 'as-written' : undefined),
      ),
  },
  // besok 3 sore
  {
    regex: new RegExp(`(?<![\\d.,/:-])(\\d{1,2})\\s*${PART}\\b`, 'g'),
    read: (m) =>
      Number(m[1]) >= 1 && Number(m[1]) <= 12 ? toClock(Number(m[1]), 0, m[2] as PartOfDay) : null,
  },
];

/** Every clock time in a normalised text, in reading order. */
export function findTimes(text: string): TimeMatch[] {
  const found: TimeMatch[] = [];
  for (const { regex, read } of RULES) {
    for (const match of text.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((m) => start < m.end && m.start < end)) continue;
      const time = read(match as RegExpExecArray);
      if (time) found.push({ start, end, time });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
