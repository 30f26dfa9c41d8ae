import { Schema, type Types } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

export const INVOICE_STATUSES = ['draft', 'sent', 'partial', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * What an order's customer is asked to pay, one per order: draft → sent → partial → paid, overdue
 * once the due day has passed unpaid, cancelled with its order. The paid amount follows the order's
 * (the order is where payments are counted), so the two never disagree for long.
 */
export interface Invoice {
  _id: Types.ObjectId;
  /** INV-YYYYMM-NNNN, from an atomic per-month counter in the shop's time zone. */
  number: string;
  orderId: Types.ObjectId;
  /** Unique: an order has one invoice, re-issued rather than duplicated. */
  orderNumber: string;
  contactId: Types.ObjectId;
  chatId: string;
  /** Integer rupiah billed. */
  amount: number;
  /** Integer rupiah received so far (the order's paid amount). */
  paidAmount: number;
  /** YYYY-MM-DD in the shop's time zone; overdue from the next local day. */
  dueDate: string;
  status: InvoiceStatus;
  /** When it was last sent to the customer. */
  sentAt?: Date;
  /** Overdue reminders claimed so far (each claim sends reminder number `remindersSent`). */
  remindersSent: number;
  lastReminderAt?: Date;
  /** PAY-… numbers counted in `paidAmount`. */
  appliedPayments: string[];
  /** Bumped by every write: changes computed from a stale read are retried, and re-issues get new keys. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

export const invoiceSchema = new Schema<Invoice>(
  {
    number: { type: String, required: true, unique: true },
    orderId: { type: Schema.Types.ObjectId, ref: 'Order', required: true },
    orderNumber: { type: String, required: true, unique: true },
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    chatId: { type: String, required: true },
    amount: { type: Number, required: true },
    paidAmount: { type: Number, required: true, default: 0 },
    dueDate: { type: String, required: true },
    status: { type: String, required: true, enum: INVOICE_STATUSES },
    sentAt: Date,
    remindersSent: { type: Number, required: true, default: 0 },
    lastReminderAt: Date,
    appliedPayments: { type: [String], default: [] },
    revision: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The daily overdue check: open invoices by due date.
invoiceSchema.index({ status: 1, dueDate: 1 });
invoiceSchema.index({ contactId: 1, createdAt: -1 });

protectFields(invoiceSchema, { chatId: 'lookup' });

export const invoiceModel = defineModel('Invoice', invoiceSchema);
