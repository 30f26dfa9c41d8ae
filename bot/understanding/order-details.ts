/**
 * The order details a customer names in chat besides items, dates and the address: pickup or delivery
 * ("diambil", "ambil sendiri", "pickup" / "dikirim", "dianterin", "gosend"), how they pay ("tf", "qris",
 * "cod", "bayar di tempat", "tunai") and who receives the order ("a.n. Rina", "atas nama", "penerima
 * Bu Rina 0812…"). Fulfilment and payment read normalised text; the recipient reads the original text so
 * the name keeps its capitals.
 *
 * When a message names both ways ("diambil aja, ga usah dikirim"), a negated one counts for the other
 * way and the last one said wins: customers correct themselves at the end of a message.
 */
import { normalizeText } from './normalize.js';
import type { Span } from './types.js';

export type FulfilmentChoice = 'pickup' | 'delivery';
export type PaymentChoice = 'transfer' | 'qris' | 'cod' | 'cash';

interface Signal<T> {
  value: T;
  at: number;
  negated: boolean;
}

/** "tidak usah dikirim", "jangan diantar", "bukan cod": the word right after is ruled out. */
const NEGATION = /\b(?:tidak|bukan|jangan|tanpa)(?:\s+(?:usah|perlu|jadi|bisa|mau|pakai))?\s+$/;

function signals<T>(text: string, patterns: ReadonlyArray<[RegExp, T]>): Signal<T>[] {
  const found: Signal<T>[] = [];
  for (const [pattern, value] of patterns)
    for (const match of text.matchAll(pattern))
      found.push({ value, at: match.index, negated: NEGATION.test(text.slice(0, match.index)) });
  return found.sort((a, b) => a.at - b.at);
}

/** Words after "ambil" that make it "pick it up" rather than "take (two of those)". */
const PICKUP_AFTER_AMBIL = [
  'sendiri',
  'saja',
  'di',
  'ke',
  'nanti',
  'besok',
  'lusa',
  'jam',
  'pukul',
  'tanggal',
  'hari',
  'pagi',
  'siang',
  'sore',
  'malam',
  'ya',
  'kak',
  'dong',
  'deh',
  'langsung',
  'pas',
  'sekalian',
  'senin',
  'selasa',
  'rabu',
  'kamis',
  'jumat',
  'sabtu',
  'minggu',
  'ahad',
].join('|');

const FULFILMENT: ReadonlyArray<[RegExp, FulfilmentChoice]> = [
  [/\bdiambil\b/g, 'pickup'],
  // "ambil sendiri", "saya ambil besok", "ambil aja" — not "ambil 2 buket", "ambil yang merah".
  [new RegExp(String.raw`\bambil\b(?=\s*$|\s*[,.!?;]|\s+(?:${PICKUP_AFTER_AMBIL})\b)`, 'g'), 'pickup'],
  [/\b(?:self\s*)?pick\s*-?\s*up\b|\btake\s*-?\s*away\b/g, 'pickup'],
  [/\b(?:di)?jemput\b/g, 'pickup'],
  [/\b(?:datang|dateng|mampir|saya)\s+(?:saja\s+|nanti\s+)?ke\s+toko\b/g, 'pickup'],
  // "dikirim", "dianterin", "antarkan", "kirimin" (normalised to "kirim") — not "kirim bukti", "kirim foto".
  [
    /\b(?:di)?(?:kirim|antar|anter)(?:in|kan|kin)?\b(?!\s+(?:bukti|foto|gambar|contoh|katalog|pricelist|rekening|nomor|no|lokasi dulu))/g,
    'delivery',
  ],
  [
    /\b(?:delivery|deliver|gojek|gosend|go\s*-?\s*send|grab|grabexpress|grab\s+express|kurir|ojol|ojek|ekspedisi|lalamove|paxel|jne|sicepat)\b/g,
    'delivery',
  ],
];

/** Pickup or delivery, as the message says it; null when it says neither. */
export function findFulfilment(text: string): FulfilmentChoice | null {
  const normalized = normalizeText(text);
  const said = signals(normalized, FULFILMENT).map((signal) =>
    signal.negated ? (signal.value === 'pickup' ? 'delivery' : 'pickup') : signal.value,
  );
  // "diambil atau dikirim?" asks, it does not choose.
  if (new Set(said).size > 1 && /\batau\b/.test(normalized)) return null;
  return said.at(-1) ?? null;
}

