import { describe, expect, it } from 'vitest';
import { createParser } from './parse-message.js';
import { sampleCatalog } from './testing/sample-catalog.js';
import type { MediaKind, ParsedMessage } from './types.js';

// Labelled customer messages in the register of real shop chats (typos, slang, "kak", emoji, English bits).
// Each row checks the intent and only the slots it names; `items` is compared exactly when given.
// The clock: Monday 23 November 2026, 10:00 in Jakarta.

interface Example {
  text: string;
  media?: MediaKind;
  intent: ParsedMessage['intent'];
  slots?: Partial<Omit<ParsedMessage, 'intent'>>;
}

const ex = (
  text: string,
  intent: ParsedMessage['intent'],
  slots?: Example['slots'],
  media?: MediaKind,
): Example => ({ text, intent, slots, media });
const item = (product: string, qty = 1) => ({ product, qty });
const IMAGE: MediaKind = 'image';
const DOCUMENT: MediaKind = 'document';

const greeting: Example[] = [
  ex('halo kak', 'greeting'),
  ex('Halo kak 🙏', 'greeting'),
  ex('hai min', 'greeting'),
  ex('Assalamualaikum kak', 'greeting'),
  ex('assalamualaikum wr wb', 'greeting'),
  ex("Assalamu'alaikum, kak", 'greeting'),
  ex('selamat pagi', 'greeting'),
  ex('Selamat siang kak, permisi', 'greeting'),
  ex('Permisi kak', 'greeting'),
  ex('p', 'greeting'),
  ex('P', 'greeting'),
  ex('kak', 'greeting'),
  ex('Kakkk', 'greeting'),
  ex('misi kak', 'greeting'),
  ex('halooo', 'greeting'),
  ex('Hai kak, masih buka?', 'greeting'),
  ex('pagi kak', 'greeting'),
  ex('Met malam min', 'greeting'),
  ex('punten', 'greeting'),
  ex('Hallo, selamat sore', 'greeting'),
  ex('kak mau tanya', 'greeting'),
  ex('Selamat malam, boleh tanya?', 'greeting'),
  ex('hi kak, good morning', 'greeting'),
];

const catalog: Example[] = [
  ex('katalog dong kak', 'catalog'),
  ex('Minta katalognya kak', 'catalog'),
  ex('ada pricelist?', 'catalog'),
  ex('Kak boleh minta pricelist nya', 'catalog'),
  ex('pl kak', 'catalog'),
  ex('menu apa aja kak?', 'catalog'),
  ex('list produknya apa aja ya', 'catalog'),
  ex('ada apa aja kak?', 'catalog'),
  ex('Jual apa aja min?', 'catalog'),
  ex('Halo kak, minta info produk dong', 'catalog'),
  ex('info kak', 'catalog'),
  ex('Info dong min', 'catalog'),
  ex('Halo! Bisakah saya mendapatkan info selengkapnya tentang ini?', 'catalog', { channel: 'meta_ads' }),
  ex('mau liat2 koleksi buketnya kak', 'catalog'),
  ex('daftar harga dong kak', 'catalog'),
  ex('Kak, list harga buket', 'catalog'),
  ex('produk yang ready apa aja kak', 'catalog'),
  ex('Mau lihat katalog', 'catalog'),
  ex('kak ada brosur?', 'catalog'),
  ex('Paket apa aja yang tersedia kak?', 'catalog'),
  ex('Program belajarnya apa aja kak?', 'catalog'),
  ex('Bisa kirim foto2 produknya kak?', 'catalog'),
  ex('kak ada contoh hampers nya?', 'catalog'),
  ex('budget 200rb dapat apa aja kak?', 'catalog', { amount: 200_000 }),
];

