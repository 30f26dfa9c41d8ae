import { addDays } from 'date-fns';
import { beforeAll, describe, expect, it } from 'vitest';
import { productModel } from '../catalog/product.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { invoiceOfOrder, issueInvoice } from '../invoices/invoice.use-case.js';
import { createOrder } from '../orders/order.use-case.js';
import { recordPayment } from '../payments/payment.use-case.js';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { invoiceOverdueJob } from './invoice-overdue.job.js';
import { queued, staffUser } from './testing.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');
const zone = 'Asia/Jakarta';
const wib = (local: string) => new Date(`${local}+07:00`);
const staff = { kind: 'user' as const, id: 'u1', name: 'Dewi' };
const start = wib('2026-11-20T10:00:00');
const run = (now: Date) => invoiceOverdueJob.run({ connection: db.connection, log, now });

let orderNumber: string;

beforeAll(async () => {
  const settings = await updateSettings(
    db.connection,
    { invoices: { dueDays: 3, checkAt: '09:00', maxReminders: 2, reminderEveryDays: 2 } },
    { actor: staff, at: start },
  );
  if (!settings.ok) throw new Error(settings.details);
  await staffUser(db.connection, 'Sari', 'owner', '081299990000', start);
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 50_000,
    active: true,
    createdAt: start,
  });
  const contact = await contactModel(db.connection).create({
    chatId: '6281234567890@c.us',
    phone: '+6281234567890',
    createdAt: start,
  });
  const order = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      items: [{ sku: 'mawar', qty: 2 }],
      source: 'console',
    },
    { actor: staff, at: start, timeZone: zone },
  );
  if (!order.ok) throw new Error(order.details);
  orderNumber = order.order.number;
  const invoice = await issueInvoice(
    db.connection,
    { orderNumber, dueDate: '2026-11-22' },
    { actor: staff, at: start, timeZone: zone },
  );
  if (!invoice.ok) throw new Error(invoice.details);
});

describe('invoice-overdue job', () => {
  it('marks the invoice overdue on the right local day, reminds at most N times, and sums up for staff daily', async () => {
    const invoice = (await invoiceOfOrder(db.connection, orderNumber))!;
    // 03:00 WIB on the 23rd is still "before 09:00"; 02:00 UTC on the 23rd is 09:00 WIB.
    await run(new Date('2026-11-22T20:00:00Z'));
    await run(wib('2026-11-23T08:59:00'));
    expect((await invoiceOfOrder(db.connection, orderNumber))!.status).toBe('sent');
    expect(await queued(db.connection, 'overdue')).toEqual([]);

    for (let day = 0; day < 8; day++) {
      const nine = addDays(new Date('2026-11-23T02:00:00Z'), day);
      await run(nine);
      await run(new Date(nine.getTime() + 60_000));
      await run(new Date(nine.getTime() + 6 * 3_600_000));
    }
    expect((await invoiceOfOrder(db.connection, orderNumber))!.status).toBe('overdue');

    const reminders = await queued(db.connection, `overdue:${invoice.number}:`);
    expect(reminders.map((item) => [item.key, item.chatId, item.createdAt])).toEqual([
      [`overdue:${invoice.number}:1`, '6281234567890@c.us', wib('2026-11-23T09:00:00')],
      [`overdue:${invoice.number}:2`, '6281234567890@c.us', wib('2026-11-25T09:00:00')],
    ]);

    const summaries = await queued(db.connection, 'overdue-summary:');
    expect(summaries.map((item) => item.key.split(':')[1])).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(summaries.every((item) => item.chatId === '6281299990000@c.us')).toBe(true);
    expect(summaries[0]!.text).toBe(
      `🧾 *1 tagihan lewat jatuh tempo*, sisa Rp100.000:\n` +
        `• ${orderNumber} · ${invoice.number} · sisa Rp100.000 · jatuh tempo 22/11/2026\n` +
        `Detail: *order ${orderNumber}* · kirim ulang tagihan: *invoice ${orderNumber}* · catat pembayaran: *pay ${orderNumber} <jumlah>*`,
    );
  });

  it('sends no summary once nothing is overdue any more', async () => {
    const paid = await recordPayment(
      db.connection,
      { orderNumber, amount: 100_000 },
      { actor: staff, at: wib('2026-12-01T08:00:00'), timeZone: zone },
    );
    if (!paid.ok) throw new Error(paid.details);
    await run(wib('2026-12-01T09:00:00'));
    expect((await invoiceOfOrder(db.connection, orderNumber))!.status).toBe('paid');
    expect(await queued(db.connection, 'overdue-summary:2026-12-01')).toEqual([]);
    expect(await queued(db.connection, 'overdue:')).toHaveLength(2);
  });
});