const PAYMENT: ReadonlyArray<[RegExp, PaymentChoice]> = [
  [
    /\bqris\b|\bqr\b|\bscan\s+(?:qr|barcode)\b|\bgopay\b|\bovo\b|\bshopee\s*pay\b|\be\s*-?\s*wallet\b/g,
    'qris',
  ],
  [/\bcod\b|\bbayar\s+(?:di\s*tempat|ditempat|di\s+rumah|ke\s+kurir)\b/g, 'cod'],
  [
    /\bbayar\s+(?:nanti\s+|saja\s+)?(?:pas|saat|waktu|kalau|setelah|sesudah)\s+(?:(?:barang|pesanan|paket)\s+)?(?:sampai|datang|diterima|tiba)\b/g,
    'cod',
  ],
  [/\btunai\b|\bcash\b|\bkontan\b/g, 'cash'],
  [
    /\bbayar\s+(?:di|ke)\s+toko\b|\bbayar\s+(?:nanti\s+|saja\s+)?(?:pas|saat|waktu)\s+(?:ambil|diambil|pengambilan)\b/g,
    'cash',
  ],
  [
    /\btransfer(?:an)?\b|\bm\s*-?\s*banking\b|\bbank\b|\bbca\b|\bbri\b|\bbni\b|\bbsi\b|\bmandiri\b|\brekening\b/g,
    'transfer',
  ],
];

/** How the customer pays, as the message says it; null when it does not say. */
export function findPayment(text: string): PaymentChoice | null {
  const said = signals(normalizeText(text), PAYMENT).filter((signal) => !signal.negated);
  return said.at(-1)?.value ?? null;
}

export interface RecipientMatch extends Span {
  /** As written ("Bu Rina"). */
  name: string;
  /** The recipient's phone as written, when the same clause gives one. */
  phone: string | null;
}

/** "atas nama", "a.n.", "a/n", "an.", "penerima(nya)", "nama penerima", "untuk penerima", with ":" or "-". */
const RECIPIENT_TRIGGER =
  /(?<![\p{L}\p{N}])(?<!alamat\s+)(?:atas\s+nama|a\s*\.\s*n\s*\.?|a\/n|an\.|(?:nama\s+|untuk\s+)?penerima(?:nya)?(?:\s+(?:atas\s+nama|adalah|bernama))?)(?:\s*[:=-]\s*|\s+)/giu;

/** Indonesian mobile numbers as customers type them. */
const PHONE = /(?:\+?62|0)\s?8\d{1,3}(?:[\s.-]?\d{2,4}){2,4}(?!\d)/u;

/** Words that end a name: the next clause of the message. */
const NAME_END = new RegExp(
  String.raw`[\s,]+(?:${[
    'bayar',
    'pembayaran',
    'transfer',
    'tf',
    'cod',
    'qris',
    'tunai',
    'cash',
    'jam',
    'pukul',
    'besok',
    'lusa',
    'tgl',
    'tanggal',
    'hari',
    'kirim',
    'dikirim',
    'diantar',
    'antar',
    'diambil',
    'ambil',
    'ke',
    'di',
    'alamat(?:nya)?',
    'no',
    'nomor',
    'nomer',
    'hp',
    'wa',
    'telp',
    'telepon',
    'dan',
    'sama',
    'dengan',
    'yang',
    'untuk',
    'buat',
    'ya+',
    'kak',
    'ka',
    'kk',
    'min',
    'dong',
    'makasih',
    'terima ?kasih',
    'thanks',
    'ok',
    'oke',
    'sudah',
    'udah',
    'udh',
    'sdh',
    'belum',
    'blm',
    'jadi',
    'kapan',
    'gimana',
    'bisa',
    'mau',
    'minta',
    'pesan',
    'order',
    'tolong',
    'apa',
    'kok',
    'tapi',
    'terus',
    'nanti',
    'sekarang',
    'tidak',
    'gak',
    'ga',
    'nggak',
    'aja',
    'saja',
  ].join('|')})(?![\p{L}\p{N}])`,
  'iu',
);

