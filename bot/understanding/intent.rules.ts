/**
 * What a customer message is for. Each cue is a small pure predicate over the normalised text and what the
 * extractors found; the first rule of the table that holds names the intent.
 *
 * Precedence (first match wins) and why:
 *
 * | #  | intent       | when                                                          | why here                                    |
 * |----|--------------|---------------------------------------------------------------|---------------------------------------------|
 * | 1  | handover     | anger: kecewa, penipu, lama banget, insults, "!!!"/CAPS with a complaint | an angry customer needs a person, whatever else they ask |
 * | 2  | cancel       | batal, cancel, gak jadi (not "kalau batal…", "jangan dibatalkan", "kok dibatalkan?") | "makasih, tapi batal ya" is a cancel |
 * | 3  | handover     | asks for admin/cs/a person or a call back, complains of no reply, "admin" alone | an explicit request for a human |
 * | 4  | payment      | reports a payment (sudah transfer, bukti tf) or sends a file/photo with a payment word | money received must reach admins even inside an order or status message |
 * | 5  | status       | asks about an existing order (pesanan saya, sampai mana, kapan jadi, resi) | "pesanan saya 2 buket kapan sampai" is not a new order |
 * | 6  | custom_order | custom/request/bikinin; or desain/brief/bikin/budget/deadline with nothing from the catalog; or a photo "kayak gini" | made-to-order work, even when it names a price |
 * | 7  | order        | pesan/order/beli/checkout/daftar/"saya ambil"…, or catalog items with a count, a "mau", or nothing else | "halo kak, mau pesan 2 buket" is an order |
 * | 8  | payment      | asks how or where to pay (rekening, bisa COD?), or says they will pay | payment talk without a payment             |
 * | 9  | catalog      | asks for pictures, examples, models or variants (contoh, foto, model, warna apa aja) | "ada contoh hampersnya?" wants pictures, not a price |
 * | 10 | price        | harga/berapa/biaya about a product or a bare "harganya berapa?", or a question about an item itself ("tulip ready?") | |
 * | 11 | catalog      | katalog, pricelist, menu, list produk, ada apa aja, minta info | |
 * | 12 | status       | an order number and nothing else                              | |
 * | 13 | thanks       | makasih, terima kasih, thx, tq, suwun                         | politeness only when nothing else is asked  |
 * | 14 | greeting     | halo, hai, assalamualaikum, selamat pagi, permisi, p, kak, "mau tanya" | |
 * | 15 | unknown      | anything else, including a photo or file with no text         | the bot uses conversation state for a bare photo |
 *
 * Near misses decided here: "harganya kemahalan ya", "bisa kurang?", "ada diskon?" (haggling) are not price
 * questions → unknown; "transferan belum masuk?" is payment (about the customer's own transfer); "kalau
 * batal bisa refund?" is not a cancel; "sudah sampai, makasih" is thanks, "sudah sampai?" is status;
 * "mau pesan" without a product is still an order (the bot asks what); "berapa lama/hari" is not a price.
 */
import type { Intent, MediaKind } from './types.js';

export interface IntentSignals {
  /** Normalised text. */
  text: string;
  /** Normalised text with the product names blanked, so "custom" in "Mug Custom" is not a custom cue. */
  rest: string;
  /** The message as typed (for CAPS and "!!!"). */
  original: string;
  media: MediaKind | null;
  /** Number of distinct catalog products named. */
  items: number;
  /** The customer wrote a count for at least one product. */
  counted: boolean;
  hasOrderNumber: boolean;
  /** An amount follows "harga"/"budget": the customer states a price ("harga 100rb-an") rather than asks. */
  statesPrice: boolean;
}

type Cue = (s: IntentSignals) => boolean;

// ── anger ────────────────────────────────────────────────────────────────────────────────────────────

