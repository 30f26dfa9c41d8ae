/**
 * Finds catalog products named in a message, typos and slang included ("bucket mawr merah", "hamper"),
 * with fuse.js over every product's name and aliases. The index is built once per catalog.
 *
 * How: each message word is first looked up in the catalog's vocabulary (fuse.js, tight thresholds, so
 * "mau" never becomes "mawar"); runs of words that could be product words are cut into n-gram windows,
 * longest first, and each window is searched in the phrase index (names and aliases; fuse.js token search,
 * so "kelas utbk" finds "Kelas Intensif UTBK" and word order does not matter). A window is accepted
 * for a phrase only if every one of its words matches a different word of that phrase and it names enough
 * of it: more than half of its words, its head word (Indonesian names start with the noun: "buket" in
 * "buket mawar merah"), or a word only one product uses that is not a colour/size/occasion ("tulip").
 * Several products equally good for a window ("buket" in a shop with five bouquets) → no product, and a
 * lone product word followed by another noun ("papan nama", "kartu nama") names something else: a wrong
 * item is worse than asking.
 */
import Fuse from 'fuse.js';
import { COMMON_WORDS } from './common-words.js';
import { normalizeText, type Token, tokenize } from './normalize.js';
import type { CatalogEntry } from './types.js';

export interface ProductMention {
  /** Index into the catalog the matcher was built from. */
  entry: number;
  /** First and last (inclusive) index of the words it covers. */
  first: number;
  last: number;
}

export interface CatalogMatcher {
  /** Product mentions in reading order; `words` are normalised message words. */
  find(words: readonly Token[]): ProductMention[];
  /** Whether a normalised word is (exactly) a word of some product name or alias. */
  isVocabulary(word: string): boolean;
}

interface Phrase {
  entry: number;
  text: string;
  words: string[];
}

/** Grammar words: a window made only of these names nothing. */
const FUNCTION_WORDS = new Set(
  'dan atau dengan untuk buat sama dari ke di ini itu yang ada mau saya kak min ya saja juga lagi pakai pake isi per the of and with for a'.split(
    ' ',
  ),
);

/** Colour, size and grade: they refine a product without naming another one ("tulip kuning"). */
const MODIFIERS = new Set(
  `merah putih pink kuning biru hitam ungu hijau orange oranye silver gold emas peach salem maroon navy tosca
  besar kecil mini jumbo medium large small big premium spesial special standar standard biasa eksklusif
  exclusive deluxe luxury simple`.split(/\s+/),
);

/** Words many products share: alone they do not identify one ("yang merah", "buat lebaran", "ucapan"). */
const GENERIC = new Set([
  ...MODIFIERS,
  ...`custom set paket isi lebaran natal imlek wisuda ultah ulang tahun valentine pernikahan nikah wedding
  anniversary duka cita graduation birthday hari ibu guru anak dewasa pria wanita cowok cewek ucapan selamat
  bunga uang duit foto tulisan kado hadiah coklat cokelat snack jajan kue makanan minuman buah kain kertas
  plastik kayu akrilik`.split(/\s+/),
]);

const WORD_CACHE_LIMIT = 5000;

/** How a window names a phrase, best first: all of it, most of it, its one distinctive word, its head. */
const FULL = 4;
const MAJORITY = 3;
const DISTINCTIVE = 2;
const HEAD = 1;

/** Largest fuse.js score (errors per letter) a word of this length may have against a product word. */
const wordThreshold = (length: number): number => (length <= 3 ? 0 : length === 4 ? 0.26 : 0.34);

const sortedLetters = (word: string) => [...word].sort().join('');

