import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatModel } from '../../domain/chats/chat.model.js';
import { leadModel } from '../../domain/leads/lead.model.js';
import { openLeadForContact } from '../../domain/leads/lead.use-case.js';
import { createMaterial } from '../../domain/materials/material.use-case.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { paymentModel } from '../../domain/payments/payment.model.js';
import { recordPaymentProof } from '../../domain/payments/payment.use-case.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { taskModel } from '../../domain/tasks/task.model.js';
import {
  ADMIN,
  actor,
  BUDI,
  chatOf,
  MANAGER,
  OWNER,
  onlyReply,
  openShop,
  placeOrder,
  type Shop,
  START,
  ZONE,
} from './testing/harness.js';

const db = useTestDatabase();
let shop: Shop;
let order: string;

beforeAll(async () => {
  shop = await openShop(db.connection, { paymentInstructions: 'BCA 1234567890' });
});
afterAll(async () => {
  await shop.stop();
});
beforeEach(async () => {
  // Each test starts with one fresh pending order for Budi (a new number each time).
  order = (await placeOrder(db.connection, BUDI)).number;
});

/** What the bot answers `phone` (an admin by default) for `text`. */
async function ask(text: string, phone = ADMIN): Promise<string> {
  return onlyReply(await shop.write(phone, text), phone);
}

/** A bad-arguments answer: names the problem and shows the usage. */
const badArgs = (reply: string, problem: string, usage: string) => {
  expect(reply).toContain(problem);
  expect(reply).toContain(`Cara pakai: ${usage}`);
};

describe('the router', () => {
  it('reads commands case-insensitively, with or without a slash, in Indonesian or English', async () => {
    expect(await ask('/ORDERS')).toContain('Pesanan aktif');
    expect(await ask('pesanan')).toContain(order);
    expect(await ask('Orders')).toContain(order);
  });

  it('suggests the closest command for a typo, and help when nothing is close', async () => {
    const typo = await ask('ordrs');
    expect(typo).toContain('Maksudnya *orders*?');
    expect(typo).toContain('orders [status]');
    expect(await ask('xyzzy')).toContain('Ketik *help*');
  });

  it('lists only the commands a role may use, and explains one', async () => {
    const forAdmin = await ask('help');
    expect(forAdmin).toContain('status ORD-… <status> [catatan]');
    expect(forAdmin).not.toContain('report');
    expect(await ask('help', OWNER)).toContain('report [today|week|month]');
    const detail = await ask('help status');
    expect(detail).toContain('*status ORD-… <status> [catatan]*');
    expect(detail).toContain('dikonfirmasi');
    expect(detail).toContain('Nama lain: ubah, set');
    expect(await ask('help report')).toContain('Tidak ada perintah "report"');
  });

  it('tells a role that may not use a command which roles may', async () => {
    const reply = await ask('report');
    expect(reply).toContain('*report* hanya untuk pemilik, manajer; Anda admin');
  });
});

describe('orders and order', () => {
  it('lists open orders or one status, refuses a bad status', async () => {
    const list = await ask('orders');
    expect(list).toContain(`*${order}* · Budi (+6281234567890) · Rp300.000 · pending · unpaid`);
    expect(await ask('orders siap')).toBe('Pesanan ready: tidak ada.');
    badArgs(await ask('orders kemarin'), '"kemarin" bukan status pesanan', 'orders [status]');
  });

  it('shows one order with items, payments, invoice, pending proofs and its tracking link', async () => {
    const stored = await orderModel(db.connection).findOne({ number: order }).lean();
    await recordPaymentProof(
      db.connection,
      { contactId: stored!.contactId, orderNumber: order, amount: 100_000, messageId: `proof-${order}` },
      { actor, at: START, timeZone: ZONE },
    );
    const detail = await ask(`order ${order.toLowerCase()}`);
    expect(detail).toContain(`📦 *${order}* — pending`);
    expect(detail).toContain('2× Buket Mawar Merah @ Rp150.000 = Rp300.000');
    expect(detail).toContain('Total: Rp300.000 · Dibayar: Rp0 (unpaid)');
    expect(detail).toContain(`Belum ada tagihan (buat: *invoice ${order}*)`);
    expect(detail).toMatch(/Bukti bayar menunggu: PAY-202611-\d{4} Rp100\.000 → \*verify PAY-202611-\d{4}\*/);
    expect(detail).toMatch(/Lacak: https:\/\/toko\.test\/track\/[A-Za-z0-9_-]{24}/);
    expect(await ask('order ORD-202611-9999')).toBe('Pesanan ORD-202611-9999 tidak ditemukan.');
    badArgs(await ask('order 12'), '"12" bukan nomor pesanan', 'order ORD-…');
  });
});

