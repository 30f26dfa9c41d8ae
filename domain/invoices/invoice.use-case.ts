import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { takeNumber } from '../counters/counter.js';
import { botText, formatRupiah } from '../i18n/messages.js';
import { notifyCustomer } from '../notices/notify.js';
import { type Order, orderModel } from '../orders/order.model.js';
import {
  type MoneyFailure,
  monthKey,
  type OrderNumberFailure,
  parseOrderNumber,
} from '../orders/order.rules.js';
import { updateOrderDetails } from '../orders/order.use-case.js';
import { trackingUrl } from '../orders/order-confirmation.js';
import { isDuplicateKey } from '../platform/model.js';
import type { InvoicePolicy, Settings } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { type Invoice, invoiceModel } from './invoice.model.js';
import {
  defaultDueDate,
  formatDay,
  formatInvoiceNumber,
  invoiceNumberPrefix,
  invoiceStatusFor,
  isDay,
  isOpenInvoice,
  localDay,
  parseInvoiceNumber,
  reminderDue,
} from './invoice.rules.js';

/** Who issues, and when; the shop's zone decides the invoice's month and "today". */
export interface InvoiceContext {
  actor: Actor;
  at: Date;
  timeZone: string;
}

/** Expected failures of `issueInvoice`, each with a stable code and a readable English `details`. */
export type InvoiceFailure =
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string }
  | OrderNumberFailure
  | MoneyFailure
  | { ok: false; code: 'ORDER.CLOSED'; details: string; orderNumber: string }
  | { ok: false; code: 'INVOICE.INVALID'; details: string }
  | { ok: false; code: 'INVOICE.ORDER_CANCELLED'; details: string; orderNumber: string }
  | { ok: false; code: 'INVOICE.ALREADY_PAID'; details: string; orderNumber: string; number?: string }
  | {
      ok: false;
      code: 'INVOICE.AMOUNT_TOO_LOW';
      details: string;
      orderNumber: string;
      amount: number;
      paidAmount: number;
    }
  /** A catalog order is billed its total: change its items, discount or shipping fee instead. */
  | {
      ok: false;
      code: 'INVOICE.AMOUNT_MISMATCH';
      details: string;
      orderNumber: string;
      amount: number;
      total: number;
    }
  | { ok: false; code: 'INVOICE.INVALID_DUE'; details: string; dueDate: string; today: string };

export type IssueInvoiceResult =
  | { ok: true; invoice: Invoice; order: Order; created: boolean }
  | InvoiceFailure;

const IssueInput = z.strictObject({
  orderNumber: z.string({ error: 'orderNumber must be an order number' }),
  amount: z.unknown().optional(),
  dueDate: z.unknown().optional(),
});

const positiveAmount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Retries of a conditional write that lost to a concurrent change, before giving up as a bug. */
const ATTEMPTS = 5;

const SYSTEM: Actor = { kind: 'system', name: 'invoice-overdue' };

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────

/** The invoice of an order (any case, spaces ignored); null when it has none or the number is malformed. */
export async function invoiceOfOrder(connection: Connection, orderNumber: string): Promise<Invoice | null> {
  const parsed = parseOrderNumber(orderNumber);
  if (!parsed.ok) return null;
  return invoiceModel(connection).findOne({ orderNumber: parsed.text }).lean<Invoice>();
}

/** The invoice with this number (`inv-202611-0007` works too); null when unknown or malformed. */
export async function invoiceByNumber(connection: Connection, number: string): Promise<Invoice | null> {
  const parsed = parseInvoiceNumber(number);
  if (!parsed) return null;
  return invoiceModel(connection).findOne({ number: parsed }).lean<Invoice>();
}

/** Every invoice currently overdue, longest overdue first (for the admins' summary). */
export async function overdueInvoices(connection: Connection): Promise<Invoice[]> {
  return invoiceModel(connection)
    .find({ status: 'overdue' })
    .sort({ dueDate: 1, number: 1 })
    .lean<Invoice[]>();
}

// ── Numbers ───────────────────────────────────────────────────────────────────────────────────────