const ANGER_WORD =
  /\b(?:kecewa|mengecewakan|penipu|penipuan|tipu|nipu|ditipu|menipu|bohong|pembohong|bohongin|kesal|kesel|jengkel|marah|nyesel|menyesal|kapok|zonk|scam|abal|payah|lelet|sampah|brengsek|bangsat|bajingan|sialan|goblok|goblog|bego|tolol|kampret|anjing|anjg|taik|bodoh|ngaco|ngawur|keterlaluan|becus|viralin|viralkan|somasi|laporkan|lapor\s+polisi|ylki)\b/;
const ANGER_PHRASE =
  /\b(?:lama|lambat|lelet)\s+(?:banget|sekali|amat|bener|benar)\b|\bkelamaan\b|\b(?:uang|duit)(?:\s+saya)?\s+(?:di)?(?:kembali|balik)(?:kan|in)?\b|\b(?:balikin|kembalikan)\s+(?:uang|duit)|\bsalah\s+kirim\b|\btidak\s+sesuai\b|\b(?:rusak|layu|hancur|busuk|penyok)\b|\bgimana\s+sih\b|\bparah\b/;
const NEGATED_ANGER =
  /\b(?:tidak|bukan|jangan|belum)\s+(?:kecewa|menyesal|nyesel|marah|kesal|kesel|parah|rusak|layu)\b/;
const PRAISE = /\b(?:bagus|keren|cantik|mantap|suka|lucu|puas|rapi|wangi|cakep|kece)\b/;
const COMPLAINT_CUE = /\b(?:kok|belum|mana|tidak|kapan|lama|gimana|kenapa|batal|tolong|sudah)\b|\?/;
const ANGRY_EMOJI = /[\u{1F621}\u{1F92C}\u{1F624}\u{1F47F}\u{1F4A2}\u{1F620}]/u;

function shouting(original: string): boolean {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length < 10) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length >= 0.8;
}

/** "parah" is praise in "keren parah"; other anger words hold unless negated. */
const isAngry: Cue = ({ text, original }) => {
  if (ANGRY_EMOJI.test(original)) return true;
  const cleaned = text.replace(NEGATED_ANGER, ' ');
  if (ANGER_WORD.test(cleaned)) return true;
  if (ANGER_PHRASE.test(cleaned) && !(/\bparah\b/.test(cleaned) && PRAISE.test(cleaned))) return true;
  const loud = /!{2,}/.test(original) || shouting(original);
  return loud && COMPLAINT_CUE.test(text) && !PRAISE.test(text) && !/\bmakasih\b/.test(text);
};

// ── cancel ───────────────────────────────────────────────────────────────────────────────────────────

const CANCEL =
  /\b(?:batal|batalin|batalkan|dibatalkan|dibatalin|pembatalan|cancel|dicancel|cancelled|canceled|urungkan)\b|\btidak\s+jadi\b(?!\s+(?:masalah|apa|soal|batal|cancel))|\btidak\s+usah\s+(?:di)?(?:kirim|proses|buat|bikin|lanjut|lanjutkan|jadi|pesan|order|diproses|dikirim|dibuat)\b|\btidak\s+mau\s+(?:lagi|lanjut)\b/;
const CANCEL_NOT =
  /\b(?:kok|kenapa|mengapa)\b.{0,200}\b(?:di)?(?:batal|cancel)|\b(?:kalau|jika|misal|misalnya|seandainya|andai|jangan|tidak|bukan)\s+(?:\S+\s+)?(?:di)?(?:batal|cancel)/;

const wantsToCancel: Cue = ({ text }) => CANCEL.test(text) && !CANCEL_NOT.test(text);

// ── handover request ─────────────────────────────────────────────────────────────────────────────────

const PERSON =
  '(?:admin|cs|customer\\s+service|orang|manusia|owner|pemilik|operator|staff|staf|petugas|pegawai|karyawan|human|agent|agen)';