describe('status and note', () => {
  it('moves an order with Indonesian or English words; the customer hears it; illegal moves say where it can go', async () => {
    const reply = await ask(`status ${order} dikonfirmasi sudah cek stok`);
    expect(reply).toBe(`✅ ${order}: pending → confirmed (catatan: "sudah cek stok")`);
    expect(shop.sentTo(BUDI).at(-1)?.text).toContain(`Pesanan *${order}* sudah dikonfirmasi`);
    expect(await ask(`status ${order} confirmed`)).toContain('memang sudah confirmed');
    expect(await ask(`status ${order} selesai`)).toBe(
      `Pesanan ${order} tidak bisa dari confirmed ke completed. Bisa ke: in_progress, cancelled.`,
    );
    expect(await ask('status ORD-202611-9999 siap')).toBe('Pesanan ORD-202611-9999 tidak ditemukan.');
    badArgs(await ask(`status ${order}`), 'Status belum diisi.', 'status ORD-… <status> [catatan]');
    badArgs(await ask(`status ${order} terbang`), '"terbang" bukan status pesanan', 'status ORD-… <status>');
  });

  it('adds an internal note that the customer never sees', async () => {
    const before = shop.sentTo(BUDI).length;
    expect(await ask(`note ${order} pita merah ya`)).toContain('"pita merah ya"');
    const stored = await orderModel(db.connection).findOne({ number: order }).lean();
    expect(stored?.internalNotes).toMatchObject([
      { text: 'pita merah ya', by: { kind: 'user', name: 'Dewi' } },
    ]);
    expect(shop.sentTo(BUDI)).toHaveLength(before);
    badArgs(await ask(`note ${order}`), 'Teks belum diisi.', 'note ORD-… <teks>');
    expect(await ask('note ORD-202611-9999 halo')).toBe('Pesanan ORD-202611-9999 tidak ditemukan.');
  });
});

describe('invoices and payments', () => {
  it('invoices an order and says where it went', async () => {
    const reply = await ask(`invoice ${order}`);
    expect(reply).toMatch(
      /Tagihan \*INV-202611-\d{4}\* dikirim ke Budi \(\+6281234567890\): Rp300\.000, jatuh tempo 26\/11\/2026/,
    );
    expect(shop.sentTo(BUDI).at(-1)?.text).toContain('BCA 1234567890');
    expect(await ask(`invoice ${order} 30/11`)).toContain('dikirim ulang');
    expect(await ask('invoice ORD-202611-9999')).toBe('Pesanan ORD-202611-9999 tidak ditemukan.');
    badArgs(
      await ask(`invoice ${order} kapan-kapan`),
      '"kapan-kapan" bukan tanggal jatuh tempo',
      'invoice ORD-…',
    );
  });

  it('records a payment, refuses overpayment with what is outstanding', async () => {
    const reply = await ask(`pay ${order} 100rb tunai`);
    expect(reply).toMatch(
      /\*PAY-202611-\d{4}\* Rp100\.000 dicatat untuk ORD-.*Dibayar Rp100\.000 dari Rp300\.000 \(partial\)/,
    );
    expect(await ask(`pay ${order} 1,5jt`)).toBe(
      `Kelebihan bayar: sisa tagihan ${order} hanya Rp200.000; tidak ada yang dicatat.`,
    );
    expect(await ask('pay ORD-202611-9999 100rb')).toBe('Pesanan ORD-202611-9999 tidak ditemukan.');
    badArgs(await ask(`pay ${order} banyak`), '"banyak" bukan jumlah rupiah', 'pay ORD-… <jumlah>');
    badArgs(await ask(`pay ${order}`), 'Jumlah belum diisi.', 'pay ORD-… <jumlah>');
  });

  it('verifies and rejects payment proofs', async () => {
    const stored = await orderModel(db.connection).findOne({ number: order }).lean();
    const proof = async (amount: number, id: string) =>
      (
        await recordPaymentProof(
          db.connection,
          { contactId: stored!.contactId, orderNumber: order, amount, messageId: id },
          { actor, at: START, timeZone: ZONE },
        )
      ).payment.number;
    const good = await proof(300_000, `good-${order}`);
    const bad = await proof(50_000, `bad-${order}`);
    expect(await ask(`verify ${good}`)).toContain(`✅ *${good}* diverifikasi: Rp300.000 untuk ${order}`);
    expect(await ask(`verify ${good}`)).toContain('sudah diverifikasi sebelumnya');
    expect(await ask(`reject ${bad} foto buram`)).toBe(
      `❌ *${bad}* ditolak: "foto buram". Pelanggan diberi tahu.`,
    );
    expect(await ask(`reject ${good} salah`)).toContain('sudah diverifikasi; tidak bisa ditolak');
    expect(await ask('verify PAY-202611-9999')).toBe('Pembayaran PAY-202611-9999 tidak ditemukan.');
    expect(await ask('reject PAY-202611-9999 salah')).toBe('Pembayaran PAY-202611-9999 tidak ditemukan.');
    badArgs(await ask('verify 123'), '"123" bukan nomor pembayaran', 'verify PAY-…');
    badArgs(await ask(`reject ${bad}`), 'Alasan belum diisi.', 'reject PAY-… <alasan>');
    expect((await paymentModel(db.connection).findOne({ number: good }).lean())?.status).toBe('verified');
  });
});