const price: Example[] = [
  ex('harga buket mawar merah berapa kak?', 'price', { items: [item('buket-mawar-merah')] }),
  ex('Buket tulip berapaan kak?', 'price', { items: [item('buket-tulip')] }),
  ex('brp harga hampers?', 'price', { items: [item('hampers-lebaran')] }),
  ex('berapa harga boneka wisuda', 'price', { items: [item('boneka-wisuda')] }),
  ex('Kak buket uang harganya brp ya', 'price', { items: [item('buket-uang')] }),
  ex('pricelist buket snack dong', 'price', { items: [item('buket-snack')] }),
  ex('Kartu ucapan berapa?', 'price', { items: [item('kartu-ucapan')] }),
  ex('harganya berapa kak?', 'price', { items: [] }),
  ex('Ini berapa kak?', 'price', {}, IMAGE),
  ex('yang ini brp?', 'price', {}, IMAGE),
  ex('Papan bunga ucapan selamat harganya berapa ya?', 'price', { items: [item('papan-bunga')] }),
  ex('Kak standing flower start dari berapa?', 'price', { items: [item('standing-flower')] }),
  ex('Mawar putih masih ada kak?', 'price', { items: [item('buket-mawar-putih')] }),
  ex('Tulip ready?', 'price', { items: [item('buket-tulip')] }),
  ex('ongkir ke Bekasi berapa kak?', 'price'),
  ex('Harga hampers lebaran yang paling murah berapa?', 'price', { items: [item('hampers-lebaran')] }),
  ex('kak buket snack yang 100rban ada?', 'price', { items: [item('buket-snack')], amount: 100_000 }),
  ex('Biaya les privat per bulan berapa kak?', 'price', { items: [] }),
  ex('how much for the red roses?', 'price', { items: [item('buket-mawar-merah')] }),
  ex('Kalau 10 buket mawar merah jadi berapa kak?', 'price', { items: [item('buket-mawar-merah', 10)] }),
  ex('hampersnya mulai dari harga berapa', 'price', { items: [item('hampers-lebaran')] }),
  ex('boneka wisudanya satuan berapa', 'price', { items: [item('boneka-wisuda')] }),
  ex('buket uang 1jt berapa biaya jasanya kak?', 'price', { items: [item('buket-uang')], amount: 1_000_000 }),
  ex('Kak karangan bunga duka cita berapaan ya', 'price', { items: [item('papan-bunga')] }),
  ex('harga buket bunga mawar merah brapa ya kak', 'price', { items: [item('buket-mawar-merah')] }),
  ex('Permisi kak, mau tanya harga buket tulip', 'price', { items: [item('buket-tulip')] }),
];

