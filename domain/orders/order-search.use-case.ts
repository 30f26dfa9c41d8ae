import { type Connection, Types } from 'mongoose';
import { contactModel } from '../contacts/contact.model.js';
import { parsePhone } from '../contacts/phone.js';
import { escapeRegex } from '../materials/material.rules.js';
import { dayStart } from '../platform/time-zone.js';
import { type Order, type OrderKind, orderModel } from './order.model.js';
import { parseOrderNumber } from './order.rules.js';
import { ORDER_STATUSES, type OrderStatus } from './order-status.rules.js';

export const ORDERS_PAGE_SIZE = 25;
export const ORDER_SORTS = ['newest', 'oldest', 'total_desc', 'total_asc'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrderSearch {
  status?: OrderStatus;
  kind?: OrderKind;
  /** Custom category (logo, bouquet…). */
  category?: string;
  /** Shop-local dates YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  /** A user id (24 hex digits). */
  assignee?: string;
  /** An order number, a phone number in any form, or words of the name, items or brief. */
  q?: string;
  /** 1-based. */
  page?: number;
  sort?: OrderSort;
}

export interface OrderPage {
  items: Order[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status, under the same filters except the status itself (the tabs above a list). */
  counts: Record<OrderStatus, number>;
}

const SORTS: Record<OrderSort, Record<string, 1 | -1>> = {
  newest: { createdAt: -1, _id: -1 },
  oldest: { createdAt: 1, _id: 1 },
  total_desc: { total: -1, createdAt: -1 },
  total_asc: { total: 1, createdAt: -1 },
};

/**
 * From the start of shop-local day `from` to the end of day `to` (YYYY-MM-DD, both included, either
 * may be absent) as a query range; undefined when neither is given.
 */
export function dayRange(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): { $gte?: Date; $lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from && { $gte: dayStart(from, timeZone) }),
    ...(to && { $lt: new Date(dayStart(to, timeZone).getTime() + 86_400_000) }),
  };
}

/** What a search text means: an order number, a customer's phone, or words to look for. */
async function textFilter(connection: Connection, q: string): Promise<Record<string, unknown>> {
  const number = parseOrderNumber(q);
  if (number.ok) return { number: number.text };
  const phone = /\d{6,}/.test(q.replace(/[\s().-]/g, '')) ? parsePhone(q) : undefined;
  if (phone?.ok) {
    const contacts = await contactModel(connection).find({ phone: phone.phone }, { _id: 1 }).lean();
    return { contactId: { $in: contacts.map((contact) => contact._id) } };
  }
  const words = new RegExp(escapeRegex(q.trim()), 'i');
  return {
    $or: [
      { customerName: words },
      { 'items.name': words },
      { 'custom.description': words },
      { number: words },
    ],
  };
}

/**
 * What an orders search asks the database: `filter` holds every filter, `base` all but the status (the
 * counts per status use it), `sort` the order. The console list and the orders export both build their
 * query here, so an export always holds what the list shows.
 */
export async function orderQuery(
  connection: Connection,
  search: Omit<OrderSearch, 'page'>,
  timeZone: string,
): Promise<{ filter: Record<string, unknown>; base: Record<string, unknown>; sort: Record<string, 1 | -1> }> {
  const created = dayRange(search.from, search.to, timeZone);
  const base: Record<string, unknown> = {
    ...(search.kind && { kind: search.kind }),
    ...(search.category && { 'custom.category': search.category }),
    ...(search.assignee && { assignee: new Types.ObjectId(search.assignee) }),
    ...(created && { createdAt: created }),
    ...(search.q?.trim() && (await textFilter(connection, search.q.trim()))),
  };
  const filter = { ...base, ...(search.status && { status: search.status }) };
  return { filter, base, sort: SORTS[search.sort ?? 'newest'] };
}

/**
 * The orders list of the console: filters, search, sort and pages of 25, plus counts per status under
 * the same filters. Dates are the shop's days.
 */
export async function searchOrders(
  connection: Connection,
  search: OrderSearch,
  timeZone: string,
): Promise<OrderPage> {
  const page = Math.max(1, Math.trunc(search.page ?? 1));
  const { filter, base, sort } = await orderQuery(connection, search, timeZone);
  const orders = orderModel(connection);
  const [items, total, grouped] = await Promise.all([
    orders
      .find(filter)
      .sort(sort)
      .skip((page - 1) * ORDERS_PAGE_SIZE)
      .limit(ORDERS_PAGE_SIZE)
      .lean<Order[]>(),
    orders.countDocuments(filter),
    orders.aggregate<{ _id: OrderStatus; count: number }>([
      { $match: base },
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]),
  ]);
  const counts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const row of grouped) counts[row._id] = row.count;
  return { items, total, page, pageSize: ORDERS_PAGE_SIZE, counts };
}
