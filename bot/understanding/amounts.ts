/**
 * Rupiah amounts in the ways customers write them: 150rb, 150 ribu, 150k, 1,5jt, 1.5 juta, 2jt500,
 * Rp150.000, Rp 150.000,00, 150.000, "seratus lima puluh ribu", slang (goceng, ceban), "budget 500"
 * (a bare 2–3 digit figure after budget/harga reads as thousands, as everyone in shop chat means it).
 * Reads normalised text; returns every amount with where it was, so the caller can mask them.
 */
import { readNumberWords } from './numbers.js';
import type { Span } from './types.js';

export interface AmountMatch extends Span {
  value: number;
}

const SCALE_VALUE: Readonly<Record<string, number>> = {
  rb: 1000,
  rbu: 1000,
  ribu: 1000,
  rebu: 1000,
  k: 1000,
  jt: 1_000_000,
  juta: 1_000_000,
  jeti: 1_000_000,
};
const SCALE = '(rb|rbu|ribu|rebu|k|jt|juta|jeti)';
const NUM = '(\\d+(?:[.,]\\d+)*)';

/** Street slang for round sums, still common in chat. */
const SLANG_AMOUNTS: Readonly<Record<string, number>> = {
  seceng: 1000,
  gopek: 500,
  goceng: 5000,
  ceban: 10_000,
  noban: 20_000,
  goban: 50_000,
};

/** Words after which a sum is the one the customer means (and after which "500" means 500rb). */
const KEY_WORDS =
  'budget|harga|harganya|bayar|transfer|dp|total|totalnya|sebesar|senilai|nominal|seharga|ongkir|biaya|maksimal|max|maks|kisaran|range|dana|uang|modal';
/** What may sit between the money word and the figure: "budget: sekitar 500". */
const HEDGE = '\\s*[:=]?\\s*(?:(?:sekitar|kurang lebih|kira kira|cuma|hanya|cuman|sampai|max|maks)\\s*)?';
const THOUSANDS_KEYS = /(?:budget|harga|harganya|dp|kisaran|range|maksimal|max|maks|seharga|modal)$/;

/**
 * "150.000" → 150000, "1,5" → 1.5, "150.000,00" → 150000, "150,000.00" → 150000: a separator followed by
 * exactly three digits groups thousands; a last group of one or two digits is a decimal part.
 */
export function parseDecimal(raw: string): number {
  const groups = raw.split(/[.,]/);
  if (groups.length === 1) return Number(raw);
  const last = groups[groups.length - 1]!;
  const decimal = last.length <= 2 ? last : '';
  const whole = decimal ? groups.slice(0, -1) : groups;
  const [head, ...rest] = whole;
  if (rest.some((group) => group.length !== 3)) {
    // "1.5" or "1,25": a plain decimal number.
    return Number(`${whole.join('')}.${decimal || '0'}`);
  }
  return Number(`${head}${rest.join('')}.${decimal || '0'}`);
}

interface Pattern {
  regex: RegExp;
  read: (match: RegExpExecArray) => number | null;
  /** The capture group that is the amount's text (the money word before it stays readable); default all. */
  group?: number;
}

const scaled = (number: string, scale: string | undefined): number =>
  parseDecimal(number) * (scale ? (SCALE_VALUE[scale] ?? 1) : 1);

const PATTERNS: readonly Pattern[] = [
  // 2jt500, 1jt 500rb, 1 juta 500 ribu
  {
    regex: new RegExp(
      `(?<![\\w.,])${NUM}\\s*(jt|juta)(?:(\\d{1,3})(?!\\d|[.,]\\d)|\\s*(\\d{1,3})\\s*(rb|ribu|k)\\b)`,
      'g',
    ),
    read: (m) => scaled(m[1]!, m[2]) + Number(m[3] ?? m[4]) * 1000,
  },
  // Rp150.000, Rp 150.000,00, rp 1,5jt, IDR 50000
  {
    regex: new RegExp(`\\b(?:rp|idr)\\.?\\s*${NUM}(?:\\s*${SCALE}(?:an)?\\b)?`, 'g'),
    read: (m) => scaled(m[1]!, m[2]),
  },
  // 150rb, 150 ribu, 150k, 1,5jt, 1.5 juta, 300ribuan
  {
    regex: new RegExp(`(?<![\\w.,])${NUM}\\s*${SCALE}(?:an)?(?![\\p{L}\\d])`, 'gu'),
    read: (m) => scaled(m[1]!, m[2]),
  },
  // 150.000, 1.500.000 (dot or comma thousands without a currency)
  {
    regex: /(?<![\w.,:/-])(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)(?:[.,]\d{2})?(?![\w.,:/-]*\d)/g,
    read: (m) => parseDecimal(m[1]!),
  },
  // budget 500000, transfer 150000: a bare figure after a money word (the word itself stays readable)
  {
    regex: new RegExp(`\\b(?:${KEY_WORDS})(?:nya)?${HEDGE}(\\d{4,9})(?!\\d|[.,]\\d)`, 'dg'),
    read: (m) => Number(m[1]),
    group: 1,
  },
  // budget 500, harga 150an: shop shorthand for thousands
  {
    regex: new RegExp(
      `\\b(${KEY_WORDS})(?:nya)?${HEDGE}(\\d{2,3}(?:an)?)(?![\\d.,:/]|\\s*(?:pcs|buah|biji|orang|hari|jam|menit|x|%|persen|tangkai|lembar|item|porsi|box|set|kali))`,
      'dg',
    ),
    read: (m) => {
      const figure = Number.parseInt(m[2]!, 10);
      return THOUSANDS_KEYS.test(m[1]!) && figure >= 10 ? figure * 1000 : null;
    },
    group: 2,
  },
];