const order: Example[] = [
  ex('pesan 2 buket mawar merah sama 1 hampers, kirim besok ke Jl. Melati 5', 'order', {
    items: [item('buket-mawar-merah', 2), item('hampers-lebaran', 1)],
    date: '2026-11-24',
    address: 'Jl. Melati 5',
  }),
  ex('Halo kak, mau pesan 2 buket', 'order', { items: [] }),
  ex('mau order buket tulip 1 ya kak', 'order', { items: [item('buket-tulip', 1)] }),
  ex('Kak saya mau pesen bucket mawar merah 3, buat tanggal 14', 'order', {
    items: [item('buket-mawar-merah', 3)],
    date: '2026-12-14',
  }),
  ex('Mau beli hampers 5 pcs', 'order', { items: [item('hampers-lebaran', 5)] }),
  ex('order mawr merah x2', 'order', { items: [item('buket-mawar-merah', 2)] }),
  ex('tulip 2, mawar putih 1', 'order', { items: [item('buket-tulip', 2), item('buket-mawar-putih', 1)] }),
  ex('Buket snack 1 ya kak', 'order', { items: [item('buket-snack', 1)] }),
  ex('aku mau buket uang 500rb 1 ya kak', 'order', { items: [item('buket-uang', 1)], amount: 500_000 }),
  ex('kak pesen hampers lebaran selusin', 'order', { items: [item('hampers-lebaran', 12)] }),
  ex('Sy ambil 3 boneka wisuda ya', 'order', { items: [item('boneka-wisuda', 3)] }),
  ex('pesan setengah lusin buket snack', 'order', { items: [item('buket-snack', 6)] }),
  ex('co buket tulip 1 kak', 'order', { items: [item('buket-tulip', 1)] }),
  ex('saya mau order dua buket mawar putih', 'order', { items: [item('buket-mawar-putih', 2)] }),
  ex('Pesan sebuket mawar merah untuk besok pagi', 'order', {
    items: [item('buket-mawar-merah', 1)],
    date: '2026-11-24',
    time: null,
  }),
  ex(
    'mau pesan papan bunga ucapan selamat 1, dikirim ke Gedung Graha Sucofindo Jl. Raya Pasar Minggu Kav 34 hari Jumat',
    'order',
    {
      items: [item('papan-bunga', 1)],
      address: 'Gedung Graha Sucofindo Jl. Raya Pasar Minggu Kav 34',
      date: '2026-11-27',
    },
  ),
  ex('kak aku order standing flower 2 buat grand opening tgl 5 desember ya', 'order', {
    items: [item('standing-flower', 2)],
    date: '2026-12-05',
  }),
  ex('Mau pesan buket mawar merah 1 sama kartu ucapannya ya kak', 'order', {
    items: [item('buket-mawar-merah', 1), item('kartu-ucapan', 1)],
  }),
  ex('Pesen 1 buket tulip kak, kirim ke Jl Dago Atas no 12 Bandung, jam 3 sore', 'order', {
    items: [item('buket-tulip', 1)],
    address: 'Jl Dago Atas no 12 Bandung',
    time: '15:00',
  }),
  ex('kak mau pesan', 'order', { items: [] }),
  ex('Mau order kak', 'order'),
  ex('saya mau beli hampers 10 buat kantor, bisa dikirim lusa?', 'order', {
    items: [item('hampers-lebaran', 10)],
    date: '2026-11-25',
  }),
  ex('buket mawar merah 2 buah', 'order', { items: [item('buket-mawar-merah', 2)] }),
  ex('Hampers 3', 'order', { items: [item('hampers-lebaran', 3)] }),
  ex('boneka wisuda 1 sama buket snack 2', 'order', {
    items: [item('boneka-wisuda', 1), item('buket-snack', 2)],
  }),
  ex('Mau 2 tulip dan 3 mawar putih', 'order', {
    items: [item('buket-tulip', 2), item('buket-mawar-putih', 3)],
  }),
  ex('fix ambil yg tulip ya kak 1', 'order', { items: [item('buket-tulip', 1)] }),
  ex('ok kak jadi pesan 2 hampers ya', 'order', { items: [item('hampers-lebaran', 2)] }),
  ex('Kak aku mau booking papan bunga buat tgl 30', 'order', {
    items: [item('papan-bunga', 1)],
    date: '2026-11-30',
  }),
  ex('pesan bunga papan 1 atas nama PT Maju Jaya', 'order', { items: [item('papan-bunga', 1)] }),
  ex('saya mau buket uang', 'order', { items: [item('buket-uang', 1)] }),
  ex('Pesan 2 bucket snack', 'order', { items: [item('buket-snack', 2)] }),
  ex('mau pesan standing flower tiga', 'order', { items: [item('standing-flower', 3)] }),
  ex('2x buket tulip kak', 'order', { items: [item('buket-tulip', 2)] }),
  ex('pesan dua puluh boneka wisuda untuk wisuda tk', 'order', { items: [item('boneka-wisuda', 20)] }),
  ex('mau order 1 hampers lebaran + kartu ucapan', 'order', {
    items: [item('hampers-lebaran', 1), item('kartu-ucapan', 1)],
  }),
  ex('buket mawar merah', 'order', { items: [item('buket-mawar-merah', 1)] }),
  ex('Kak mau order bouquet tulip 2 buat hari sabtu ya, diambil jam 10 pagi', 'order', {
    items: [item('buket-tulip', 2)],
    date: '2026-11-28',
    time: '10:00',
  }),
  ex('pesen hamper 1 ya kak, kirim ke alamat: Jl. Cempaka Putih Raya No. 21, Jakarta Pusat', 'order', {
    items: [item('hampers-lebaran', 1)],
    address: 'Jl. Cempaka Putih Raya No. 21, Jakarta Pusat',
  }),
  ex('mau 3 buket snack buat senin depan jam 7 malam', 'order', {
    items: [item('buket-snack', 3)],
    date: '2026-11-30',
    time: '19:00',
  }),
  ex('Order buket duit 2 ya, uangnya 50rb an masing2 10 lembar', 'order', {
    items: [item('buket-uang', 2)],
    amount: 50_000,
  }),
];

