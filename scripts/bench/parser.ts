/**
 * Chat parser benchmark: a mix of 20 realistic customer messages parsed over and over on one core.
 *
 *   npx tsx scripts/bench/parser.ts [--seconds 3]
 *
 * Runs with the 10-product sample catalog and with a 200-product one (a large shop), each after a warm-up,
 * and prints messages per second and microseconds per message. The parser (and its fuzzy index) is built
 * once per catalog, as the bot and scripts/parse.ts do. The parser remembers words and word windows it has
 * judged, so a third run adds a never-seen word to every message: the cost of fresh vocabulary.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createParser } from '../../bot/understanding/parse-message.js';
import { sampleCatalog } from '../../bot/understanding/testing/sample-catalog.js';
import type { CatalogEntry, MessageInput } from '../../bot/understanding/types.js';

const Args = z.object({ seconds: z.coerce.number().positive().default(3) });
const args = Args.parse(parseArgs({ options: { seconds: { type: 'string' } } }).values);

const MESSAGES: MessageInput[] = [
  'halo kak 🙏',
  'pesan 2 buket mawar merah sama 1 hampers, kirim besok ke Jl. Melati 5 jam 3 sore',
  'kak harga buket tulip brp ya?',
  'bikin logo buat usaha kopi, budget 500rb, deadline tgl 20',
  'udah tf ya kak 350.000',
  'status pesanan ORD-202611-0042 gimana kak',
  'batal ya kak, maaf 🙏',
  'minta katalognya dong kak',
  'makasih banyak kak, buketnya cantik bangettt 😍',
  'Kak saya mau pesen bucket mawr merah 3, buat tanggal 14, alamat: Jl. Cempaka Putih Raya No. 21, Jakarta Pusat',
  'KOK BELUM SAMPAI JUGA SIH, udah 3 hari!!!',
  'dari IG kak, mau tanya pricelist hampers lebaran',
  'kak bisa bikin buket custom warna biru? budget 300-400rb',
  'mau 2 tulip dan 3 mawar putih, kirim sabtu pagi',
  'Sudah transfer Rp 1.500.000,00 ya kak utk ORD-202611-0107',
  'kapan jadi kak? pesanan atas nama Sari',
  'Bisa COD ga kak?',
  'oke kak ditunggu',
  'selusin boneka wisuda buat tgl 5 desember, diantar ke SMAN 3 Bandung',
  'halo, saya direkomendasikan teman, mau order papan bunga ucapan selamat 1',
].map((text) => ({ text, media: null }));

/** A large shop: 200 products from flowers, gifts and sizes, with aliases. */
function largeCatalog(): CatalogEntry[] {
  const kinds = ['Buket', 'Bloom Box', 'Vas', 'Keranjang', 'Hand Bouquet'];
  const flowers = [
    'Mawar Merah',
    'Mawar Putih',
    'Mawar Pink',
    'Tulip',
    'Lily',
    'Baby Breath',
    'Matahari',
    'Anggrek',
  ];
  const sizes = ['Small', 'Medium', 'Large', 'Jumbo', 'Premium'];
  const catalog: CatalogEntry[] = [...sampleCatalog];
  for (const kind of kinds) {
    for (const flower of flowers) {
      for (const size of sizes) {
        if (catalog.length >= 200) return catalog;
        const name = `${kind} ${flower} ${size}`;
        catalog.push({
          id: name.toLowerCase().replace(/\s+/g, '-'),
          name,
          aliases: [`${flower} ${size}`.toLowerCase()],
          price: 100_000,
        });
      }
    }
  }
  return catalog;
}

const context = { now: new Date('2026-11-23T10:00:00+07:00'), timeZone: 'Asia/Jakarta' };

/** A made-up word per call ("kqzuvw"), deterministic, so every message carries vocabulary never seen. */
function unseenWords(): () => string {
  let state = 42;
  return () => {
    let word = '';
    for (let i = 0; i < 6; i++) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      word += String.fromCharCode(97 + (state % 26));
    }
    return word;
  };
}

function bench(label: string, catalog: CatalogEntry[], fresh?: () => string): void {
  const buildStarted = performance.now();
  const parser = createParser(catalog);
  const buildMs = performance.now() - buildStarted;
  const next = (message: MessageInput): MessageInput =>
    fresh ? { text: `${message.text} ${fresh()}`, media: message.media } : message;
  for (let i = 0; i < 200; i++) for (const message of MESSAGES) parser.parse(next(message), context);

  let parsed = 0;
  const started = performance.now();
  const until = started + args.seconds * 1000;
  let now = started;
  while (now < until) {
    for (const message of MESSAGES) parser.parse(next(message), context);
    parsed += MESSAGES.length;
    now = performance.now();
  }
  const seconds = (now - started) / 1000;
  const perSecond = parsed / seconds;
  console.log(
    `${label} (${catalog.length} products, index built in ${buildMs.toFixed(1)} ms): ` +
      `${Math.round(perSecond).toLocaleString('en')} messages/s, ${((1e6 * seconds) / parsed).toFixed(1)} µs per message ` +
      `(${parsed.toLocaleString('en')} messages in ${seconds.toFixed(2)} s)`,
  );
}

console.log(`node ${process.version}, ${MESSAGES.length} messages per round, ${args.seconds} s per run`);
bench('sample catalog', sampleCatalog);
bench('large catalog', largeCatalog());
bench('large catalog, an unseen word in every message', largeCatalog(), unseenWords());
