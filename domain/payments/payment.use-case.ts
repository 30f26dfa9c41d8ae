import { type Connection, Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { contactModel } from '../contacts/contact.model.js';
import { takeNumber } from '../counters/counter.js';
import { botText, formatRupiah } from '../i18n/messages.js';
import type { Invoice } from '../invoices/invoice.model.js';
import { syncInvoiceWithOrder } from '../invoices/invoice.use-case.js';
import { notifyCustomer } from '../notices/notify.js';
import { type Order, orderModel, PAYMENT_METHODS, type PaymentMethod } from '../orders/order.model.js';
import {
  type MoneyFailure,
  monthKey,
  type OrderNumberFailure,
  parseOrderNumber,
} from '../orders/order.rules.js';
import {
  applyPaymentToOrder,
  type OrderCancelledFailure,
  type OverpaidFailure,
  orderCancelled,
  outstandingOf,
  overpaid,
} from '../orders/order-payment.use-case.js';
import { isDuplicateKey } from '../platform/model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { type Payment, paymentModel } from './payment.model.js';
import { formatPaymentNumber, parsePaymentNumber } from './payment.rules.js';

/** Who decides about a payment, and when (the zone is accepted, and needed only to number a new payment). */
export interface PaymentContext {
  actor: Actor;
  at: Date;
  timeZone?: string;
}

type OrderNotFound = { ok: false; code: 'ORDER.NOT_FOUND'; details: string };
type InvalidNumber = { ok: false; code: 'PAYMENT.INVALID_NUMBER'; details: string };
type NotFound = { ok: false; code: 'PAYMENT.NOT_FOUND'; details: string; number: string };

export type RecordPaymentResult =
  | { ok: true; payment: Payment; order: Order; invoice: Invoice | null; created: boolean }
  | OrderNotFound
  | OrderNumberFailure
  | MoneyFailure
  | { ok: false; code: 'PAYMENT.INVALID'; details: string }
  | OverpaidFailure
  | OrderCancelledFailure;

export type VerifyPaymentResult =
  | { ok: true; payment: Payment; order: Order; invoice: Invoice | null; changed: boolean }
  | InvalidNumber
  | NotFound
  | { ok: false; code: 'PAYMENT.ALREADY_REJECTED'; details: string; number: string; reason?: string }
  | { ok: false; code: 'PAYMENT.NO_ORDER'; details: string; number: string; candidates: string[] }
  | OrderNotFound
  | OrderNumberFailure
  | MoneyFailure
  | OverpaidFailure
  | OrderCancelledFailure;

export type RejectPaymentResult =
  | { ok: true; payment: Payment; changed: boolean }
  | InvalidNumber
  | NotFound
  | { ok: false; code: 'PAYMENT.ALREADY_VERIFIED'; details: string; number: string }
  | { ok: false; code: 'PAYMENT.INVALID'; details: string };

const positiveAmount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const reasonSchema = z
  .string({ error: 'the reason must be text' })
  .trim()
  .min(1, { error: 'the reason must not be empty' })
  .max(300, { error: 'the reason must be at most 300 characters' });
const methodSchema = z.enum(PAYMENT_METHODS, { error: 'the method must be transfer, qris, cod or cash' });

/** Retries of a step that lost to a concurrent change, before giving up as a bug. */
const ATTEMPTS = 5;

const invalidAmount = (value: unknown): MoneyFailure => ({
  ok: false,
  code: 'MONEY.INVALID',
  details: `the amount must be a whole, positive number of rupiah (got ${String(value)})`,
  field: 'amount',
});

const invalidNumber = (text: string): InvalidNumber => ({
  ok: false,
  code: 'PAYMENT.INVALID_NUMBER',
  details: `"${text}" is not a payment number like PAY-202611-0001`,
});

const notFound = (number: string): NotFound => ({
  ok: false,
  code: 'PAYMENT.NOT_FOUND',
  details: `there is no payment ${number}`,
  number,
});

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────

/** The payment with this number (`pay-202611-0003` works too); null when unknown or malformed. */
export async function paymentByNumber(connection: Connection, number: string): Promise<Payment | null> {
  const parsed = parsePaymentNumber(number);
  if (!parsed) return null;
  return paymentModel(connection).findOne({ number: parsed }).lean<Payment>();
}

/** Payments waiting for an admin's decision, oldest first. */
export async function pendingPayments(connection: Connection, limit = 20): Promise<Payment[]> {
  return paymentModel(connection)
    .find({ status: 'pending' })
    .sort({ createdAt: 1, _id: 1 })
    .limit(limit)
    .lean<Payment[]>();
}

// ── Numbers ───────────────────────────────────────────────────────────────────────────────────────

/** PAY-YYYYMM-NNNN from the same never-reused monthly counters as order numbers. */
async function nextPaymentNumber(connection: Connection, at: Date, timeZone: string): Promise<string> {
  const month = monthKey(at, timeZone);
  return formatPaymentNumber(month, await takeNumber(connection, `PAY-${month}`));
}

// ── Proofs ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A customer sent a payment proof (photo, document or "sudah transfer"): a pending payment for admins
 * to verify. One per WhatsApp message, so a redelivered message records nothing new.
 */
export async function recordPaymentProof(
  connection: Connection,
  input: {
    contactId: Types.ObjectId;
    orderNumber?: string;
    amount?: number;
    proofPath?: string;
    messageId: string;
  },
  context: { actor: Actor; at: Date; timeZone: string },
): Promise<{ payment: Payment; created: boolean }> {
  const existing = await paymentModel(connection).findOne({ messageId: input.messageId }).lean<Payment>();
  if (existing) return { payment: existing, created: false };
  const number = await nextPaymentNumber(connection, context.at, context.timeZone);
  try {
    const created = await paymentModel(connection).create({
      ...input,
      number,
      status: 'pending',
      createdAt: context.at,
      updatedAt: context.at,
    });
    const payment = created.toObject() as Payment;
    await audit(
      connection,
      {
        entity: 'payment',
        entityId: payment._id,
        action: 'proof_received',
        actor: context.actor,
        after: { number, ...input },
      },
      context.at,
    );
    return { payment, created: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const payment = await paymentModel(connection).findOne({ messageId: input.messageId }).lean<Payment>();
    if (!payment) throw error;
    return { payment, created: false };
  }
}

// ── Telling the customer ──────────────────────────────────────────────────────────────────────────

/** "We received Rp… for ORD-…", with what is still to pay or that it is settled. Once per payment. */
async function tellVerified(connection: Connection, payment: Payment, order: Order, at: Date): Promise<void> {
  const { locale } = await getSettings(connection);
  const outstanding = outstandingOf(order);
  await notifyCustomer(
    connection,
    order.chatId,
    {
      key: `payment-verified:${payment.number}`,
      text: 'notice.payment.received',
      params: {
        amount: formatRupiah(payment.amount ?? 0),
        order: order.number,
        balance:
          outstanding > 0
            ? botText(locale, 'notice.payment.remaining', { outstanding: formatRupiah(outstanding) })
            : botText(locale, 'notice.payment.settled'),
      },
      origin: 'staff',
    },
    at,
  );
}

/** "We could not accept PAY-…: <reason>", politely. Once per payment. */
async function tellRejected(connection: Connection, payment: Payment, at: Date): Promise<void> {
  const contact = await contactModel(connection).findById(payment.contactId).lean<{ chatId: string }>();
  if (!contact) return;
  const { locale } = await getSettings(connection);
  await notifyCustomer(
    connection,
    contact.chatId,
    {
      key: `payment-rejected:${payment.number}`,
      text: 'notice.payment.rejected',
      params: {
        number: payment.number,
        order: payment.orderNumber
          ? botText(locale, 'notice.payment.for_order', { order: payment.orderNumber })
          : '',
        reason: payment.rejectReason ?? '',
      },
      origin: 'staff',
    },
    at,
  );
}

// ── Verification ──────────────────────────────────────────────────────────────────────────────────

type Finished = { ok: true; payment: Payment; order: Order; invoice: Invoice | null; changed: boolean };

/**
 * Finish a payment that is `verifying` (its amount and order fixed): count it on the order (idempotent
 * by its number), bring the invoice along, flip it to verified — whoever flips it reports
 * `changed: true` and writes the audit — and tell the customer (idempotent by key). Called by the
 * verifier that claimed it, by a concurrent verifier, and by a later verify after a crash midway.
 * When the order refuses the money (cancelled, or overpaid by a payment counted meanwhile), the
 * payment goes back to pending as it was (`restore`) and the failure is returned.
 */
async function complete(
  connection: Connection,
  payment: Payment,
  context: PaymentContext,
  options: { action: 'verified' | 'recorded'; restore?: Pick<Payment, 'amount' | 'orderNumber'> } = {
    action: 'verified',
  },
): Promise<
  Finished | OrderNotFound | OrderNumberFailure | MoneyFailure | OverpaidFailure | OrderCancelledFailure
> {
  const model = paymentModel(connection);
  if (!payment.orderNumber || payment.amount === undefined)
    throw new Error(`payment ${payment.number} is ${payment.status} without an order or an amount`);
  const applied = await applyPaymentToOrder(
    connection,
    { orderNumber: payment.orderNumber, paymentNumber: payment.number, amount: payment.amount },
    context,
  );
  if (!applied.ok) {
    if (payment.status === 'verifying') {
      const restore = options.restore;
      const unset = restore
        ? Object.fromEntries(
            (['amount', 'orderNumber'] as const)
              .filter((key) => restore[key] === undefined)
              .map((key) => [key, 1]),
          )
        : {};
      await model.updateOne(
        { _id: payment._id, status: 'verifying' },
        {
          $set: {
            status: 'pending',
            updatedAt: context.at,
            ...(restore?.amount !== undefined && { amount: restore.amount }),
            ...(restore?.orderNumber !== undefined && { orderNumber: restore.orderNumber }),
          },
          ...(Object.keys(unset).length > 0 && { $unset: unset }),
        },
      );
    }
    return applied;
  }
  const invoice = await syncInvoiceWithOrder(connection, applied.order, context);
  const verified = await model
    .findOneAndUpdate(
      { _id: payment._id, status: 'verifying' },
      {
        $set: {
          status: 'verified',
          verifiedAt: context.at,
          verifiedBy: context.actor,
          updatedAt: context.at,
        },
      },
      { returnDocument: 'after' },
    )
    .lean<Payment>();
  if (verified)
    await audit(
      connection,
      {
        entity: 'payment',
        entityId: payment._id,
        action: options.action,
        actor: context.actor,
        before: { status: options.action === 'recorded' ? 'new' : 'pending' },
        after: {
          status: 'verified',
          amount: verified.amount,
          orderNumber: verified.orderNumber,
          ...(verified.method && { method: verified.method }),
        },
      },
      context.at,
    );
  const now = verified ?? (await model.findById(payment._id).lean<Payment>()) ?? payment;
  await tellVerified(connection, now, applied.order, context.at);
  return { ok: true, payment: now, order: applied.order, invoice, changed: verified !== null };
}

/** The order a proof without an order number is for: the contact's only unpaid, not cancelled order. */
async function soleUnpaidOrder(
  connection: Connection,
  payment: Payment,
): Promise<{ ok: true; orderNumber: string } | { ok: false; candidates: string[] }> {
  const unpaid = await orderModel(connection)
    .find({
      contactId: new Types.ObjectId(String(payment.contactId)),
      status: { $ne: 'cancelled' },
      paymentStatus: { $in: ['unpaid', 'partial'] },
    })
    .sort({ createdAt: -1 })
    .limit(10)
    .lean<Order[]>();
  const only = unpaid.length === 1 ? unpaid[0] : undefined;
  return only
    ? { ok: true, orderNumber: only.number }
    : { ok: false, candidates: unpaid.map((order) => order.number) };
}

/**
 * An admin confirms a payment. Amount: the one given, else the one on the payment, else what is
 * outstanding on the order. Order: the one given, else the proof's, else the contact's only unpaid
 * order. pending → verifying (claimed, amount and order fixed) → counted on the order and invoice →
 * verified, and the customer is told what was received and what remains. A verification that stopped
 * midway (left `verifying`) is finished by verifying again, with the amount and order it started with;
 * two concurrent verifications count once, and only one reports `changed: true`. A verified payment
 * verified again is `changed: false`. Overpayment and cancelled orders are refused before any write.
 */
export async function verifyPayment(
  connection: Connection,
  input: { number: string; amount?: number; orderNumber?: string },
  context: PaymentContext,
): Promise<VerifyPaymentResult> {
  const number = typeof input.number === 'string' ? parsePaymentNumber(input.number) : null;
  if (!number) return invalidNumber(String(input.number));
  if (input.amount !== undefined && !positiveAmount.safeParse(input.amount).success)
    return invalidAmount(input.amount);
  let givenOrder: string | undefined;
  if (input.orderNumber !== undefined) {
    const parsed = parseOrderNumber(String(input.orderNumber));
    if (!parsed.ok) return parsed;
    givenOrder = parsed.text;
  }
  const model = paymentModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const payment = await model.findOne({ number }).lean<Payment>();
    if (!payment) return notFound(number);
    if (payment.status === 'rejected')
      return {
        ok: false,
        code: 'PAYMENT.ALREADY_REJECTED',
        details: `payment ${number} was rejected${payment.rejectReason ? ` (${payment.rejectReason})` : ''}; it cannot be verified`,
        number,
        ...(payment.rejectReason && { reason: payment.rejectReason }),
      };
    if (payment.status === 'verifying' || payment.status === 'verified') {
      if (payment.status === 'verified' && (!payment.orderNumber || payment.amount === undefined))
        throw new Error(`payment ${number} is verified without an order or an amount`);
      return complete(connection, payment, context);
    }

    // Pending: judge it, then claim it.
    let orderNumber = givenOrder ?? payment.orderNumber;
    if (!orderNumber) {
      const sole = await soleUnpaidOrder(connection, payment);
      if (!sole.ok)
        return {
          ok: false,
          code: 'PAYMENT.NO_ORDER',
          details:
            sole.candidates.length === 0
              ? `payment ${number} names no order and its customer has no unpaid order; say which order it is for`
              : `payment ${number} names no order and its customer has ${sole.candidates.length} unpaid orders (${sole.candidates.join(', ')}); say which one it is for`,
          number,
          candidates: sole.candidates,
        };
      orderNumber = sole.orderNumber;
    }
    const order = await orderModel(connection).findOne({ number: orderNumber }).lean<Order>();
    if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${orderNumber}` };
    if (order.status === 'cancelled') return orderCancelled(order);
    const amount = input.amount ?? payment.amount ?? outstandingOf(order);
    if (amount <= 0 || amount > outstandingOf(order)) return overpaid(order, amount);
    const claimed = await model
      .findOneAndUpdate(
        { _id: payment._id, status: 'pending' },
        { $set: { status: 'verifying', amount, orderNumber, updatedAt: context.at } },
        { returnDocument: 'after' },
      )
      .lean<Payment>();
    // Someone else claimed (or rejected) it first: see what it is now.
    if (!claimed) continue;
    return complete(connection, claimed, context, {
      action: 'verified',
      restore: { amount: payment.amount, orderNumber: payment.orderNumber },
    });
  }
  throw new Error(`payment ${number} kept changing while being verified`);
}

/**
 * An admin records money received outside WhatsApp (`pay ORD-… <amount> [method]`): a payment that is
 * verified at once, counted on the order and invoice, and the customer is told. Overpayment and
 * cancelled orders are refused and nothing is written. With a `messageId` (the admin's command) a
 * repeat returns the first payment (`created: false`) and finishes it if it had stopped midway.
 */
export async function recordPayment(
  connection: Connection,
  input: { orderNumber: string; amount: number; method?: PaymentMethod; messageId?: string },
  context: PaymentContext & { timeZone: string },
): Promise<RecordPaymentResult> {
  const parsed = parseOrderNumber(String(input.orderNumber));
  if (!parsed.ok) return parsed;
  if (!positiveAmount.safeParse(input.amount).success) return invalidAmount(input.amount);
  if (input.method !== undefined && !methodSchema.safeParse(input.method).success)
    return { ok: false, code: 'PAYMENT.INVALID', details: 'the method must be transfer, qris, cod or cash' };
  const model = paymentModel(connection);
  if (input.messageId) {
    const existing = await model.findOne({ messageId: input.messageId }).lean<Payment>();
    if (existing) return replayedRecord(connection, existing, context);
  }
  const order = await orderModel(connection).findOne({ number: parsed.text }).lean<Order>();
  if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${parsed.text}` };
  if (order.status === 'cancelled') return orderCancelled(order);
  if (input.amount > outstandingOf(order)) return overpaid(order, input.amount);

  const number = await nextPaymentNumber(connection, context.at, context.timeZone);
  let payment: Payment;
  try {
    payment = (
      await model.create({
        number,
        contactId: order.contactId,
        orderNumber: order.number,
        amount: input.amount,
        ...(input.method && { method: input.method }),
        ...(input.messageId && { messageId: input.messageId }),
        // Born claimed: a crash before it is counted leaves it for `verifyPayment` to finish.
        status: 'verifying',
        createdAt: context.at,
        updatedAt: context.at,
      })
    ).toObject<Payment>();
  } catch (error) {
    if (!isDuplicateKey(error) || !input.messageId) throw error;
    const existing = await model.findOne({ messageId: input.messageId }).lean<Payment>();
    if (!existing) throw error;
    return replayedRecord(connection, existing, context);
  }
  const done = await complete(connection, payment, context, { action: 'recorded' });
  if (!done.ok) {
    // Refused by a change that landed after the checks above: the payment never counted, so it goes.
    await model.deleteOne({ _id: payment._id, status: 'pending' });
    return done;
  }
  return { ok: true, payment: done.payment, order: done.order, invoice: done.invoice, created: true };
}

/** A repeated `pay` command: the first one's payment, finished if it stopped midway. */
async function replayedRecord(
  connection: Connection,
  payment: Payment,
  context: PaymentContext,
): Promise<RecordPaymentResult> {
  if (payment.status === 'verifying' || payment.status === 'verified') {
    const done = await complete(connection, payment, context, { action: 'recorded' });
    return done.ok
      ? { ok: true, payment: done.payment, order: done.order, invoice: done.invoice, created: false }
      : done;
  }
  throw new Error(`payment ${payment.number} of a recorded payment is ${payment.status}`);
}

// ── Rejection ─────────────────────────────────────────────────────────────────────────────────────

/**
 * An admin refuses a payment proof (wrong amount, unreadable photo…): only a pending one. The customer
 * is told politely, with the reason. Rejecting again changes nothing; a verified payment (or one being
 * verified) cannot be rejected.
 */
export async function rejectPayment(
  connection: Connection,
  input: { number: string; reason: string },
  context: PaymentContext,
): Promise<RejectPaymentResult> {
  const number = typeof input.number === 'string' ? parsePaymentNumber(input.number) : null;
  if (!number) return invalidNumber(String(input.number));
  const reason = reasonSchema.safeParse(input.reason);
  if (!reason.success)
    return {
      ok: false,
      code: 'PAYMENT.INVALID',
      details: reason.error.issues.map((i) => i.message).join('; '),
    };
  const model = paymentModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const payment = await model.findOne({ number }).lean<Payment>();
    if (!payment) return notFound(number);
    if (payment.status === 'verified' || payment.status === 'verifying')
      return {
        ok: false,
        code: 'PAYMENT.ALREADY_VERIFIED',
        details:
          payment.status === 'verified'
            ? `payment ${number} is already verified; it cannot be rejected`
            : `payment ${number} is being verified; it cannot be rejected`,
        number,
      };
    if (payment.status === 'rejected') {
      await tellRejected(connection, payment, context.at);
      return { ok: true, payment, changed: false };
    }
    const rejected = await model
      .findOneAndUpdate(
        { _id: payment._id, status: 'pending' },
        {
          $set: {
            status: 'rejected',
            rejectedAt: context.at,
            rejectedBy: context.actor,
            rejectReason: reason.data,
            updatedAt: context.at,
          },
        },
        { returnDocument: 'after' },
      )
      .lean<Payment>();
    if (!rejected) continue;
    await audit(
      connection,
      {
        entity: 'payment',
        entityId: payment._id,
        action: 'rejected',
        actor: context.actor,
        before: { status: 'pending' },
        after: { status: 'rejected', reason: reason.data },
      },
      context.at,
    );
    await tellRejected(connection, rejected, context.at);
    return { ok: true, payment: rejected, changed: true };
  }
  throw new Error(`payment ${number} kept changing while being rejected`);
}