/** Take the next invoice number of the shop's month from the shared never-reused counters. */
async function nextInvoiceNumber(connection: Connection, at: Date, timeZone: string): Promise<string> {
  const yyyymm = monthKey(at, timeZone);
  return formatInvoiceNumber(yyyymm, await takeNumber(connection, invoiceNumberPrefix(yyyymm)));
}

// ── Texts ─────────────────────────────────────────────────────────────────────────────────────────

const instructionsOf = (settings: Settings) =>
  settings.paymentInstructions.trim()
    ? botText(settings.locale, 'notice.invoice.instructions', {
        instructions: settings.paymentInstructions.trim(),
      })
    : '';

/** What is billed, line by line, as the customer reads it. */
function billLines(settings: Settings, order: Order): string {
  const { locale } = settings;
  const lines =
    order.kind === 'catalog'
      ? order.items.map((item) =>
          botText(locale, 'notice.invoice.item_line', {
            qty: item.qty,
            name: item.name,
            subtotal: formatRupiah(item.subtotal),
          }),
        )
      : [
          botText(locale, 'notice.invoice.custom_line', {
            description: ellipsis(order.custom?.description ?? order.number, 200),
          }),
        ];
  if (order.discount > 0)
    lines.push(botText(locale, 'notice.invoice.discount_line', { value: formatRupiah(order.discount) }));
  if (order.shippingFee > 0)
    lines.push(botText(locale, 'notice.invoice.shipping_line', { value: formatRupiah(order.shippingFee) }));
  return lines.join('\n');
}

const ellipsis = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Send (or re-send) the invoice to the customer; one message per revision of the invoice. */
async function sendInvoice(connection: Connection, invoice: Invoice, order: Order, at: Date): Promise<void> {
  const settings = await getSettings(connection);
  const outstanding = Math.max(0, invoice.amount - invoice.paidAmount);
  await notifyCustomer(
    connection,
    invoice.chatId,
    {
      key: `invoice:${invoice.number}:${invoice.revision}`,
      text: 'notice.invoice.sent',
      params: {
        number: invoice.number,
        order: invoice.orderNumber,
        items: billLines(settings, order),
        amount: formatRupiah(invoice.amount),
        paid:
          invoice.paidAmount > 0
            ? botText(settings.locale, 'notice.invoice.paid', {
                paid: formatRupiah(invoice.paidAmount),
                outstanding: formatRupiah(outstanding),
              })
            : '',
        due: formatDay(invoice.dueDate, settings.locale),
        instructions: instructionsOf(settings),
        link: trackingUrl(settings, order),
      },
      origin: 'staff',
    },
    at,
  );
}

/** The polite overdue reminder number `n` of an invoice (its key makes a repeat send nothing new). */
async function sendReminder(
  connection: Connection,
  invoice: Invoice,
  order: Order | undefined,
  settings: Settings,
  at: Date,
): Promise<boolean> {
  return notifyCustomer(
    connection,
    invoice.chatId,
    {
      key: `overdue:${invoice.number}:${invoice.remindersSent}`,
      text: 'notice.overdue.reminder',
      params: {
        number: invoice.number,
        order: invoice.orderNumber,
        outstanding: formatRupiah(Math.max(0, invoice.amount - invoice.paidAmount)),
        due: formatDay(invoice.dueDate, settings.locale),
        instructions: instructionsOf(settings),
        link: order ? trackingUrl(settings, order) : settings.publicBaseUrl,
      },
    },
    at,
  );
}

// ── Issuing ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Bill an order and send the bill to the customer: the items (or the custom brief) and total, the due
 * date, the shop's payment instructions and the tracking link. The first call creates the order's one
 * invoice (`INV-YYYYMM-NNNN` in the shop's month); every later call re-issues it — new amount and due
 * date, status back to sent or partial — and sends it again (each revision is one message).
 *
 * Amount: a custom order's amount becomes its agreed price (so the order's total is what is billed);
 * a catalog order is billed its total. Due date: given, else the current one while it has not passed,
 * else today + `settings.invoices.dueDays` (shop-local). Refused for cancelled and fully paid orders, for
 * an amount below what was already paid, and for a due date before today. Checks come before any write.
 */
