/**
 * Numbers as customers type them: digits, Indonesian number words ("dua puluh lima", "seratus"), and the
 * quantity idioms of shop chat ("sepasang", "selusin", "setengah lusin", "2x", "x2", "2 pcs", "sebiji").
 * Works on the words of normalised text so the caller knows exactly which words a quantity used.
 */

/** The digit words, one to nine; dates, clock hours and quantities all build on them. */
export const UNITS: Readonly<Record<string, number>> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
};

type Scale = 'belas' | 'puluh' | 'ratus' | 'ribu' | 'juta';
const SCALES = new Set<string>(['belas', 'puluh', 'ratus', 'ribu', 'juta']);

/** "se-" forms are "one" fused with the scale: sepuluh = satu puluh. */
const SE_SCALES: Readonly<Record<string, Scale>> = {
  sepuluh: 'puluh',
  sebelas: 'belas',
  seratus: 'ratus',
  seribu: 'ribu',
  sejuta: 'juta',
};

/** Words that count things; they may follow a number ("2 tangkai") and be fused with "se" ("setangkai"). */
export const CLASSIFIERS = new Set<string>(
  'pcs pc buah biji tangkai ikat batang pack pak box kotak porsi lembar set unit botol bungkus item ekor potong buket toples tas'.split(
    ' ',
  ),
);

export interface NumberRead {
  value: number;
  /** How many words it used. */
  length: number;
}

export interface QuantityRead extends NumberRead {
  /** Unmistakably a count: it carries "x", a counting word, or is a dozen/pair word. */
  marked: boolean;
}

/**
 * Indonesian number words from `words[at]` on: "dua" → 2, "dua belas" → 12, "dua puluh lima" → 25,
 * "seratus lima puluh" → 150, "dua ribu" → 2000. Null when `words[at]` does not start a number.
 */
export function readNumberWords(words: readonly string[], at: number): NumberRead | null {
  let total = 0;
  let group = 0;
  let pending: number | null = null;
  let index = at;
  const apply = (scale: Scale, unit: number): void => {
    if (scale === 'belas') group += 10 + unit;
    else if (scale === 'puluh') group += unit * 10;
    else if (scale === 'ratus') group += unit * 100;
    else {
      total += (group + unit) * (scale === 'ribu' ? 1000 : 1_000_000);
      group = 0;
    }
  };
  for (; index < words.length; index++) {
    const word = words[index]!;
    const unit = UNITS[word];
    const fused = SE_SCALES[word];
    if (unit !== undefined) {
      if (pending !== null) break; // "dua tiga" is two numbers
      pending = unit;
    } else if (fused) {
      if (pending !== null) break;
      apply(fused, 1);
    } else if (SCALES.has(word) && pending !== null) {
      apply(word as Scale, pending);
      pending = null;
    } else if (SCALES.has(word) && (word === 'ribu' || word === 'juta') && group > 0) {
      apply(word as Scale, 0);
    } else break;
  }
  if (index === at) return null;
  return { value: total + group + (pending ?? 0), length: index - at };
}

const DOZEN = 12;
const KODI = 20;

/** A whole number from one word: "12" or "dua"; null otherwise. */
function wordValue(words: readonly string[], at: number): NumberRead | null {
  const word = words[at];
  if (word === undefined) return null;
  if (/^\d{1,4}$/.test(word)) return { value: Number(word), length: 1 };
  return readNumberWords(words, at);
}

/**
 * A quantity starting at `words[at]`, with the counting words it carries: "2", "2x", "x2", "x 2", "2 pcs",
 * "dua tangkai", "sepasang" (2), "selusin" (12), "setengah lusin" (6), "3 lusin", "sekodi" (20), "sebiji" (1),
 * "2 pasang" (4). Null when none starts there, or for an implausible count (0, or above 999: a year, a price).
 */
export function readQuantity(words: readonly string[], at: number): QuantityRead | null {
  const read = readBareQuantity(words, at);
  if (!read || read.value < 1 || read.value > 999) return null;
  let length = read.length;
  // "2 pcs", "2 buah", "2 x": the counting word belongs to the quantity.
  while (length < 3 && (CLASSIFIERS.has(words[at + length] ?? '') || words[at + length] === 'x')) length++;
  return { value: read.value, length, marked: read.marked || length > read.length };
}

const marked = (value: number, length: number): QuantityRead => ({ value, length, marked: true });

function readBareQuantity(words: readonly string[], at: number): QuantityRead | null {
  const word = words[at];
  if (word === undefined) return null;
  const fused = /^(?:x(\d{1,3})|(\d{1,3})(?:x|pcs|pc|bh|buah|biji|pack|box|set))$/.exec(word);
  if (fused) return marked(Number(fused[1] ?? fused[2]), 1);
  if (word === 'x' && /^\d{1,3}$/.test(words[at + 1] ?? '')) return marked(Number(words[at + 1]), 2);
  if (word === 'sepasang') return marked(2, 1);
  if (word === 'selusin') return marked(DOZEN, 1);
  if (word === 'sekodi') return marked(KODI, 1);
  if (word === 'setengah' && words[at + 1] === 'lusin') return marked(DOZEN / 2, 2);
  if (word.startsWith('se') && CLASSIFIERS.has(word.slice(2))) return marked(1, 1);
  const number = wordValue(words, at);
  if (!number) return null;
  const unit = words[at + number.length];
  if (unit === 'lusin') return marked(number.value * DOZEN, number.length + 1);
  if (unit === 'kodi') return marked(number.value * KODI, number.length + 1);
  if (unit === 'pasang') return marked(number.value * 2, number.length + 1);
  // "dua ribu" is money, not twenty hundred things (amounts are masked before this runs; a guard).
  if (unit === 'ribu' || unit === 'juta' || unit === 'rb' || unit === 'jt') return null;
  return { ...number, marked: false };
}