const ASKS_FOR_PERSON = new RegExp(
  [
    `\\b(?:bicara|berbicara|ngomong|chat|hubungi|hubungkan|menghubungi|telepon|telpon|telfon|call|sambungkan|disambungkan|connect|ngobrol|dilayani|dibantu|panggil|panggilkan|minta|alihkan|oper)\\b(?:\\s+\\S+){0,3}?\\s+${PERSON}\\b`,
    `\\bmau\\s+(?:sama|dengan|ke)\\s+${PERSON}\\b`,
    '\\b(?:admin|cs|owner|pemilik)\\b(?:\\s+\\S+){0,2}?\\s+(?:di)?hubungi\\b',
    '\\btolong(?:\\s+\\S+)?\\s+(?:di)?(?:balas|bales|respon|jawab)\\b',
    '\\bbot\\b[^.!?]{0,12}\\?|\\b(?:bales|balas|jawab)\\s+bot\\b',
    `\\b(?:nomor|no|kontak|wa)\\s+(?:hp\\s+|wa\\s+)?(?:admin|cs|owner|pemilik|customer\\s+service)\\b`,
    `\\b(?:admin|cs|owner)(?:nya)?\\s+(?:mana|dong|tolong|please|ada)\\b`,
    '\\b(?:bukan|ini|masih|dengan)\\s+bot\\b|\\bbot\\s*\\?|\\borang\\s+asli\\b|\\breal\\s+person\\b|\\bhuman\\b',
    '\\b(?:komplain|complain|keluhan|mengeluh|protes|refund)\\b',
    `\\bada\\s+(?:admin|cs|orang|owner)\\b`,
    '\\b(?:tidak|belum|jarang|lama)\\s+(?:di)?(?:balas|bales|respon|respons|direspon|jawab|dijawab|ditanggapi)\\b',
    '\\bslow\\s+respon',
    '\\b(?:tolong|mohon|bisa|minta)\\s+(?:di)?(?:hubungi|telepon|telpon|telfon|call)\\s+(?:saya|aku|balik|kembali)\\b',
  ].join('|'),
);
const GREETING_WORDS =
  /\b(?:halo|hai|assalamualaikum|permisi|selamat|pagi|siang|sore|malam|salam|kak|min|gan|sis|p|wr|wb)\b/g;

/** "admin", "cs dong", "admin?": nothing but a call for staff (a greeting to "admin" is a greeting). */
const onlyCallsStaff: Cue = ({ text }) => {
  if (/\b(?:halo|hai|assalamualaikum|permisi|selamat)\b/.test(text)) return false;
  const words = text.replace(GREETING_WORDS, ' ').match(/\p{L}+/gu) ?? [];
  return (
    words.some((w) => w === 'admin' || w === 'cs' || w === 'owner' || w === 'operator') &&
    words.every((w) =>
      /^(?:admin|cs|owner|operator|customer|service|tolong|dong|mana|please|ada|nya|ya|bisa)$/.test(w),
    )
  );
};

const asksForPerson: Cue = (s) => ASKS_FOR_PERSON.test(s.text) || onlyCallsStaff(s);

// ── payment ──────────────────────────────────────────────────────────────────────────────────────────