describe('leads', () => {
  it('lists leads and moves one by phone', async () => {
    const stored = await orderModel(db.connection).findOne({ number: order }).lean();
    await leadModel(db.connection).deleteMany({});
    await openLeadForContact(
      db.connection,
      { contactId: stored!.contactId, channel: 'instagram_ads', at: START, actor },
      { leadAssignment: 'unassigned' },
    );
    expect(await ask('leads')).toContain('• Budi (+6281234567890) · new · instagram_ads');
    expect(await ask('lead 0812-3456-7890 dihubungi sudah ditelpon')).toBe(
      '✅ Lead Budi (+6281234567890): new → contacted (catatan: "sudah ditelpon")',
    );
    const lead = await leadModel(db.connection).findOne({ contactId: stored!.contactId }).lean();
    expect(lead?.activities).toMatchObject([{ kind: 'note', text: 'sudah ditelpon' }]);
    expect(await ask('lead 081234567890 lost')).toBe('Tulis alasannya: *lead +6281234567890 lost <alasan>*');
    expect(await ask('lead 081234567890 new')).toContain('tidak bisa pindah ke new');
    expect(await ask('lead 089912345678 contacted')).toBe('Tidak ada lead untuk +6289912345678.');
    badArgs(await ask('lead 081234567890 galau'), '"galau" bukan tahap lead', 'lead <HP> <tahap>');
    badArgs(await ask('lead 123 new'), '"123" bukan nomor HP', 'lead <HP> <tahap>');
    expect(await ask('leads won')).toBe('Lead won: tidak ada.');
  });
});

