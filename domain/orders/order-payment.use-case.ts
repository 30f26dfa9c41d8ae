import type { Connection } from 'mongoose';
import { z } from 'zod';
import { audit } from '../audit/audit.use-case.js';
import { formatRupiah } from '../i18n/messages.js';
import { type Order, orderModel } from './order.model.js';
import {
  type MoneyFailure,
  type OrderNumberFailure,
  parseOrderNumber,
  paymentStatusFor,
} from './order.rules.js';
import { type ChangeContext, settleSpentStats } from './order.use-case.js';

/** What is still owed on an order: its total minus what was received, never negative. */
export const outstandingOf = (order: Pick<Order, 'total' | 'paidAmount'>): number =>
  Math.max(0, order.total - order.paidAmount);

export type OverpaidFailure = {
  ok: false;
  code: 'PAYMENT.OVERPAID';
  details: string;
  orderNumber: string;
  amount: number;
  outstanding: number;
};
export type OrderCancelledFailure = {
  ok: false;
  code: 'PAYMENT.ORDER_CANCELLED';
  details: string;
  orderNumber: string;
};

/** A payment of `amount` would pay more than is owed. */
export function overpaid(order: Order, amount: number): OverpaidFailure {
  const outstanding = outstandingOf(order);
  return {
    ok: false,
    code: 'PAYMENT.OVERPAID',
    details:
      outstanding === 0
        ? `order ${order.number} has nothing outstanding (total ${formatRupiah(order.total)}, paid ${formatRupiah(order.paidAmount)}); ${formatRupiah(amount)} was not recorded`
        : `${formatRupiah(amount)} is more than the ${formatRupiah(outstanding)} still outstanding on order ${order.number}; nothing was recorded`,
    orderNumber: order.number,
    amount,
    outstanding,
  };
}

/** Money cannot be taken for a cancelled order. */
export function orderCancelled(order: Pick<Order, 'number'>): OrderCancelledFailure {
  return {
    ok: false,
    code: 'PAYMENT.ORDER_CANCELLED',
    details: `order ${order.number} is cancelled; no payment can be counted on it`,
    orderNumber: order.number,
  };
}

export type ApplyPaymentResult =
  | { ok: true; order: Order; changed: boolean }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string }
  | OrderNumberFailure
  | MoneyFailure
  | OverpaidFailure
  | OrderCancelledFailure;

const positiveAmount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Retries of a conditional write that lost to a concurrent change, before giving up as a bug. */
const ATTEMPTS = 5;

/**
 * Count a verified payment on its order, once: the write is conditional on the order's revision and on
 * `appliedPayments` not holding the payment's number yet, and it pushes that number with the `$inc`
 * — so a repeat, or a second caller racing this one, changes nothing (`changed: false`). Refuses a
 * cancelled order and more money than is outstanding. Recomputes the payment status, audits, and
 * settles the contact's total spent when the order is now completed and paid.
 */
export async function applyPaymentToOrder(
  connection: Connection,
  input: { orderNumber: string; paymentNumber: string; amount: number },
  context: ChangeContext,
): Promise<ApplyPaymentResult> {
  const parsed = parseOrderNumber(input.orderNumber);
  if (!parsed.ok) return parsed;
  if (!positiveAmount.safeParse(input.amount).success)
    return {
      ok: false,
      code: 'MONEY.INVALID',
      details: `amount must be a whole, positive number of rupiah (got ${String(input.amount)})`,
      field: 'amount',
    };
  const { paymentNumber, amount } = input;
  const model = orderModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = await model.findOne({ number: parsed.text }).lean<Order>();
    if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${parsed.text}` };
    if (order.appliedPayments.includes(paymentNumber))
      return { ok: true, order: await settleSpentStats(connection, order), changed: false };
    if (order.status === 'cancelled') return orderCancelled(order);
    if (amount > outstandingOf(order)) return overpaid(order, amount);
    const paidAmount = order.paidAmount + amount;
    const updated = await model
      .findOneAndUpdate(
        {
          _id: order._id,
          revision: order.revision,
          status: { $ne: 'cancelled' },
          appliedPayments: { $ne: paymentNumber },
        },
        {
          $set: {
            paidAmount,
            paymentStatus: paymentStatusFor(order.total, paidAmount),
            updatedAt: context.at,
          },
          $push: { appliedPayments: paymentNumber },
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<Order>();
    // Changed since it was read (another payment, an edit, this payment by a racing caller): judge again.
    if (!updated) continue;
    await audit(
      connection,
      {
        entity: 'order',
        entityId: order._id,
        action: 'payment_applied',
        actor: context.actor,
        before: { paidAmount: order.paidAmount, paymentStatus: order.paymentStatus },
        after: {
          paidAmount: updated.paidAmount,
          paymentStatus: updated.paymentStatus,
          payment: paymentNumber,
        },
      },
      context.at,
    );
    return { ok: true, order: await settleSpentStats(connection, updated), changed: true };
  }
  throw new Error(`order ${parsed.text} kept changing while payment ${paymentNumber} was being applied`);
}
