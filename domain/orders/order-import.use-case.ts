import type { AnyBulkWriteOperation } from 'mongodb';
import type { Connection, Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { chatIdOfPhone, type PhoneNumber, parsePhone } from '../contacts/phone.js';
import { orderCounterModel, orderModel, PAYMENT_STATUSES } from './order.model.js';
import { newTrackingToken, orderNumberPrefix, parseOrderNumber } from './order.rules.js';
import { ORDER_STATUSES } from './order-status.rules.js';

const instant = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO date-time with an offset, e.g. 2026-10-05T09:00:00+07:00',
  })
  .transform((value) => new Date(value));

/** One order of an imported history (JSON Lines, spreadsheet rows): the fields a past order needs. */
export const ImportedOrderSchema = z.object({
  number: z.string({ error: 'must be an order number' }).transform((value, ctx) => {
    const parsed = parseOrderNumber(value);
    if (parsed.ok) return parsed.text;
    ctx.addIssue({
      code: 'custom',
      message: `must be an order number like ORD-202610-0042 (got "${value}")`,
    });
    return z.NEVER;
  }),
  customer: z.string({ error: 'must be a phone number' }).transform((value, ctx) => {
    const parsed = parsePhone(value);
    if (parsed.ok) return parsed.phone;
    ctx.addIssue({ code: 'custom', message: `must be a phone number (got "${value}")` });
    return z.NEVER;
  }),
  name: z.string().trim().max(120).nullish(),
  createdAt: instant,
  status: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` }),
  total: z
    .number({ error: 'must be a number of rupiah' })
    .int({ error: 'must be whole rupiah' })
    .min(0, { error: 'must not be negative' }),
  paymentStatus: z.enum(PAYMENT_STATUSES, { error: `must be one of ${PAYMENT_STATUSES.join(', ')}` }),
  completedAt: instant.nullish(),
});
export type ImportedOrder = z.output<typeof ImportedOrderSchema>;

export interface ImportContext {
  actor: Actor;
  at: Date;
}

export interface ImportResult {
  created: number;
  updated: number;
  /** Contacts created for customers seen for the first time. */
  contacts: number;
}

const BATCH = 5_000;

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += BATCH) yield items.slice(start, start + BATCH);
}

/**
 * Bring in past orders (source `import`). Customers are found or created by their normalised phone, so
 * 0812…, 62812… and +62 812-… are one customer. Idempotent by order number: importing the same history
 * again updates the orders, never duplicates them. Written in batches (one bulk write per 5,000 rows),
 * then every touched contact's stats are recomputed from its orders and the month counters are moved
 * past the imported numbers so new orders never reuse one. Rows must already be valid
 * (`ImportedOrderSchema`); the last row of a repeated number wins.
 */
export async function importOrders(
  connection: Connection,
  rows: readonly ImportedOrder[],
  context: ImportContext,
): Promise<ImportResult> {
  const byNumber = new Map(rows.map((row) => [row.number, row]));
  const unique = [...byNumber.values()];
  const contactOf = await ensureContacts(connection, unique, context.at);

  const orders = orderModel(connection);
  let created = 0;
  let updated = 0;
  for (const batch of batches(unique)) {
    const existing = new Set(
      (await orders.find({ number: { $in: batch.map((row) => row.number) } }, { number: 1 }).lean()).map(
        (order) => order.number,
      ),
    );
    const operations: AnyBulkWriteOperation[] = batch.map((row) => {
      const contact = contactOf.get(row.customer)!;
      const paid = row.paymentStatus === 'paid';
      const completedAt = row.status === 'completed' ? (row.completedAt ?? row.createdAt) : undefined;
      const fields = {
        contactId: contact._id,
        chatId: contact.chatId,
        ...(row.name && { customerName: row.name }),
        status: row.status,
        subtotal: row.total,
        discount: 0,
        shippingFee: 0,
        total: row.total,
        paymentStatus: row.paymentStatus,
        paidAmount: paid ? row.total : 0,
        countedInStats: row.status === 'completed' && paid,
        ...(completedAt && { completedAt }),
        updatedAt: context.at,
      };
      if (existing.has(row.number)) {
        return {
          updateOne: {
            filter: { number: row.number },
            update: {
              $set: fields,
              ...(completedAt ? {} : { $unset: { completedAt: 1 } }),
              $inc: { revision: 1 },
            },
          },
        };
      }
      return {
        insertOne: {
          document: {
            ...fields,
            number: row.number,
            trackingToken: newTrackingToken(),
            kind: 'catalog',
            items: [],
            fulfilment: {},
            source: 'import',
            appliedPayments: [],
            materialsDeducted: false,
            internalNotes: [],
            messageIds: [],
            timeline: [{ status: row.status, at: completedAt ?? row.createdAt, actor: context.actor }],
            creationRecorded: true,
            revision: 0,
            createdAt: row.createdAt,
          },
        },
      };
    });
    const result = await orders.collection.bulkWrite(operations, { ordered: false });
    created += result.insertedCount;
    updated += result.modifiedCount;
  }

  await settleContactStats(connection, [...new Set([...contactOf.values()].map((contact) => contact._id))]);
  await advanceCounters(connection, unique);
  await audit(
    connection,
    {
      entity: 'order',
      entityId: 'import',
      action: 'imported',
      actor: context.actor,
      after: { rows: rows.length, created, updated },
    },
    context.at,
  );
  const contacts = [...contactOf.values()].filter((contact) => contact.fresh).length;
  return { created, updated, contacts };
}

type ImportedContact = Pick<Contact, 'chatId' | 'phone'> & { _id: Types.ObjectId; fresh: boolean };

/** Every customer of the rows as a contact, created (with the row's name as their WhatsApp name) when new. */
async function ensureContacts(
  connection: Connection,
  rows: readonly ImportedOrder[],
  at: Date,
): Promise<Map<PhoneNumber, ImportedContact>> {
  const names = new Map<PhoneNumber, string | undefined>();
  for (const row of rows) if (!names.get(row.customer)) names.set(row.customer, row.name ?? undefined);
  const contacts = contactModel(connection);
  const found = new Map<PhoneNumber, ImportedContact>();
  for (const batch of batches([...names.keys()])) {
    // By phone, then by chat id for contacts whose number is only in their chat id (two indexed
    // lookups: an $or of two $in lists is far slower on some servers).
    const byPhone = await contacts
      .find({ phone: { $in: batch } }, { chatId: 1, phone: 1 })
      .lean<Pick<Contact, '_id' | 'chatId' | 'phone'>[]>();
    for (const contact of byPhone) found.set(contact.phone as PhoneNumber, { ...contact, fresh: false });
    const unmatched = batch.filter((phone) => !found.has(phone));
    if (unmatched.length > 0) {
      const byChat = await contacts
        .find({ chatId: { $in: unmatched.map(chatIdOfPhone) } }, { chatId: 1, phone: 1 })
        .lean<Pick<Contact, '_id' | 'chatId' | 'phone'>[]>();
      for (const contact of byChat)
        found.set(`+${contact.chatId.replace(/@.*$/, '')}` as PhoneNumber, { ...contact, fresh: false });
    }
    const missing = batch.filter((phone) => !found.has(phone));
    if (missing.length === 0) continue;
    const inserted = await contacts.insertMany(
      missing.map((phone) => ({
        chatId: chatIdOfPhone(phone),
        phone,
        ...(names.get(phone) && { pushName: names.get(phone) }),
        createdAt: at,
      })),
      { ordered: false, lean: true },
    );
    for (const contact of inserted)
      found.set(contact.phone as PhoneNumber, {
        _id: contact._id,
        chatId: contact.chatId,
        phone: contact.phone,
        fresh: true,
      });
  }
  return found;
}

/** Recompute orders, total spent (completed and paid) and last order time of the contacts from their orders. */
async function settleContactStats(
  connection: Connection,
  contactIds: readonly Types.ObjectId[],
): Promise<void> {
  for (const batch of batches(contactIds)) {
    const stats = await orderModel(connection).aggregate<{
      _id: Types.ObjectId;
      orders: number;
      totalSpent: number;
      lastOrderAt: Date;
    }>([
      { $match: { contactId: { $in: batch } } },
      {
        $group: {
          _id: '$contactId',
          orders: { $sum: 1 },
          totalSpent: { $sum: { $cond: [{ $eq: ['$countedInStats', true] }, '$total', 0] } },
          lastOrderAt: { $max: '$createdAt' },
        },
      },
    ]);
    await contactModel(connection).bulkWrite(
      stats.map((row) => ({
        updateOne: {
          filter: { _id: row._id },
          update: {
            $set: {
              'stats.orders': row.orders,
              'stats.totalSpent': row.totalSpent,
              'stats.lastOrderAt': row.lastOrderAt,
            },
          },
        },
      })),
      { ordered: false },
    );
  }
}

/** Move each month's order counter past the highest imported number of that month. */
async function advanceCounters(connection: Connection, rows: readonly ImportedOrder[]): Promise<void> {
  const highest = new Map<string, number>();
  for (const row of rows) {
    const parsed = parseOrderNumber(row.number);
    if (!parsed.ok) continue;
    const id = orderNumberPrefix(parsed.yyyymm);
    highest.set(id, Math.max(highest.get(id) ?? 0, parsed.seq));
  }
  for (const [id, seq] of highest)
    await orderCounterModel(connection).updateOne({ _id: id }, { $max: { seq } }, { upsert: true });
}
