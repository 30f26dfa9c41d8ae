import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityModel } from '../../domain/activity/activity.model.js';
import { auditModel } from '../../domain/audit/audit.model.js';
import { contactModel } from '../../domain/contacts/contact.model.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import {
  ADMIN,
  BUDI,
  MANAGER,
  OWNER,
  onlyReply,
  openShop,
  placeOrder,
  type Shop,
} from './testing/harness.js';

const db = useTestDatabase();
let shop: Shop;
let order: { number: string; total: number; contactId: unknown };

beforeAll(async () => {
  shop = await openShop(db.connection);
  order = await placeOrder(db.connection, BUDI, [{ sku: 'mawar', qty: 2 }], 'Budi Santoso');
  // Budi writes once, so there is a chat to erase.
  await shop.write(BUDI, 'halo kak, kirim ke Jl. Melati 5 ya');
});
afterAll(async () => {
  await shop.stop();
});

const ask = async (text: string, phone = OWNER) => onlyReply(await shop.write(phone, text), phone);

describe('customer rights on WhatsApp: customerdata and erase, owner only', () => {
  it('tells the owner what is stored and where to download it', async () => {
    const contact = await contactModel(db.connection).findOne({ phone: '+6281234567890' }).lean();
    const reply = await ask('datapelanggan 0812-3456-7890');
    expect(reply).toContain('Budi Santoso');
    expect(reply).toContain('1 pesanan');
    expect(reply).toContain(`https://toko.test/contacts/${String(contact?._id)}`);
    expect(reply).toContain('hapusdata +6281234567890 HAPUS');
  });

  it.each([ADMIN, MANAGER])('refuses both commands to staff who are not the owner (%s)', async (phone) => {
    expect(await ask('datapelanggan 081234567890', phone)).toContain('pemilik');
    expect(await ask('hapusdata 081234567890 HAPUS', phone)).toContain('pemilik');
    expect(await contactModel(db.connection).countDocuments({ phone: '+6281234567890' })).toBe(1);
  });

  it('asks for the typed confirmation, then erases, keeps the order and logs it', async () => {
    expect(await ask('hapusdata 081234567890')).toContain('ketik: *hapusdata +6281234567890 HAPUS*');
    expect(await ask('hapusdata 081234567890 ya')).toContain('tidak bisa dibatalkan');
    const done = await ask('hapusdata 081234567890 HAPUS');
    expect(done).toContain('sudah dihapus');
    expect(done).toContain('1 pesanan disimpan tanpa nama');
    expect(await contactModel(db.connection).countDocuments({ phone: '+6281234567890' })).toBe(0);
    expect(await orderModel(db.connection).findOne({ number: order.number }).lean()).toMatchObject({
      total: order.total,
      customerName: 'Pelanggan dihapus',
    });
    expect(await auditModel(db.connection).countDocuments({ action: 'erased' })).toBe(1);
    expect(await activityModel(db.connection).findOne({ kind: 'erasure' }).lean()).toMatchObject({
      user: { name: 'Sari' },
      details: { via: 'whatsapp' },
    });
    // A second time finds no customer with that number: nothing more happens.
    expect(await ask('hapusdata 081234567890 HAPUS')).toContain('Tidak ada pelanggan');
    expect(await auditModel(db.connection).countDocuments({ action: 'erased' })).toBe(1);
  });
});
