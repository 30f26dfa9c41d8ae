import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { updateSettings } from '../settings/settings.use-case.js';
import type { Order } from './order.model.js';
import { changeOrderStatus, createOrder, type OrderResult } from './order.use-case.js';
import type { OrderStatus } from './order-status.rules.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const chatId = '6281234567890@c.us';

const orderOf = (result: OrderResult): Order => {
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result.order;
};
const sentTo = async () =>
  (await outboxModel(db.connection).find({ chatId }).sort({ createdAt: 1, _id: 1 }).lean()).map(
    (item) => item.text,
  );

async function newOrder(method: 'pickup' | 'delivery'): Promise<Order> {
  const contact = await contactModel(db.connection)
    .findOneAndUpdate(
      { chatId },
      { $setOnInsert: { createdAt: t0 } },
      { upsert: true, returnDocument: 'after' },
    )
    .lean();
  if (!contact) throw new Error('no contact');
  const result = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId,
      items: [{ sku: 'mawar', qty: 1 }],
      fulfilment: { method },
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at: t0, timeZone: 'Asia/Jakarta' },
  );
  if (!result.ok) throw new Error(result.details);
  return result.order;
}

async function walk(number: string, statuses: OrderStatus[], tellCustomer?: boolean) {
  for (const [index, to] of statuses.entries())
    orderOf(
      await changeOrderStatus(
        db.connection,
        { number, to, note: 'catatan internal: stok habis' },
        { actor: staff, at: new Date(t0.getTime() + (index + 1) * 60_000), tellCustomer },
      ),
    );
}

beforeEach(async () => {
  await Promise.all([
    contactModel(db.connection).deleteMany({}),
    outboxModel(db.connection).deleteMany({}),
    productModel(db.connection).deleteMany({}),
  ]);
  await productModel(db.connection).create({ sku: 'mawar', name: 'Mawar', price: 150_000, createdAt: t0 });
  await updateSettings(
    db.connection,
    { shopName: 'Toko Bunga Melati', publicBaseUrl: 'https://toko.example.com' },
    { actor: staff, at: t0 },
  );
});

describe('the customer hears about status changes, whoever made them', () => {
  it('tells a delivery order’s customer when it is confirmed, ready, on its way and completed — not in between', async () => {
    const order = await newOrder('delivery');
    await walk(order.number, [
      'confirmed',
      'in_progress',
      'review',
      'ready',
      'out_for_delivery',
      'completed',
    ]);
    const link = `https://toko.example.com/track/${order.trackingToken}`;
    expect(await sentTo()).toEqual([
      `✅ Pesanan *${order.number}* sudah dikonfirmasi dan segera kami proses.\nLacak: ${link}`,
      `🎉 Pesanan *${order.number}* sudah siap dan akan segera dikirim.\nLacak: ${link}`,
      `🚚 Pesanan *${order.number}* sedang dikirim.\nLacak: ${link}`,
      `🙏 Pesanan *${order.number}* selesai. Terima kasih sudah berbelanja di Toko Bunga Melati!\nLacak: ${link}`,
    ]);
  });

  it('says "ready for pickup" to a pickup order, and keeps staff notes out of a cancellation', async () => {
    const pickup = await newOrder('pickup');
    await walk(pickup.number, ['confirmed', 'in_progress', 'ready', 'cancelled']);
    const texts = await sentTo();
    expect(texts[1]).toContain('siap diambil');
    expect(texts[2]).toContain(`Pesanan *${pickup.number}* dibatalkan.`);
    expect(texts.join('\n')).not.toContain('stok habis');
  });

  it('tells nothing when the caller answers the customer itself, or when nothing changed', async () => {
    const order = await newOrder('pickup');
    await walk(order.number, ['cancelled'], false);
    expect(await sentTo()).toEqual([]);
    const again = await newOrder('pickup');
    await walk(again.number, ['confirmed', 'confirmed']);
    expect(await sentTo()).toHaveLength(1);
  });

  it('speaks English when the shop does', async () => {
    await updateSettings(db.connection, { locale: 'en' }, { actor: staff, at: t0 });
    const order = await newOrder('pickup');
    await walk(order.number, ['confirmed']);
    expect((await sentTo())[0]).toContain(`Your order *${order.number}* is confirmed`);
  });
});
