import type { Connection, Types } from 'mongoose';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { quintileScores, type RfmSegment, type Score, segmentOf, wholeDaysBetween } from './rfm.rules.js';

/** One scored customer. */
export interface RfmRow {
  contactId: string;
  /** E.164 phone, else the chat id. */
  customer: string;
  name: string | null;
  /** Whole days (24 h) since the last completed order. */
  recency: number;
  /** Completed orders. */
  frequency: number;
  /** Rupiah of completed orders that are paid. */
  monetary: number;
  r: Score;
  f: Score;
  m: Score;
  segment: RfmSegment;
}

type Completed = Pick<Order, 'contactId' | 'total' | 'paymentStatus' | 'completedAt' | 'createdAt'>;

/**
 * RFM of every customer with at least one completed order, as of `now` (orders created after `now` are
 * not seen). Recency counts from the last completion (`completedAt`, else the order's creation);
 * frequency is the number of completed orders; monetary the total of those that are paid (what a
 * contact's "total spent" counts). Scores and segments: rfm.rules.ts. Streamed with a projection, so a
 * history of hundreds of thousands of orders is one pass. Sorted by monetary, then frequency, highest
 * first, then by customer.
 */
export async function rfmReport(
  connection: Connection,
  input: { now: Date; timeZone: string },
): Promise<RfmRow[]> {
  const { now } = input;
  const perContact = new Map<
    string,
    { id: Types.ObjectId; last: Date; frequency: number; monetary: number }
  >();
  const cursor = orderModel(connection)
    .find(
      { status: 'completed', createdAt: { $lte: now } },
      { contactId: 1, total: 1, paymentStatus: 1, completedAt: 1, createdAt: 1, _id: 0 },
    )
    .lean<Completed>()
    .cursor({ batchSize: 5_000 });
  for await (const order of cursor) {
    const key = String(order.contactId);
    const at = order.completedAt && order.completedAt <= now ? order.completedAt : order.createdAt;
    const entry = perContact.get(key) ?? { id: order.contactId, last: at, frequency: 0, monetary: 0 };
    if (at > entry.last) entry.last = at;
    entry.frequency += 1;
    if (order.paymentStatus === 'paid') entry.monetary += order.total;
    perContact.set(key, entry);
  }
  const entries = [...perContact.values()];
  if (entries.length === 0) return [];

  const contacts = new Map<string, Pick<Contact, 'chatId' | 'phone' | 'name' | 'pushName'>>();
  for (let start = 0; start < entries.length; start += 5_000) {
    const ids = entries.slice(start, start + 5_000).map((entry) => entry.id);
    const found = await contactModel(connection)
      .find({ _id: { $in: ids } }, { chatId: 1, phone: 1, name: 1, pushName: 1 })
      .lean<Pick<Contact, '_id' | 'chatId' | 'phone' | 'name' | 'pushName'>[]>();
    for (const contact of found) contacts.set(String(contact._id), contact);
  }

  const recency = entries.map((entry) => wholeDaysBetween(entry.last, now));
  const r = quintileScores(recency, 'lower');
  const f = quintileScores(
    entries.map((entry) => entry.frequency),
    'higher',
  );
  const m = quintileScores(
    entries.map((entry) => entry.monetary),
    'higher',
  );
  const rows = entries.map((entry, index): RfmRow => {
    const contact = contacts.get(String(entry.id));
    const scores = { r: r[index]!, f: f[index]!, m: m[index]! };
    return {
      contactId: String(entry.id),
      customer: contact?.phone ?? contact?.chatId ?? String(entry.id),
      name: contact?.name ?? contact?.pushName ?? null,
      recency: recency[index]!,
      frequency: entry.frequency,
      monetary: entry.monetary,
      ...scores,
      segment: segmentOf(scores.r, scores.f, scores.m),
    };
  });
  return rows.sort(
    (a, b) =>
      b.monetary - a.monetary ||
      b.frequency - a.frequency ||
      (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0),
  );
}
