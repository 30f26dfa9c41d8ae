import type { Connection, Types } from 'mongoose';
import type { Actor } from '../../audit/audit.model.js';
import { productModel } from '../../catalog/product.model.js';
import { contactModel } from '../../contacts/contact.model.js';
import { checkOverdueInvoices, issueInvoice } from '../../invoices/invoice.use-case.js';
import { changeLeadStage, openLeadForContact } from '../../leads/lead.use-case.js';
import { changeOrderStatus, createOrder } from '../../orders/order.use-case.js';
import { paymentModel } from '../../payments/payment.model.js';
import { recordPayment } from '../../payments/payment.use-case.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.model.js';
import { completeTask, createTask } from '../../tasks/task.use-case.js';

/** A shop-local (WIB, UTC+7) moment. */
export const wib = (local: string) => new Date(`${local}+07:00`);
export const ZONE = 'Asia/Jakarta';
/** Wednesday 25 November 2026, 07:00 WIB: "yesterday" is Tuesday the 24th, the week began Monday the 23rd. */
export const NOW = wib('2026-11-25T07:00:00');

const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const must = <T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> => {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
};

/**
 * A month of a small shop's business, built through the real use cases, with the figures a report must
 * find (see EXPECTED). Orders sit on both sides of local midnight where UTC would put them on another day.
 */
export async function seedShop(connection: Connection, options: { assigneeId?: Types.ObjectId } = {}) {
  await productModel(connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 50_000,
    active: true,
    createdAt: wib('2026-10-01T08:00:00'),
  });
  const contact = async (phone: string, name: string) =>
    (
      await contactModel(connection).create({
        chatId: `${phone.slice(1)}@c.us`,
        phone,
        name,
        createdAt: wib('2026-10-01T08:00:00'),
      })
    ).toObject();
  const ani = await contact('+6281200000001', 'Ani');
  const budi = await contact('+6281200000002', 'Budi');

  const order = async (at: Date, qty: number) =>
    must(
      await createOrder(
        connection,
        {
          kind: 'catalog',
          contactId: ani._id,
          chatId: ani.chatId,
          items: [{ sku: 'mawar', qty }],
          source: 'console',
        },
        { actor: staff, at, timeZone: ZONE },
      ),
      'order',
    ).order;
  await order(wib('2026-10-31T20:00:00'), 1); // last month
  const o1 = await order(wib('2026-11-20T10:00:00'), 2); // this month, last week: 100.000
  const o2 = await order(wib('2026-11-23T10:00:00'), 3); // Monday: 150.000
  const o3 = await order(wib('2026-11-24T00:30:00'), 4); // yesterday (23rd in UTC): 200.000
  const o4 = await order(wib('2026-11-24T23:30:00'), 1); // yesterday, cancelled: 50.000
  await order(wib('2026-11-25T06:00:00'), 2); // today (24th in UTC): 100.000
  must(
    await changeOrderStatus(
      connection,
      { number: o4.number, to: 'cancelled' },
      { actor: staff, at: wib('2026-11-24T23:40:00') },
    ),
    'cancel',
  );

  // Payments verified: 30.000 last week, 200.000 yesterday, 50.000 today; one proof still pending.
  const pay = async (number: string, amount: number, at: Date) =>
    must(
      await recordPayment(connection, { orderNumber: number, amount }, { actor: staff, at, timeZone: ZONE }),
      'payment',
    );
  must(
    await issueInvoice(
      connection,
      { orderNumber: o1.number, dueDate: '2026-11-22' },
      { actor: staff, at: wib('2026-11-20T10:05:00'), timeZone: ZONE },
    ),
    'invoice',
  );
  await pay(o1.number, 30_000, wib('2026-11-21T12:00:00'));
  await pay(o3.number, 200_000, wib('2026-11-24T10:00:00'));
  await pay(o2.number, 50_000, wib('2026-11-25T06:30:00'));
  await paymentModel(connection).create({
    number: 'PAY-202611-0099',
    contactId: budi._id,
    status: 'pending',
    createdAt: wib('2026-11-24T18:00:00'),
  });
  // O1's invoice (due the 22nd, 70.000 still owed) turns overdue at Monday's check.
  await checkOverdueInvoices(connection, {
    now: wib('2026-11-23T09:00:00'),
    timeZone: ZONE,
    policy: DEFAULT_SETTINGS.invoices,
  });

  // Leads: Budi's opened Monday and won yesterday; Ani's opened yesterday.
  const lead = async (contactId: Types.ObjectId, at: Date) =>
    (
      await openLeadForContact(
        connection,
        { contactId, channel: 'organic', at, actor: staff },
        { leadAssignment: 'unassigned' },
      )
    ).lead;
  const budiLead = await lead(budi._id, wib('2026-11-23T09:00:00'));
  must(
    await changeLeadStage(connection, {
      leadId: budiLead._id,
      to: 'won',
      actor: staff,
      at: wib('2026-11-24T15:00:00'),
    }),
    'won',
  );
  await lead(ani._id, wib('2026-11-24T11:00:00'));

  // Tasks: one overdue since yesterday, one due today, one tomorrow, one done.
  const task = async (text: string, dueAt: Date) =>
    must(
      await createTask(
        connection,
        { text, dueAt, ...(options.assigneeId && { assigneeId: options.assigneeId }) },
        { actor: staff, at: wib('2026-11-23T08:00:00'), timeZone: ZONE },
      ),
      'task',
    ).task;
  const overdueTask = await task('telpon Budi soal pelunasan', wib('2026-11-24T16:00:00'));
  const todayTask = await task('kirim foto buket ke Ani', wib('2026-11-25T10:00:00'));
  await task('cek stok pita', wib('2026-11-26T10:00:00'));
  const done = await task('beli kertas', wib('2026-11-25T09:00:00'));
  must(
    await completeTask(connection, { number: done.number }, { actor: staff, at: wib('2026-11-24T12:00:00') }),
    'done',
  );
  return { orders: { o1, o2, o3, o4 }, tasks: { overdueTask, todayTask } };
}