export async function issueInvoice(
  connection: Connection,
  input: { orderNumber: string; amount?: number; dueDate?: string },
  context: InvoiceContext,
): Promise<IssueInvoiceResult> {
  const shape = IssueInput.safeParse(input);
  if (!shape.success)
    return {
      ok: false,
      code: 'INVOICE.INVALID',
      details: shape.error.issues.map((issue) => issue.message).join('; '),
    };
  const parsed = parseOrderNumber(shape.data.orderNumber);
  if (!parsed.ok) return parsed;
  const givenAmount = shape.data.amount;
  if (givenAmount !== undefined && !positiveAmount.safeParse(givenAmount).success)
    return {
      ok: false,
      code: 'MONEY.INVALID',
      details: `the amount must be a whole, positive number of rupiah (got ${String(givenAmount)})`,
      field: 'amount',
    };
  const today = localDay(context.at, context.timeZone);
  const givenDue = shape.data.dueDate;
  if (givenDue !== undefined && (typeof givenDue !== 'string' || !isDay(givenDue)))
    return {
      ok: false,
      code: 'INVOICE.INVALID_DUE',
      details: `the due date must be a date written YYYY-MM-DD (got ${String(givenDue)})`,
      dueDate: String(givenDue),
      today,
    };
  if (typeof givenDue === 'string' && givenDue < today)
    return {
      ok: false,
      code: 'INVOICE.INVALID_DUE',
      details: `the due date ${givenDue} is already past (today is ${today})`,
      dueDate: givenDue,
      today,
    };

  let order = await orderModel(connection).findOne({ number: parsed.text }).lean<Order>();
  if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${parsed.text}` };
  const existing = await invoiceModel(connection).findOne({ orderNumber: order.number }).lean<Invoice>();
  if (order.status === 'cancelled')
    return {
      ok: false,
      code: 'INVOICE.ORDER_CANCELLED',
      details: `order ${order.number} is cancelled; it cannot be billed`,
      orderNumber: order.number,
    };
  if (order.paymentStatus === 'paid')
    return {
      ok: false,
      code: 'INVOICE.ALREADY_PAID',
      details: `order ${order.number} is already fully paid (${formatRupiah(order.paidAmount)}); there is nothing to bill`,
      orderNumber: order.number,
      ...(existing && { number: existing.number }),
    };

  const amount = typeof givenAmount === 'number' ? givenAmount : order.total;
  if (amount <= 0)
    return {
      ok: false,
      code: 'MONEY.INVALID',
      details: `order ${order.number} has no price yet; give the amount to bill`,
      field: 'amount',
    };
  if (order.kind === 'catalog' && amount !== order.total)
    return {
      ok: false,
      code: 'INVOICE.AMOUNT_MISMATCH',
      details: `order ${order.number} totals ${formatRupiah(order.total)}; a catalog order is billed its total, so change its items, discount or shipping fee instead of billing ${formatRupiah(amount)}`,
      orderNumber: order.number,
      amount,
      total: order.total,
    };
  if (amount < order.paidAmount)
    return {
      ok: false,
      code: 'INVOICE.AMOUNT_TOO_LOW',
      details: `${formatRupiah(amount)} is less than the ${formatRupiah(order.paidAmount)} already paid on order ${order.number}`,
      orderNumber: order.number,
      amount,
      paidAmount: order.paidAmount,
    };
  if (order.kind === 'custom' && amount !== order.total) {
    // The agreed price is the subtotal: discount and shipping stay, so the total is the amount billed.
    const agreedPrice = amount + order.discount - order.shippingFee;
    if (agreedPrice < 0)
      return {
        ok: false,
        code: 'MONEY.INVALID',
        details: `${formatRupiah(amount)} is less than order ${order.number}'s shipping fee after its discount`,
        field: 'amount',
      };
    const priced = await updateOrderDetails(
      connection,
      { number: order.number, patch: { agreedPrice } },
      { actor: context.actor, at: context.at },
    );
    if (!priced.ok) {
      if (priced.code === 'ORDER.CLOSED')
        return {
          ok: false,
          code: 'ORDER.CLOSED',
          details: `order ${order.number} is ${priced.status}; its price can no longer change`,
          orderNumber: order.number,
        };
      throw new Error(`pricing order ${order.number} failed: ${priced.code}: ${priced.details}`);
    }
    order = priced.order;
  }

  const settings = await getSettings(connection);
  let invoice: Invoice;
  let created = false;
  if (!existing) {
    const dueDate = givenDue ?? defaultDueDate(context.at, context.timeZone, settings.invoices.dueDays);
    const fresh = await createInvoice(connection, order, { amount, dueDate }, context);
    if (!fresh.created) return { ok: true, invoice: fresh.invoice, order, created: false };
    invoice = fresh.invoice;
    created = true;
  } else {
    invoice = await reissue(connection, existing, order, { amount, givenDue, today, settings }, context);
  }
  await sendInvoice(connection, invoice, order, context.at);
  // A payment counted on the order while this was being written reaches the invoice here.
  const synced = await syncInvoiceWithOrder(
    connection,
    (await orderModel(connection).findById(order._id).lean<Order>()) ?? order,
    context,
  );
  return { ok: true, invoice: synced ?? invoice, order, created };
}

