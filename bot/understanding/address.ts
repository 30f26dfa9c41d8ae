/**
 * The delivery address a customer gives after "kirim ke", "dikirim ke", "antar ke", "alamat(nya)", read
 * from the original text so it keeps the customer's capitals. It runs to the end of the line or sentence,
 * or to the next clause ("…, besok jam 10", "… atas nama Sari", "… ya kak"), with trailing date/time and
 * politeness words removed. "kirim ke saya", "alamatnya di mana?", "alamat yang sama" are not addresses.
 */
import type { Span } from './types.js';

export interface AddressMatch extends Span {
  address: string;
}

const TRIGGERS = [
  // kirim ke, dikirim ke, kirimin ke, antar ke, anterin ke, "kirim besok jam 10 ke"
  String.raw`\b(?:di)?(?:kirim|krm|antar|anter)(?:in|kan|nya)?(?:\s+(?!ke\b)[\p{L}\p{N}]+){0,6}?\s+(?:ke|to)(?:\s*:\s*|\s+)(?:alamat(?:nya)?\s*:?\s*)?`,
  String.raw`\b(?:deliver(?:y)?|send|ship)\s+to\s+`,
  // alamat: …, alamatnya …, alamat pengiriman: …, alamat saya di …
  String.raw`\b(?:alamat|almt|alamt|address)(?:nya)?(?:\s+(?:pengiriman|pengirimannya|kirim|penerima|tujuan|lengkap(?:nya)?|rumah|saya|sy|aku|ku|kantor))*\s*(?:[:=-]\s*|\bdi\s+|\s+)`,
  String.raw`\btujuan(?:\s+pengiriman)?\s*:\s*`,
];
const TRIGGER = new RegExp(TRIGGERS.join('|'), 'gu');

/** Words that start the next clause: the address stops before them. */
const CLAUSE_STARTERS = [
  'besok',
  'bsk',
  'besuk',
  'lusa',
  'hari ini',
  'hr ini',
  'nanti',
  'ntar',
  'jam',
  'jm',
  'pukul',
  'pkl',
  'tgl',
  'tanggal',
  'sebelum',
  'paling lambat',
  'senin',
  'selasa',
  'rabu',
  'kamis',
  "jum'?at",
  'sabtu',
  'ahad',
  'minggu (?:depan|ini)',
  '(?:pagi|siang|sore|malam) ini',
  "hari (?:ini|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)",
  'atas nama',
  'a\\.n\\.?',
  'an\\.',
  'penerima(?:nya)?',
  'untuk (?:tanggal|tgl|hari|besok|jam|acara)',
  'buat (?:tanggal|tgl|hari|besok|jam|acara)',
  'ya+',
  'yah',
  'iya',
  'kak',
  'ka',
  'kk',
  'min',
  'gan',
  'sis',
  'dong',
  'tolong',
  'mohon',
  'please',
  'pls',
  'makasih',
  'terima ?kasih',
  'thx',
  'thanks',
  'bayar',
  'pembayaran',
  'transfer',
  'tf',
  'cod',
  'ongkir(?:nya)?',
  'berapa',
  'brp',
  'bisa',
  'bisakah',
  'boleh',
  'gak',
  'ga',
  'nggak',
  'tidak',
  'tdk',
  'kah',
  'dan',
  'sama',
  'terus',
  'trus',
  'trs',
  'tapi',
  'tp',
  'atau',
  'nomor (?:hp|wa|telp)',
  'no\\.? ?(?:hp|wa|telp)',
  'hp',
  'wa',
  'telp',
  'pengiriman',
  'kirim',
  'dikirim',
  'diantar',
  'sekalian',
  'pakai',
  'pake',
  'via',
  'lewat',
  'kartu',
  'ucapan',
  'catatan',
  'note',
  'ok',
  'oke',
  'siap',
  'gimana',
  'gmn',
];
const CLAUSE = new RegExp(String.raw`[\s,;]+(?:${CLAUSE_STARTERS.join('|')})(?![\p{L}\p{N}])`, 'u');

/** Abbreviations that end with a dot inside an address ("Jl. Melati No. 5"). */
const ABBREVIATIONS = new Set(
  'jl jln jalan no nmr gg rt rw kel kec kab kota komp kompl perum blok blk ds dsn kp kmp lt apt ruko jend dr ir h hj kh st kav prov rk ny tn sdr bpk ibu raya pt cv sd smp sma tk'.split(
    ' ',
  ),
);

