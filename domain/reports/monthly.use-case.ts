import type { Connection } from 'mongoose';
import { type Order, orderModel } from '../orders/order.model.js';
import { monthKey } from '../orders/order.rules.js';

/** One calendar month of the shop. */
export interface MonthRow {
  /** YYYY-MM in the shop's time zone. */
  month: string;
  /** Orders created in the month (shop time) that are not cancelled. */
  orders: number;
  /** Rupiah of orders completed in the month (completedAt, else creation) that are paid. */
  revenue: number;
}

type Slim = Pick<Order, 'status' | 'total' | 'paymentStatus' | 'completedAt' | 'createdAt'>;

/**
 * Orders and revenue per calendar month in the shop's time zone, from the month of the first order (or
 * `from`) to the month of `now`, empty months included. Definitions: an order counts in the month it
 * was created unless it is cancelled; revenue is the total of orders that are completed and paid,
 * counted in the month they were completed — money the shop has earned, when it earned it. Orders
 * created after `now` are not seen. One streamed pass over the orders.
 */
export async function monthlyReport(
  connection: Connection,
  input: { now: Date; timeZone: string; from?: Date },
): Promise<MonthRow[]> {
  const { now, timeZone } = input;
  const month = monthOf(timeZone);
  const orders = new Map<string, number>();
  const revenue = new Map<string, number>();
  let first: string | undefined;
  const cursor = orderModel(connection)
    .find(
      { createdAt: { $lte: now, ...(input.from && { $gte: input.from }) } },
      { status: 1, total: 1, paymentStatus: 1, completedAt: 1, createdAt: 1, _id: 0 },
    )
    .lean<Slim>()
    .cursor({ batchSize: 5_000 });
  for await (const order of cursor) {
    const created = month(order.createdAt);
    if (first === undefined || created < first) first = created;
    if (order.status !== 'cancelled') orders.set(created, (orders.get(created) ?? 0) + 1);
    if (order.status === 'completed' && order.paymentStatus === 'paid') {
      const at = order.completedAt && order.completedAt <= now ? order.completedAt : order.createdAt;
      const earned = month(at);
      revenue.set(earned, (revenue.get(earned) ?? 0) + order.total);
    }
  }
  const start = input.from ? month(input.from) : first;
  if (start === undefined) return [];
  const rows: MonthRow[] = [];
  for (let key = start, last = month(now); key <= last; key = nextMonth(key))
    rows.push({ month: key, orders: orders.get(key) ?? 0, revenue: revenue.get(key) ?? 0 });
  return rows;
}

/** YYYY-MM of an instant in the zone, cached per quarter hour (every real zone offset is a multiple). */
export function monthOf(timeZone: string): (at: Date) => string {
  const cache = new Map<number, string>();
  return (at) => {
    const quarter = Math.floor(at.getTime() / 900_000);
    let key = cache.get(quarter);
    if (key === undefined) {
      const yyyymm = monthKey(at, timeZone);
      key = `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}`;
      cache.set(quarter, key);
    }
    return key;
  };
}

/** The YYYY-MM after `key`. */
export function nextMonth(key: string): string {
  const [year, month] = key.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