const customOrder: Example[] = [
  ex('bikin logo buat usaha kopi, budget 500rb, deadline tgl 20', 'custom_order', {
    items: [],
    amount: 500_000,
    date: '2026-12-20',
  }),
  ex('Kak bisa bikin buket bunga custom warna biru gak?', 'custom_order'),
  ex('mau request buket isi coklat sama boneka kecil kak, budget 300rb', 'custom_order', { amount: 300_000 }),
  ex('bisa custom tulisan di kartu ucapannya?', 'custom_order'),
  ex('Kak aku mau bikin undangan pernikahan digital', 'custom_order'),
  ex('Bisa desain banner untuk toko saya?', 'custom_order'),
  ex('Mau bikin hampers custom isi sesuai budget 250rb', 'custom_order', { amount: 250_000 }),
  ex('Terima jasa desain feed instagram?', 'custom_order', { channel: null }),
  ex('kak bisa buatin buket dari uang 50rb an sebanyak 20 lembar?', 'custom_order', { amount: 50_000 }),
  ex('Saya butuh desain kemasan untuk produk keripik, deadline minggu depan', 'custom_order', {
    date: '2026-11-30',
  }),
  ex('Bisa bikin kayak gini kak?', 'custom_order', {}, IMAGE),
  ex('mau yg model kayak gini kak bisa?', 'custom_order', {}, IMAGE),
  ex('Halo kak, saya mau request karikatur wajah untuk kado ultah', 'custom_order'),
  ex('Bikinin logo dong kak, budget 1,5jt', 'custom_order', { amount: 1_500_000 }),
  ex('mau buat seragam kaos custom 24 pcs', 'custom_order'),
  ex('bisa bikin buket wisuda dengan foto sendiri?', 'custom_order'),
  ex('Kak mau order desain logo dan kartu nama, budgetnya 750 ribu', 'custom_order', { amount: 750_000 }),
  ex('Bisa buat kue ulang tahun tema frozen?', 'custom_order'),
  ex('saya mau pesan buket bunga sesuai foto ini ya kak', 'custom_order', {}, IMAGE),
  ex('Brief nya saya kirim lewat dokumen ya kak', 'custom_order', {}, DOCUMENT),
  ex('mau bikin video company profile, budget 2jt500, deadline 20/12', 'custom_order', {
    amount: 2_500_000,
    date: '2026-12-20',
  }),
];

