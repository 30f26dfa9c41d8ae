import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams, fuzzTimeout } from '../testing/fuzz.js';
import { chatText } from '../testing/text-arbitraries.js';
import { createParser } from './parse-message.js';
import { ParsedMessageSchema } from './parse-message.schema.js';
import { CUSTOMER_MESSAGES, PASTED_DOCUMENT_LINES } from './testing/real-messages.js';
import { sampleCatalog } from './testing/sample-catalog.js';
import type { CatalogEntry, MediaKind } from './types.js';

// Issue 10 item 6: the parser never throws on any text and always answers in its schema.
// FUZZ_RUNS=100000 runs each property that many times (bot/testing/fuzz.ts).

/** A catalog whose names are themselves odd: digits, emoji, one letter, names inside other names. */
const oddCatalog: CatalogEntry[] = [
  { id: 'paket-2', name: 'Paket 2', aliases: ['p2', '2 in 1'], price: 0 },
  { id: 'a', name: 'A', aliases: [], price: 1 },
  { id: 'bunga-🌹', name: 'Bunga 🌹', aliases: ['🌹'], price: 5_000 },
  { id: 'mawar', name: 'Mawar', aliases: ['mawar merah muda', 'ros'], price: 75_000 },
  { id: 'jl', name: 'Jalan Jalan', aliases: ['jl'], price: 10_000 },
];
const CATALOGS = [sampleCatalog, oddCatalog, []];
const parsers = CATALOGS.map((catalog) => ({
  parser: createParser(catalog),
  ids: new Set(catalog.map((e) => e.id)),
}));

const ZONES = [
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'UTC',
  'Pacific/Kiritimati',
  'America/St_Johns',
];
const CORPUS = [...CUSTOMER_MESSAGES, ...PASTED_DOCUMENT_LINES];
const NORMAL_RUNS = 400;

const input = fc.record({
  text: chatText(CORPUS),
  media: fc.constantFrom<MediaKind | null>(null, null, 'image', 'document'),
  catalog: fc.nat(CATALOGS.length - 1),
  now: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  timeZone: fc.constantFrom(...ZONES),
});

describe('the chat parser, fuzzed', () => {
  it(
    'never throws and answers in its schema, naming only products of its catalog',
    () => {
      fc.assert(
        fc.property(input, ({ text, media, catalog, now, timeZone }) => {
          const { parser, ids } = parsers[catalog]!;
          const answer = parser.parse({ text, media }, { now, timeZone });
          const checked = ParsedMessageSchema.safeParse(answer);
          if (!checked.success) throw new Error(`answer out of schema: ${checked.error.message}`);
          for (const item of answer.items) expect(ids.has(item.product)).toBe(true);
          expect(new Set(answer.items.map((item) => item.product)).size).toBe(answer.items.length);
        }),
        fuzzParams(NORMAL_RUNS),
      );
    },
    fuzzTimeout(NORMAL_RUNS, 5),
  );

  it('reads every real message the same way twice (no state carried between messages)', () => {
    const parser = parsers[0]!.parser;
    const context = { now: new Date('2026-11-23T03:00:00Z'), timeZone: 'Asia/Jakarta' };
    for (const text of CORPUS) {
      const first = parser.parse({ text, media: null }, context);
      expect(parser.parse({ text, media: null }, context)).toEqual(first);
    }
  });
});