const PAID = new RegExp(
  [
    '\\b(?:sudah|baru|barusan|telah|habis|abis|tadi)\\s+(?:saya\\s+|kami\\s+|ku\\s+|juga\\s+)?(?:di)?(?:transfer|bayar|lunas|lunasi|lunaskan|dp|tf)(?:kan)?\\b',
    '\\b(?:sudah|baru|barusan|tadi)\\s+(?:saya\\s+)?kirim\\s+(?:uang|dana|bukti|dp|pembayaran)\\b',
    '\\b(?:transfer|pembayaran|bayar|dp|pelunasan|uang|dana|duit)(?:\\s+\\p{L}+){0,3}?\\s+(?:sudah|barusan|tadi)\\b',
    '\\bbukti\\s+(?:transfer|tf|bayar|pembayaran|pelunasan|dp|tranfer)',
    '\\b(?:ini|berikut|sudah\\s+saya\\s+kirim)\\s+(?:bukti|buktinya)\\b',
    '\\bkonfirmasi\\s+(?:pembayaran|transfer|bayar|pelunasan|dp)\\b',
    '\\btransferan\\b',
    '\\b(?:sudah|belum)\\s+masuk\\b.{0,200}\\b(?:transfer|uang|dana|duit|pembayaran)|\\b(?:transfer|uang|dana|duit|pembayaran)(?:nya|an)?(?:\\s+saya)?\\s+(?:sudah|belum)\\s+masuk\\b',
    '\\b(?:already\\s+paid|have\\s+paid|payment\\s+done|paid)\\b',
    '\\bsaya\\s+(?:transfer|bayar)\\s+(?:ya|tadi|barusan|sekarang)\\b',
  ].join('|'),
  'u',
);
const PAYMENT_WORD =
  /\b(?:transfer|tf|bayar|dibayar|bukti|buktinya|lunas|pelunasan|dp|struk|pembayaran|rekening|nota|qris|invoice|tagihan)\b/;

const reportsPayment: Cue = ({ text, media }) =>
  (PAID.test(text) && !/\bbelum\s+(?:transfer|bayar|dp)\b/.test(text)) ||
  (media !== null && PAYMENT_WORD.test(text));

const PAYMENT_QUESTION = new RegExp(
  [
    '\\b(?:nomor|no)\\s+rekening\\b|\\brekening(?:nya)?\\b',
    '\\b(?:transfer|bayar|tf)(?:nya)?\\s+(?:ke\\s*)?(?:mana|kemana|dimana|rekening|bank)\\b',
    '\\b(?:cara|metode|sistem|opsi)\\s+(?:bayar|pembayaran)(?:nya)?\\b',
    '\\bbayar(?:nya)?\\s+(?:gimana|pakai\\s+apa|bisa\\s+apa|via\\s+apa|lewat\\s+apa|di\\s*mana)\\b',
    '\\b(?:bisa|terima|menerima|boleh)\\s+(?:bayar\\s+)?(?:pakai\\s+|pake\\s+|via\\s+|lewat\\s+)?(?:cod|qris|tunai|cash|bayar\\s+di\\s+tempat|ovo|gopay|shopeepay|e-?wallet|kartu\\s+kredit|debit|paylater|dana)\\b',
    '\\b(?:cod|qris)\\s*(?:bisa|ya|\\?)',
    '\\b(?:bisa|terima)\\s+(?:transfer|tf)\\b|\\btransfer\\s+(?:ke\\s+|via\\s+|lewat\\s+)?(?:bca|bri|bni|mandiri|bsi|cimb|permata|jago|seabank|btn|danamon)\\b',
    '\\b(?:nanti|besok|segera|mau)\\s+(?:saya\\s+)?(?:transfer|bayar|lunasi)\\b|\\bbelum\\s+(?:transfer|bayar|dp)\\b',
    '\\bdp(?:nya)?\\s+(?:berapa|dulu|bisa|boleh)\\b|\\bbisa\\s+dp\\b',
  ].join('|'),
);

const talksPayment: Cue = ({ text }) => PAYMENT_QUESTION.test(text);

// ── status ───────────────────────────────────────────────────────────────────────────────────────────