describe('follow-ups and tasks', () => {
  it('creates a follow-up from Indonesian times, lists it, and closes it', async () => {
    await taskModel(db.connection).deleteMany({});
    const reply = await ask('followup 081234567890 besok jam 10 tanya jadi pesan');
    expect(reply).toMatch(/Tugas \*#(\d+)\* dibuat: tanya jadi pesan\nWaktu: 24\/11 10:00/);
    const number = Number(/#(\d+)/.exec(reply)![1]);
    expect(await ask(`followup ${order} 3 hari lagi cek kiriman`)).toContain('Waktu: 26/11 09:00');
    expect(await ask(`followup ${order} 20/12 14:00 konfirmasi`)).toContain('Waktu: 20/12 14:00');
    expect(await ask(`followup ${order} senin jam 9 telpon`)).toContain('Waktu: 30/11 09:00');
    const task = await taskModel(db.connection).findOne({ number }).lean();
    expect(task?.dueAt).toEqual(new Date('2026-11-24T03:00:00Z'));

    const mine = await ask('tasks');
    expect(mine).toContain(`*#${number}* 24/11 10:00 · tanya jadi pesan`);
    expect(await ask('tasks', OWNER)).toContain('Tidak ada tugas terbuka (saya)');
    expect(await ask('tasks all', OWNER)).toContain(`#${number}*`);
    expect(await ask(`done #${number}`)).toBe(`✅ Tugas #${number} selesai: tanya jadi pesan`);
    expect(await ask(`done ${number}`)).toContain('memang sudah selesai');
    expect(await ask('done 999')).toBe('Tugas #999 tidak ditemukan.');
  });

  it('refuses a time in the past, an unknown target and missing parts', async () => {
    badArgs(
      await ask('followup 081234567890 jam 9 telpon'),
      'Waktunya (23/11 09:00) sudah lewat.',
      'followup',
    );
    expect(await ask('followup 089912345678 besok jam 10 telpon')).toContain(
      '"089912345678" tidak ditemukan',
    );
    badArgs(await ask('followup 081234567890 kapan kapan telpon'), 'bukan waktu yang saya kenal', 'followup');
    badArgs(await ask('followup 081234567890 besok jam 10'), 'Teks belum diisi.', 'followup');
    badArgs(await ask('tasks kemarin'), '"kemarin": pilih mine atau all', 'tasks [mine|all]');
    badArgs(await ask('done abc'), '"abc" bukan nomor tugas', 'done <nomor tugas>');
  });
});

describe('report, stock and bot on/off', () => {
  it('reports to owners and managers', async () => {
    const today = await ask('report', OWNER);
    expect(today).toContain('📊 *Laporan hari ini* (23/11 – 23/11)');
    expect(today).toMatch(/Pesanan: \d+ \(Rp[\d.]+\)/);
    expect(await ask('laporan bulan', MANAGER)).toContain('Laporan bulan ini* (01/11 – 30/11)');
    badArgs(await ask('report tahun', OWNER), '"tahun" bukan periode', 'report [today|week|month]');
  });

  it('shows and adjusts stock', async () => {
    const created = await createMaterial(
      db.connection,
      { code: 'pita', name: 'Pita Satin', unit: 'm', stock: 10, minStock: 5 },
      { actor, at: START },
    );
    if (!created.ok && created.code !== 'MATERIAL.CODE_TAKEN') throw new Error(created.details);
    expect(await ask('stock')).toContain('Pita Satin (pita)');
    expect(await ask('stok pita +5')).toMatch(/✅ Stok Pita Satin: \d+ → \d+ m \(\+5\)/);
    expect(await ask('stock pita -1000')).toContain('tidak cukup untuk -1000');
    expect(await ask('stock kain +1')).toBe('Barang "kain" tidak ditemukan di bahan maupun produk.');
    badArgs(await ask('stock pita +x'), '"+x" bukan perubahan stok', 'stock [barang] [+/-jumlah]');
  });

  it('switches the bot off and on in a customer chat', async () => {
    expect(await ask('bot off 081234567890')).toContain('Bot diam di chat +6281234567890');
    const quiet = await shop.write(BUDI, 'halo kak');
    expect(quiet.filter((message) => message.chatId === chatOf(BUDI))).toEqual([]);
    expect(quiet.find((message) => message.chatId === chatOf(ADMIN))?.text).toContain('"halo kak"');
    expect(await ask('bot on 081234567890')).toBe('🤖 Bot aktif lagi di chat +6281234567890.');
    expect(
      (
        await chatModel(db.connection)
          .findOne({ chatId: chatOf(BUDI) })
          .lean()
      )?.pausedUntil,
    ).toBeUndefined();
    expect(await ask('bot on 081234567890')).toContain('memang aktif');
    badArgs(await ask('bot maybe 081234567890'), '"maybe": pilih on atau off', 'bot on|off <HP>');
    badArgs(await ask('bot on'), 'Nomor HP belum diisi.', 'bot on|off <HP>');
  });
});

describe('neworder', () => {
  it('takes an order by phone like a customer would, for a new contact, and confirms it to them', async () => {
    const reply = await ask(
      'neworder 0857-1111-2222 2 buket mawar sama 1 hampers, kirim besok ke Jl. Melati 5',
    );
    const number = /\*(ORD-202611-\d{4})\*/.exec(reply)?.[1];
    expect(reply).toContain('dibuat untuk +6285711112222');
    expect(reply).toContain('Total: Rp550.000');
    const created = await orderModel(db.connection).findOne({ number }).lean();
    expect(created).toMatchObject({
      source: 'console',
      chatId: '6285711112222@c.us',
      total: 550_000,
      fulfilment: { method: 'delivery', date: '2026-11-24', address: 'Jl. Melati 5' },
    });
    const confirmation = shop.sentTo('085711112222').at(-1)?.text ?? '';
    expect(confirmation).toContain(`Pesanan *${number}* sudah kami terima`);
    expect(confirmation).toMatch(/https:\/\/toko\.test\/track\/[A-Za-z0-9_-]{24}/);
    expect(await ask('neworder 085711112222 halo apa kabar')).toContain('Tidak ada produk katalog');
    badArgs(await ask('neworder 085711112222'), 'Teks belum diisi.', 'neworder <HP> <pesanan>');
    badArgs(await ask('neworder budi 2 mawar'), '"budi" bukan nomor HP', 'neworder <HP> <pesanan>');
  });
});
