import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import type { Connection } from 'mongoose';
import { overdueInvoices } from '../invoices/invoice.use-case.js';
import { leadModel } from '../leads/lead.model.js';
import { orderModel } from '../orders/order.model.js';
import { ORDER_STATUSES, type OrderStatus } from '../orders/order-status.rules.js';
import { paymentModel } from '../payments/payment.model.js';
import { taskModel } from '../tasks/task.model.js';

export const PERIODS = ['today', 'yesterday', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** The shop's figures for one period; "now" figures (overdue, pending, tasks) are as of the call. */
export interface PeriodSummary {
  period: Period;
  /** Start of the period, inclusive (shop-local midnight). */
  from: Date;
  /** End of the period, exclusive. */
  to: Date;
  /**
   * Orders created in the period. `count` and `value` (Σ totals, integer rupiah) leave cancelled ones
   * out; `byStatus` counts every one by its current status, cancelled included.
   */
  orders: { count: number; value: number; byStatus: Record<OrderStatus, number> };
  /** Verified payments in the period (payment.verifiedAt, amount). */
  revenue: number;
  newLeads: number;
  /** Leads won in the period (closedAt). */
  wonLeads: number;
  /** Open overdue invoices now, and what is still owed on them. */
  overdue: { count: number; amount: number };
  /** Payment proofs waiting to be verified now. */
  pendingPayments: number;
  /** Open tasks due by the end of the period (overdue ones included). */
  tasksDue: number;
}

/**
 * The period's bounds in the shop's time zone: today and yesterday are local calendar days, the week
 * starts on Monday, the month on the 1st.
 */
export function periodBounds(period: Period, now: Date, timeZone: string): { from: Date; to: Date } {
  const local = new TZDate(now.getTime(), timeZone);
  const today = startOfDay(local);
  const range = (from: TZDate, to: TZDate) => ({
    from: new Date(from.getTime()),
    to: new Date(to.getTime()),
  });
  switch (period) {
    case 'today':
      return range(today, addDays(today, 1));
    case 'yesterday':
      return range(addDays(today, -1), today);
    case 'week': {
      const monday = startOfWeek(local, { weekStartsOn: 1 });
      return range(monday, addDays(monday, 7));
    }
    case 'month': {
      const first = startOfMonth(local);
      return range(first, addMonths(first, 1));
    }
  }
}

/** Orders, revenue, leads, overdue invoices, pending payments and due tasks for a report or the digest. */
export async function periodSummary(
  connection: Connection,
  input: { period: Period; now: Date; timeZone: string },
): Promise<PeriodSummary> {
  const { from, to } = periodBounds(input.period, input.now, input.timeZone);
  const within = { $gte: from, $lt: to };
  const [orders, payments, newLeads, wonLeads, overdue, pendingPayments, tasksDue] = await Promise.all([
    orderModel(connection)
      .find({ createdAt: within }, { status: 1, total: 1 })
      .lean<{ status: OrderStatus; total: number }[]>(),
    paymentModel(connection)
      .find({ status: 'verified', verifiedAt: within }, { amount: 1 })
      .lean<{ amount?: number }[]>(),
    leadModel(connection).countDocuments({ createdAt: within, deletedAt: { $exists: false } }),
    leadModel(connection).countDocuments({ stage: 'won', closedAt: within, deletedAt: { $exists: false } }),
    overdueInvoices(connection),
    paymentModel(connection).countDocuments({ status: 'pending' }),
    taskModel(connection).countDocuments({ status: 'open', dueAt: { $lt: to } }),
  ]);
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  let count = 0;
  let value = 0;
  for (const order of orders) {
    byStatus[order.status] += 1;
    if (order.status === 'cancelled') continue;
    count += 1;
    value += order.total;
  }
  return {
    period: input.period,
    from,
    to,
    orders: { count, value, byStatus },
    revenue: payments.reduce((sum, payment) => sum + (payment.amount ?? 0), 0),
    newLeads,
    wonLeads,
    overdue: {
      count: overdue.length,
      amount: overdue.reduce((sum, invoice) => sum + Math.max(0, invoice.amount - invoice.paidAmount), 0),
    },
    pendingPayments,
    tasksDue,
  };
}
