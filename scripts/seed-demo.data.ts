/**
 * The demo shop's content: a florist and hampers shop in Bandung, shaped on the custom-gift shop of the
 * reference documents (products with materials — ribbon, wrapping paper, flowers — and a card text on
 * orders). Every name, phone number, address and bank account here is made up.
 *
 * Times are relative to the seeding moment (`daysAgo` at a shop-local `time`, or `hoursAgo`), so the
 * demo always shows the last three months, today's orders and tasks due today. scripts/seed-demo.ts
 * turns this into records through the domain use cases.
 */

import type { Channel } from '../domain/contacts/contact.model.js';
import type { ActivityKind, LeadStage } from '../domain/leads/lead.model.js';
import type { PaymentMethod } from '../domain/orders/order.model.js';
import type { OrderStatus } from '../domain/orders/order-status.rules.js';
import type { SettingsPatch } from '../domain/settings/settings.schema.js';
import type { TaskStatus } from '../domain/tasks/task.model.js';
import type { UserRole } from '../domain/users/user.model.js';

/** A moment relative to the seeding: a day and a shop-local time, or hours before it. */
export type When = { daysAgo: number; time: string } | { hoursAgo: number };

export const DEMO_SHOP_NAME = 'Melati Buket & Hampers';
/** Accepted by PasswordSchema (8–200 characters). */
export const DEMO_PASSWORD = 'demo-pesanin-2026';
/** How far back the shop's history goes: settings, staff and catalog date from then. */
export const HISTORY_DAYS = 90;

export const DEMO_SETTINGS = {
  shopName: DEMO_SHOP_NAME,
  locale: 'id',
  timeZone: 'Asia/Jakarta',
  businessHours: {
    0: { open: '09:00', close: '15:00' },
    1: { open: '08:00', close: '20:00' },
    2: { open: '08:00', close: '20:00' },
    3: { open: '08:00', close: '20:00' },
    4: { open: '08:00', close: '20:00' },
    5: { open: '08:00', close: '20:00' },
    6: { open: '08:00', close: '20:00' },
  },
  awayMessage:
    'Terima kasih sudah menghubungi Melati Buket & Hampers 🌸 Kami buka Senin–Sabtu 08.00–20.00 dan Minggu 09.00–15.00. Pesan Kakak akan kami balas saat jam buka ya.',
  paymentInstructions:
    'Transfer ke BCA 123-456-7890 a.n. CV Melati Rangkai (rekening contoh), atau scan QRIS di toko. Kirim foto bukti transfer di chat ini ya.',
  monthlyTargets: { revenue: 6_000_000, newLeads: 15, orders: 12 },
  orderDetails: {
    fulfilment: 'required',
    dateTime: 'required',
    deliveryAddress: 'required',
    paymentMethod: 'ask',
  },
  leadAssignment: 'round_robin',
  leadCustomFields: [
    {
      key: 'acara',
      label: 'Acara',
      type: 'select',
      options: ['Wisuda', 'Ulang tahun', 'Pernikahan', 'Duka cita', 'Kantor/Event', 'Lainnya'],
    },
  ],
  quickReplies: [
    {
      shortcut: 'rek',
      text: 'Halo Kak {nama} 🙏 Totalnya {total}. Pembayaran: {rekening}',
    },
    {
      shortcut: 'ongkir',
      text: 'Ongkir dalam kota Bandung mulai Rp15.000 (kurir toko), luar kota lewat GoSend/GrabExpress sesuai tarif aplikasi ya Kak.',
    },
    {
      shortcut: 'makasih',
      text: 'Terima kasih sudah belanja di Melati Buket & Hampers, Kak {nama} 🌸 Ditunggu pesanan berikutnya!',
    },
  ],
  shopWhatsApp: '0812-2000-1000',
  invoices: { dueDays: 3 },
} satisfies SettingsPatch;

export interface DemoStaff {
  login: string;
  name: string;
  role: UserRole;
  whatsapp: string;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { login: 'pemilik', name: 'Ratna Wulandari', role: 'owner', whatsapp: '0812-3000-1001' },
  { login: 'manajer', name: 'Dimas Pratama', role: 'manager', whatsapp: '0812-3000-1002' },
  { login: 'admin', name: 'Sinta Maharani', role: 'admin', whatsapp: '0812-3000-1003' },
];

export interface DemoMaterial {
  code: string;
  name: string;
  unit: string;
  stock: number;
  minStock: number;
}

export const DEMO_MATERIALS: readonly DemoMaterial[] = [
  { code: 'mawar-merah', name: 'Mawar merah segar', unit: 'tangkai', stock: 200, minStock: 50 },
  // Two pink bouquets in production take it under its minimum: the demo's low-stock alert.
  { code: 'mawar-pink', name: 'Mawar pink segar', unit: 'tangkai', stock: 45, minStock: 30 },
  { code: 'kertas-wrapping', name: 'Kertas wrapping Korea', unit: 'lembar', stock: 150, minStock: 40 },
  { code: 'pita-satin', name: 'Pita satin', unit: 'm', stock: 80, minStock: 20 },
  { code: 'keranjang-rotan', name: 'Keranjang rotan hampers', unit: 'pcs', stock: 18, minStock: 5 },
];