const RANGE_JOIN = /^\s*(?:-|–|sampai|s\/d|sd|hingga|to|~)\s*$/;
const RANGE_HEAD = /(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(?:-|–|sampai|s\/d|sd|hingga|~)\s*$/;

/** Every amount in a normalised text, in reading order; a range ("100-150rb") counts once, as its top. */
export function findAmounts(text: string): AmountMatch[] {
  const found: AmountMatch[] = [];
  const taken = (start: number, end: number) => found.some((m) => start < m.end && m.start < end);
  if (!/\d/.test(text)) return wordAmounts(text).filter(isRupiah);
  for (const { regex, read, group } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const [start, end] = group ? match.indices![group]! : [match.index, match.index + match[0].length];
      if (taken(start, end)) continue;
      const value = read(match as RegExpExecArray);
      if (value === null || value < 100 || !Number.isSafeInteger(Math.round(value))) continue;
      found.push({ start, end, value: Math.round(value) });
    }
  }
  found.push(...wordAmounts(text).filter((m) => isRupiah(m) && !taken(m.start, m.end)));
  found.sort((a, b) => a.start - b.start);
  return mergeRanges(text, found);
}

/** Beyond 2^53 a figure is no longer an exact whole number of rupiah (the domain's Money refuses it). */
const isRupiah = (match: AmountMatch): boolean => Number.isSafeInteger(match.value);

/** "100rb-150rb" and "100-150rb": the customer's ceiling is the number that matters for a budget. */
function mergeRanges(text: string, matches: AmountMatch[]): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const match of matches) {
    const previous = out[out.length - 1];
    if (previous && RANGE_JOIN.test(text.slice(previous.end, match.start))) {
      out[out.length - 1] = { ...match, start: previous.start, value: Math.max(previous.value, match.value) };
      continue;
    }
    // "100-150rb": the bare head takes the scale of the tail.
    const head = RANGE_HEAD.exec(text.slice(Math.max(0, match.start - 20), match.start));
    if (head) {
      out.push({ ...match, start: match.start - head[0].length });
      continue;
    }
    out.push(match);
  }
  return out;
}

/** "seratus lima puluh ribu", "dua juta", "setengah juta", "dua setengah juta", "goceng". */
function wordAmounts(text: string): AmountMatch[] {
  const words = [...text.matchAll(/\p{L}+/gu)];
  const texts = words.map((w) => w[0]);
  const out: AmountMatch[] = [];
  for (let i = 0; i < words.length; i++) {
    const slang = SLANG_AMOUNTS[texts[i]!];
    if (slang) {
      out.push(at(words, i, i, slang));
      continue;
    }
    if (texts[i] === 'setengah' && (texts[i + 1] === 'juta' || texts[i + 1] === 'jt')) {
      out.push(at(words, i, i + 1, 500_000));
      i++;
      continue;
    }
    const number = readNumberWords(texts, i);
    if (!number) continue;
    let last = i + number.length - 1;
    let value = number.value;
    // "dua setengah juta" = 2.5 juta
    if (texts[last + 1] === 'setengah' && (texts[last + 2] === 'juta' || texts[last + 2] === 'ribu')) {
      value = (value + 0.5) * (texts[last + 2] === 'juta' ? 1_000_000 : 1000);
      last += 2;
    } else if (!texts.slice(i, last + 1).some((word) => /^(?:se)?(?:ribu|juta)$/.test(word))) {
      const scale = SCALE_VALUE[texts[last + 1] ?? ''];
      if (!scale || texts[last + 1] === 'k') {
        i = last;
        continue;
      }
      value *= scale;
      last++;
    }
    out.push(at(words, i, last, value));
    i = last;
  }
  return out;
}

function at(words: RegExpExecArray[], first: number, last: number, value: number): AmountMatch {
  const start = words[first]!.index;
  const end = words[last]!.index + words[last]![0].length;
  return { start, end, value: Math.round(value) };
}

/** The amount a message is about: a total ("total 300rb", "= Rp 1.050.000") first, else the first mentioned. */
export function pickAmount(text: string, matches: readonly AmountMatch[]): number | null {
  const total = matches.find((m) =>
    /(?:\btotal(?:nya)?\s*[:=]?|=)\s*$/.test(text.slice(Math.max(0, m.start - 12), m.start)),
  );
  return (total ?? matches[0])?.value ?? null;
}

/** Whether an amount is given as the price the customer wants ("harga 100rb-an"), not asked for. */
export function statesPrice(text: string, matches: readonly AmountMatch[]): boolean {
  return matches.some((m) =>
    /\b(?:harga|seharga|kisaran|range|budget)\s*[:=]?\s*(?:sekitar|kurang lebih|cuma|hanya)?\s*$/.test(
      text.slice(Math.max(0, m.start - 25), m.start),
    ),
  );
}
