import { describe, expect, it } from 'vitest';
import { contactModel } from '../domain/contacts/contact.model.js';
import { invoiceModel } from '../domain/invoices/invoice.model.js';
import { LEAD_STAGES } from '../domain/leads/lead.model.js';
import { materialModel } from '../domain/materials/material.model.js';
import { ALL_MODELS, ensureIndexes } from '../domain/models.js';
import { type Order, orderModel } from '../domain/orders/order.model.js';
import { ORDER_STATUSES } from '../domain/orders/order-status.rules.js';
import { outboxModel } from '../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../domain/platform/testing/database.js';
import { monthlyReport } from '../domain/reports/monthly.use-case.js';
import { getSettings } from '../domain/settings/settings.use-case.js';
import { verifyLogin } from '../domain/users/password.use-case.js';
import { createUser } from '../domain/users/user.use-case.js';
import { DEMO_PASSWORD, DEMO_SHOP_NAME, DEMO_STAFF, seedDemo } from './seed-demo.js';

const db = useTestDatabase();
/** A Wednesday afternoon in Bandung. */
const NOW = new Date('2026-03-18T15:00:00+07:00');

/** Documents per collection, to see that a second run writes nothing. */
const sizes = async () =>
  Object.fromEntries(
    await Promise.all(
      ALL_MODELS.map(async (model) => {
        const bound = model(db.connection);
        return [bound.collection.name, await bound.countDocuments()] as const;
      }),
    ),
  );

describe('scripts/seed-demo.ts', () => {
  it('seeds a living shop: every order status and lead stage, three months of history', async () => {
    const result = await seedDemo(db.connection, { now: NOW });
    if (!result.ok) throw new Error(result.details);
    expect(result.seeded).toBe(true);
    expect(result.counts).toEqual({
      users: 3,
      products: 13,
      materials: 5,
      contacts: 25,
      confirmedContacts: 14,
      leads: { new: 3, contacted: 2, qualified: 2, proposal: 2, won: 3, lost: 2 },
      orders: {
        pending: 3,
        confirmed: 2,
        in_progress: 2,
        review: 2,
        ready: 1,
        out_for_delivery: 1,
        completed: 18,
        cancelled: 3,
      },
      ordersByKind: { catalog: 25, custom: 7 },
      invoices: { draft: 0, sent: 2, partial: 1, paid: 13, overdue: 4, cancelled: 1 },
      payments: { pending: 2, verifying: 0, verified: 23, rejected: 1 },
      tasks: { open: 7, done: 3, cancelled: 1 },
      messages: expect.any(Number),
    });
    for (const status of ORDER_STATUSES) expect(result.counts.orders[status]).toBeGreaterThan(0);
    for (const stage of LEAD_STAGES) expect(result.counts.leads[stage]).toBeGreaterThan(0);

    const settings = await getSettings(db.connection);
    expect(settings).toMatchObject({
      shopName: DEMO_SHOP_NAME,
      timeZone: 'Asia/Jakarta',
      shopWhatsApp: '+6281220001000',
      orderDetails: { fulfilment: 'required', dateTime: 'required', deliveryAddress: 'required' },
    });

    // Numbers come from the monthly counters: consecutive from 0001 in each month.
    const orders = await orderModel(db.connection).find().sort({ number: 1 }).lean<Order[]>();
    const byMonth = new Map<string, number[]>();
    for (const order of orders) {
      const [, month, seq] = /^ORD-(\d{6})-(\d{4})$/.exec(order.number) ?? [];
      byMonth.set(month ?? '?', [...(byMonth.get(month ?? '?') ?? []), Number(seq)]);
    }
    expect([...byMonth.keys()]).toEqual(['202512', '202601', '202602', '202603']);
    for (const seqs of byMonth.values()) expect(seqs).toEqual(seqs.map((_, index) => index + 1));

    // Contact stats follow the orders; the reports have months to show; the bot starts with nothing to send.
    const contacts = await contactModel(db.connection).find().lean();
    for (const contact of contacts) {
      const own = orders.filter((order) => String(order.contactId) === String(contact._id));
      expect(contact.stats.orders).toBe(own.length);
      expect(contact.stats.totalSpent).toBe(
        own
          .filter((order) => order.status === 'completed' && order.paymentStatus === 'paid')
          .reduce((sum, order) => sum + order.total, 0),
      );
    }
    const months = await monthlyReport(db.connection, { now: NOW, timeZone: 'Asia/Jakarta' });
    expect(months.filter((month) => month.revenue > 0).length).toBeGreaterThanOrEqual(3);
    expect(await outboxModel(db.connection).countDocuments({ state: { $ne: 'sent' } })).toBe(0);
    expect(
      await invoiceModel(db.connection).countDocuments({ status: 'overdue', paidAmount: { $gt: 0 } }),
    ).toBeGreaterThan(0);
    expect(await materialModel(db.connection).findOne({ code: 'mawar-pink' }).lean()).toMatchObject({
      low: true,
    });
  });

  it('a second run adds nothing', async () => {
    const before = await sizes();
    const again = await seedDemo(db.connection, { now: new Date(NOW.getTime() + 60_000) });
    expect(again).toMatchObject({ ok: true, seeded: false });
    expect(await sizes()).toEqual(before);
  });

  it('the demo staff log in with the demo password', async () => {
    expect(DEMO_STAFF.map((staff) => staff.login)).toEqual(['pemilik', 'manajer', 'admin']);
    const owner = await verifyLogin(db.connection, { login: 'pemilik', password: DEMO_PASSWORD }, NOW);
    expect(owner).toMatchObject({ ok: true, user: { login: 'pemilik', role: 'owner' } });
    const admin = await verifyLogin(db.connection, { login: 'admin', password: DEMO_PASSWORD }, NOW);
    expect(admin).toMatchObject({ ok: true, user: { role: 'admin' } });
  });

  it('refuses a database that already holds another shop', async () => {
    const other = db.connection.useDb(`${db.connection.name}_other`);
    try {
      await ensureIndexes(other);
      await createUser(
        other,
        { name: 'Sari', login: 'sari', role: 'owner' },
        {
          actor: { kind: 'system' },
          at: NOW,
        },
      );
      const result = await seedDemo(other, { now: NOW });
      expect(result).toMatchObject({ ok: false, code: 'DEMO.NOT_EMPTY' });
      expect(await orderModel(other).countDocuments()).toBe(0);
    } finally {
      await other.dropDatabase();
    }
  });
});
