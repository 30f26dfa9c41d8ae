import type { Connection, Types } from 'mongoose';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { type Invoice, type InvoiceStatus, invoiceModel } from '../invoices/invoice.model.js';
import { localDay } from '../invoices/invoice.rules.js';
import { AGING_BUCKETS, type AgingBucket, agingBucket, daysOverdue } from './aging.rules.js';

/** One invoice still waiting for money. */
export interface AgingInvoice {
  number: string;
  orderNumber: string;
  contactId: string;
  /** The contact's confirmed name, else the WhatsApp name, else the phone, else the chat id. */
  customer: string;
  /** YYYY-MM-DD, shop-local. */
  dueDate: string;
  amount: number;
  /** amount − paidAmount, integer rupiah. */
  outstanding: number;
  /** Shop-local days since the due day; 0 or less is not overdue. */
  daysOverdue: number;
  status: InvoiceStatus;
}

export interface AgingBucketRow {
  bucket: AgingBucket;
  count: number;
  outstanding: number;
  /** Longest overdue first, then by number. */
  invoices: AgingInvoice[];
}

export interface AgingReport {
  asOf: Date;
  /** The shop's day the days are counted to. */
  today: string;
  buckets: AgingBucketRow[];
  total: { count: number; outstanding: number };
}

/** Invoices waiting for money: the statuses invoice.rules' isOpenInvoice names. */
const OPEN: InvoiceStatus[] = ['sent', 'partial', 'overdue'];

/**
 * Invoice aging as of `now`: every invoice still waiting for money (sent, partial or overdue — a draft
 * was never sent, so nobody owes it yet; paid and cancelled ones are settled) by days overdue in
 * shop-local days (aging.rules.ts): current (due today or later), 1–30, 31–60, 60+; per bucket the
 * count, the outstanding amount (amount − paid) and the invoices. A snapshot of the invoices as stored
 * now: `now` sets the day counted to, and invoices created after it are left out.
 */
export async function invoiceAgingReport(
  connection: Connection,
  input: { now: Date; timeZone: string },
): Promise<AgingReport> {
  const today = localDay(input.now, input.timeZone);
  // On the {status, dueDate} index.
  const invoices = await invoiceModel(connection)
    .find(
      { status: { $in: OPEN }, createdAt: { $lte: input.now } },
      { number: 1, orderNumber: 1, contactId: 1, amount: 1, paidAmount: 1, dueDate: 1, status: 1, _id: 0 },
    )
    .lean<
      Pick<Invoice, 'number' | 'orderNumber' | 'contactId' | 'amount' | 'paidAmount' | 'dueDate' | 'status'>[]
    >();
  const names = await customerNames(
    connection,
    invoices.map((invoice) => invoice.contactId),
  );
  const buckets = new Map<AgingBucket, AgingBucketRow>(
    AGING_BUCKETS.map((bucket) => [bucket, { bucket, count: 0, outstanding: 0, invoices: [] }]),
  );
  for (const invoice of invoices) {
    const days = daysOverdue(invoice.dueDate, today);
    const outstanding = Math.max(0, invoice.amount - invoice.paidAmount);
    const row = buckets.get(agingBucket(days))!;
    row.count += 1;
    row.outstanding += outstanding;
    row.invoices.push({
      number: invoice.number,
      orderNumber: invoice.orderNumber,
      contactId: String(invoice.contactId),
      customer: names.get(String(invoice.contactId)) ?? String(invoice.contactId),
      dueDate: invoice.dueDate,
      amount: invoice.amount,
      outstanding,
      daysOverdue: days,
      status: invoice.status,
    });
  }
  const total = { count: 0, outstanding: 0 };
  for (const row of buckets.values()) {
    row.invoices.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.number < b.number ? -1 : 1));
    total.count += row.count;
    total.outstanding += row.outstanding;
  }
  return { asOf: input.now, today, buckets: [...buckets.values()], total };
}

/** How each contact is shown: confirmed name, WhatsApp name, phone, chat id. */
async function customerNames(connection: Connection, ids: Types.ObjectId[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 5_000) {
    const contacts = await contactModel(connection)
      .find({ _id: { $in: ids.slice(start, start + 5_000) } }, { name: 1, pushName: 1, phone: 1, chatId: 1 })
      .lean<Pick<Contact, '_id' | 'name' | 'pushName' | 'phone' | 'chatId'>[]>();
    for (const contact of contacts)
      names.set(String(contact._id), contact.name ?? contact.pushName ?? contact.phone ?? contact.chatId);
  }
  return names;
}