const payment: Example[] = [
  ex('udah tf ya kak', 'payment'),
  ex('Sudah transfer kak, mohon dicek 🙏', 'payment'),
  ex('Kak saya sudah bayar', 'payment'),
  ex('ini bukti transfernya kak', 'payment', {}, IMAGE),
  ex('bukti tf', 'payment', {}, IMAGE),
  ex('Transfer sudah masuk kak? Atas nama Rina', 'payment'),
  ex('Sudah saya transfer 350rb ke BCA ya kak', 'payment', { amount: 350_000 }),
  ex('barusan tf 150.000', 'payment', { amount: 150_000 }),
  ex('DP udah ya kak 50%', 'payment'),
  ex('Kak dp nya sudah aku kirim ya', 'payment'),
  ex('Sudah lunas ya kak', 'payment'),
  ex('pelunasan sudah saya transfer', 'payment'),
  ex('konfirmasi pembayaran ORD-202611-0042', 'payment', { orderNumber: 'ORD-202611-0042' }),
  ex('transferan saya belum masuk kak?', 'payment'),
  ex('No rek nya berapa kak?', 'payment'),
  ex('Bisa COD ga kak?', 'payment'),
  ex('Bayarnya bisa pakai QRIS?', 'payment'),
  ex('transfer ke rekening mana kak?', 'payment'),
  ex('Nanti malam saya transfer ya kak', 'payment', { date: '2026-11-23' }),
  ex('Sudah tf kak, pesanan atas nama Dewi', 'payment'),
  ex('ini kak buktinya', 'payment', {}, IMAGE),
  ex('struk transfer', 'payment', {}, IMAGE),
  ex('Saya lampirkan bukti pembayaran', 'payment', {}, DOCUMENT),
  ex('udah ku transfer ya 200rb', 'payment', { amount: 200_000 }),
  ex('Kak sy sdh trf td pagi', 'payment'),
  ex('dana sudah masuk belum ya kak', 'payment'),
  ex('Sudah transfer Rp 350.000,00 ya kak', 'payment', { amount: 350_000 }),
  ex('sdh sy bayar 1,5 jt ya kak utk ORD-202611-0107', 'payment', {
    amount: 1_500_000,
    orderNumber: 'ORD-202611-0107',
  }),
];

const status: Example[] = [
  ex('Kak pesanan saya sudah sampai mana ya?', 'status'),
  ex('status pesanan ORD-202611-0042 gimana kak', 'status', { orderNumber: 'ORD-202611-0042' }),
  ex('ORD 202611 0042', 'status', { orderNumber: 'ORD-202611-0042' }),
  ex('ord-202611-42 udah dikirim belum?', 'status', { orderNumber: 'ORD-202611-0042' }),
  ex('Kapan jadi kak buketnya?', 'status'),
  ex('gimana orderan saya kak?', 'status'),
  ex('Pesanan atas nama Sari udah jadi belum ya kak', 'status'),
  ex('resi nya mana kak', 'status'),
  ex('kak paket saya belum sampai nih', 'status'),
  ex('Kapan dikirim kak?', 'status'),
  ex('udah diproses belum kak pesenan aku?', 'status'),
  ex('buket tulip saya kapan sampai kak?', 'status'),
  ex('Sudah sampai mana ya pesanannya', 'status'),
  ex('mau cek status order kak', 'status'),
  ex('#ORD202611-0042', 'status', { orderNumber: 'ORD-202611-0042' }),
  ex('Kak, hampers yang saya pesan kemarin kapan dikirim?', 'status'),
  ex('progressnya gimana kak logo saya?', 'status'),
  ex('Sudah dikirim kak?', 'status'),
  ex('kapan bisa diambil kak?', 'status'),
  ex('Orderan sy no ORD-202611-0107 blm dtg kak', 'status', { orderNumber: 'ORD-202611-0107' }),
  ex('ORD-202611-0042', 'status', { orderNumber: 'ORD-202611-0042' }),
];