const STATUS = new RegExp(
  [
    '\\bstatus\\b(?!\\s+wa)',
    '\\bprogres(?:s)?(?:nya)?\\b|\\bresi(?:nya)?\\b|\\blacak\\b|\\btracking\\b|\\btrack\\b',
    '\\b(?:pesanan|orderan|order|paket|barang|kiriman|titipan)(?:nya)?\\s+(?:saya|aku|kami|atas\\s+nama|an)\\b|\\b(?:pesanan|orderan)ku\\b',
    '\\bsampai\\s+(?:di\\s*)?mana\\b',
    '\\bkapan\\s+(?:bisa\\s+)?(?:di)?(?:kirim|sampai|jadi|jadinya|selesai|siap|datang|antar|proses|ambil|beres|ready|kelar|berangkat)\\b',
    '\\b(?:jadi|selesai|sampai|dikirim|datang)(?:nya)?\\s+kapan\\b',
    '\\bbelum\\s+(?:juga\\s+)?(?:sampai|datang|diterima|terima|dikirim|kirim|jadi|selesai|ada\\s+kabar|ada\\s+info|diproses|diantar|nyampe)\\b',
    '\\bsudah\\s+(?:di)?(?:kirim|proses|jadi|selesai|sampai|siap|buat|antar|jalan)\\b.{0,200}(?:\\?|\\bbelum\\b|\\bkah\\b|\\bblm\\b)',
    '\\b(?:pesanan|orderan)(?:nya)?\\s+(?:gimana|bagaimana|sudah|kapan|belum)\\b',
    '\\bgimana\\s+(?:pesanan|orderan|kabar|progress|progres|order|kelanjutan|lanjutan|hasil)|\\bkelanjutan\\b',
    '\\bcek\\s+(?:pesanan|order|orderan|status|resi|paket)\\b',
    '\\bwhere\\s+is\\s+my\\b|\\bmy\\s+order\\b|\\btrack\\s+my\\b',
    '\\b(?:sudah|dalam)\\s+(?:dalam\\s+)?(?:proses|perjalanan|pengiriman)\\s*\\?',
    '\\botw\\b|\\bkurir(?:\\s+\\p{L}+)?\\s+(?:sudah|belum|dimana|di\\s+mana|kapan)\\b',
    '\\b(?:pesanan|orderan)\\b(?:\\s+\\p{L}+){0,3}?\\s+(?:gimana|bagaimana|kapan|belum|sudah\\s+(?:di)?(?:kirim|sampai|jadi|proses))\\b',
  ].join('|'),
  'u',
);
/** Questions before ordering ("kalau pesan sekarang kapan jadi?") are not about an existing order. */
const PRE_ORDER =
  /\b(?:kalau|kalo|jika|misal)\s+(?:saya\s+)?(?:mau\s+)?(?:pesan|order|beli)\b|\b(?:pesan|order)\s+(?:sekarang|hari\s+ini)\b/;

const asksStatus: Cue = ({ text }) => STATUS.test(text) && !PRE_ORDER.test(text);

// ── custom order ─────────────────────────────────────────────────────────────────────────────────────

/** Made-to-order words that hold even next to a catalog product ("custom nama di tumbler"). */
const CUSTOM_STRONG =
  /\b(?:custom|request|bikinin|buatin|buatkan|bikinkan|dibikinin|dibuatin|dibuatkan|dibikinkan|pesanan\s+khusus|sesuai\s+(?:keinginan|request|permintaan|foto|gambar|referensi|contoh|tema))\b/;
/** Design-work words: a custom request only when no catalog product is named ("desain dari saya" is not). */
const DESIGN_WORK =
  /\b(?:desain|konsultasi|brief|jasa\s+(?:desain|bikin|pembuatan|buat|edit|cetak|sablon|foto|video|rangkai|custom|gambar|ilustrasi))\b/;
/** "bikin …", "mau buat logo" (but "mau buat tanggal 25", "buat mama" use "buat" as "for"). */
const CUSTOM_VERB =
  /\b(?:bikin|membuat|dibuat|dibikin|design)\b|\b(?:mau|bisa|tolong|minta|butuh|mohon|rencana|pengin|ingin|perlu)\s+(?:di)?(?:bikin\b|buat\s+(?!(?:tanggal|besok|lusa|hari|jam|acara|kado|hadiah|mama|papa|ibu|ayah|pacar|istri|suami|teman|anak|kakak|kak|adik|ulang|wisuda|lebaran|natal|sendiri|dia|saya|kamu)\b)\p{L})/u;
