import type { Connection } from 'mongoose';
import { type Invoice, invoiceModel } from '../invoices/invoice.model.js';
import { type Payment, paymentModel } from '../payments/payment.model.js';
import { type Order, orderModel } from './order.model.js';
import { parseOrderNumber } from './order.rules.js';
import { isOpen, ORDER_STATUSES, type OrderStatus } from './order-status.rules.js';

/** The statuses still being worked on: what `orders` lists when no status is given. */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(isOpen);

/**
 * Orders for a list, newest first: those in `status`, or every open one (not completed or cancelled)
 * when none is given. `limit` is clamped to 1–100.
 */
export async function listOrders(
  connection: Connection,
  filter: { status?: OrderStatus; limit?: number } = {},
): Promise<Order[]> {
  const limit = Math.min(100, Math.max(1, Math.trunc(filter.limit ?? 20)));
  return orderModel(connection)
    .find({ status: filter.status ?? { $in: OPEN_STATUSES } })
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean<Order[]>();
}

/** How many orders are in each status (the counts beside a list). */
export async function countOrdersByStatus(connection: Connection): Promise<Record<OrderStatus, number>> {
  const rows = await orderModel(connection).aggregate<{ _id: OrderStatus; count: number }>([
    { $group: { _id: '$status', count: { $sum: 1 } } },
  ]);
  const counts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const row of rows) counts[row._id] = row.count;
  return counts;
}

/** Everything staff look at for one order: the order, its invoice, and payments still waiting to be checked. */
export interface OrderOverview {
  order: Order;
  invoice: Invoice | null;
  pendingPayments: Payment[];
}

export type OrderOverviewResult =
  | ({ ok: true } & OrderOverview)
  | { ok: false; code: 'ORDER.INVALID_NUMBER'; details: string }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string };

/** One order with its invoice and pending payments (the `order` command, the console's order page). */
export async function orderOverview(connection: Connection, number: string): Promise<OrderOverviewResult> {
  const parsed = parseOrderNumber(number);
  if (!parsed.ok) return parsed;
  const order = await orderModel(connection).findOne({ number: parsed.text }).lean<Order>();
  if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${parsed.text}` };
  const [invoice, pendingPayments] = await Promise.all([
    invoiceModel(connection).findOne({ orderNumber: order.number }).lean<Invoice>(),
    paymentModel(connection)
      .find({ orderNumber: order.number, status: { $in: ['pending', 'verifying'] } })
      .sort({ createdAt: 1 })
      .lean<Payment[]>(),
  ]);
  return { ok: true, order, invoice, pendingPayments };
}