const cancel: Example[] = [
  ex('batal ya kak', 'cancel'),
  ex('Kak maaf, pesanan saya dibatalkan aja', 'cancel'),
  ex('cancel order ORD-202611-0042', 'cancel', { orderNumber: 'ORD-202611-0042' }),
  ex('gak jadi pesan kak, maaf ya', 'cancel'),
  ex('Ga jadi deh kak', 'cancel'),
  ex('kak saya mau cancel pesanan', 'cancel'),
  ex('makasih, tapi batal ya', 'cancel'),
  ex('nggak jadi kak, maaf banget 🙏', 'cancel'),
  ex('Batalin aja kak hampersnya', 'cancel', { items: [item('hampers-lebaran')] }),
  ex('pesanan tidak usah dikirim ya kak', 'cancel'),
  ex('Mohon maaf kak saya batalkan pesanannya', 'cancel'),
  ex('tidak jadi order kak', 'cancel'),
  ex('cancel aja deh', 'cancel'),
  ex('Kak yang buket tulip gajadi ya, mawar merahnya aja', 'cancel'),
];

const handover: Example[] = [
  ex('admin', 'handover'),
  ex('Min, bisa bicara dengan admin?', 'handover'),
  ex('mau ngomong sama orang asli dong, bukan bot', 'handover'),
  ex('minta nomor admin kak', 'handover'),
  ex('cs nya mana?', 'handover'),
  ex('Tolong sambungkan ke CS', 'handover'),
  ex('Saya kecewa banget sama pelayanannya', 'handover'),
  ex('PENIPU!!!', 'handover'),
  ex('parah sih, udah seminggu belum dikirim', 'handover'),
  ex('lama banget sih kak, dari kemarin belum dibalas', 'handover'),
  ex('KOK BELUM SAMPAI JUGA SIH', 'handover'),
  ex('bunganya layu pas sampai kak 😡', 'handover'),
  ex('Buketnya rusak kak, gimana ini?', 'handover'),
  ex('Kenapa chat saya tidak dibalas??', 'handover'),
  ex('saya mau komplain', 'handover'),
  ex('minta refund', 'handover'),
  ex('Pesanan saya salah kirim kak', 'handover'),
  ex('Halo, ada admin yang bisa bantu?', 'handover'),
  ex('Bisa telpon admin?', 'handover'),
  ex('kok gini sih pelayanannya!!', 'handover'),
  ex('ini bot ya?', 'handover'),
  ex('anjir lama bgt', 'handover'),
  ex('kalau batal bisa refund?', 'handover'),
  ex('Kak pesanan saya belum sampai!!! Udah 3 hari', 'handover'),
];

const thanks: Example[] = [
  ex('makasih kak', 'thanks'),
  ex('Terima kasih banyak kak 🙏', 'thanks'),
  ex('thx min', 'thanks'),
  ex('tq kak', 'thanks'),
  ex('Suwun mbak', 'thanks'),
  ex('Makasih ya kak, buketnya cantik banget 😍', 'thanks'),
  ex('oke kak makasih infonya', 'thanks'),
  ex('Siap kak, terimakasih', 'thanks'),
  ex('thank you kak', 'thanks'),
  ex('Sudah sampai kak, makasih ya 🙏', 'thanks'),
  ex('mksh kak', 'thanks'),
  ex('Hatur nuhun kak', 'thanks'),
  ex('Matur suwun', 'thanks'),
  ex('makasihhh kakkk, keren parah hasilnya', 'thanks'),
];

const unknown: Example[] = [
  ex('oke kak', 'unknown'),
  ex('iya', 'unknown'),
  ex('siap', 'unknown'),
  ex('Ok noted', 'unknown'),
  ex('besok bisa?', 'unknown', { date: '2026-11-24' }),
  ex('hmm', 'unknown'),
  ex('wkwkwk', 'unknown'),
  ex('', 'unknown', {}, IMAGE),
  ex('ini kak', 'unknown', {}, IMAGE),
  ex('harganya kemahalan ya', 'unknown'),
  ex('Berapa lama pengerjaannya kak?', 'unknown'),
  ex('jam berapa tokonya buka?', 'unknown'),
  ex('jangan dibatalkan ya kak', 'unknown'),
  ex('ada diskon ga kak?', 'unknown'),
  ex('bisa kurang gak kak?', 'unknown'),
  ex('👍', 'unknown'),
  ex('Kak lokasi tokonya dimana ya?', 'unknown', { address: null }),
  ex('alamat tokonya di mana kak?', 'unknown', { address: null }),
  ex('Kalau pesan hari ini kapan jadi?', 'unknown'),
  ex('gak jadi masalah kak', 'unknown'),
];