const BRIEF = /\b(?:budget|deadline|tenggat|konsep|referensi)\b/;
/** With a photo: "kayak gini", "contoh yang saya mau", "referensinya": the photo is the brief. */
const LIKE_THIS =
  /\b(?:kayak|seperti|mirip|model|persis)\s+(?:gini|ini|di\s+foto|gambar|begitu)\b|\b(?:contoh|referensi|inspirasi)\b/;
const ASKS_WHAT = /\bapa\s+saja\b|\b(?:dapat|dapet)(?:\s+\p{L}+)?\s+apa\b/u;

const wantsCustom: Cue = ({ rest, items, media }) =>
  CUSTOM_STRONG.test(rest) ||
  (items === 0 && DESIGN_WORK.test(rest)) ||
  (items === 0 && CUSTOM_VERB.test(rest)) ||
  (items === 0 && BRIEF.test(rest) && !ASKS_WHAT.test(rest)) ||
  (media === 'image' && items === 0 && LIKE_THIS.test(rest));

// ── order ────────────────────────────────────────────────────────────────────────────────────────────

const ORDER_VERB =
  /\b(?:pesan|order|beli|membeli|checkout|booking|book|reservasi|daftar|mendaftar|memesan|dipesan)\b|\bjadi\s+(?:ambil|pesan|order|beli)\b|\bterima\s+(?:pesanan|order|orderan)\b|\b(?:saya|kami)\s+ambil\b|\bambil\s+(?:\d|satu|dua|tiga|empat|lima|se)/;
const NOT_ORDER_VERB =
  /\b(?:minimal|minimum|min)\s+(?:order|pesan|pembelian|beli)\b|\bdaftar\s+(?:harga|produk|menu|list|katalog|pricelist|paket\s+apa)|\b(?:cara|sebelum|kalau|kalo|jika|belum)\s+(?:mau\s+)?(?:pesan|order|beli)\b.{0,200}\?|\bpesan(?:an)?\s+(?:saya|aku)\s+(?:tidak|belum)\s+(?:di)?(?:balas|bales|respon)/;
/** Words that make an item mention a purchase when they come with it. */
const WANT =
  /\b(?:mau|minta|ambil|cari|butuh|perlu|jadi|fix|deal|lanjut|tambah|keep|co|tertarik|minat|naksir|bikin|bikinin|buatin|buatkan|brief)\b/;

/** A question about a product rather than a purchase. */
const QUESTION = /\?|\b(?:ada|ready|tersedia|masih|stok|stock|available|apakah|bisa|boleh|tanya|nanya)\b/;

/** What is left when politeness, greetings and grammar are taken out. */
const FILLER =
  /\b(?:halo|hai|assalamualaikum|permisi|selamat|pagi|siang|sore|malam|kak|min|gan|sis|mbak|mas|bu|pak|ya|iya|dong|deh|nih|aja|saja|yang|satu|dua|tiga|nya|tolong|please|oke|makasih|x|pcs|buah|biji|sama|dan|untuk|buat|the)\b/g;
const barely = (rest: string) => (rest.replace(FILLER, ' ').match(/\p{L}+/gu) ?? []).length === 0;

const wantsToOrder: Cue = (s) => {
  const { text, items, counted, rest } = s;
  if (ORDER_VERB.test(text) && !NOT_ORDER_VERB.test(text)) return true;
  if (items === 0) return false;
  if (asksPrice(s)) return false;
  if (counted) return true;
  if (WANT.test(text) && !QUESTION.test(text)) return true;
  return barely(rest) && !QUESTION.test(text);
};

// ── price ────────────────────────────────────────────────────────────────────────────────────────────

const PRICE_WORD =
  /\b(?:harga|harganya|hargain|berapaan|biaya|biayanya|tarif|tarifnya|ongkos|ongkir|ongkirnya|price|fee|rate|how\s+much|dibanderol|kisaran)\b/;