export interface DemoProduct {
  sku: string;
  name: string;
  price: number;
  category: string;
  description: string;
  aliases: string[];
  stock?: number;
  materials?: { code: string; qty: number }[];
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    sku: 'buket-mawar-merah',
    name: 'Buket Mawar Merah (10 tangkai)',
    price: 185_000,
    category: 'Buket',
    description: '10 tangkai mawar merah segar, kertas wrapping Korea dan pita satin.',
    aliases: ['buket mawar', 'mawar merah', 'bouquet mawar', 'buket merah'],
    materials: [
      { code: 'mawar-merah', qty: 10 },
      { code: 'kertas-wrapping', qty: 3 },
      { code: 'pita-satin', qty: 1.5 },
    ],
  },
  {
    sku: 'buket-mawar-pink',
    name: 'Buket Mawar Pink (10 tangkai)',
    price: 185_000,
    category: 'Buket',
    description: '10 tangkai mawar pink segar, cocok untuk lamaran dan ulang tahun.',
    aliases: ['mawar pink', 'buket pink', 'bouquet pink'],
    materials: [
      { code: 'mawar-pink', qty: 10 },
      { code: 'kertas-wrapping', qty: 3 },
      { code: 'pita-satin', qty: 1.5 },
    ],
  },
  {
    sku: 'buket-tulip',
    name: 'Buket Tulip Artificial',
    price: 150_000,
    category: 'Buket',
    description: '7 tangkai tulip artificial, awet dan bisa dipajang.',
    aliases: ['tulip', 'buket tulip'],
    materials: [
      { code: 'kertas-wrapping', qty: 2 },
      { code: 'pita-satin', qty: 1 },
    ],
  },
  {
    sku: 'buket-uang',
    name: 'Buket Uang (jasa rangkai)',
    price: 125_000,
    category: 'Buket',
    description: 'Jasa rangkai buket uang; uang dari pelanggan, nominal bebas.',
    aliases: ['buket uang', 'money bouquet'],
  },
  {
    sku: 'buket-snack',
    name: 'Buket Snack',
    price: 95_000,
    category: 'Buket',
    description: 'Buket aneka snack dan cokelat, isi bisa request.',
    aliases: ['buket jajan', 'snack bouquet', 'buket snek'],
    materials: [
      { code: 'kertas-wrapping', qty: 2 },
      { code: 'pita-satin', qty: 1 },
    ],
  },
  {
    sku: 'buket-wisuda',
    name: 'Buket Wisuda Mini',
    price: 75_000,
    category: 'Buket',
    description: '3 tangkai mawar merah dengan wrapping mini, untuk wisuda.',
    aliases: ['buket wisuda', 'bunga wisuda'],
    materials: [
      { code: 'mawar-merah', qty: 3 },
      { code: 'kertas-wrapping', qty: 1 },
      { code: 'pita-satin', qty: 0.5 },
    ],
  },
  {
    sku: 'bunga-meja',
    name: 'Rangkaian Bunga Meja',
    price: 250_000,
    category: 'Rangkaian',
    description: 'Rangkaian bunga segar dalam vas untuk meja tamu atau kantor.',
    aliases: ['bunga meja', 'table flower', 'rangkaian meja'],
  },
  {
    sku: 'papan-bunga',
    name: 'Papan Bunga Ucapan (2 m)',
    price: 650_000,
    category: 'Papan bunga',
    description: 'Papan bunga 2 meter untuk ucapan selamat atau duka cita, termasuk antar dalam kota.',
    aliases: ['papan bunga', 'karangan bunga', 'bunga papan'],
  },
  {
    sku: 'hampers-lebaran',
    name: 'Hampers Lebaran',
    price: 350_000,
    category: 'Hampers',
    description: 'Keranjang rotan berisi kue kering, sirup dan kurma.',
    aliases: ['hampers lebaran', 'parcel lebaran', 'parsel'],
    materials: [
      { code: 'keranjang-rotan', qty: 1 },
      { code: 'pita-satin', qty: 1.5 },
    ],
  },
  {
    sku: 'hampers-bayi',
    name: 'Hampers Kelahiran Bayi',
    price: 275_000,
    category: 'Hampers',
    description: 'Perlengkapan bayi, handuk dan boneka dalam keranjang rotan.',
    aliases: ['hampers bayi', 'kado lahiran', 'kado bayi'],
    materials: [
      { code: 'keranjang-rotan', qty: 1 },
      { code: 'pita-satin', qty: 1 },
    ],
  },
  {
    sku: 'hampers-kue',
    name: 'Hampers Kue Kering (3 toples)',
    price: 210_000,
    category: 'Hampers',
    description: 'Nastar, kastengel dan putri salju dalam toples kaca.',
    aliases: ['kue kering', 'hampers kue', 'nastar'],
  },
  {
    sku: 'kartu-ucapan',
    name: 'Kartu Ucapan',
    price: 10_000,
    category: 'Tambahan',
    description: 'Kartu ucapan dengan tulisan tangan.',
    aliases: ['kartu ucapan', 'greeting card', 'kartu'],
  },
  {
    sku: 'boneka-wisuda',
    name: 'Boneka Wisuda',
    price: 45_000,
    category: 'Tambahan',
    description: 'Boneka beruang bertoga, pelengkap buket wisuda.',
    aliases: ['boneka', 'boneka wisuda'],
    stock: 12,
  },
];

export interface DemoContact {
  key: string;
  phone: string;
  /** The name WhatsApp shows. */
  pushName: string;
  /** The real name staff confirmed; absent = still to confirm. */
  name?: string;
  channel: Channel;
  /** How the shop first heard from them: a WhatsApp chat, or an order taken by phone. */
  via: 'chat' | 'phone';
}

export const DEMO_CONTACTS: readonly DemoContact[] = [
  {
    key: 'ani',
    phone: '0812-3101-0001',
    pushName: 'Ani Lestari',
    name: 'Ani Lestari',
    channel: 'instagram_ads',
    via: 'chat',
  },
  {
    key: 'budi',
    phone: '0813-2202-0002',
    pushName: 'budi.s',
    name: 'Budi Santoso',
    channel: 'organic',
    via: 'phone',
  },
  {
    key: 'citra',
    phone: '0857-2103-0003',
    pushName: 'Citra 🌷',
    name: 'Citra Anggraini',
    channel: 'referral',
    via: 'chat',
  },
  {
    key: 'dedi',
    phone: '0812-2204-0004',
    pushName: 'Dedi K',
    name: 'Dedi Kurniawan',
    channel: 'organic',
    via: 'chat',
  },
  { key: 'eka', phone: '0821-1105-0005', pushName: 'Eka Putri', channel: 'tiktok_ads', via: 'chat' },
  {
    key: 'fajar',
    phone: '0812-9106-0006',
    pushName: 'Fajar N',
    name: 'Fajar Nugroho',
    channel: 'meta_ads',
    via: 'chat',
  },
  { key: 'gita', phone: '0813-2007-0007', pushName: 'Gita ✨', channel: 'instagram_ads', via: 'chat' },
  {
    key: 'hendra',
    phone: '0811-2208-0008',
    pushName: 'Hendra W',
    name: 'Hendra Wijaya',
    channel: 'organic',
    via: 'chat',
  },
  {
    key: 'indah',
    phone: '0857-2209-0009',
    pushName: 'Indah Sari',
    name: 'Indah Permatasari',
    channel: 'referral',
    via: 'chat',
  },
  { key: 'joko', phone: '0812-2010-0010', pushName: 'Pak Joko', channel: 'organic', via: 'phone' },
  {
    key: 'kartika',
    phone: '0838-2011-0011',
    pushName: 'Kartika R',
    name: 'Kartika Rahmawati',
    channel: 'instagram_ads',
    via: 'chat',
  },
  { key: 'lukman', phone: '0812-2012-0012', pushName: 'Lukman', channel: 'website', via: 'chat' },
  { key: 'maya', phone: '0813-2013-0013', pushName: 'Mama Kirana', channel: 'tiktok_ads', via: 'chat' },
  {
    key: 'nanda',
    phone: '0896-2014-0014',
    pushName: 'Nanda S',
    name: 'Nanda Saputra',
    channel: 'event',
    via: 'chat',
  },
  { key: 'oktavia', phone: '0812-2015-0015', pushName: 'okta', channel: 'instagram_ads', via: 'chat' },
  {
    key: 'putu',
    phone: '0878-2016-0016',
    pushName: 'Putu Ayu',
    name: 'Ni Putu Ayu Lestari',
    channel: 'referral',
    via: 'chat',
  },
  { key: 'rina', phone: '0812-2017-0017', pushName: 'Rina Marlina', channel: 'meta_ads', via: 'chat' },
  {
    key: 'sigit',
    phone: '0813-2018-0018',
    pushName: 'Sigit P',
    name: 'Sigit Purnomo',
    channel: 'organic',
    via: 'chat',
  },
  { key: 'tania', phone: '0852-2019-0019', pushName: 'Tania 🎀', channel: 'tiktok_ads', via: 'chat' },
  {
    key: 'umar',
    phone: '0812-2020-0020',
    pushName: 'Umar',
    name: 'Umar Faruq',
    channel: 'organic',
    via: 'chat',
  },
  { key: 'vina', phone: '0819-2021-0021', pushName: 'Vina Amelia', channel: 'instagram_ads', via: 'chat' },
  {
    key: 'wahyu',
    phone: '0812-2022-0022',
    pushName: 'Wahyu H',
    name: 'Wahyu Hidayat',
    channel: 'event',
    via: 'chat',
  },
  { key: 'yuni', phone: '0813-2023-0023', pushName: 'Bunda Yuni', channel: 'organic', via: 'chat' },
  { key: 'zainal', phone: '0812-2024-0024', pushName: 'Zainal A', channel: 'referral', via: 'chat' },
  {
    key: 'sari',
    phone: '0857-2025-0025',
    pushName: 'Sari Kue',
    name: 'Sari Rahayu',
    channel: 'website',
    via: 'chat',
  },
];