/** Build the matcher for one catalog; reuse it for every message. */
export function createCatalogMatcher(catalog: readonly CatalogEntry[]): CatalogMatcher {
  const phrases: Phrase[] = [];
  catalog.forEach((entry, index) => {
    const seen = new Set<string>();
    for (const name of [entry.name, ...entry.aliases]) {
      const text = tokenize(normalizeText(name))
        .map((t) => t.text)
        .join(' ');
      if (!text || seen.has(text)) continue;
      seen.add(text);
      phrases.push({ entry: index, text, words: text.split(' ') });
    }
  });
  const phrasesByWord = new Map<string, Set<Phrase>>();
  for (const phrase of phrases) {
    for (const word of phrase.words) {
      const withWord = phrasesByWord.get(word) ?? new Set<Phrase>();
      withWord.add(phrase);
      phrasesByWord.set(word, withWord);
    }
  }
  const vocabulary = [...phrasesByWord.keys()];
  const longestWord = vocabulary.reduce((longest, word) => Math.max(longest, word.length), 0);
  /** Catalog words only one product uses and that name something ("tulip", not "merah" or "kelas"). */
  const distinctive = new Set(
    vocabulary.filter(
      (word) =>
        word.length >= 4 &&
        !GENERIC.has(word) &&
        !COMMON_WORDS.has(word) &&
        new Set([...phrasesByWord.get(word)!].map((phrase) => phrase.entry)).size === 1,
    ),
  );
  const longestPhrase = phrases.reduce((longest, phrase) => Math.max(longest, phrase.words.length), 1);
  const maxWindow = Math.min(6, longestPhrase + 1);
  const common = { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true };
  const wordIndex = new Fuse(vocabulary, { ...common, threshold: 0.42 });
  const phraseIndex = new Fuse(phrases, {
    ...common,
    keys: ['text'],
    threshold: 0.4,
    useTokenSearch: true,
    tokenMatch: 'all',
  });
  const wordCache = new Map<string, ReadonlyMap<string, number>>();
  const windowCache = new Map<string, Candidate | null>();

  /** Catalog words this message word may stand for, with their fuse.js scores (0 = exact). */
  function candidatesFor(word: string): ReadonlyMap<string, number> {
    const cached = wordCache.get(word);
    if (cached) return cached;
    const found = new Map<string, number>();
    if (phrasesByWord.has(word)) found.set(word, 0);
    // Short words and everyday words only match exactly; a run-on "word" longer than any product word
    // cannot be one (and would make the fuzzy search slow).
    const fuzzy =
      !COMMON_WORDS.has(word) && !/\d/.test(word) && word.length >= 4 && word.length <= longestWord + 2;
    for (const result of fuzzy ? wordIndex.search(word) : []) {
      const candidate = result.item;
      const score = result.score ?? 1;
      // fuse.js finds the word inside longer ones ("mer" in "merah"); both must be about the same length.
      const ratio = Math.min(candidate.length, word.length) / Math.max(candidate.length, word.length);
      if (Math.abs(candidate.length - word.length) > 2 || ratio < 0.75) continue;
      // Two swapped letters ("merha") cost fuse.js two errors; same letters, same length is one typo.
      const transposed = score <= 0.42 && sortedLetters(candidate) === sortedLetters(word);
      if ((score <= wordThreshold(word.length) || transposed) && !found.has(candidate))
        found.set(candidate, score);
    }
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(word, found);
    return found;
  }

  interface Candidate {
    entry: number;
    tier: number;
    coverage: number;
    score: number;
  }

  /** How well a window of message words names a phrase, or null when it does not. */
  function judge(windowWords: readonly string[], phrase: Phrase, score: number): Candidate | null {
    const used = new Set<number>();
    const exact = new Set<number>();
    for (const word of windowWords) {
      const candidates = candidatesFor(word);
      let best = -1;
      let bestScore = 2;
      phrase.words.forEach((phraseWord, index) => {
        const s = candidates.get(phraseWord);
        if (s !== undefined && !used.has(index) && s < bestScore) {
          best = index;
          bestScore = s;
        }
      });
      if (best < 0) return null;
      used.add(best);
      if (bestScore === 0) exact.add(best);
    }
    // One misspelt short word alone is too weak: "ulang" is a typo away from "uang", "jaya" from "jajan".
    if (windowWords.length === 1 && exact.size === 0 && (windowWords[0]!.length < 6 || score > 0.2))
      return null;
    const coverage = used.size / phrase.words.length;
    const full = used.size === phrase.words.length;
    // A head that is also an everyday word ("kelas 5", "paket saya") is no evidence on its own.
    const head = used.has(0) && !GENERIC.has(phrase.words[0]!) && !COMMON_WORDS.has(phrase.words[0]!);
    const named = [...exact].some((index) => distinctive.has(phrase.words[index]!));
    const tier = full ? FULL : coverage > 0.5 ? MAJORITY : named ? DISTINCTIVE : head ? HEAD : 0;
    return tier === 0 ? null : { entry: phrase.entry, tier, coverage, score };
  }

  /**
   * Whether some phrase holds a catalog word for every window word: only then can the window match, so
   * only then is it worth a fuzzy search (most windows fail here, cheaply).
   */
  function couldMatch(windowWords: readonly string[]): boolean {
    let possible: Set<Phrase> | null = null;
    for (const word of windowWords) {
      const here = new Set<Phrase>();
      for (const vocabularyWord of candidatesFor(word).keys()) {
        for (const phrase of phrasesByWord.get(vocabularyWord) ?? [])
          if (!possible || possible.has(phrase)) here.add(phrase);
      }
      if (here.size === 0) return false;
      possible = here;
    }
    return true;
  }

  /** The one product a window names, or null (no match, or several products tie); cached per window. */
  function bestFor(windowWords: readonly string[]): Candidate | null {
    const key = windowWords.join(' ');
    const cached = windowCache.get(key);
    if (cached !== undefined) return cached;
    const best =
      windowWords.every((w) => FUNCTION_WORDS.has(w)) || !couldMatch(windowWords)
        ? null
        : search(windowWords);
    if (windowCache.size >= WORD_CACHE_LIMIT) windowCache.clear();
    windowCache.set(key, best);
    return best;
  }

  function search(windowWords: readonly string[]): Candidate | null {
    const byEntry = new Map<number, Candidate>();
    for (const result of phraseIndex.search(windowWords.join(' '))) {
      const candidate = judge(windowWords, result.item, result.score ?? 1);
      if (!candidate) continue;
      const previous = byEntry.get(candidate.entry);
      if (!previous || better(candidate, previous)) byEntry.set(candidate.entry, candidate);
    }
    const ranked = [...byEntry.values()].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    const [first, second] = ranked;
    if (!first) return null;
    if (second && !better(first, second)) return null;
    // Several products share the head word and nothing else was named: ask, do not guess.
    if (first.tier === HEAD && second?.tier === HEAD) return null;
    return first;
  }

  /** A word after a lone product word that makes it something else ("papan nama", "hampers natal"). */
  const otherNoun = (word: string | undefined) =>
    word !== undefined &&
    /^\p{L}{3,}$/u.test(word) &&
    !COMMON_WORDS.has(word) &&
    !FUNCTION_WORDS.has(word) &&
    !MODIFIERS.has(word) &&
    candidatesFor(word).size === 0;

  return {
    isVocabulary: (word) => phrasesByWord.has(word),
    find(words) {
      const texts = words.map((w) => w.text);
      const productish = texts.map((t) => candidatesFor(t).size > 0);
      const mentions: ProductMention[] = [];
      for (let start = 0; start < texts.length; start++) {
        if (!productish[start]) continue;
        let end = start;
        while (end + 1 < texts.length && productish[end + 1] && end + 1 - start < maxWindow) end++;
        for (let last = end; last >= start; last--) {
          const best = bestFor(texts.slice(start, last + 1));
          if (!best) continue;
          // A lone word followed by another noun names something else: "papan nama", "kartu nama".
          if ((best.tier <= DISTINCTIVE || last === start) && otherNoun(texts[last + 1])) continue;
          const previous = mentions[mentions.length - 1];
          // "kelas … utbk" read as two windows of one product is one mention.
          if (previous?.entry === best.entry && previous.last === start - 1) previous.last = last;
          else mentions.push({ entry: best.entry, first: start, last });
          start = last;
          break;
        }
      }
      return mentions;
    },
  };
}

/** Higher tier, then more of the phrase named, then a closer spelling. */
function better(a: { tier: number; coverage: number; score: number }, b: typeof a): boolean {
  if (a.tier !== b.tier) return a.tier > b.tier;
  if (Math.abs(a.coverage - b.coverage) > 1e-9) return a.coverage > b.coverage;
  return a.score < b.score - 0.02;
}