const HOW_MUCH =
  /(?<!\b(?:jam|tanggal|nomor|no|ukuran|umur|kelas|size)\s)\bberapa\b(?!\s+(?:lama|hari|jam|menit|minggu|bulan|tahun|orang|pcs|buah|biji|tangkai|banyak|kali|lembar|item|porsi|stok|stock|ukuran|cm|meter|size|nomor|no|tanggal|lusin|pasang|box|persen|%))/;
const MONEY_CONTEXT =
  /\b(?:total|totalnya|semua|semuanya|jadinya|satunya|per|ini|itu|segini|dp|bayar|transfer|murah|termurah|mahal|termahal)\b/;
const HAGGLE = /\b(?:kemahalan|mahal|kurang(?:in)?|nego|diskon|potongan|murahin|turunin|promo)\b/;
const PRICELIST_OF = /\b(?:pricelist|pl|katalog|list\s+harga|daftar\s+harga)\b/;
const AVAILABLE = /\b(?:ada|ready|tersedia|masih|stok|stock|available|redi|jual|jualan|tanya|nanya)\b/;
/** Asking for all the prices is asking for the catalog. */
const ALL_PRICES =
  /\b(?:daftar|list|info)\s+harga\b|\bharga(?:nya)?\s+(?:semua|list)\b|\bberapa\s+saja\b|\bpricelist\b/;

const words = (text: string) => (text.match(/\p{L}+/gu) ?? []).length;

/** "mahal gak?" asks about the price; "mahal ya" haggles. */
const IS_IT_EXPENSIVE = /\bmahal\s+(?:tidak|kah)\b|\bmahal\s*\?/;

const asksPrice: Cue = ({ text, rest, items, original, statesPrice }) => {
  if (IS_IT_EXPENSIVE.test(text)) return true;
  const howMuch = HOW_MUCH.test(text);
  if (statesPrice && !howMuch && !/\?/.test(original)) return false;
  if (HAGGLE.test(text) && !howMuch) return false;
  if (items === 0 && ALL_PRICES.test(text)) return false;
  if (PRICE_WORD.test(text)) return true;
  if (howMuch && (items > 0 || MONEY_CONTEXT.test(text) || words(text) <= 4)) return true;
  if (items > 0 && PRICELIST_OF.test(text)) return true;
  // "tulip ready?", "buket uangnya bisa pakai uang 100rb?": a question about the product itself, not about
  // its delivery or making ("bisa dikirim ke Surabaya?", "bisa jadi 3 hari?").
  const aboutProduct = /\?/.test(original) && !LOGISTICS.test(rest);
  return items > 0 && (AVAILABLE.test(text) || aboutProduct) && !ORDER_VERB.test(text);
};

const LOGISTICS =
  /\b(?:kirim|dikirim|antar|diantar|ambil|diambil|jadi|selesai|sampai|jam|hari|besok|lusa|tanggal|cod|bayar|transfer|pengiriman|ongkir)\b/;

// ── catalog ──────────────────────────────────────────────────────────────────────────────────────────