const channels: Example[] = [
  ex('Halo kak, saya lihat di IG, mau tanya harga buket tulip', 'price', {
    channel: 'instagram_ads',
    items: [item('buket-tulip')],
  }),
  ex('dari tiktok kak, mau pesan buket uang', 'order', {
    channel: 'tiktok_ads',
    items: [item('buket-uang')],
  }),
  ex('Kak aku liat iklannya di fb', 'unknown', { channel: 'meta_ads' }),
  ex('Direkomendasikan teman, katanya bagus. Mau tanya-tanya dulu', 'greeting', { channel: 'referral' }),
  ex('Kata temen saya di sini bisa bikin hampers custom ya?', 'custom_order', { channel: 'referral' }),
  ex('Ketemu di bazar kemarin kak, mau pesan lagi hampersnya', 'order', {
    channel: 'event',
    items: [item('hampers-lebaran')],
  }),
  ex('Saya lihat di website, mau order boneka wisuda 2', 'order', {
    channel: 'website',
    items: [item('boneka-wisuda', 2)],
  }),
  ex('nemu di google maps kak, masih buka?', 'unknown', { channel: 'organic' }),
  ex('Dapat nomor ini dari teman kantor, mau pesan papan bunga', 'order', {
    channel: 'referral',
    items: [item('papan-bunga')],
  }),
  ex('Lihat postingan IG kakak, mau yang kayak gini', 'custom_order', { channel: 'instagram_ads' }, IMAGE),
  ex('kak aku tau dari tiktok', 'unknown', { channel: 'tiktok_ads' }),
  ex('ketemu di pameran UMKM kemarin, mau tanya katalognya', 'catalog', { channel: 'event' }),
  ex('dari google kak, mau tanya pricelist', 'catalog', { channel: 'organic' }),
  ex('Dari IG ya kak', 'unknown', { channel: 'instagram_ads' }),
  ex('halo kak, mau pesen', 'order', { channel: null }),
  ex('Halo kak, saya dikasih tau sama sepupu, katanya jual buket uang ya?', 'price', { channel: 'referral' }),
];

const all: [string, Example[]][] = [
  ['greeting', greeting],
  ['catalog', catalog],
  ['price', price],
  ['order', order],
  ['custom_order', customOrder],
  ['payment', payment],
  ['status', status],
  ['cancel', cancel],
  ['handover', handover],
  ['thanks', thanks],
  ['unknown', unknown],
  ['channel', channels],
];

const parser = createParser(sampleCatalog);
const context = { now: new Date('2026-11-23T10:00:00+07:00'), timeZone: 'Asia/Jakarta' };

describe('labelled chat messages', () => {
  for (const [group, examples] of all) {
    describe(group, () => {
      it.each(examples.map((e) => [e.text || `(${e.media})`, e] as const))('%s', (_name, example) => {
        const parsed = parser.parse({ text: example.text, media: example.media ?? null }, context);
        expect({ intent: parsed.intent, ...pick(parsed, example.slots ?? {}) }).toEqual({
          intent: example.intent,
          ...(example.slots ?? {}),
        });
      });
    });
  }

  it('has at least 200 examples', () => {
    expect(all.reduce((n, [, examples]) => n + examples.length, 0)).toBeGreaterThanOrEqual(200);
  });
});

function pick(parsed: ParsedMessage, slots: Example['slots'] & object): Partial<ParsedMessage> {
  return Object.fromEntries(Object.keys(slots).map((key) => [key, parsed[key as keyof ParsedMessage]]));
}
