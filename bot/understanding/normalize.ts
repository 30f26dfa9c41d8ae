/**
 * Chat text → one canonical spelling, so every rule after it is written once: lowercase, stretched letters
 * collapsed ("bangettt"), reduplicated plurals folded ("kue2"), and the slang and abbreviations Indonesian
 * customers type mapped to one word. Digits and punctuation are left alone (amounts, dates and times read
 * them). The catalog's names and aliases go through the same function, so both sides meet.
 */

/** Slang, abbreviations and common misspellings → the one word the rules use. */
const SLANG: Readonly<Record<string, string>> = {
  ...same('tidak', 'gk ga gak gx nggak ngga nggk ngak enggak engga ndak nda kagak kaga tdk tak gak'),
  ...same('tidak ada', 'gada gaada gakada'),
  ...same('tidak usah', 'gausah gaush gusah gausa ndausah'),
  ...same('tidak jadi', 'gajadi gajd gjd gajdi'),
  ...same('tidak bisa', 'gabisa gbs gabsa gbisa'),
  ...same('tidak apa apa', 'gpp gapapa gakpapa ngapapa'),
  ...same('sudah', 'udh udah sdh dah uda sudh sdah udahan'),
  ...same('belum', 'blm belom blom blum lom'),
  ...same('berapa', 'brp brapa brpa berapakah'),
  ...same('berapaan', 'brpan brapaan'),
  ...same('bisa', 'bs bsa bsia bisakah'),
  ...same('transfer', 'tf trf trsf transf tranfer trasfer trnsfr transfr trnsf trnsfer transfet'),
  ...same('transferan', 'tfan trfan'),
  ...same('kak', 'ka kk kakak kaka kaak'),
  ...same('min', 'mimin'),
  ...same('admin', 'adm admn atmin'),
  ...same('mau', 'mo mw mao pgn pengen pengin pingin ingin'),
  ...same('pesan', 'pesen psn pesn mesen mesan'),
  ...same('pesanan', 'pesenan psnan'),
  ...same('order', 'ordr oder'),
  ...same('harga', 'hrg hrga'),
  ...same('yang', 'yg yng'),
  ...same('dengan', 'dgn dg dng dgan'),
  ...same('sama', 'sm ama'),
  ...same('untuk', 'utk untk tuk'),
  ...same('tanggal', 'tgl tg tngl tangal tggl tanggl'),
  ...same('jam', 'jm'),
  ...same('besok', 'bsk besuk bsok esok'),
  ...same('lusa', 'lsa'),
  ...same('minggu', 'mgg mingu'),
  ...same('hari', 'hr'),
  ...same('sekarang', 'skrg skrng skg skarang skr'),
  ...same('gimana', 'gmn gmna gmana bagaimana gimn bgmn'),
  ...same('kenapa', 'knp knapa napa'),
  ...same('kapan', 'kpn kapn'),
  ...same('terus', 'trs trus'),
  ...same('tapi', 'tp tpi'),
  ...same('juga', 'jg jga'),
  ...same('lagi', 'lg lgi'),
  ...same('banget', 'bgt bngt bgtt'),
  ...same('saya', 'sy aq aku gw gue gua ak sya'),
  ...same('kamu', 'km kmu'),
  ...same('dari', 'dr dri'),
  ...same('orang', 'org'),
  ...same('teman', 'tmn temen tmen temn'),
  ...same('bulan', 'bln'),
  ...same('tahun', 'thn thun'),
  ...same('kalau', 'klo kalo kl klau kalu'),
  ...same('saja', 'aja aj ajah sj'),
  ...same('masih', 'msh masi'),
  ...same('sampai', 'sampe smpe nyampe nyampai sampek'),
  ...same('makasih', [
    'makasi mksh mksih maksih makaseh makacih mkasih mksi trims trimakasih terimakasih trmksh trmkasih',
    'tks thx thanks thank tq ty tengkyu thankyou suwun nuhun tararengkyu',
  ]),
  ...same('oke', 'ok okey okay okeh okai oce okee'),
  ...same('tolong', 'pls plis please plz tlg'),
  ...same('bukan', 'bkn'),
  ...same('dimana', 'dmn dmana dimna'),
  ...same('karena', 'krn krna karna'),
  ...same('datang', 'dtg'),
  ...same('kirim', 'kirimin kirimkan krm'),
  ...same('dikirim', 'dikirimin dikirimkan dikrm'),
  ...same('contoh', 'cnth conto'),
  ...same('rekening', 'rek norek'),
  ...same('bayar', 'byr'),
  ...same('kemarin', 'kmrn kemaren kmarin'),
  ...same('buah', 'bh'),
  ...same('wa', 'whatsapp watsap wasap'),
  ...same('instagram', 'ig insta igeh'),
  ...same('facebook', 'fb fesbuk'),
  ...same('website', 'web situs'),
  ...same('google maps', 'gmaps gmap'),
  // Florists write the English word, its misspellings and the Indonesian one interchangeably.
  ...same('buket', 'bouquet bucket bukat buqet boquet bouqet buquet bouquete'),
  ...same('hampers', 'hamper hampres hamprs'),
  ...same('parsel', 'parcel'),
  ...same('desain', 'design dsain desaign disain'),
  ...same('cancel', 'cancle cencel cansel kensel'),
  ...same('batal', 'btl'),
  ...same('nomor', 'nomer nmr nmor'),
  ...same('alamat', 'almt alamt'),
  ...same('assalamualaikum', [
    'asalamualaikum assalammualaikum asslamualaikum assalamualaykum aslmkm asslmkm askum asw aslm samlekom',
  ]),
  ...same('selamat', 'slmt met'),
  ...same('pagi', 'pgi'),
  ...same('malam', 'mlm'),
  ...same('halo', 'hallo helo hello hlo hola'),
  ...same('hai', 'hi hy hay hei hey'),
  ...same('permisi', 'misi punten pmisi'),
  ...same('jadi', 'jd jdi'),
  ...same('kayak', 'kyk kek kyak'),
  ...same('gini', 'begini gni'),
  ...same('custom', 'costum kustom costom cutom'),
  ...same('request', 'req rikues reques rekues'),
  ...same('budget', 'bujet budjet budged bajet'),
  ...same('deadline', 'ddl dedline'),
  ...same('dulu', 'dl dlu'),
  ...same('katalog', 'catalog catalogue katalok ktlg'),
  ...same('benar', 'bener'),
  ...same('tadi', 'td tdi'),
  ...same('baru', 'br bru'),
  ...same('banyak', 'bnyk'),
  ...same('lebih', 'lbh'),
  ...same('bukti', 'bkti'),
  ...same('nanti', 'ntar ntr nnti'),
  ...same('bagus', 'bgs'),
  ...same('mantap', 'mantab mantul'),
  // The English customers mix in.
  ...same('besok', 'tomorrow'),
  ...same('hari ini', 'today'),
  ...same('nanti malam', 'tonight'),
  ...same('sudah transfer', 'transferred'),
  ...same('sudah bayar', 'paid'),
  ...same('sudah', 'already done'),
};

