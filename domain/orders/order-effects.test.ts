import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { invoiceOfOrder, issueInvoice } from '../invoices/invoice.use-case.js';
import { type Material, materialModel } from '../materials/material.model.js';
import { createMaterial } from '../materials/material.use-case.js';
import { useTestDatabase } from '../platform/testing/database.js';
import type { Order } from './order.model.js';
import { changeOrderStatus, createOrder } from './order.use-case.js';
import type { OrderStatus } from './order-status.rules.js';

/** What moving an order's status does beyond the order itself: stock and the invoice. */
const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const zone = 'Asia/Jakarta';
let minute = 0;
const next = () => ({ actor: staff, at: new Date(t0.getTime() + ++minute * 60_000) });

async function newOrder(): Promise<Order> {
  const contact = await contactModel(db.connection).create({ chatId: '6281234567890@c.us', createdAt: t0 });
  const result = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      items: [{ sku: 'buket', qty: 2 }],
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at: t0, timeZone: zone },
  );
  if (!result.ok) throw new Error(result.details);
  return result.order;
}

async function move(number: string, statuses: OrderStatus[]) {
  for (const to of statuses) {
    const result = await changeOrderStatus(db.connection, { number, to }, next());
    if (!result.ok) throw new Error(result.details);
  }
}

const stockOf = async (code: string) =>
  (await materialModel(db.connection).findOne({ code }).lean<Material>())?.stock;

beforeEach(async () => {
  // Empty every collection but keep the unique indexes useTestDatabase built.
  const collections = await db.connection.db!.collections();
  await Promise.all(collections.map((collection) => collection.deleteMany({})));
  await createMaterial(
    db.connection,
    { code: 'mawar', name: 'Mawar merah', unit: 'tangkai', stock: 50, minStock: 10 },
    next(),
  );
  await productModel(db.connection).create({
    sku: 'buket',
    name: 'Buket mawar',
    price: 150_000,
    materials: [{ code: 'mawar', qty: 12 }],
    createdAt: t0,
  });
});

describe('moving an order', () => {
  it('takes its bill of materials from stock once, when production starts, whoever moves it back and forth', async () => {
    const order = await newOrder();
    await move(order.number, ['confirmed']);
    expect(await stockOf('mawar')).toBe(50);
    await move(order.number, ['in_progress', 'review', 'in_progress']);
    expect(await stockOf('mawar')).toBe(26);
  });

  it('cancels the invoice of a cancelled order, so it is never chased as overdue', async () => {
    const order = await newOrder();
    const issued = await issueInvoice(
      db.connection,
      { orderNumber: order.number },
      { ...next(), timeZone: zone },
    );
    expect(issued.ok && issued.invoice.status).toBe('sent');
    await move(order.number, ['cancelled']);
    expect((await invoiceOfOrder(db.connection, order.number))?.status).toBe('cancelled');
  });
});
