/**
 * Catalog items with quantities: product mentions from the matcher, and each quantity attached to the
 * nearest product phrase. Indonesian puts the count first ("2 buket mawar merah"), chat often puts it after
 * ("mawar merah 2", "hampers x2"); the reading that gives more products a count wins, and the other one
 * fills the rest. A product without a count has qty 1.
 */
import type { CatalogMatcher, ProductMention } from './catalog-match.js';
import { type Token, tokenize } from './normalize.js';
import { CLASSIFIERS, readQuantity } from './numbers.js';
import type { CatalogEntry, Span } from './types.js';

export interface FoundItem {
  product: string;
  qty: number;
  /** The customer wrote the count (vs the default 1). */
  counted: boolean;
}

export interface ItemsRead {
  items: FoundItem[];
  /** Where the products were named, so intent rules can ignore those words ("custom" in "Mug Custom"). */
  spans: Span[];
}

interface Quantity {
  value: number;
  first: number;
  last: number;
  marked: boolean;
  /** Written "x2": a count for the product before it. */
  suffix: boolean;
}

/**
 * Words allowed between a count and its product: "2 ya yang mawar", "mawar merah sebanyak 2", and the
 * corrections of a running order: "mawarnya jadi 3 aja", "ganti jadi 3".
 */
const FILLER = new Set([
  'jadi',
  'menjadi',
  'ganti',
  'diganti',
  'ubah',
  'diubah',
  'yang',
  'ya',
  'saja',
  'nya',
  'sebanyak',
  'jumlah',
  'jumlahnya',
  'qty',
  'sejumlah',
  'isi',
]);

/** Number-ish "se-" words that are not "one" + a noun. */
const SE_WORDS = new Set([
  'sepuluh',
  'sebelas',
  'seratus',
  'seribu',
  'sejuta',
  'sepasang',
  'selusin',
  'sekodi',
  'setengah',
]);

/** "sebuket mawar" → "1" + "buket mawar": the fused "se-" is the count. */
function splitFusedOne(tokens: readonly Token[], matcher: CatalogMatcher): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const rest = token.text.slice(2);
    if (
      token.text.startsWith('se') &&
      rest.length >= 3 &&
      !SE_WORDS.has(token.text) &&
      (CLASSIFIERS.has(rest) || matcher.isVocabulary(rest))
    ) {
      out.push({ text: '1', start: token.start, end: token.start + 2 });
      out.push({ text: rest, start: token.start + 2, end: token.end });
    } else out.push(token);
  }
  return out;
}

type Side = 'before' | 'after';

/** Whether words `from`..`to` (exclusive) may sit between a count and its product. */
type Bridge = (from: number, to: number) => boolean;

/**
 * Pair mentions with unused quantities on one side. "x2" is written after its product ("hampers x2"), so it
 * never counts the product after it.
 */
function attach(
  mentions: readonly ProductMention[],
  quantities: readonly Quantity[],
  bridges: Bridge,
  side: Side,
  taken: Map<number, number>,
  used: Set<number>,
): void {
  mentions.forEach((mention, m) => {
    if (taken.has(m)) return;
    const q = quantities.findIndex((quantity, index) => {
      if (used.has(index)) return false;
      if (side === 'before')
        return !quantity.suffix && quantity.last < mention.first && bridges(quantity.last + 1, mention.first);
      return quantity.first > mention.last && bridges(mention.last + 1, quantity.first);
    });
    if (q < 0) return;
    taken.set(m, q);
    used.add(q);
  });
}

function pairCount(
  mentions: readonly ProductMention[],
  quantities: readonly Quantity[],
  bridges: Bridge,
  side: Side,
) {
  const taken = new Map<number, number>();
  attach(mentions, quantities, bridges, side, taken, new Set());
  return taken.size;
}

/** Items named in a normalised text whose dates, amounts and other numbers are already masked. */
export function findItems(
  text: string,
  matcher: CatalogMatcher,
  catalog: readonly CatalogEntry[],
): ItemsRead {
  const tokens = splitFusedOne(tokenize(text), matcher);
  const mentions = matcher.find(tokens);
  if (mentions.length === 0) return { items: [], spans: [] };
  const inMention = new Array<boolean>(tokens.length).fill(false);
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) inMention[i] = true;
  // Words of product names are not counting words ("2 buket mawar" keeps "buket" for the product).
  const words = tokens.map((t, i) => (inMention[i] ? '' : t.text));

  const quantities: Quantity[] = [];
  for (let i = 0; i < words.length; i++) {
    const read = readQuantity(words, i);
    if (!read) continue;
    quantities.push({
      value: read.value,
      first: i,
      last: i + read.length - 1,
      marked: read.marked,
      suffix: /^x/.test(words[i]!),
    });
    i += read.length - 1;
  }

  // Only filler words between, and no line break: each line of an order form is its own item.
  const bridges: Bridge = (from, to) => {
    for (let i = from; i < to; i++) if (!FILLER.has(words[i]!)) return false;
    return !/\n/.test(text.slice(tokens[from - 1]!.end, tokens[to]!.start));
  };
  const primary: Side =
    pairCount(mentions, quantities, bridges, 'after') > pairCount(mentions, quantities, bridges, 'before')
      ? 'after'
      : 'before';
  const taken = new Map<number, number>();
  const used = new Set<number>();
  attach(mentions, quantities, bridges, primary, taken, used);
  attach(mentions, quantities, bridges, primary === 'before' ? 'after' : 'before', taken, used);
  // One product and one unmistakable count elsewhere ("…, 2 pcs ya"): they belong together.
  const loose = quantities.filter((q, index) => !used.has(index) && q.marked);
  if (mentions.length === 1 && taken.size === 0 && loose.length === 1) {
    taken.set(0, quantities.indexOf(loose[0]!));
  }

  const byProduct = new Map<string, FoundItem>();
  mentions.forEach((mention, m) => {
    const product = catalog[mention.entry]!.id;
    const q = taken.get(m);
    const qty = q === undefined ? 1 : quantities[q]!.value;
    const counted = q !== undefined;
    const previous = byProduct.get(product);
    // Named again: counts add up ("2 tulip, tambah tulip 1"), an uncounted repeat adds nothing
    // ("20 hampers, budget 250rb per hampers").
    if (!previous || (!previous.counted && counted)) byProduct.set(product, { product, qty, counted });
    else if (previous.counted && counted) previous.qty += qty;
  });
  return {
    items: [...byProduct.values()],
    spans: mentions.map((m) => ({ start: tokens[m.first]!.start, end: tokens[m.last]!.end })),
  };
}