const CATALOG = new RegExp(
  [
    '\\b(?:katalog|katalognya|pricelist|pricelistnya|pl|menu|menunya|brosur|brosurnya|etalase)\\b',
    '\\b(?:daftar|list)\\s+(?:harga|produk|menu|paket|barang|item)',
    '\\b(?:produk|menu|pilihan|model|varian|jenis|paket|program|kelas|layanan|jasa|koleksi|stok|jualan|barang|item)(?:nya)?(?:\\s+\\p{L}+)?\\s+(?:apa|yang\\s+ada|yang\\s+ready)\\b',
    '\\b(?:ada|jual|jualan|sedia|menyediakan|ready|bikin|terima)\\s+apa\\b',
    '\\b(?:dapat|dapet)(?:\\s+\\p{L}+)?\\s+apa\\b',
    '\\bberapa\\s+saja\\b|\\bharga(?:nya)?\\s+(?:semua|list)\\b',
    '\\b(?:minta|boleh|bisa|mau|kirim|kirimin)\\s+(?:lihat\\s+|liat\\s+|minta\\s+)?(?:info|informasi|contoh|foto|gambar|koleksi|referensi|list|daftar)\\b',
    '^\\W*info\\b|(?<!\\b(?:makasih|kasih|atas)\\s)\\binfo\\s+(?:dong|kak|min|ya|produk|lengkap|harga)\\b',
    '\\binfo\\s+selengkap(?:nya)?\\b|\\bmore\\s+info\\b',
    '\\b(?:lihat|liat)(?:\\s+\\p{L}+){0,3}?\\s+(?:produk|katalog|koleksi|contoh|model|pilihan)',
    '\\b(?:portofolio|portfolio)\\b',
    '\\b(?:ada|yang)\\b.{0,200}\\b(?:di\\s*bawah|kurang\\s+dari|under|maksimal|max)\\b',
    '\\brekomen(?:dasi)?\\b.{0,200}\\?',
    '\\b(?:ada|minta|kasih|butuh)\\s+(?:rekomendasi|rekomen|saran)\\b',
  ].join('|'),
  'u',
);

const asksCatalog: Cue = ({ text }) => CATALOG.test(text);

const PICTURES =
  /\b(?:contoh|foto|gambar|koleksi|katalog|model|list|menu|pilihan|varian|portofolio|portfolio|karya)\b|\b(?:warna|ukuran|jenis|motif|isi|rasa)\s+apa\b/;

/** "ada contoh hampersnya?": pictures of a product are the catalog, not its price (one who sends a photo is not asking for one). */
const asksForPictures: Cue = (s) =>
  s.media === null && PICTURES.test(s.text) && !PRICE_WORD.test(s.text) && !HOW_MUCH.test(s.text);

// ── thanks and greeting ──────────────────────────────────────────────────────────────────────────────

const thanks: Cue = ({ text }) => /\b(?:makasih|terima\s+kasih|syukron|appreciate)\b/.test(text);

const GREETING =
  /\b(?:halo|hai|assalamualaikum|permisi|selamat\s+(?:pagi|siang|sore|malam|datang)|salam|shalom|om\s+swastiastu|good\s+(?:morning|afternoon|evening))\b|^\W*(?:pagi|siang|sore|malam)\b/;
const CALL = /^\W*(?:p|ping|kak|min|gan|sis|mbak|mas|bu|pak|test|tes)(?:\W+(?:p|kak|min|gan|sis))*\W*$/;
/** "kak mau tanya", "boleh tanya?": an opener before the question itself. */
const OPENER = /\b(?:mau|boleh|bisa|izin|ijin|numpang)\s+(?:tanya|nanya|bertanya)\b/;

const greets: Cue = ({ text }) => GREETING.test(text) || CALL.test(text) || OPENER.test(text);

// ── the table ────────────────────────────────────────────────────────────────────────────────────────

export interface IntentRule {
  intent: Intent;
  when: Cue;
}

/** See the table in the module comment; order is precedence. */
export const INTENT_RULES: readonly IntentRule[] = [
  { intent: 'handover', when: isAngry },
  { intent: 'cancel', when: wantsToCancel },
  { intent: 'handover', when: asksForPerson },
  { intent: 'payment', when: reportsPayment },
  { intent: 'status', when: asksStatus },
  { intent: 'custom_order', when: wantsCustom },
  { intent: 'order', when: wantsToOrder },
  { intent: 'payment', when: talksPayment },
  { intent: 'catalog', when: asksForPictures },
  { intent: 'price', when: asksPrice },
  { intent: 'catalog', when: asksCatalog },
  { intent: 'status', when: (s) => s.hasOrderNumber },
  { intent: 'thanks', when: thanks },
  { intent: 'greeting', when: greets },
];

/** The intent of a message: the first rule that holds, else unknown. */
export function classifyIntent(signals: IntentSignals): Intent {
  return INTENT_RULES.find((rule) => rule.when(signals))?.intent ?? 'unknown';
}
