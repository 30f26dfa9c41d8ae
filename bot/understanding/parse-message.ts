/**
 * The chat parser: one customer message → intent and slots. Deterministic and offline.
 *
 * Build it once per catalog with `createParser(catalog)` (that builds the fuzzy index) and call `parse` for
 * every message. Order of reading: the address and a recipient's name come out of the original text first
 * (they keep their capitals, their numbers are not quantities and their words not products), then the normalised text gives up, in turn, the order number, phone
 * numbers, amounts, dates and times; each is blanked once read, so what is left for products and their
 * quantities holds no "20" of "tgl 20" and no "150" of "150rb".
 */
import { type AddressMatch, findAddress } from './address.js';
import { findAmounts, pickAmount, statesPrice } from './amounts.js';
import { createCatalogMatcher } from './catalog-match.js';
import { detectChannel } from './channel.js';
import { findDates } from './dates.js';
import { classifyIntent } from './intent.rules.js';
import { findItems } from './items.js';
import { normalizeText } from './normalize.js';
import { findRecipient } from './order-details.js';
import { findOrderNumber } from './order-number.js';
import { maskSpans } from './text-spans.js';
import { findTimes } from './times.js';
import type { CatalogEntry, Intent, MessageInput, ParseContext, ParsedMessage, Span } from './types.js';

export interface Parser {
  parse(input: MessageInput, context: ParseContext): ParsedMessage;
}

/** Intents for which the products named are part of the answer. */
const ITEM_INTENTS = new Set<Intent>([
  'order',
  'custom_order',
  'price',
  'catalog',
  'status',
  'cancel',
  'payment',
]);

/** Indonesian mobile numbers (08…, +62 8…, 62 8…), so their digits are never quantities or amounts. */
const PHONE = /(?<![\d.])(?:\+?62|0)\s?8\d{1,3}(?:[\s.-]?\d{2,4}){2,4}(?![\d.])/g;

const spansOf = (text: string, pattern: RegExp): Span[] =>
  [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

/** Build a parser for one catalog; the fuzzy index is built here, once. */
export function createParser(catalog: readonly CatalogEntry[]): Parser {
  const entries = [...catalog];
  const matcher = createCatalogMatcher(entries);
  return {
    parse(input, { now, timeZone }) {
      const original = input.text;
      const address: AddressMatch | null = findAddress(original);
      const withoutAddress = address ? maskSpans(original, [address]) : original;
      // A recipient's name ("a.n. Mawar") is never a product; the order flow reads it (order-details.ts).
      const recipient = findRecipient(withoutAddress);
      let text = normalizeText(recipient ? maskSpans(withoutAddress, [recipient]) : withoutAddress);

      const orderNumber = findOrderNumber(text);
      if (orderNumber) text = maskSpans(text, [orderNumber]);
      text = maskSpans(text, spansOf(text, PHONE));
      const amounts = findAmounts(text);
      text = maskSpans(text, amounts);
      const dates = findDates(text, now, timeZone);
      text = maskSpans(text, dates);
      const times = findTimes(text);
      text = maskSpans(text, times);

      const found = findItems(text, matcher, entries);
      const intent = classifyIntent({
        text,
        rest: maskSpans(text, found.spans),
        original,
        media: input.media,
        items: found.items.length,
        counted: found.items.some((item) => item.counted),
        hasOrderNumber: orderNumber !== null,
        statesPrice: statesPrice(text, amounts),
      });
      return {
        intent,
        items: ITEM_INTENTS.has(intent) ? found.items.map(({ product, qty }) => ({ product, qty })) : [],
        amount: pickAmount(text, amounts),
        date: dates[0]?.date ?? null,
        time: times[0]?.time ?? null,
        orderNumber: orderNumber?.orderNumber ?? null,
        address: address?.address ?? null,
        channel: detectChannel(text),
      };
    },
  };
}

const parsers = new WeakMap<readonly CatalogEntry[], Parser>();

/**
 * One-call form for callers holding a catalog array: the parser for that array is built on first use and
 * kept while the array lives, so repeated calls do not rebuild the index.
 */
export function parseMessage(
  input: MessageInput,
  context: ParseContext & { catalog: readonly CatalogEntry[] },
): ParsedMessage {
  let parser = parsers.get(context.catalog);
  if (!parser) {
    parser = createParser(context.catalog);
    parsers.set(context.catalog, parser);
  }
  return parser.parse(input, context);
}