/** Titles that end with a dot inside a name ("Bu. Rina", "dr. Sari"). */
const NAME_ABBREVIATIONS = new Set([
  'bu',
  'ibu',
  'pak',
  'bpk',
  'sdr',
  'sdri',
  'dr',
  'drg',
  'ir',
  'h',
  'hj',
  'ny',
  'tn',
  'kak',
]);

/** What follows "atas nama" without being someone's name. */
const NOT_A_NAME =
  /^(?:saya|sy|aku|gue|gw|sendiri|pemesan|siapa|apa|yang|toko|kakak|kak|anda|kamu|rekening|rek|bank|jl|jln|jalan|gg|gang|perum|perumahan|komplek|kompleks|komp|apartemen|apt|blok)(?![\p{L}\p{N}])/iu;

/** The end of the name clause starting at `from`: line, sentence, bracket, phone or next clause. */
function clauseEnd(text: string, from: number): number {
  const rest = text.slice(from);
  let end = rest.length;
  const hard = /[\n\r!?(;,]/.exec(rest);
  if (hard) end = hard.index;
  for (const dot of rest.slice(0, end).matchAll(/\.(?=\s|$)/g)) {
    const word = /([\p{L}]+)$/u.exec(rest.slice(0, dot.index))?.[1]?.toLowerCase() ?? '';
    if (!NAME_ABBREVIATIONS.has(word) && !/^\p{L}$/u.test(word)) {
      end = dot.index;
      break;
    }
  }
  const phone = PHONE.exec(rest.slice(0, end));
  if (phone) end = phone.index;
  const clause = rest.slice(0, end).search(NAME_END);
  if (clause >= 0) end = clause;
  return from + end;
}

/** A phone number right after the name ("Bu Rina 0812…", "Rina, hp 0812…", "Rina (0812…)"). */
function phoneAfter(text: string, from: number): string | null {
  const near =
    /^[\s,:(-]*(?:(?:no\.?|nomor|nomer|hp|wa|telp|telepon)[\s.:]*)*((?:\+?62|0)\s?8[\d\s.-]{7,16}\d)/iu.exec(
      text.slice(from),
    );
  return near?.[1]?.trim() ?? null;
}

/** Tidy a name: spaces collapsed, trailing marks dropped. */
const tidyName = (name: string) =>
  name
    .replace(/\s+/g, ' ')
    .replace(/[\s,.;:\-–]+$/u, '')
    .trim();

/** A plausible person's (or office's) name: letters, at most five words, not a pronoun. */
const isName = (name: string) =>
  name.length >= 2 &&
  /\p{L}/u.test(name) &&
  name.split(' ').length <= 5 &&
  !/\d{3,}/.test(name) &&
  !NOT_A_NAME.test(name);

/**
 * Who receives the order, after "atas nama", "a.n.", "penerima…" in the original text; null when the
 * message names nobody ("atas nama saya" names the customer, who is already known).
 */
export function findRecipient(text: string): RecipientMatch | null {
  for (const trigger of text.matchAll(RECIPIENT_TRIGGER)) {
    const start = trigger.index + trigger[0].length;
    const end = clauseEnd(text, start);
    const raw = text.slice(start, end);
    const name = tidyName(raw);
    if (!isName(name)) continue;
    const nameStart = start + (raw.length - raw.trimStart().length);
    return { start: trigger.index, end, name, phone: phoneAfter(text, nameStart + name.length) };
  }
  return null;
}

/**
 * The answer to "Nama dan nomor HP penerima?": a "penerima …" phrase if there is one, else the whole
 * text as the name with any phone number taken out ("Rina 0812 3456 7890").
 */
export function readRecipientAnswer(text: string): { name: string; phone: string | null } | null {
  const found = findRecipient(text);
  if (found) return { name: found.name, phone: found.phone };
  const phone = PHONE.exec(text);
  const name = tidyName(
    (phone ? text.slice(0, phone.index) + text.slice(phone.index + phone[0].length) : text)
      .replace(/^\s*(?:nama(?:nya)?|namanya)\s*[:=-]?\s*/iu, '')
      .replace(/\b(?:no\.?|nomor|nomer|hp|wa|telp)\s*[:.]?\s*$/iu, ''),
  );
  if (!isName(name)) return null;
  return { name, phone: phone?.[0].trim() ?? null };
}