/** What the text after a trigger is when it is not an address. */
const NOT_ADDRESS =
  /^(?:yang|sama|kayak|kaya|seperti|biasa|dimana|di ?mana|mana|apa|gimana|belum|sudah|udah|nanti|menyusul|nyusul|sesuai|tetap|masih|kakak|kak|toko|tokonya|kalian|anda|kamu|ini|itu|ya|bisa|boleh|berapa|nya|saya|sy|aku|gue|sini|situ|sana|nomor|no|wa|whatsapp|email|e-mail|dm|ig|instagram|rekening|rek|luar (?:kota|pulau|negeri)|mana aja|daerah mana|kota mana)(?![\p{L}\p{N}])|^(?:rumah|kantor|kos|kost|sekolah|kampus)(?:\s+(?:saya|sy|aku|ku|kami|kita|ya|aja|saja))?$/u;

/** Leading words that only say whose place it is ("rumah saya di …"). */
const LEADING_FILLER =
  /^(?:(?:di|ke|:|-)\s*)?(?:(?:rumah|kantor|kos|kost|tempat)(?:\s+(?:saya|sy|aku|ku|kami|kita))?\s*(?:di\s+|,\s*)|(?:rumah|kantor|kos|kost|tempat)\s+(?:saya|sy|aku|ku|kami|kita)\s+|di\s+)/iu;

/** Trailing words and marks with no address in them. */
const TRAILING =
  /(?:[\s,.;:!?~\-–()]+|(?:\p{Extended_Pictographic}|\u{FE0F}|[\u{1F3FB}-\u{1F3FF}])+|\s+(?:ya+|yah|kak|ka|kk|min|gan|sis|dong|ok|oke|please|pls))+$/iu;

/** A clock time or a day with a month name left at the end ("… 15.00", "… 20 Des"). */
const DATE_TAIL =
  /(?:\s+|,\s*)(?:(?:jam|pukul|pkl)\s*)?(?:\d{1,2}[.:]\d{2}(?:\s*(?:wib|wita|wit))?|\d{1,2}\s+(?:jan|feb|mar|apr|mei|jun|jul|agu|agt|ags|sep|okt|oct|nov|nop|des|dec)\p{L}*(?:\s+\d{4})?)$/iu;

/** A street, housing estate or building word: a line that starts with one is an address, trigger or not. */
const STREET =
  /(?:^|\n|\bdi\s+)\s*(?=(?:jl|jln|jalan|gg|gang|perum|perumahan|komplek|kompleks|komp|apartemen|apt|ruko|cluster|blok)\b\.?\s*\S)/giu;

const lowerAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The address text from `start`, cleaned of what trails it; null when it is not an address. */
function addressAt(text: string, lower: string, start: number): AddressMatch | null {
  const end = addressEnd(text, lower, start);
  let address = text.slice(start, end);
  for (let previous = ''; previous !== address; ) {
    previous = address;
    address = address.replace(TRAILING, '').replace(DATE_TAIL, '');
  }
  const lead = address.length - address.trimStart().length;
  address = address.trim();
  if (address.length < 3 || !/\p{L}/u.test(address) || NOT_ADDRESS.test(lowerAscii(address))) return null;
  return { start: start + lead, end: start + lead + address.length, address };
}

/** Where the address starting at `from` ends: line end, sentence end, or the next clause. */
function addressEnd(text: string, lower: string, from: number): number {
  let end = text.length;
  // A bracket opens a landmark or a note ("(patokan: dekat masjid)"), not more address.
  const line = /[\n\r!?(]/.exec(text.slice(from));
  if (line) end = from + line.index;
  for (const dot of text.slice(from, end).matchAll(/\.(?=\s|$)/g)) {
    const position = from + dot.index;
    const word = /([\p{L}\p{N}]+)$/u.exec(lower.slice(from, position))?.[1] ?? '';
    if (!ABBREVIATIONS.has(word) && !/^\p{L}$/u.test(word)) {
      end = position;
      break;
    }
  }
  const clause = lower.slice(from, end).search(CLAUSE);
  return clause >= 0 ? from + clause : end;
}

/**
 * The first address in a message (original text), or null: after a trigger ("kirim ke", "alamat:"), else a
 * line (or "di …") that starts with a street or estate word and has a number in it ("Jl. Melati 5").
 */
export function findAddress(text: string): AddressMatch | null {
  const lower = lowerAscii(text);
  for (const trigger of lower.matchAll(TRIGGER)) {
    let start = trigger.index + trigger[0].length;
    const filler = LEADING_FILLER.exec(text.slice(start));
    if (filler) start += filler[0].length;
    const found = addressAt(text, lower, start);
    if (found) return found;
  }
  for (const street of lower.matchAll(STREET)) {
    const found = addressAt(text, lower, street.index + street[0].length);
    if (found && /\d/.test(found.address)) return found;
  }
  return null;
}
