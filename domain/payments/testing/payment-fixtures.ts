import type { Connection } from 'mongoose';
import type { Actor } from '../../audit/audit.model.js';
import { auditModel } from '../../audit/audit.model.js';
import { productModel } from '../../catalog/product.model.js';
import { type Contact, contactModel } from '../../contacts/contact.model.js';
import { invoiceModel } from '../../invoices/invoice.model.js';
import { type Order, orderCounterModel, orderModel } from '../../orders/order.model.js';
import { changeOrderStatus, createOrder } from '../../orders/order.use-case.js';
import type { OrderStatus } from '../../orders/order-status.rules.js';
import { outboxModel } from '../../outbox/outbox.model.js';
import { settingsModel } from '../../settings/settings.model.js';
import { paymentModel } from '../payment.model.js';

/** Test data for payments and invoices: a shop, a customer, products, orders in any state. */
export const ZONE = 'Asia/Jakarta';
export const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
export const BASE_URL = 'https://toko.test';
export const INSTRUCTIONS = 'BCA 1234567890 a.n. Toko Mawar';

/** Empty every collection these tests touch and set up the shop, one customer and two products. */
export async function resetShop(connection: Connection, at: Date): Promise<Contact> {
  await Promise.all([
    auditModel(connection).deleteMany({}),
    productModel(connection).deleteMany({}),
    contactModel(connection).deleteMany({}),
    invoiceModel(connection).deleteMany({}),
    orderModel(connection).deleteMany({}),
    orderCounterModel(connection).deleteMany({}),
    outboxModel(connection).deleteMany({}),
    paymentModel(connection).deleteMany({}),
    settingsModel(connection).deleteMany({}),
  ]);
  await settingsModel(connection).create({
    _id: 'shop',
    publicBaseUrl: BASE_URL,
    paymentInstructions: INSTRUCTIONS,
    shopName: 'Toko Mawar',
  });
  await productModel(connection).create([
    { sku: 'mawar', name: 'Buket Mawar', price: 150_000, active: true, createdAt: at },
    { sku: 'kartu', name: 'Kartu Ucapan', price: 5_000, active: true, createdAt: at },
  ]);
  return (await contactModel(connection).create({ chatId: '6281234567890@c.us', createdAt: at })).toObject();
}

/** A catalog order (2 mawar + 1 kartu = Rp305.000), walked to `status` when given. */
export async function catalogOrder(
  connection: Connection,
  contact: Contact,
  at: Date,
  walk: OrderStatus[] = [],
): Promise<Order> {
  const created = await createOrder(
    connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      items: [
        { sku: 'mawar', qty: 2 },
        { sku: 'kartu', qty: 1 },
      ],
      fulfilment: { method: 'pickup' },
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at, timeZone: ZONE },
  );
  if (!created.ok) throw new Error(created.details);
  let order = created.order;
  for (const to of walk) {
    const moved = await changeOrderStatus(connection, { number: order.number, to }, { actor: staff, at });
    if (!moved.ok) throw new Error(moved.details);
    order = moved.order;
  }
  return order;
}

/** A custom order (a logo) with no agreed price yet. */
export async function customOrder(connection: Connection, contact: Contact, at: Date): Promise<Order> {
  const created = await createOrder(
    connection,
    {
      kind: 'custom',
      contactId: contact._id,
      chatId: contact.chatId,
      custom: { description: 'Logo untuk usaha kopi' },
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at, timeZone: ZONE },
  );
  if (!created.ok) throw new Error(created.details);
  return created.order;
}

/** The texts queued for a chat, oldest first, with their keys. */
export async function outboxOf(connection: Connection, chatId: string) {
  return outboxModel(connection)
    .find({ chatId })
    .sort({ createdAt: 1, _id: 1 })
    .lean<{ key: string; text: string }[]>();
}
