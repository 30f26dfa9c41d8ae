/**
 * fast-check arbitraries for chat text: real messages mutated the ways WhatsApp text goes wrong (emoji,
 * control characters, combining marks, direction marks, zero-width characters, very long repeats,
 * slices, case changes, digit noise), word salad from the shop's vocabulary, and arbitrary strings.
 * Mutations are plain data, so a failing case prints readably and shrinks.
 */
import fc from 'fast-check';

const EMOJI = ['🙏', '😊', '🌹', '💐', '👍🏽', '👨‍👩‍👧‍👦', '🇮🇩', '❤️', '🏳️‍🌈', '1️⃣', '©', '🫶🏻'];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
];
const COMBINING = ['\u0301', '\u0300', '\u0308', '\u0327', '\u0336', '\u20dd', '\u0e49'];
const DIRECTION = [
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2069',
];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e'];
const SPACES = ['\u00a0', '\u2007', '\u202f', '\u3000', '\u2028', '\u2029', '\r\n', '  '];
const ODD = [
  '\ud800',
  '\udfff',
  '\ufffd',
  '\uffff',
  '\u{10ffff}',
  'İ',
  'ß',
  'ﬁ',
  'Ⅻ',
  '½',
  '²',
  '𝟏𝟐',
  '١٢',
  '０８１２',
];
const DIGITS = [
  '0',
  '1',
  '2',
  '5',
  '10',
  '12',
  '20',
  '100',
  '150',
  '1.000',
  '2,5',
  '999999999999999999',
  '08',
  '62',
];

/** Words and shapes the parsers look for, so arbitrary text reaches their deeper branches. */
export const SHOP_WORDS = [
  'pesan',
  'order',
  'mau',
  'buket',
  'mawar',
  'merah',
  'putih',
  'tulip',
  'hampers',
  'kartu',
  'x',
  'pcs',
  'kirim',
  'ke',
  'jl.',
  'Jl',
  'jalan',
  'no',
  'alamat:',
  'a.n.',
  'an',
  'rt',
  'rw',
  'kec.',
  'tgl',
  'tanggal',
  'jam',
  'pukul',
  'besok',
  'lusa',
  'hari',
  'lagi',
  'minggu',
  'depan',
  'senin',
  'jumat',
  'pagi',
  'sore',
  'malam',
  'rb',
  'ribu',
  'k',
  'jt',
  'juta',
  'rp',
  'Rp.',
  'dua',
  'puluh',
  'belas',
  'seratus',
  'setengah',
  'lusin',
  'sepasang',
  'harga',
  'berapa',
  'brp',
  'budget',
  'transfer',
  'tf',
  'bayar',
  'sudah',
  'batal',
  'status',
  'pesanan',
  'ORD-202611-0001',
  'ord 202611 1',
  '#',
  '202612-0042',
  'PAY-202611-0001',
  'ig',
  'instagram',
  'tiktok',
  'iklan',
  'teman',
  'website',
  'kak',
  'min',
  'makasih',
  'admin',
  'cs',
  'halo',
  '0812-3456-7890',
  '+62 812 3456 7890',
  '081234567890',
  '14:00',
  '3.30',
  '20/12',
  '31/2',
  '2026-02-30',
  '29 feb',
  'desember',
  '2026',
  'wib',
  'wita',
  'wit',
  ',',
  '.',
  '?',
  '!',
  ':',
  '-',
  '/',
  '(',
  ')',
  '\n',
];

/** One edit of a text; positions are taken modulo the text's length. */
export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'slice'; from: number; to: number }
  | { kind: 'repeat'; times: number }
  | { kind: 'case'; mode: 'upper' | 'lower' | 'swap' }
  | { kind: 'append'; text: string };

const noise = fc.oneof(
  fc.constantFrom(
    ...EMOJI,
    ...CONTROL,
    ...COMBINING,
    ...DIRECTION,
    ...INVISIBLE,
    ...SPACES,
    ...ODD,
    ...DIGITS,
  ),
  fc.constantFrom(...SHOP_WORDS).map((word) => ` ${word} `),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.integer({ min: -1_000_000, max: 10_000_000_000 }).map(String),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert'), at: fc.nat(), text: noise }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete'), at: fc.nat(), length: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('slice'), from: fc.nat(), to: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('repeat'), times: fc.integer({ min: 2, max: 300 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('case'), mode: fc.constantFrom('upper', 'lower', 'swap') }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('append'),
      text: fc.string({ unit: 'grapheme', maxLength: 30 }),
    }),
  },
);

/** Apply one edit. */
export function mutate(text: string, edit: Mutation): string {
  const at = (position: number) => position % (text.length + 1);
  switch (edit.kind) {
    case 'insert':
      return text.slice(0, at(edit.at)) + edit.text + text.slice(at(edit.at));
    case 'delete':
      return text.slice(0, at(edit.at)) + text.slice(at(edit.at) + edit.length);
    case 'slice':
      return text.slice(Math.min(at(edit.from), at(edit.to)), Math.max(at(edit.from), at(edit.to)));
    case 'repeat':
      // Very long text, up to some 60 000 characters: a chat message's size limit is 65 536.
      return text.repeat(Math.min(edit.times, Math.floor(60_000 / Math.max(text.length, 1))));
    case 'case':
      if (edit.mode === 'upper') return text.toUpperCase();
      if (edit.mode === 'lower') return text.toLowerCase();
      return [...text]
        .map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()))
        .join('');
    case 'append':
      return text + edit.text;
  }
}

/** A message of `corpus` with up to `maxEdits` edits applied in turn. */
export function mutatedText(corpus: readonly string[], maxEdits = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...corpus), fc.array(mutation, { maxLength: maxEdits }))
    .map(([text, edits]) => edits.reduce(mutate, text));
}

/** Words of the shop's vocabulary and numbers in any order. */
export const wordSalad: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...SHOP_WORDS), fc.nat(100_000).map(String), noise), { maxLength: 40 })
  .map((words) => words.join(' '));

/** Text of any kind: arbitrary code points, lone surrogates, graphemes, and ASCII control-heavy strings. */
export const arbitraryText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...CONTROL, ...SPACES, 'a', '1', '.', ':', '/'), maxLength: 200 }),
);

/** Everything above: mutated `corpus` messages most often, then word salad and arbitrary text. */
export function chatText(corpus: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedText(corpus) },
    { weight: 2, arbitrary: wordSalad },
    { weight: 2, arbitrary: arbitraryText },
  );
}
