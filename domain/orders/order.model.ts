import { Schema, type Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import type { MediaKind } from '../media/media.rules.js';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';
import { type Fulfilment, ORDER_STATUSES, type OrderStatus } from './order-status.rules.js';

export const ORDER_KINDS = ['catalog', 'custom'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const PAYMENT_METHODS = ['transfer', 'qris', 'cod', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = ['unpaid', 'partial', 'paid', 'refunded'] as const;
export type OrderPaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const ORDER_SOURCES = ['whatsapp', 'console', 'import'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const FULFILMENT_METHODS = ['pickup', 'delivery'] as const satisfies readonly Fulfilment[];

/** One catalog line, priced when the order was taken (later price changes never touch it). */
export interface OrderItem {
  sku: string;
  name: string;
  qty: number;
  /** Integer rupiah, the product's price at order time. */
  unitPrice: number;
  /** qty × unitPrice. */
  subtotal: number;
}

/** What a custom order (logo, bouquet, hampers…) is about. */
export interface CustomBrief {
  category?: string;
  description: string;
  requirements?: string;
  /** Stored media paths, relative to the data directory. */
  referenceMedia: string[];
  /** YYYY-MM-DD in the shop's time zone. */
  deadline?: string;
  /** The customer's budget, integer rupiah. */
  budget?: number;
}

/** How the order reaches the customer. */
export interface OrderFulfilment {
  method?: Fulfilment;
  /** YYYY-MM-DD in the shop's time zone. */
  date?: string;
  /** HH:MM in the shop's time zone. */
  time?: string;
  address?: string;
  recipientName?: string;
  /** E.164. */
  recipientPhone?: string;
  courier?: string;
}

export interface InternalNote {
  text: string;
  at: Date;
  by: Actor;
}

/** One status the order entered: who moved it, when, and why. */
export interface TimelineEntry {
  status: OrderStatus;
  at: Date;
  actor: Actor;
  note?: string;
}

/**
 * A file staff made for the order (a design proof, a photo of the finished bouquet, a PDF) and sent to the
 * customer on WhatsApp. One per stored content: the same file uploaded again is the same deliverable.
 */
export interface Deliverable {
  _id: Types.ObjectId;
  /** The stored file, relative to the data directory: media/YYYY/MM/DD/<sha256>.<ext>. */
  path: string;
  /** Of the stored file, as its bytes establish it (images are stored re-encoded). */
  mime: string;
  kind: MediaKind;
  /** The name shown and sent to the customer; its extension matches the stored type. */
  name: string;
  size: number;
  sha256: string;
  /** Images only: a small WebP preview next to the file. */
  thumbnailPath?: string;
  uploadedBy: Actor;
  uploadedAt: Date;
}

/** An order's move from one contact to another, kept on the order until every step of it is done. */
export interface ContactMove {
  from: Types.ObjectId;
  to: Types.ObjectId;
  at: Date;
  actor: Actor;
  /** The order's chat and customer name before the move, for the audit entry. */
  before: { chatId: string; customerName?: string };
}

/** A customer's order. Number, tracking token, source and createdAt never change after creation. */
export interface Order {
  _id: Types.ObjectId;
  /** ORD-YYYYMM-NNNN, from an atomic per-month counter in the shop's time zone. */
  number: string;
  /** 18 random bytes, base64url: the public tracking link's key. */
  trackingToken: string;
  /** Idempotency key of the request that created it (e.g. `wa:<messageId>`): a repeat creates nothing. */
  requestKey?: string;
  contactId: Types.ObjectId;
  chatId: string;
  customerName?: string;
  kind: OrderKind;
  items: OrderItem[];
  custom?: CustomBrief;
  cardText?: string;
  fulfilment: OrderFulfilment;
  customerNotes?: string;
  paymentMethod?: PaymentMethod;
  /** Integer rupiah: Σ item subtotals (catalog) or the agreed price (custom). */
  subtotal: number;
  discount: number;
  shippingFee: number;
  /** max(0, subtotal − discount + shippingFee), always recomputed. */
  total: number;
  paymentStatus: OrderPaymentStatus;
  paidAmount: number;
  /** PAY-… numbers already counted in `paidAmount`: a payment applied twice counts once. */
  appliedPayments: string[];
  /**
   * The bill of materials was deducted from stock for this order (when it went into production), so
   * moving it back and forth never deducts twice.
   */
  materialsDeducted: boolean;
  source: OrderSource;
  assignee?: Types.ObjectId;
  internalNotes: InternalNote[];
  /** Files made for the customer; migration 0003 gave the orders written before deliverables an empty list. */
  deliverables?: Deliverable[];
  /** WhatsApp ids of the messages the order came from. */
  messageIds: string[];
  status: OrderStatus;
  timeline: TimelineEntry[];
  completedAt?: Date;
  /**
   * The contact's `stats.orders` and the `created` audit entry account for this order. Set by a
   * conditional update before they are written, so a replayed creation finishes an interrupted one
   * without counting twice.
   */
  creationRecorded: boolean;
  /**
   * The contact's `stats.totalSpent` includes this order's total (it is completed and paid). Claimed
   * with a conditional update before the contact is incremented, so the total is counted at most once.
   */
  countedInStats: boolean;
  /**
   * A move to another contact that has started and not finished (order-move.use-case.ts): the order
   * already points at `to`; its invoice and payments, both contacts' stats and the audit may not yet.
   */
  contactMove?: ContactMove;
  /** Bumped by every write of business fields: edits computed from a stale read are retried, not applied. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

const actorSchema = new Schema<Actor>(
  { kind: { type: String, required: true }, id: String, name: String },
  { _id: false },
);

const itemSchema = new Schema<OrderItem>(
  {
    sku: { type: String, required: true },
    name: { type: String, required: true },
    qty: { type: Number, required: true },
    unitPrice: { type: Number, required: true },
    subtotal: { type: Number, required: true },
  },
  { _id: false },
);

const customSchema = new Schema<CustomBrief>(
  {
    category: String,
    description: { type: String, required: true },
    requirements: String,
    referenceMedia: { type: [String], default: [] },
    deadline: String,
    budget: Number,
  },
  { _id: false },
);

const fulfilmentSchema = new Schema<OrderFulfilment>(
  {
    method: { type: String, enum: FULFILMENT_METHODS },
    date: String,
    time: String,
    address: String,
    recipientName: String,
    recipientPhone: String,
    courier: String,
  },
  { _id: false, minimize: false },
);

const internalNoteSchema = new Schema<InternalNote>(
  {
    text: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: actorSchema, required: true },
  },
  { _id: false },
);

const deliverableSchema = new Schema<Deliverable>(
  {
    path: { type: String, required: true },
    mime: { type: String, required: true },
    kind: { type: String, required: true, enum: ['image', 'audio', 'video', 'document'] },
    name: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    thumbnailPath: String,
    uploadedBy: { type: actorSchema, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { _id: true },
);

const timelineSchema = new Schema<TimelineEntry>(
  {
    status: { type: String, required: true, enum: ORDER_STATUSES },
    at: { type: Date, required: true },
    actor: { type: actorSchema, required: true },
    note: String,
  },
  { _id: false },
);

export const orderSchema = new Schema<Order>(
  {
    number: { type: String, required: true, unique: true },
    trackingToken: { type: String, required: true, unique: true },
    requestKey: String,
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    chatId: { type: String, required: true },
    customerName: String,
    kind: { type: String, required: true, enum: ORDER_KINDS },
    items: { type: [itemSchema], default: [] },
    custom: { type: customSchema, default: undefined },
    cardText: String,
    fulfilment: { type: fulfilmentSchema, default: () => ({}) },
    customerNotes: String,
    paymentMethod: { type: String, enum: PAYMENT_METHODS },
    subtotal: { type: Number, required: true },
    discount: { type: Number, required: true },
    shippingFee: { type: Number, required: true },
    total: { type: Number, required: true },
    paymentStatus: { type: String, required: true, enum: PAYMENT_STATUSES },
    paidAmount: { type: Number, required: true },
    appliedPayments: { type: [String], default: [] },
    materialsDeducted: { type: Boolean, required: true, default: false },
    source: { type: String, required: true, enum: ORDER_SOURCES },
    assignee: { type: Schema.Types.ObjectId, ref: 'User' },
    internalNotes: { type: [internalNoteSchema], default: [] },
    deliverables: { type: [deliverableSchema], default: [] },
    messageIds: { type: [String], default: [] },
    status: { type: String, required: true, enum: ORDER_STATUSES },
    timeline: { type: [timelineSchema], default: [] },
    completedAt: Date,
    creationRecorded: { type: Boolean, required: true, default: false },
    countedInStats: { type: Boolean, required: true, default: false },
    contactMove: {
      type: new Schema<ContactMove>(
        {
          from: { type: Schema.Types.ObjectId, required: true },
          to: { type: Schema.Types.ObjectId, required: true },
          at: { type: Date, required: true },
          actor: { type: actorSchema, required: true },
          before: {
            type: new Schema({ chatId: String, customerName: String }, { _id: false }),
            required: true,
          },
        },
        { _id: false },
      ),
      default: undefined,
    },
    revision: { type: Number, required: true, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// A repeated confirming message finds the order its first delivery created; absent keys do not collide.
orderSchema.index(
  { requestKey: 1 },
  { unique: true, partialFilterExpression: { requestKey: { $type: 'string' } } },
);
orderSchema.index({ contactId: 1, createdAt: -1 });
orderSchema.index({ status: 1, createdAt: -1 });
orderSchema.index({ createdAt: -1 });
// Revenue, monthly and product-sales reports select the orders completed in a range: migration 0002.
orderSchema.index({ status: 1, completedAt: -1 });

protectFields(orderSchema, {
  chatId: 'lookup',
  'fulfilment.address': 'secret',
  'fulfilment.recipientPhone': 'secret',
  requestKey: 'keyed',
  messageIds: 'lookup',
  'contactMove.before.chatId': 'secret',
});

export const orderModel = defineModel('Order', orderSchema);

/** Per-month order counters, `{_id: 'ORD-202611', seq}`: the last number taken, never handed out again. */
export interface OrderCounter {
  _id: string;
  seq: number;
}

export const orderCounterSchema = new Schema<OrderCounter>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { versionKey: false, collection: 'counters' },
);

export const orderCounterModel = defineModel('OrderCounter', orderCounterSchema);