/** One line of a chat: the customer, the bot (handing over to a person) or a staff member's reply. */
export interface ChatLine {
  from: 'customer' | 'bot' | 'staff';
  text: string;
  afterMinutes: number;
}

export interface DemoLead {
  contact: string;
  when: When;
  interest: string;
  estimatedValue: number;
  acara: string;
  assignee: UserRole;
  chat: ChatLine[];
  moves: { to: LeadStage; afterHours: number; lostReason?: string }[];
  activities: { kind: ActivityKind; text: string; afterHours: number; by: UserRole }[];
}

const handover = (afterMinutes = 0.5): ChatLine => ({
  from: 'bot',
  text: 'Baik, admin kami akan segera membalas di chat ini 🙏',
  afterMinutes,
});

export const DEMO_LEADS: readonly DemoLead[] = [
  {
    contact: 'putu',
    when: { daysAgo: 64, time: '15:00' },
    interest: 'Bunga meja untuk resepsi pernikahan',
    estimatedValue: 1_500_000,
    acara: 'Pernikahan',
    assignee: 'owner',
    chat: [
      {
        from: 'customer',
        text: 'Sore kak, saya mau tanya rangkaian bunga meja untuk resepsi pernikahan adik saya, kira-kira 6 meja.',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Sore Bu Putu 🌸 Bisa sekali. Kalau berkenan, silakan mampir ke toko besok untuk lihat contoh rangkaiannya.',
        afterMinutes: 20,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.5 },
      { to: 'qualified', afterHours: 24 },
      { to: 'proposal', afterHours: 30 },
      { to: 'won', afterHours: 43 },
    ],
    activities: [
      {
        kind: 'meeting',
        text: 'Bu Putu datang ke toko lihat contoh rangkaian; pilih tema putih-hijau, 6 meja.',
        afterHours: 23,
        by: 'owner',
      },
      {
        kind: 'note',
        text: 'Penawaran Rp1.440.000 untuk 6 rangkaian meja, termasuk antar dan pasang.',
        afterHours: 30,
        by: 'owner',
      },
    ],
  },
  {
    contact: 'yuni',
    when: { daysAgo: 52, time: '09:00' },
    interest: 'Hampers kelahiran bayi',
    estimatedValue: 275_000,
    acara: 'Lainnya',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'Pagi kak, hampers bayi masih ada? Untuk cucu saya lahiran minggu ini',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Pagi Bunda Yuni, selamat atas cucunya 🤗 Hampers bayi ready Rp275.000, bisa tambah nama bayi di kartunya.',
        afterMinutes: 45,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 1 },
      { to: 'lost', afterHours: 72, lostReason: 'Sudah pesan di toko lain' },
    ],
    activities: [
      {
        kind: 'call',
        text: 'Telepon tidak diangkat; follow up lewat chat.',
        afterHours: 26,
        by: 'admin',
      },
    ],
  },
  {
    contact: 'hendra',
    when: { daysAgo: 41, time: '10:00' },
    interest: 'Papan bunga pembukaan cabang PT Sinar Abadi',
    estimatedValue: 1_300_000,
    acara: 'Kantor/Event',
    assignee: 'manager',
    chat: [
      {
        from: 'customer',
        text: 'Pagi, saya Hendra dari PT Sinar Abadi. Mau pesan 2 papan bunga ucapan untuk pembukaan cabang baru kami.',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Pagi Pak Hendra, siap 🙏 Papan ukuran 2 meter Rp650.000/papan sudah termasuk antar. Tulisannya boleh dikirim di sini ya.',
        afterMinutes: 15,
      },
      {
        from: 'customer',
        text: 'Tulisannya: "Selamat & Sukses atas Pembukaan Cabang Soekarno-Hatta — Keluarga Besar PT Sinar Abadi". Tagihannya atas nama PT ya.',
        afterMinutes: 40,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.3 },
      { to: 'won', afterHours: 22 },
    ],
    activities: [
      {
        kind: 'call',
        text: 'Pak Hendra setuju harga; minta tagihan atas nama PT, bayar tempo setelah acara.',
        afterHours: 3,
        by: 'manager',
      },
    ],
  },
  {
    contact: 'nanda',
    when: { daysAgo: 27, time: '14:00' },
    interest: 'Buket wisuda 10 buah untuk wisuda kampus',
    estimatedValue: 700_000,
    acara: 'Wisuda',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'Halo kak, aku Nanda yang kemarin mampir di booth pameran UMKM. Mau pesan buket wisuda 10 buah buat teman-teman sekelas, bisa diskon?',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Halo Kak Nanda 😊 Buket wisuda mini Rp75.000, untuk 10 buah kami kasih potongan Rp50.000 ya.',
        afterMinutes: 30,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.6 },
      { to: 'qualified', afterHours: 20 },
      { to: 'won', afterHours: 43 },
    ],
    activities: [
      {
        kind: 'chat',
        text: 'Kirim pricelist buket wisuda; potongan Rp50.000 untuk 10 buah.',
        afterHours: 0.6,
        by: 'admin',
      },
    ],
  },
  {
    contact: 'oktavia',
    when: { daysAgo: 20, time: '12:00' },
    interest: 'Buket bunga asli 50 tangkai',
    estimatedValue: 1_250_000,
    acara: 'Ulang tahun',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'kak bisa bikin buket mawar asli 50 tangkai? brp ya',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Bisa Kak 🌹 Untuk 50 tangkai mawar merah segar Rp1.250.000 sudah termasuk wrapping premium.',
        afterMinutes: 25,
      },
      { from: 'customer', text: 'waduh kemahalan kak, budgetku cuma 500rb 😅', afterMinutes: 60 },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.5 },
      { to: 'lost', afterHours: 50, lostReason: 'Harga di atas budget pelanggan' },
    ],
    activities: [
      { kind: 'chat', text: 'Kirim harga 50 tangkai: Rp1.250.000.', afterHours: 0.5, by: 'admin' },
      {
        kind: 'note',
        text: 'Budget pelanggan hanya Rp500 ribu; sudah ditawarkan buket 20 tangkai, belum dijawab.',
        afterHours: 49,
        by: 'admin',
      },
    ],
  },
  {
    contact: 'wahyu',
    when: { daysAgo: 10, time: '09:20' },
    interest: 'Bunga meja dan papan bunga untuk peresmian kantor',
    estimatedValue: 1_800_000,
    acara: 'Kantor/Event',
    assignee: 'manager',
    chat: [
      {
        from: 'customer',
        text: 'Pagi kak, saya dapat kartu nama tokonya di pameran UMKM. Mau tanya paket bunga untuk peresmian kantor kami.',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Pagi Pak Wahyu, terima kasih 🙏 Boleh kami tahu tanggal acara dan lokasinya?',
        afterMinutes: 35,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.7 },
      { to: 'qualified', afterHours: 50 },
    ],
    activities: [
      {
        kind: 'meeting',
        text: 'Ketemu Pak Wahyu di kantor (Jl. Pasteur): 2 papan bunga + 4 rangkaian meja, acara bulan depan.',
        afterHours: 48,
        by: 'manager',
      },
    ],
  },
  {
    contact: 'zainal',
    when: { daysAgo: 8, time: '11:00' },
    interest: 'Hampers souvenir pernikahan 50 pcs',
    estimatedValue: 4_500_000,
    acara: 'Pernikahan',
    assignee: 'owner',
    chat: [
      {
        from: 'customer',
        text: 'Assalamualaikum kak, saya dapat rekomendasi dari Bu Putu. Mau tanya hampers souvenir untuk pernikahan 50 pcs.',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Waalaikumsalam Kak Zainal 🙏 Bisa, contoh dan penawarannya kami kirim hari ini ya.',
        afterMinutes: 20,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.4 },
      { to: 'qualified', afterHours: 26 },
      { to: 'proposal', afterHours: 72 },
    ],
    activities: [
      {
        kind: 'chat',
        text: 'Kirim foto contoh hampers souvenir (toples kue + kartu nama pengantin).',
        afterHours: 1,
        by: 'owner',
      },
      {
        kind: 'note',
        text: 'Penawaran dikirim: Rp90.000/pcs untuk 50 pcs, DP 50%.',
        afterHours: 72,
        by: 'owner',
      },
    ],
  },
  {
    contact: 'lukman',
    when: { daysAgo: 6, time: '08:15' },
    interest: 'Papan bunga duka cita',
    estimatedValue: 650_000,
    acara: 'Duka cita',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'Permisi, bisa kirim papan bunga duka cita hari ini ke daerah Cimahi?',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Bisa Pak, untuk kirim hari ini pesanan paling lambat jam 12 ya. Boleh dikirim nama almarhum dan pengirimnya?',
        afterMinutes: 10,
      },
    ],
    moves: [{ to: 'contacted', afterHours: 0.2 }],
    activities: [
      {
        kind: 'note',
        text: 'Belum membalas lagi; kemungkinan sudah pesan di tempat lain.',
        afterHours: 26,
        by: 'admin',
      },
    ],
  },
  {
    contact: 'vina',
    when: { daysAgo: 5, time: '13:00' },
    interest: 'Rangkaian bunga meja untuk arisan, 8 meja',
    estimatedValue: 2_000_000,
    acara: 'Lainnya',
    assignee: 'manager',
    chat: [
      {
        from: 'customer',
        text: 'Kak, bisa bikin rangkaian bunga meja untuk 8 meja? acara arisan keluarga akhir bulan',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Bisa Kak Vina 🌸 Untuk 8 meja, tema warnanya apa ya? Nanti kami buatkan penawaran.',
        afterMinutes: 40,
      },
      { from: 'customer', text: 'Tema peach dan putih kak, budget sekitar 2 jt', afterMinutes: 75 },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.7 },
      { to: 'qualified', afterHours: 25 },
    ],
    activities: [
      {
        kind: 'call',
        text: 'Konfirmasi: 8 meja, tema peach-putih, budget Rp2 juta, acara di rumah (Antapani).',
        afterHours: 24,
        by: 'manager',
      },
    ],
  },
  {
    contact: 'kartika',
    when: { daysAgo: 4, time: '16:00' },
    interest: 'Buket uang wisuda nominal Rp1 juta',
    estimatedValue: 170_000,
    acara: 'Wisuda',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'Kak buket uang buat wisuda adikku bisa isi 1 juta pecahan 50rb? sama boneka wisudanya ya',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Bisa Kak 😊 Jasa rangkai Rp125.000 + boneka wisuda Rp45.000, uangnya dari Kakak ya.',
        afterMinutes: 20,
      },
    ],
    moves: [
      { to: 'contacted', afterHours: 0.4 },
      { to: 'proposal', afterHours: 2 },
    ],
    activities: [
      {
        kind: 'chat',
        text: 'Jelaskan biaya jasa rangkai dan boneka wisuda; uang disiapkan pelanggan.',
        afterHours: 0.4,
        by: 'admin',
      },
    ],
  },
  {
    contact: 'rina',
    when: { daysAgo: 3, time: '10:30' },
    interest: 'Hampers kantor 20 paket untuk klien',
    estimatedValue: 5_500_000,
    acara: 'Kantor/Event',
    assignee: 'manager',
    chat: [
      {
        from: 'customer',
        text: 'Selamat pagi, saya Rina dari CV Maju Bersama. Mau tanya hampers untuk klien kantor 20 paket, ada katalognya?',
        afterMinutes: 0,
      },
      handover(),
      {
        from: 'staff',
        text: 'Selamat pagi Bu Rina 🙏 Katalog hampers kami kirimkan ya. Untuk 20 paket ada harga khusus.',
        afterMinutes: 30,
      },
    ],
    moves: [{ to: 'contacted', afterHours: 0.6 }],
    activities: [
      {
        kind: 'call',
        text: 'Telepon Bu Rina: 20 hampers isi kue kering + teh, budget ±Rp275.000/paket, kirim tanggal 25.',
        afterHours: 3,
        by: 'manager',
      },
    ],
  },
  {
    contact: 'gita',
    when: { daysAgo: 1, time: '19:10' },
    interest: 'Buket mawar pink untuk lamaran',
    estimatedValue: 185_000,
    acara: 'Pernikahan',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'Kak, buket mawar pink yang di IG masih ada? Buat lamaran minggu depan 🙈',
        afterMinutes: 0,
      },
      handover(),
    ],
    moves: [],
    activities: [],
  },
  {
    contact: 'tania',
    when: { hoursAgo: 5 },
    interest: 'Buket snack ulang tahun anak',
    estimatedValue: 190_000,
    acara: 'Ulang tahun',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'kak buket snack bisa request isi snack nya ga? buat ultah anak 7 thn',
        afterMinutes: 0,
      },
      handover(),
    ],
    moves: [],
    activities: [],
  },
  {
    contact: 'eka',
    when: { hoursAgo: 2 },
    interest: 'Buket wisuda untuk 5 orang',
    estimatedValue: 375_000,
    acara: 'Wisuda',
    assignee: 'admin',
    chat: [
      {
        from: 'customer',
        text: 'Halo kak, lihat di TikTok. Buket wisuda bisa pesan 5 sekaligus? Wisudanya Sabtu depan',
        afterMinutes: 0,
      },
      handover(),
    ],
    moves: [],
    activities: [],
  },
];