/** Phrases folded before the word map, where the canonical form is one word. */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\btik\s?tok\b/g, 'tiktok'],
  [/\bthank\s+you\b/g, 'makasih'],
  [/\bprice\s?list\b/g, 'pricelist'],
  [/\bhatur\s+nuhun\b|\bmatur\s+(?:nuwun|suwun)\b/g, 'makasih'],
];

/** English words whose final double letter is real, so "kakk"/"yaa" can be folded but these stay. */
const KEEP_DOUBLE = new Set(
  'all mall will full small dress miss less pass add off staff free fee coffee shopee tree see class glass boss cross kiss mass grass'.split(
    ' ',
  ),
);

function same(target: string, variants: string | string[]): Record<string, string> {
  const words = (Array.isArray(variants) ? variants.join(' ') : variants).split(/\s+/);
  return Object.fromEntries(words.filter(Boolean).map((word) => [word, target]));
}

const WORD = /(?<![\p{L}\p{N}])\p{L}+(?![\p{L}\p{N}])/gu;

/** Short words that still take "-nya" ("dpnya", "csnya"). */
const SHORT_STEMS = new Set(['dp', 'cs', 'wa', 'pl', 'cod', 'ig', 'fb', 'tf', 'rek', 'hp', 'no']);

function canonicalWord(word: string): string {
  let folded = word.replace(/(\p{L})\1{2,}/gu, '$1');
  if (!SLANG[folded] && folded.length >= 3 && !KEEP_DOUBLE.has(folded)) {
    folded = folded.replace(/(\p{L})\1$/u, '$1');
  }
  // "-nya" (its/the) carries no meaning for the rules: "harganya" reads as "harga", "dpnya" as "dp";
  // "punya", "hanya", "(ber)tanya" keep theirs: there it is part of the word.
  const stem = folded.endsWith('nya') && !/(?:tanya|punya|hanya)$/.test(folded) ? folded.slice(0, -3) : '';
  if (stem && !SLANG[folded] && (stem.length >= 4 || SLANG[stem] || SHORT_STEMS.has(stem))) folded = stem;
  return SLANG[folded] ?? folded;
}

/** The canonical form of a chat text (or a catalog name); see the module comment. */
export function normalizeText(text: string): string {
  let out = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/[’‘`´]/g, "'")
    // jum'at, assalamu'alaikum: the apostrophe is spelling, not punctuation.
    .replace(/(\p{L})'(\p{L})/gu, '$1$2')
    // Reduplicated plurals: "kue2", "bunga-bunga" → one word; "x2" stays (a quantity).
    .replace(/(?<![\p{L}\p{N}])(\p{L}{3,})2(?![\p{L}\p{N}])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}])(\p{L}{3,})-\1(?![\p{L}\p{N}])/gu, '$1');
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  // "liat liat", "tanya tanya": reduplication typed with a space is the word once.
  out = out.replace(/(?<![\p{L}\p{N}])(\p{L}{3,})\s+\1(?![\p{L}\p{N}])/gu, '$1');
  // "harga nya", "dp nya": the possessive typed apart says nothing the word does not.
  out = out.replace(/(?<=\p{L})\s+nya(?![\p{L}\p{N}])/gu, '');
  return out.replace(WORD, canonicalWord).replace(/\bassalamu alaikum\b/g, 'assalamualaikum');
}

/** A word of the normalised text with its position. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Letters-and-digits runs of a normalised text ("150rb", "2x", "buket"). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}