/**
 * Insert the order's invoice, already sent (the message follows). A simultaneous first issue of the
 * same order loses on the unique order number and gets the winner's invoice (`created: false`).
 */
async function createInvoice(
  connection: Connection,
  order: Order,
  bill: { amount: number; dueDate: string },
  context: InvoiceContext,
): Promise<{ invoice: Invoice; created: boolean }> {
  const model = invoiceModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const number = await nextInvoiceNumber(connection, context.at, context.timeZone);
    try {
      const invoice = (
        await model.create({
          number,
          orderId: order._id,
          orderNumber: order.number,
          contactId: order.contactId,
          chatId: order.chatId,
          amount: bill.amount,
          paidAmount: order.paidAmount,
          appliedPayments: order.appliedPayments,
          dueDate: bill.dueDate,
          status: invoiceStatusFor(bill.amount, order.paidAmount, 'sent'),
          sentAt: context.at,
          remindersSent: 0,
          revision: 0,
          createdAt: context.at,
          updatedAt: context.at,
        })
      ).toObject<Invoice>();
      await audit(
        connection,
        {
          entity: 'invoice',
          entityId: invoice._id,
          action: 'issued',
          actor: context.actor,
          after: {
            number,
            orderNumber: order.number,
            amount: invoice.amount,
            dueDate: invoice.dueDate,
            status: invoice.status,
          },
        },
        context.at,
      );
      return { invoice, created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await model.findOne({ orderNumber: order.number }).lean<Invoice>();
      if (winner) return { invoice: winner, created: false };
      // The number was taken some other way (an import): take a fresh one.
    }
  }
  throw new Error(`no free invoice number after ${ATTEMPTS} attempts`);
}