/**
 * How an order is paid: `full` recorded by an admin after confirmation; `proof` the customer's proof,
 * verified; `dp` half recorded after confirmation; `dp-full` half, then the rest at hand-over;
 * `proof-pending` a proof still waiting for an admin; `rejected-proof` a wrong proof rejected, then the
 * right one verified; `on-completion` COD or cash at hand-over; `none` nothing yet.
 */
export type PaymentPlan =
  | 'full'
  | 'proof'
  | 'dp'
  | 'dp-full'
  | 'proof-pending'
  | 'rejected-proof'
  | 'on-completion'
  | 'none';

export interface DemoOrder {
  id: string;
  contact: string;
  when: When;
  source: 'whatsapp' | 'console';
  /** The customer's first message of a WhatsApp order. */
  say?: string;
  items?: { sku: string; qty: number }[];
  custom?: {
    category: string;
    description: string;
    requirements?: string;
    deadlineInDays?: number;
    budget?: number;
    /** The price staff quote before confirming it. */
    price?: number;
  };
  fulfilment: {
    method: 'pickup' | 'delivery';
    inDays: number;
    time: string;
    address?: string;
    recipientName?: string;
    recipientPhone?: string;
    courier?: string;
  };
  paymentMethod: PaymentMethod;
  cardText?: string;
  customerNotes?: string;
  discount?: number;
  shippingFee?: number;
  status: OrderStatus;
  /** For a cancelled order: how far it got first. */
  cancelFrom?: 'pending' | 'confirmed';
  statusNote?: string;
  invoice: boolean;
  payment: PaymentPlan;
  internalNote?: string;
  /** What the customer writes after receiving it. */
  thanks?: string;
}

export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    id: 'anniversary-ani',
    contact: 'ani',
    when: { daysAgo: 84, time: '10:15' },
    source: 'whatsapp',
    say: 'Halo kak, mau pesan buket mawar merah 1 sama kartu ucapan ya, buat anniversary 🥰',
    items: [
      { sku: 'buket-mawar-merah', qty: 1 },
      { sku: 'kartu-ucapan', qty: 1 },
    ],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '16:00',
      address: 'Jl. Dago No. 45, Coblong, Bandung',
      recipientName: 'Rizky',
      recipientPhone: '0812-3101-0091',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    cardText: 'Happy anniversary, sayang ❤️',
    shippingFee: 15_000,
    status: 'completed',
    invoice: true,
    payment: 'proof',
    thanks: 'Bunganya sudah sampai kak, cantik banget. Makasih ya 🥰',
  },
  {
    id: 'kue-budi',
    contact: 'budi',
    when: { daysAgo: 80, time: '14:00' },
    source: 'console',
    items: [{ sku: 'hampers-kue', qty: 2 }],
    fulfilment: { method: 'pickup', inDays: 2, time: '10:00' },
    paymentMethod: 'cash',
    status: 'completed',
    invoice: false,
    payment: 'on-completion',
    internalNote: 'Pesan lewat telepon; ambil sendiri di toko, bayar tunai.',
  },
  {
    id: 'tulip-citra',
    contact: 'citra',
    when: { daysAgo: 75, time: '09:30' },
    source: 'whatsapp',
    say: 'kak buket tulip yang artificial 1 ya, mau aku ambil sendiri',
    items: [{ sku: 'buket-tulip', qty: 1 }],
    fulfilment: { method: 'pickup', inDays: 0, time: '15:00' },
    paymentMethod: 'qris',
    status: 'completed',
    invoice: false,
    payment: 'full',
  },
  {
    id: 'duka-dedi',
    contact: 'dedi',
    when: { daysAgo: 70, time: '16:45' },
    source: 'whatsapp',
    say: 'Sore kak, mau pesan papan bunga duka cita 1, dikirim besok pagi',
    items: [{ sku: 'papan-bunga', qty: 1 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '08:00',
      address: 'Rumah Duka Sentosa, Jl. Kebon Jati No. 12, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    cardText: 'Turut berduka cita atas wafatnya Bapak Hartono — Keluarga Kurniawan',
    status: 'completed',
    invoice: true,
    payment: 'proof',
  },
  {
    id: 'snack-fajar',
    contact: 'fajar',
    when: { daysAgo: 66, time: '13:20' },
    source: 'whatsapp',
    say: 'pesan buket snack 2 kak, buat ultah ponakan',
    items: [{ sku: 'buket-snack', qty: 2 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '11:00',
      address: 'Jl. Buah Batu No. 210, Bandung',
      courier: 'GoSend',
    },
    paymentMethod: 'cod',
    shippingFee: 20_000,
    status: 'completed',
    invoice: false,
    payment: 'on-completion',
  },
  {
    id: 'resepsi-putu',
    contact: 'putu',
    when: { daysAgo: 62, time: '11:00' },
    source: 'whatsapp',
    say: 'Kak, jadi ya pesan bunga meja 6 rangkaian tema putih-hijau untuk resepsi tanggal 14. Tolong dibuatkan tagihannya.',
    custom: {
      category: 'bunga meja',
      description: 'Rangkaian bunga meja resepsi pernikahan, 6 meja, tema putih-hijau',
      requirements: 'Vas kaca bening, tinggi rangkaian maks. 30 cm agar tamu tetap bisa saling lihat',
      deadlineInDays: 5,
      budget: 1_500_000,
      price: 1_440_000,
    },
    fulfilment: {
      method: 'delivery',
      inDays: 5,
      time: '07:00',
      address: 'Aula Serbaguna, Jl. Sukajadi No. 120, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    status: 'completed',
    invoice: true,
    payment: 'dp-full',
    internalNote: 'Pasang di lokasi jam 06.30; bawa 2 rangkaian cadangan kecil.',
    thanks: 'Terima kasih banyak kak, tamu-tamu pada muji bunganya 🙏',
  },
  {
    id: 'bayi-indah',
    contact: 'indah',
    when: { daysAgo: 58, time: '10:00' },
    source: 'whatsapp',
    say: 'Halo kak, mau kirim hampers bayi 1 + kartu ucapan ke teman yang baru lahiran',
    items: [
      { sku: 'hampers-bayi', qty: 1 },
      { sku: 'kartu-ucapan', qty: 1 },
    ],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '13:00',
      address: 'Perum Griya Asri Blok C3 No. 7, Cimahi',
      recipientName: 'Dewi',
      recipientPhone: '0812-3101-0092',
      courier: 'GrabExpress',
    },
    paymentMethod: 'transfer',
    cardText: 'Selamat datang di dunia, dedek bayi! Sehat selalu 💙',
    shippingFee: 25_000,
    status: 'completed',
    invoice: true,
    payment: 'full',
  },
  {
    id: 'meja-joko',
    contact: 'joko',
    when: { daysAgo: 55, time: '15:30' },
    source: 'console',
    items: [{ sku: 'bunga-meja', qty: 1 }],
    fulfilment: { method: 'pickup', inDays: 3, time: '09:00' },
    paymentMethod: 'cash',
    status: 'cancelled',
    cancelFrom: 'pending',
    statusNote: 'Pelanggan telepon: acaranya diundur, batal dulu.',
    invoice: false,
    payment: 'none',
  },
  {
    id: 'mawar-sigit',
    contact: 'sigit',
    when: { daysAgo: 50, time: '11:45' },
    source: 'whatsapp',
    say: 'kak buket mawar merah 2 ya, ada diskon ga kalau ambil 2?',
    items: [{ sku: 'buket-mawar-merah', qty: 2 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '17:00',
      address: 'Jl. Setiabudi No. 15, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    discount: 20_000,
    shippingFee: 15_000,
    status: 'completed',
    invoice: true,
    payment: 'proof',
  },
  {
    id: 'lebaran-umar',
    contact: 'umar',
    when: { daysAgo: 46, time: '10:30' },
    source: 'whatsapp',
    say: 'Assalamualaikum, mau pesan hampers lebaran 3 paket untuk keluarga',
    items: [{ sku: 'hampers-lebaran', qty: 3 }],
    fulfilment: {
      method: 'delivery',
      inDays: 2,
      time: '10:00',
      address: 'Jl. Riau No. 33, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    shippingFee: 25_000,
    status: 'completed',
    invoice: true,
    payment: 'dp-full',
  },
  {
    id: 'sinar-abadi',
    contact: 'hendra',
    when: { daysAgo: 40, time: '09:00' },
    source: 'console',
    custom: {
      category: 'papan bunga',
      description:
        'Dua papan bunga ucapan 2 m: "Selamat & Sukses atas Pembukaan Cabang Soekarno-Hatta — Keluarga Besar PT Sinar Abadi"',
      deadlineInDays: 2,
      price: 1_300_000,
    },
    fulfilment: {
      method: 'delivery',
      inDays: 2,
      time: '07:30',
      address: 'PT Sinar Abadi, Jl. Soekarno-Hatta No. 590, Bandung',
      recipientName: 'Bagian Umum PT Sinar Abadi',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    status: 'completed',
    invoice: true,
    payment: 'none',
    internalNote: 'Pelanggan korporat: tagihan atas nama PT, bayar tempo.',
  },
  {
    id: 'uang-kartika',
    contact: 'kartika',
    when: { daysAgo: 36, time: '19:10' },
    source: 'whatsapp',
    say: 'kak mau buket uang 1 sama boneka wisuda 1, uangnya aku anter ke toko besok',
    items: [
      { sku: 'buket-uang', qty: 1 },
      { sku: 'boneka-wisuda', qty: 1 },
    ],
    fulfilment: { method: 'pickup', inDays: 2, time: '16:00' },
    paymentMethod: 'qris',
    status: 'completed',
    invoice: false,
    payment: 'full',
    thanks: 'Adikku seneng banget kak, makasih 🥹',
  },
  {
    id: 'pink-ani',
    contact: 'ani',
    when: { daysAgo: 28, time: '13:00' },
    source: 'whatsapp',
    say: 'Kak aku mau pesan lagi, buket mawar pink 1 ya 🌸',
    items: [{ sku: 'buket-mawar-pink', qty: 1 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '15:00',
      address: 'Jl. Dago No. 45, Coblong, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    shippingFee: 15_000,
    status: 'completed',
    invoice: true,
    payment: 'rejected-proof',
  },
  {
    id: 'wisuda-nanda',
    contact: 'nanda',
    when: { daysAgo: 25, time: '10:00' },
    source: 'console',
    items: [{ sku: 'buket-wisuda', qty: 10 }],
    fulfilment: { method: 'pickup', inDays: 3, time: '08:00' },
    paymentMethod: 'transfer',
    discount: 50_000,
    status: 'completed',
    invoice: true,
    payment: 'proof',
  },
  {
    id: 'snack-maya',
    contact: 'maya',
    when: { daysAgo: 22, time: '11:10' },
    source: 'whatsapp',
    say: 'mau pesen buket snack 1 + kartu ucapan kak',
    items: [
      { sku: 'buket-snack', qty: 1 },
      { sku: 'kartu-ucapan', qty: 1 },
    ],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '14:00',
      address: 'Komplek Batununggal Indah Blok D No. 12, Bandung',
      courier: 'GoSend',
    },
    paymentMethod: 'cod',
    cardText: 'Selamat ulang tahun Kirana! 🎂',
    shippingFee: 18_000,
    status: 'completed',
    invoice: false,
    payment: 'on-completion',
  },
  {
    id: 'arisan-sari',
    contact: 'sari',
    when: { daysAgo: 18, time: '10:20' },
    source: 'whatsapp',
    say: 'Halo kak, bisa bikin hampers kue kering custom 10 paket untuk arisan? Toples kaca + pita emas ya',
    custom: {
      category: 'hampers',
      description: 'Hampers kue kering custom 10 paket untuk arisan, toples kaca + pita emas',
      deadlineInDays: 6,
      budget: 2_000_000,
      price: 1_900_000,
    },
    fulfilment: { method: 'pickup', inDays: 6, time: '10:00' },
    paymentMethod: 'transfer',
    status: 'cancelled',
    cancelFrom: 'confirmed',
    statusNote: 'Pelanggan membatalkan: arisan ditunda; DP belum masuk.',
    invoice: true,
    payment: 'none',
  },
  {
    id: 'tulip-budi',
    contact: 'budi',
    when: { daysAgo: 15, time: '16:00' },
    source: 'whatsapp',
    say: 'Sore, pesan buket tulip 2 ya kak untuk istri dan ibu saya',
    items: [{ sku: 'buket-tulip', qty: 2 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '12:00',
      address: 'Jl. Cihampelas No. 88, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    shippingFee: 15_000,
    status: 'completed',
    invoice: true,
    payment: 'full',
  },
  {
    id: 'wisuda-dedi',
    contact: 'dedi',
    when: { daysAgo: 12, time: '09:40' },
    source: 'console',
    custom: {
      category: 'papan bunga',
      description:
        'Papan bunga ucapan selamat wisuda untuk anak, tulisan "Congratulations dr. Anisa Kurniawan"',
      deadlineInDays: 2,
      price: 550_000,
    },
    fulfilment: {
      method: 'delivery',
      inDays: 2,
      time: '07:00',
      address: 'Gedung Wisuda, Jl. Dipati Ukur No. 35, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    status: 'completed',
    invoice: true,
    payment: 'dp',
  },
  {
    id: 'kue-citra',
    contact: 'citra',
    when: { daysAgo: 9, time: '10:00' },
    source: 'whatsapp',
    say: 'Kak hampers kue kering 1 ya, kirim ke kantor',
    items: [{ sku: 'hampers-kue', qty: 1 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '11:00',
      address: 'Jl. Asia Afrika No. 101, Bandung (lantai 3)',
      courier: 'GoSend',
    },
    paymentMethod: 'transfer',
    shippingFee: 15_000,
    status: 'completed',
    invoice: true,
    payment: 'none',
  },
  {
    id: 'mawar-fajar',
    contact: 'fajar',
    when: { daysAgo: 6, time: '14:30' },
    source: 'whatsapp',
    say: 'kak buket mawar merah 1 dong, kirim besok sore',
    items: [{ sku: 'buket-mawar-merah', qty: 1 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '17:00',
      address: 'Jl. Antapani Lama No. 27, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    shippingFee: 15_000,
    status: 'completed',
    invoice: true,
    payment: 'proof',
    thanks: 'Sudah diterima kak, mantap 👍',
  },
  {
    id: 'ultah-indah',
    contact: 'indah',
    when: { daysAgo: 5, time: '11:00' },
    source: 'whatsapp',
    say: 'Kak, mau buket bunga asli campuran warna pastel ukuran besar buat ulang tahun mama. Budget 400rb, untuk tanggal 3 hari lagi ya',
    custom: {
      category: 'buket',
      description: 'Buket bunga asli campuran warna pastel, ukuran besar, untuk ulang tahun mama',
      deadlineInDays: 6,
      budget: 400_000,
      price: 375_000,
    },
    fulfilment: {
      method: 'delivery',
      inDays: 6,
      time: '10:00',
      address: 'Jl. Sukajadi No. 57, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    cardText: 'Selamat ulang tahun Mama, sehat dan bahagia selalu ❤️',
    status: 'review',
    invoice: true,
    payment: 'dp',
  },
  {
    id: 'kantor-wahyu',
    contact: 'wahyu',
    when: { daysAgo: 4, time: '10:00' },
    source: 'console',
    items: [{ sku: 'bunga-meja', qty: 2 }],
    fulfilment: {
      method: 'delivery',
      inDays: 5,
      time: '08:00',
      address: 'Jl. Pasteur No. 8, Bandung (lobi kantor)',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    status: 'in_progress',
    invoice: true,
    payment: 'full',
    internalNote: 'Contoh untuk paket peresmian kantor; foto hasilnya kirim ke Pak Wahyu.',
  },
  {
    id: 'pink-joko',
    contact: 'joko',
    when: { daysAgo: 3, time: '15:00' },
    source: 'console',
    items: [{ sku: 'buket-mawar-pink', qty: 1 }],
    fulfilment: { method: 'pickup', inDays: 3, time: '17:00' },
    paymentMethod: 'cash',
    status: 'in_progress',
    invoice: false,
    payment: 'none',
  },
  {
    id: 'bayi-putu',
    contact: 'putu',
    when: { daysAgo: 3, time: '10:30' },
    source: 'whatsapp',
    say: 'Kak, bisa hampers bayi custom nama "Arsakha" warna biru? Untuk keponakan',
    custom: {
      category: 'hampers',
      description: 'Hampers bayi custom nama "Arsakha", nuansa biru',
      requirements: 'Bordir nama di handuk',
      deadlineInDays: 4,
      budget: 350_000,
      price: 320_000,
    },
    fulfilment: {
      method: 'delivery',
      inDays: 4,
      time: '13:00',
      address: 'Jl. Setiabudi No. 201, Bandung',
      courier: 'GrabExpress',
    },
    paymentMethod: 'transfer',
    status: 'review',
    invoice: true,
    payment: 'proof',
  },
  {
    id: 'snack-umar',
    contact: 'umar',
    when: { daysAgo: 2, time: '13:00' },
    source: 'whatsapp',
    say: 'Kak pesan buket snack 3 untuk guru-guru anak saya',
    items: [{ sku: 'buket-snack', qty: 3 }],
    fulfilment: {
      method: 'delivery',
      inDays: 2,
      time: '09:00',
      address: 'SD Harapan Bangsa, Jl. Riau No. 60, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'qris',
    shippingFee: 15_000,
    status: 'ready',
    invoice: true,
    payment: 'proof-pending',
  },
  {
    id: 'bayi-kartika',
    contact: 'kartika',
    when: { daysAgo: 2, time: '09:00' },
    source: 'whatsapp',
    say: 'Kak aku mau kirim hampers bayi 1 ke sepupu ya',
    items: [{ sku: 'hampers-bayi', qty: 1 }],
    fulfilment: {
      method: 'delivery',
      inDays: 2,
      time: '11:00',
      address: 'Perum Bumi Panyileukan Blok F No. 9, Bandung',
      recipientName: 'Lia',
      recipientPhone: '0812-3101-0093',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    shippingFee: 20_000,
    status: 'out_for_delivery',
    invoice: true,
    payment: 'full',
  },
  {
    id: 'tulip-sigit',
    contact: 'sigit',
    when: { daysAgo: 1, time: '16:00' },
    source: 'whatsapp',
    say: 'Sore kak, buket tulip 1 sama kartu ucapan ya, saya ambil sendiri',
    items: [
      { sku: 'buket-tulip', qty: 1 },
      { sku: 'kartu-ucapan', qty: 1 },
    ],
    fulfilment: { method: 'pickup', inDays: 2, time: '16:00' },
    paymentMethod: 'transfer',
    cardText: 'Happy birthday, Mom!',
    status: 'confirmed',
    invoice: true,
    payment: 'proof-pending',
  },
  {
    id: 'kue-maya',
    contact: 'maya',
    when: { daysAgo: 1, time: '19:30' },
    source: 'whatsapp',
    say: 'kak hampers kue kering 2 ya, buat keluarga suami',
    items: [{ sku: 'hampers-kue', qty: 2 }],
    fulfilment: {
      method: 'delivery',
      inDays: 3,
      time: '10:00',
      address: 'Komplek Batununggal Indah Blok D No. 12, Bandung',
      courier: 'GoSend',
    },
    paymentMethod: 'transfer',
    shippingFee: 18_000,
    status: 'confirmed',
    invoice: true,
    payment: 'dp',
  },
  {
    id: 'tunda-citra',
    contact: 'citra',
    when: { daysAgo: 33, time: '14:00' },
    source: 'whatsapp',
    say: 'kak buket snack 1 ya buat besok',
    items: [{ sku: 'buket-snack', qty: 1 }],
    fulfilment: { method: 'pickup', inDays: 1, time: '10:00' },
    paymentMethod: 'qris',
    status: 'cancelled',
    cancelFrom: 'pending',
    statusNote: 'Pelanggan minta batal lewat chat.',
    invoice: false,
    payment: 'none',
  },
  {
    id: 'souvenir-zainal',
    contact: 'zainal',
    when: { hoursAgo: 3 },
    source: 'whatsapp',
    say: 'Kak, saya jadi pesan hampers souvenir pernikahan 50 pcs sesuai penawaran ya. Acaranya tanggal 12 bulan depan, budget 4,5jt',
    custom: {
      category: 'hampers',
      description: 'Hampers souvenir pernikahan 50 pcs (toples kue + kartu nama pengantin)',
      deadlineInDays: 25,
      budget: 4_500_000,
    },
    fulfilment: {
      method: 'delivery',
      inDays: 25,
      time: '08:00',
      address: 'Gedung Pernikahan Graha Sukajadi, Jl. Sukajadi No. 200, Bandung',
    },
    paymentMethod: 'transfer',
    status: 'pending',
    invoice: false,
    payment: 'none',
  },
  {
    id: 'mawar-nanda',
    contact: 'nanda',
    when: { hoursAgo: 2 },
    source: 'whatsapp',
    say: 'Kak pesan buket mawar merah 1 ya buat sidang skripsi temen 😆',
    items: [{ sku: 'buket-mawar-merah', qty: 1 }],
    fulfilment: { method: 'pickup', inDays: 1, time: '09:00' },
    paymentMethod: 'qris',
    status: 'pending',
    invoice: false,
    payment: 'none',
  },
  {
    id: 'papan-hendra',
    contact: 'hendra',
    when: { hoursAgo: 1 },
    source: 'console',
    items: [{ sku: 'papan-bunga', qty: 1 }],
    fulfilment: {
      method: 'delivery',
      inDays: 1,
      time: '07:30',
      address: 'PT Sinar Abadi, Jl. Soekarno-Hatta No. 590, Bandung',
      courier: 'Kurir toko',
    },
    paymentMethod: 'transfer',
    status: 'pending',
    invoice: false,
    payment: 'none',
    internalNote: 'Pesan via telepon untuk ulang tahun perusahaan; tagihan ke PT seperti biasa.',
  },
];

export interface DemoTask {
  text: string;
  created: When;
  due: When;
  assignee: UserRole;
  link?: { kind: 'lead'; contact: string } | { kind: 'order'; order: string };
  close?: { to: Exclude<TaskStatus, 'open'>; when: When };
}

export const DEMO_TASKS: readonly DemoTask[] = [
  {
    text: 'Follow up Bu Putu soal konsep bunga meja',
    created: { daysAgo: 64, time: '16:00' },
    due: { daysAgo: 63, time: '10:00' },
    assignee: 'owner',
    link: { kind: 'lead', contact: 'putu' },
    close: { to: 'done', when: { daysAgo: 63, time: '11:00' } },
  },
  {
    text: 'Telepon Bunda Yuni soal hampers bayi',
    created: { daysAgo: 51, time: '10:00' },
    due: { daysAgo: 50, time: '10:00' },
    assignee: 'admin',
    link: { kind: 'lead', contact: 'yuni' },
    close: { to: 'cancelled', when: { daysAgo: 49, time: '12:00' } },
  },
  {
    text: 'Kirim foto buket wisuda yang sudah jadi ke Nanda',
    created: { daysAgo: 25, time: '10:30' },
    due: { daysAgo: 22, time: '15:00' },
    assignee: 'admin',
    link: { kind: 'order', order: 'wisuda-nanda' },
    close: { to: 'done', when: { daysAgo: 22, time: '14:00' } },
  },
  {
    text: 'Pesan kertas wrapping 100 lembar ke supplier',
    created: { daysAgo: 15, time: '09:00' },
    due: { daysAgo: 14, time: '09:00' },
    assignee: 'owner',
    close: { to: 'done', when: { daysAgo: 13, time: '10:00' } },
  },
  {
    text: 'Tagih pelunasan papan bunga PT Sinar Abadi',
    created: { daysAgo: 10, time: '09:00' },
    due: { daysAgo: 3, time: '09:00' },
    assignee: 'manager',
    link: { kind: 'order', order: 'sinar-abadi' },
  },
  {
    text: 'Survey lokasi peresmian kantor Pak Wahyu',
    created: { daysAgo: 8, time: '11:00' },
    due: { daysAgo: -2, time: '10:00' },
    assignee: 'manager',
    link: { kind: 'lead', contact: 'wahyu' },
  },
  {
    text: 'Kirim penawaran dekorasi meja arisan ke Kak Vina',
    created: { daysAgo: 4, time: '13:00' },
    due: { daysAgo: 0, time: '14:00' },
    assignee: 'manager',
    link: { kind: 'lead', contact: 'vina' },
  },
  {
    text: 'Follow up penawaran hampers kantor ke Bu Rina',
    created: { daysAgo: 3, time: '14:00' },
    due: { daysAgo: 1, time: '10:00' },
    assignee: 'manager',
    link: { kind: 'lead', contact: 'rina' },
  },
  {
    text: 'Kirim foto desain buket ulang tahun ke Bu Indah untuk disetujui',
    created: { daysAgo: 1, time: '17:00' },
    due: { daysAgo: 0, time: '10:00' },
    assignee: 'admin',
    link: { kind: 'order', order: 'ultah-indah' },
  },
  {
    text: 'Siapkan 8 contoh rangkaian meja untuk Kak Vina',
    created: { hoursAgo: 20 },
    due: { daysAgo: -1, time: '09:00' },
    assignee: 'admin',
    link: { kind: 'lead', contact: 'vina' },
  },
  {
    text: 'Cek stok mawar pink ke supplier Lembang',
    created: { hoursAgo: 3 },
    due: { daysAgo: 0, time: '16:30' },
    assignee: 'owner',
  },
];

/** Deliveries from suppliers, recorded as stock adjustments. */
export const DEMO_RESTOCKS: readonly { item: string; delta: number; reason: string; when: When }[] = [
  {
    item: 'mawar-merah',
    delta: 100,
    reason: 'Restok dari kebun Lembang',
    when: { daysAgo: 30, time: '08:00' },
  },
  {
    item: 'kertas-wrapping',
    delta: 100,
    reason: 'Restok dari supplier',
    when: { daysAgo: 13, time: '10:00' },
  },
];