/** Re-issue an order's invoice with a new amount and due date; it is open again (sent or partial). */
async function reissue(
  connection: Connection,
  current: Invoice,
  order: Order,
  bill: { amount: number; givenDue: string | undefined; today: string; settings: Settings },
  context: InvoiceContext,
): Promise<Invoice> {
  const model = invoiceModel(connection);
  let invoice = current;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const dueDate =
      bill.givenDue ??
      (invoice.dueDate >= bill.today
        ? invoice.dueDate
        : defaultDueDate(context.at, context.timeZone, bill.settings.invoices.dueDays));
    // The order is where payments are counted; the invoice catches up with it here.
    const paid =
      order.paidAmount > invoice.paidAmount
        ? { paidAmount: order.paidAmount, appliedPayments: order.appliedPayments }
        : { paidAmount: invoice.paidAmount, appliedPayments: invoice.appliedPayments };
    const status = invoiceStatusFor(bill.amount, paid.paidAmount, 'sent');
    const updated = await model
      .findOneAndUpdate(
        { _id: invoice._id, revision: invoice.revision },
        {
          $set: { amount: bill.amount, dueDate, status, ...paid, sentAt: context.at, updatedAt: context.at },
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<Invoice>();
    if (!updated) {
      const again = await model.findById(invoice._id).lean<Invoice>();
      if (!again) throw new Error(`invoice ${invoice.number} disappeared while being re-issued`);
      invoice = again;
      continue;
    }
    await audit(
      connection,
      {
        entity: 'invoice',
        entityId: invoice._id,
        action: 'reissued',
        actor: context.actor,
        before: { amount: invoice.amount, dueDate: invoice.dueDate, status: invoice.status },
        after: { amount: updated.amount, dueDate: updated.dueDate, status: updated.status },
      },
      context.at,
    );
    return updated;
  }
  throw new Error(`invoice ${current.number} kept changing while being re-issued`);
}

// ── Following the order ───────────────────────────────────────────────────────────────────────────

/**
 * Bring an order's invoice up to what the order has received (call after counting a payment on the
 * order): paid amount, counted payments and status (partial, paid; an overdue one stays overdue until
 * paid). Only ever moves the paid amount up, so concurrent callers holding older snapshots of the order
 * cannot undo a newer one, and a repeat changes nothing. Null when the order has no invoice.
 */
export async function syncInvoiceWithOrder(
  connection: Connection,
  order: Order,
  context: { actor: Actor; at: Date },
): Promise<Invoice | null> {
  const model = invoiceModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const invoice = await model.findOne({ orderNumber: order.number }).lean<Invoice>();
    if (!invoice) return null;
    if (invoice.status === 'cancelled' || order.paidAmount <= invoice.paidAmount) return invoice;
    const status = invoiceStatusFor(invoice.amount, order.paidAmount, invoice.status);
    const updated = await model
      .findOneAndUpdate(
        { _id: invoice._id, revision: invoice.revision, paidAmount: { $lt: order.paidAmount } },
        {
          $set: {
            paidAmount: order.paidAmount,
            appliedPayments: order.appliedPayments,
            status,
            updatedAt: context.at,
          },
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<Invoice>();
    if (!updated) continue;
    await audit(
      connection,
      {
        entity: 'invoice',
        entityId: invoice._id,
        action: 'payment_applied',
        actor: context.actor,
        before: { paidAmount: invoice.paidAmount, status: invoice.status },
        after: { paidAmount: updated.paidAmount, status: updated.status },
      },
      context.at,
    );
    return updated;
  }
  throw new Error(
    `invoice of ${order.number} kept changing while its payments were being brought up to date`,
  );
}

/**
 * Cancel an order's open invoice (its order was cancelled): no more reminders. Returns the invoice as
 * it is now; null when the order has none. A repeat changes nothing.
 */
export async function cancelInvoiceOfOrder(
  connection: Connection,
  orderNumber: string,
  context: { actor: Actor; at: Date },
): Promise<Invoice | null> {
  const invoice = await invoiceOfOrder(connection, orderNumber);
  if (!invoice || invoice.status === 'cancelled' || invoice.status === 'paid') return invoice;
  const updated = await invoiceModel(connection)
    .findOneAndUpdate(
      { _id: invoice._id, status: { $nin: ['cancelled', 'paid'] } },
      { $set: { status: 'cancelled', updatedAt: context.at }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    )
    .lean<Invoice>();
  if (!updated) return invoiceModel(connection).findById(invoice._id).lean<Invoice>();
  await audit(
    connection,
    {
      entity: 'invoice',
      entityId: invoice._id,
      action: 'cancelled',
      actor: context.actor,
      before: { status: invoice.status },
      after: { status: 'cancelled' },
    },
    context.at,
  );
  return updated;
}

// ── The daily overdue check ───────────────────────────────────────────────────────────────────────

/** Mark one sent or partial invoice overdue, once; the invoice as it is now otherwise. */
async function markOverdue(connection: Connection, invoice: Invoice, actor: Actor, at: Date) {
  const updated = await invoiceModel(connection)
    .findOneAndUpdate(
      { _id: invoice._id, status: { $in: ['sent', 'partial'] }, dueDate: invoice.dueDate },
      { $set: { status: 'overdue', updatedAt: at }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    )
    .lean<Invoice>();
  if (!updated)
    return { invoice: await invoiceModel(connection).findById(invoice._id).lean<Invoice>(), changed: false };
  await audit(
    connection,
    {
      entity: 'invoice',
      entityId: invoice._id,
      action: 'overdue',
      actor,
      before: { status: invoice.status },
      after: { status: 'overdue', dueDate: invoice.dueDate },
    },
    at,
  );
  return { invoice: updated, changed: true };
}

/**
 * The daily overdue check (idempotent: running it twice at the same moment has one effect). Brings
 * each open invoice up to its order's payments (a paid one is never reminded; one whose order was
 * cancelled is cancelled), marks sent and partial invoices whose due day is over in the shop's zone
 * overdue, and sends each overdue one a polite reminder — at most `policy.maxReminders`, at least
 * `policy.reminderEveryDays` local days apart. Reminder `n` is claimed by a conditional update of
 * `remindersSent` before it is queued under the key `overdue:<INV>:<n>`; a claim whose message was
 * lost to a crash is queued again by a later run the same day. `overdue`: every open overdue invoice.
 */
export async function checkOverdueInvoices(
  connection: Connection,
  input: { now: Date; timeZone: string; policy: InvoicePolicy; actor?: Actor },
): Promise<{ newlyOverdue: Invoice[]; reminded: Invoice[]; overdue: Invoice[] }> {
  const { now, timeZone, policy } = input;
  const actor = input.actor ?? SYSTEM;
  const context = { actor, at: now };
  const today = localDay(now, timeZone);
  const model = invoiceModel(connection);
  const candidates = await model
    .find({
      $or: [{ status: { $in: ['sent', 'partial'] }, dueDate: { $lt: today } }, { status: 'overdue' }],
    })
    .sort({ dueDate: 1, number: 1 })
    .lean<Invoice[]>();
  const orders = new Map(
    (
      await orderModel(connection)
        .find({ number: { $in: candidates.map((invoice) => invoice.orderNumber) } })
        .lean<Order[]>()
    ).map((order) => [order.number, order]),
  );
  const settings = await getSettings(connection);
  const newlyOverdue: Invoice[] = [];
  const reminded: Invoice[] = [];
  const overdue: Invoice[] = [];
  for (const candidate of candidates) {
    const order = orders.get(candidate.orderNumber);
    if (order?.status === 'cancelled') {
      await cancelInvoiceOfOrder(connection, order.number, context);
      continue;
    }
    let invoice: Invoice | null = order ? await syncInvoiceWithOrder(connection, order, context) : candidate;
    if (!invoice || !isOpenInvoice(invoice.status)) continue;
    if (invoice.status !== 'overdue') {
      if (invoice.dueDate >= today) continue;
      const marked = await markOverdue(connection, invoice, actor, now);
      invoice = marked.invoice;
      if (invoice?.status !== 'overdue') continue;
      if (marked.changed) newlyOverdue.push(invoice);
    }
    if (reminderDue(invoice, now, timeZone, policy)) {
      const claimed = await model
        .findOneAndUpdate(
          { _id: invoice._id, status: 'overdue', remindersSent: invoice.remindersSent },
          {
            $set: { lastReminderAt: now, updatedAt: now },
            $inc: { remindersSent: 1, revision: 1 },
          },
          { returnDocument: 'after' },
        )
        .lean<Invoice>();
      if (claimed) {
        await sendReminder(connection, claimed, order, settings, now);
        await audit(
          connection,
          {
            entity: 'invoice',
            entityId: claimed._id,
            action: 'reminded',
            actor,
            before: { remindersSent: invoice.remindersSent },
            after: { remindersSent: claimed.remindersSent },
          },
          now,
        );
        reminded.push(claimed);
        invoice = claimed;
      }
    } else if (
      invoice.remindersSent > 0 &&
      invoice.lastReminderAt &&
      localDay(invoice.lastReminderAt, timeZone) === today
    ) {
      // Today's reminder was claimed; queue it again in case the claimer stopped before queueing it
      // (the key makes this a no-op when it was queued).
      await sendReminder(connection, invoice, order, settings, now);
    }
    overdue.push(invoice);
  }
  return { newlyOverdue, reminded, overdue };
}
