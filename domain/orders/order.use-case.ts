import { isDeepStrictEqual } from 'node:util';
import { type Connection, Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type Product, productModel } from '../catalog/product.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { parsePhone } from '../contacts/phone.js';
import { takeNumber } from '../counters/counter.js';
import { cancelInvoiceOfOrder } from '../invoices/invoice.use-case.js';
import { deductMaterialsForOrder } from '../materials/material.use-case.js';
import { isDuplicateKey } from '../platform/model.js';
import {
  type CustomBrief,
  FULFILMENT_METHODS,
  ORDER_SOURCES,
  type Order,
  type OrderFulfilment,
  type OrderItem,
  orderModel,
  PAYMENT_METHODS,
  type TimelineEntry,
} from './order.model.js';
import {
  computeTotals,
  formatOrderNumber,
  type ItemFailure,
  looksLikeTrackingToken,
  type MoneyFailure,
  monthKey,
  newTrackingToken,
  type OrderNumberFailure,
  orderNumberPrefix,
  type PricedLine,
  parseMoney,
  parseOrderNumber,
  paymentStatusFor,
} from './order.rules.js';
import { tellCustomerOfStatus } from './order-notice.js';
import { checkTransition, isOpen, ORDER_STATUSES, type OrderStatus } from './order-status.rules.js';

/** Who makes a change, and when. */
export interface ChangeContext {
  actor: Actor;
  at: Date;
}

/** Creating an order also needs the shop's time zone: the order number's month is the shop's month. */
export interface CreateContext extends ChangeContext {
  timeZone: string;
}

/** Expected failures, each with a stable code; `details` is a readable English sentence. */
export type OrderFailure =
  | { ok: false; code: 'ORDER.INVALID'; details: string }
  | MoneyFailure
  | ItemFailure
  | OrderNumberFailure
  | { ok: false; code: 'ORDER.UNKNOWN_PRODUCT'; details: string; sku: string }
  | { ok: false; code: 'ORDER.CONTACT_NOT_FOUND'; details: string }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string }
  | {
      ok: false;
      code: 'ORDER.ILLEGAL_TRANSITION';
      details: string;
      from: OrderStatus;
      to: OrderStatus;
      allowed: OrderStatus[];
    }
  | { ok: false; code: 'ORDER.CLOSED'; details: string; status: OrderStatus }
  /** Another status change landed first: this one, judged on the old status, was not applied. */
  | { ok: false; code: 'ORDER.CONFLICT'; details: string; status: OrderStatus };

export type CreateOrderResult = { ok: true; order: Order; created: boolean } | OrderFailure;

/** A change's outcome: the order as it is now, and whether anything changed (repeats are no-ops). */
export type OrderResult = { ok: true; order: Order; changed: boolean } | OrderFailure;

// ── Input schemas ─────────────────────────────────────────────────────────────────────────────────

/** Marks a zod issue that should surface with its own code rather than ORDER.INVALID. */
type CodedIssue = { orderCode: 'MONEY.INVALID' | 'ORDER.INVALID_ITEM' };

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const requiredText = (max: number) => text(max).min(1, { error: 'must not be empty' });
/** Optional text; blank counts as absent. */
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((value) => value || undefined);
/** In a patch: text sets the field, null or blank clears it, absence leaves it alone. */
const patchText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));

const money = z.number({ error: 'must be a number of rupiah' }).superRefine((value, ctx) => {
  if (!parseMoney(value, 'amount').ok)
    ctx.addIssue({
      code: 'custom',
      message: 'must be a whole, non-negative number of rupiah',
      params: { orderCode: 'MONEY.INVALID' } satisfies CodedIssue,
    });
});

const quantity = z.number({ error: 'must be a number' }).superRefine((value, ctx) => {
  if (!Number.isSafeInteger(value) || value < 1)
    ctx.addIssue({
      code: 'custom',
      message: 'must be a whole number of at least 1',
      params: { orderCode: 'ORDER.INVALID_ITEM' } satisfies CodedIssue,
    });
});

const ItemInput = z.strictObject({ sku: requiredText(100), qty: quantity });
const Items = z
  .array(ItemInput, { error: 'must be a list of {sku, qty}' })
  .min(1, { error: 'must name at least one product' })
  .max(100, { error: 'must have at most 100 lines' });

const day = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const clock = z
  .string({ error: 'must be a time HH:MM' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time HH:MM' });
const phone = z.string({ error: 'must be a phone number' }).transform((value, ctx) => {
  const parsed = parsePhone(value);
  if (parsed.ok) return parsed.phone as string;
  ctx.addIssue({ code: 'custom', message: `must be a valid phone number (got "${value}")` });
  return z.NEVER;
});
const paymentMethod = z.enum(PAYMENT_METHODS, { error: 'must be transfer, qris, cod or cash' });

const FulfilmentInput = z.strictObject({
  method: z.enum(FULFILMENT_METHODS, { error: 'must be pickup or delivery' }).optional(),
  date: day.optional(),
  time: clock.optional(),
  address: optionalText(500),
  recipientName: optionalText(100),
  recipientPhone: phone.optional(),
  courier: optionalText(100),
});
const FulfilmentPatch = z.strictObject({
  method: z.enum(FULFILMENT_METHODS, { error: 'must be pickup or delivery' }).nullable().optional(),
  date: day.nullable().optional(),
  time: clock.nullable().optional(),
  address: patchText(500),
  recipientName: patchText(100),
  recipientPhone: phone.nullable().optional(),
  courier: patchText(100),
});

const BriefInput = z.strictObject({
  category: optionalText(60),
  description: requiredText(4000),
  requirements: optionalText(4000),
  referenceMedia: z.array(requiredText(500)).max(20, { error: 'must have at most 20 files' }).default([]),
  deadline: day.optional(),
  budget: money.optional(),
});
const BriefPatch = z.strictObject({
  category: patchText(60),
  description: requiredText(4000).optional(),
  requirements: patchText(4000),
  referenceMedia: z.array(requiredText(500)).max(20, { error: 'must have at most 20 files' }).optional(),
  deadline: day.nullable().optional(),
  budget: money.nullable().optional(),
});

const contactId = z
  .custom<Types.ObjectId | string>(
    (value) =>
      value instanceof Types.ObjectId || (typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value)),
    { error: 'must be a contact id' },
  )
  .transform((value) => new Types.ObjectId(String(value)));

const common = {
  contactId,
  chatId: requiredText(100),
  customerName: optionalText(100),
  cardText: optionalText(500),
  fulfilment: FulfilmentInput.prefault({}),
  customerNotes: optionalText(1000),
  paymentMethod: paymentMethod.optional(),
  discount: money.default(0),
  shippingFee: money.default(0),
  source: z.enum(ORDER_SOURCES, { error: 'must be whatsapp, console or import' }),
  requestKey: optionalText(200),
  messageIds: z.array(requiredText(200)).max(100, { error: 'must have at most 100 ids' }).default([]),
};

/** What creating an order takes: a catalog order names products by sku, a custom one carries a brief. */
export const CreateOrderSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('catalog'), items: Items, ...common }),
    z.strictObject({
      kind: z.literal('custom'),
      custom: BriefInput,
      /** The price agreed with the customer, when it already is. */
      agreedPrice: money.optional(),
      ...common,
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'must be catalog or custom' : undefined) },
);
export type CreateOrderInput = z.input<typeof CreateOrderSchema>;

/** What staff may change on an open order; null clears an optional field. */
export const OrderDetailsPatchSchema = z.strictObject({
  items: Items.optional(),
  agreedPrice: money.optional(),
  custom: BriefPatch.optional(),
  cardText: patchText(500),
  fulfilment: FulfilmentPatch.optional(),
  customerNotes: patchText(1000),
  paymentMethod: paymentMethod.nullable().optional(),
  discount: money.optional(),
  shippingFee: money.optional(),
});
export type OrderDetailsPatch = z.input<typeof OrderDetailsPatchSchema>;

const StatusChange = z.strictObject({
  number: z.string({ error: 'must be an order number' }),
  to: z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` }),
  note: optionalText(2000),
});

const where = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.');

/** A zod failure as a coded value: money and quantity problems keep their own codes. */
function invalid(issues: readonly z.core.$ZodIssue[]): OrderFailure {
  for (const issue of issues) {
    const code = issue.code === 'custom' ? (issue.params as CodedIssue | undefined)?.orderCode : undefined;
    if (code === 'MONEY.INVALID') {
      const field = where(issue);
      return { ok: false, code, details: `${field} ${issue.message}`, field };
    }
    if (code === 'ORDER.INVALID_ITEM') {
      const index = issue.path[1];
      return {
        ok: false,
        code,
        details: `${where(issue)} ${issue.message}`,
        index: typeof index === 'number' ? index : 0,
      };
    }
  }
  const details = issues
    .map((issue) => `${issue.path.length > 0 ? `${where(issue)} ` : ''}${issue.message}`)
    .join('; ');
  return { ok: false, code: 'ORDER.INVALID', details };
}

const notFound = (number: string): OrderFailure => ({
  ok: false,
  code: 'ORDER.NOT_FOUND',
  details: `there is no order ${number}`,
});

/** Retries of a conditional write that lost to a concurrent change, before giving up as a bug. */
const ATTEMPTS = 5;

// ── Reads ─────────────────────────────────────────────────────────────────────────────────────────

/** The order with this number (any case, surrounding spaces ignored); null when unknown or malformed. */
export async function findOrderByNumber(connection: Connection, number: string): Promise<Order | null> {
  const parsed = parseOrderNumber(number);
  if (!parsed.ok) return null;
  return orderModel(connection).findOne({ number: parsed.text }).lean<Order>();
}

/** The order behind a public tracking link; null for anything that is not one. */
export async function findOrderByToken(connection: Connection, token: string): Promise<Order | null> {
  if (!looksLikeTrackingToken(token)) return null;
  return orderModel(connection).findOne({ trackingToken: token }).lean<Order>();
}

/** A contact's orders, newest first; only the open ones (not completed or cancelled) when asked. */
export async function ordersOfContact(
  connection: Connection,
  contactId: Types.ObjectId | string,
  options: { openOnly?: boolean } = {},
): Promise<Order[]> {
  if (!Types.ObjectId.isValid(contactId)) return [];
  return orderModel(connection)
    .find({
      contactId: new Types.ObjectId(String(contactId)),
      ...(options.openOnly && { status: { $in: ORDER_STATUSES.filter(isOpen) } }),
    })
    .sort({ createdAt: -1, _id: -1 })
    .lean<Order[]>();
}

// ── Numbers ───────────────────────────────────────────────────────────────────────────────────────

/** Take the next order number of the shop's month (never reused, consecutive under concurrency). */
export async function nextOrderNumber(connection: Connection, at: Date, timeZone: string): Promise<string> {
  const yyyymm = monthKey(at, timeZone);
  return formatOrderNumber(yyyymm, await takeNumber(connection, orderNumberPrefix(yyyymm)));
}

// ── Creation ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Price catalog lines: a sku the order already has keeps its name and price from order time; any other
 * must be an active product, priced now.
 */
async function priceLines(
  connection: Connection,
  lines: readonly { sku: string; qty: number }[],
  known: readonly OrderItem[],
): Promise<{ ok: true; lines: PricedLine[] } | OrderFailure> {
  const wanted = lines.map((line) => line.sku).filter((sku) => !known.some((item) => item.sku === sku));
  const products =
    wanted.length === 0
      ? []
      : await productModel(connection)
          .find({ sku: { $in: [...new Set(wanted)] }, active: true })
          .lean<Product[]>();
  const priced: PricedLine[] = [];
  for (const line of lines) {
    const source = known.find((item) => item.sku === line.sku) ??
      products.find((product) => product.sku === line.sku) ?? { sku: line.sku };
    if (!('name' in source))
      return {
        ok: false,
        code: 'ORDER.UNKNOWN_PRODUCT',
        details: `no active product with sku "${line.sku}"`,
        sku: line.sku,
      };
    const unitPrice = 'unitPrice' in source ? source.unitPrice : source.price;
    priced.push({ sku: line.sku, name: source.name, qty: line.qty, unitPrice });
  }
  return { ok: true, lines: priced };
}

/** Which unique key a duplicate-key error hit. */
function duplicateField(error: unknown): string | undefined {
  const { keyPattern } = error as { keyPattern?: Record<string, unknown> };
  return keyPattern ? Object.keys(keyPattern)[0] : undefined;
}

/**
 * Let the contact's stats and the audit know about a new order, exactly once: whoever flips
 * `creationRecorded` writes them. A replay of a creation interrupted after its insert finishes the job.
 */
async function recordCreation(connection: Connection, order: Order): Promise<Order> {
  const claimed = await orderModel(connection)
    .findOneAndUpdate(
      { _id: order._id, creationRecorded: false },
      { $set: { creationRecorded: true } },
      { returnDocument: 'after' },
    )
    .lean<Order>();
  if (!claimed) return (await orderModel(connection).findById(order._id).lean<Order>()) ?? order;
  await contactModel(connection).updateOne(
    { _id: claimed.contactId },
    { $inc: { 'stats.orders': 1 }, $max: { 'stats.lastOrderAt': claimed.createdAt } },
  );
  const creator = claimed.timeline[0]?.actor ?? { kind: 'system' };
  await audit(
    connection,
    {
      entity: 'order',
      entityId: claimed._id,
      action: 'created',
      actor: creator,
      after: {
        number: claimed.number,
        kind: claimed.kind,
        status: claimed.status,
        source: claimed.source,
        contactId: claimed.contactId,
        ...(claimed.kind === 'catalog' && {
          items: claimed.items.map(({ sku, qty, unitPrice }) => ({ sku, qty, unitPrice })),
        }),
        total: claimed.total,
        ...(claimed.requestKey && { requestKey: claimed.requestKey }),
      },
    },
    claimed.createdAt,
  );
  return claimed;
}

/** An order an earlier delivery of the same request created: returned as it is now, nothing new. */
async function replayed(connection: Connection, existing: Order): Promise<CreateOrderResult> {
  const order = existing.creationRecorded ? existing : await recordCreation(connection, existing);
  return { ok: true, order, created: false };
}

/**
 * Create an order, status `pending`, numbered in the shop's month. Everything is checked before the
 * first write (input, contact, products, money), so a refused order consumes no number. With a
 * `requestKey` the creation is idempotent: a repeat — even a simultaneous one, which the unique index
 * turns into a duplicate-key error — returns the first order with `created: false`.
 */
export async function createOrder(
  connection: Connection,
  input: CreateOrderInput,
  context: CreateContext,
): Promise<CreateOrderResult> {
  const parsed = CreateOrderSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const data = parsed.data;
  const model = orderModel(connection);
  if (data.requestKey) {
    const existing = await model.findOne({ requestKey: data.requestKey }).lean<Order>();
    if (existing) return replayed(connection, existing);
  }
  if (!(await contactModel(connection).exists({ _id: data.contactId })))
    return { ok: false, code: 'ORDER.CONTACT_NOT_FOUND', details: `there is no contact ${data.contactId}` };

  let lines: PricedLine[] = [];
  if (data.kind === 'catalog') {
    const priced = await priceLines(connection, data.items, []);
    if (!priced.ok) return priced;
    lines = priced.lines;
  }
  const totals = computeTotals({
    kind: data.kind,
    items: lines,
    discount: data.discount,
    shippingFee: data.shippingFee,
    ...(data.kind === 'custom' && data.agreedPrice !== undefined && { agreedPrice: data.agreedPrice }),
  });
  if (!totals.ok) return totals;

  const { at, actor } = context;
  const timeline: TimelineEntry[] = [{ status: 'pending', at, actor }];
  // Absent optional fields stay undefined here, and mongoose leaves them out of the document.
  const document = {
    kind: data.kind,
    contactId: data.contactId,
    chatId: data.chatId,
    customerName: data.customerName,
    ...(data.kind === 'custom' && { custom: data.custom }),
    cardText: data.cardText,
    fulfilment: data.fulfilment,
    customerNotes: data.customerNotes,
    paymentMethod: data.paymentMethod,
    source: data.source,
    requestKey: data.requestKey,
    messageIds: data.messageIds,
    items: totals.items,
    subtotal: totals.subtotal,
    discount: totals.discount,
    shippingFee: totals.shippingFee,
    total: totals.total,
    paymentStatus: 'unpaid' as const,
    paidAmount: 0,
    status: 'pending' as const,
    timeline,
    internalNotes: [],
    creationRecorded: false,
    countedInStats: false,
    revision: 0,
    createdAt: at,
    updatedAt: at,
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const number = await nextOrderNumber(connection, at, context.timeZone);
    let order: Order;
    try {
      order = (await model.create({ ...document, number, trackingToken: newTrackingToken() })).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const field = duplicateField(error);
      if (field === 'requestKey' && data.requestKey) {
        // A simultaneous delivery of the same request won the insert: that order is the answer.
        const existing = await model.findOne({ requestKey: data.requestKey }).lean<Order>();
        if (existing) return replayed(connection, existing);
      }
      // A number already used (e.g. by an import) or a token collision: take fresh ones.
      if (field === 'number' || field === 'trackingToken') continue;
      throw error;
    }
    return { ok: true, order: await recordCreation(connection, order), created: true };
  }
  throw new Error(`no free order number after ${ATTEMPTS} attempts`);
}

// ── Changes ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Keep the contact's `stats.totalSpent` equal to the totals of their completed and paid orders. The
 * order's `countedInStats` flag is flipped by a conditional update before the contact is touched: only
 * the caller that flips it adjusts the stats, so concurrent writers (a payment and a completion at the
 * same moment) count an order once. Every writer calls this after its own write, so the last one sees
 * the final state. A completed order's total cannot change, so uncounting subtracts what was added.
 */
export async function settleSpentStats(connection: Connection, order: Order): Promise<Order> {
  const earned = order.status === 'completed' && order.paymentStatus === 'paid';
  if (earned === order.countedInStats) return order;
  const model = orderModel(connection);
  const claimed = await model
    .findOneAndUpdate(
      earned
        ? { _id: order._id, status: 'completed', paymentStatus: 'paid', countedInStats: false }
        : {
            _id: order._id,
            countedInStats: true,
            $or: [{ status: { $ne: 'completed' } }, { paymentStatus: { $ne: 'paid' } }],
          },
      { $set: { countedInStats: earned } },
      { returnDocument: 'after' },
    )
    .lean<Order>();
  if (!claimed) return (await model.findById(order._id).lean<Order>()) ?? order;
  await contactModel(connection).updateOne(
    { _id: claimed.contactId },
    { $inc: { 'stats.totalSpent': earned ? claimed.total : -claimed.total } },
  );
  return claimed;
}

/** An order number's failure as the use cases report it; the canonical number otherwise. */
function canonicalNumber(number: string): { ok: true; number: string } | OrderFailure {
  const parsed = parseOrderNumber(number);
  return parsed.ok ? { ok: true, number: parsed.text } : parsed;
}

/**
 * Move an order along its life (order-status.rules.ts). The write is conditional on the status (and
 * revision) it was judged on, so of two concurrent changes only one applies; the other gets
 * `ORDER.CONFLICT` (or `changed: false` when the winner made the same move) instead of being applied on
 * top of a status its sender never saw. A concurrent edit of other fields only makes it retry. Pushes a
 * timeline entry, stamps `completedAt`, audits, deducts the bill of materials when production starts
 * (once per order), cancels the invoice of a cancelled order, tells the customer (unless `tellCustomer: false`, for a
 * caller that answers them itself) and settles the contact's total spent when the order becomes
 * completed and paid. Moving to the current status changes nothing.
 */
export async function changeOrderStatus(
  connection: Connection,
  input: { number: string; to: OrderStatus; note?: string },
  context: ChangeContext & { tellCustomer?: boolean },
): Promise<OrderResult> {
  const parsed = StatusChange.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues);
  const checked = canonicalNumber(parsed.data.number);
  if (!checked.ok) return checked;
  const { to, note } = parsed.data;
  const model = orderModel(connection);
  // The status the move was judged on; only edits of other fields may come between read and write.
  let judged: OrderStatus | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = await model.findOne({ number: checked.number }).lean<Order>();
    if (!order) return notFound(checked.number);
    if (order.status === to) return { ok: true, order, changed: false };
    if (judged !== undefined && order.status !== judged)
      return {
        ok: false,
        code: 'ORDER.CONFLICT',
        details: `order ${order.number} moved from ${judged} to ${order.status} meanwhile; nothing was changed`,
        status: order.status,
      };
    judged = order.status;
    const transition = checkTransition(order.status, to, order.fulfilment.method);
    if (!transition.ok) {
      const { from, allowed } = transition.details;
      const next = allowed.length > 0 ? `it can go to ${allowed.join(' or ')}` : `${from} is final`;
      return {
        ok: false,
        code: transition.code,
        details: `order ${order.number} cannot go from ${from} to ${to}: ${next}`,
        from,
        to,
        allowed,
      };
    }
    const entry: TimelineEntry = { status: to, at: context.at, actor: context.actor, ...(note && { note }) };
    const updated = await model
      .findOneAndUpdate(
        { _id: order._id, status: order.status, revision: order.revision },
        {
          $set: { status: to, updatedAt: context.at, ...(to === 'completed' && { completedAt: context.at }) },
          $push: { timeline: entry },
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<Order>();
    // Changed between the read and the write: a concurrent status change wins, other edits are retried.
    if (!updated) continue;
    await audit(
      connection,
      {
        entity: 'order',
        entityId: order._id,
        action: 'status_changed',
        actor: context.actor,
        before: { status: order.status },
        after: { status: to, ...(note && { note }) },
      },
      context.at,
    );
    const change = { actor: context.actor, at: context.at };
    // Production uses the bill of materials; a cancelled order is no longer billed.
    if (to === 'in_progress') await deductMaterialsForOrder(connection, updated.number, change);
    if (to === 'cancelled') await cancelInvoiceOfOrder(connection, updated.number, change);
    if (context.tellCustomer !== false) await tellCustomerOfStatus(connection, updated, context.at);
    return { ok: true, order: await settleSpentStats(connection, updated), changed: true };
  }
  throw new Error(`order ${checked.number} kept changing while its status was being moved`);
}

/** Fields `updateOrderDetails` may change, and the money derived from them. */
const DETAIL_FIELDS = [
  'items',
  'custom',
  'cardText',
  'fulfilment',
  'customerNotes',
  'paymentMethod',
  'subtotal',
  'discount',
  'shippingFee',
  'total',
  'paymentStatus',
] as const satisfies readonly (keyof Order)[];
type Details = { [K in (typeof DETAIL_FIELDS)[number]]?: Order[K] };

/** Apply a patch: a value replaces, null removes, absence keeps (no undefined-valued keys are left). */
function merged<T extends object>(current: T, patch: { [K in keyof T]?: T[K] | null }): T {
  const next = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next as T;
}

/**
 * Edit an open order's items, custom brief and price, card text, fulfilment, notes, payment method,
 * discount or shipping fee. Totals and payment status are recomputed; items already on the order keep
 * their order-time price, new ones take the product's current price. Completed and cancelled orders
 * are refused (`ORDER.CLOSED`). Audited with the changed fields before and after.
 */
export async function updateOrderDetails(
  connection: Connection,
  input: { number: string; patch: OrderDetailsPatch },
  context: ChangeContext,
): Promise<OrderResult> {
  const checked = canonicalNumber(input.number);
  if (!checked.ok) return checked;
  const parsedPatch = OrderDetailsPatchSchema.safeParse(input.patch);
  if (!parsedPatch.success) return invalid(parsedPatch.error.issues);
  const patch = parsedPatch.data;
  const model = orderModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = await model.findOne({ number: checked.number }).lean<Order>();
    if (!order) return notFound(checked.number);
    if (!isOpen(order.status))
      return {
        ok: false,
        code: 'ORDER.CLOSED',
        details: `order ${order.number} is ${order.status}; its details can no longer change`,
        status: order.status,
      };
    const misplaced =
      order.kind === 'catalog'
        ? (['custom', 'agreedPrice'] as const).find((key) => patch[key] !== undefined)
        : patch.items !== undefined
          ? 'items'
          : undefined;
    if (misplaced)
      return {
        ok: false,
        code: 'ORDER.INVALID',
        details: `${misplaced} does not apply to a ${order.kind} order`,
      };

    let lines: PricedLine[] = order.items;
    if (patch.items) {
      const priced = await priceLines(connection, patch.items, order.items);
      if (!priced.ok) return priced;
      lines = priced.lines;
    }
    const totals = computeTotals({
      kind: order.kind,
      items: lines,
      discount: patch.discount ?? order.discount,
      shippingFee: patch.shippingFee ?? order.shippingFee,
      // A custom order's subtotal is its agreed price.
      ...(order.kind === 'custom' && { agreedPrice: patch.agreedPrice ?? order.subtotal }),
    });
    if (!totals.ok) return totals;

    const before: Details = {};
    for (const key of DETAIL_FIELDS)
      if (order[key] !== undefined) Object.assign(before, { [key]: order[key] });
    const after: Details = merged(before, {
      items: totals.items,
      ...(patch.custom && order.custom && { custom: merged<CustomBrief>(order.custom, patch.custom) }),
      cardText: patch.cardText,
      ...(patch.fulfilment && { fulfilment: merged<OrderFulfilment>(order.fulfilment, patch.fulfilment) }),
      customerNotes: patch.customerNotes,
      paymentMethod: patch.paymentMethod,
      subtotal: totals.subtotal,
      discount: totals.discount,
      shippingFee: totals.shippingFee,
      total: totals.total,
      // A refund is the payments module's state; anything else follows the new total.
      paymentStatus:
        order.paymentStatus === 'refunded' ? 'refunded' : paymentStatusFor(totals.total, order.paidAmount),
    });
    const changed = DETAIL_FIELDS.filter((key) => !isDeepStrictEqual(before[key], after[key]));
    if (changed.length === 0) return { ok: true, order, changed: false };

    const set: Record<string, unknown> = { updatedAt: context.at };
    const unset: Record<string, 1> = {};
    for (const key of changed) {
      if (after[key] === undefined) unset[key] = 1;
      else set[key] = after[key];
    }
    const updated = await model
      .findOneAndUpdate(
        { _id: order._id, revision: order.revision, status: { $in: ORDER_STATUSES.filter(isOpen) } },
        { $set: set, ...(Object.keys(unset).length > 0 && { $unset: unset }), $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Order>();
    // Changed (or closed) since it was read: recompute from what it is now.
    if (!updated) continue;
    await audit(
      connection,
      {
        entity: 'order',
        entityId: order._id,
        action: 'details_updated',
        actor: context.actor,
        before: Object.fromEntries(changed.flatMap((key) => (key in before ? [[key, before[key]]] : []))),
        after: Object.fromEntries(changed.flatMap((key) => (key in after ? [[key, after[key]]] : []))),
      },
      context.at,
    );
    return { ok: true, order: updated, changed: true };
  }
  throw new Error(`order ${checked.number} kept changing while its details were being edited`);
}

/**
 * Record how much the customer has paid in total (for the payments module): recomputes the payment
 * status and settles the contact's total spent when the order is (or stops being) completed and paid.
 * Allowed in any status — payment often arrives after completion.
 */
export async function setPaidAmount(
  connection: Connection,
  input: { number: string; paidAmount: number },
  context: ChangeContext,
): Promise<OrderResult> {
  const checked = canonicalNumber(input.number);
  if (!checked.ok) return checked;
  const amount = parseMoney(input.paidAmount, 'paidAmount');
  if (!amount.ok) return amount;
  const model = orderModel(connection);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = await model.findOne({ number: checked.number }).lean<Order>();
    if (!order) return notFound(checked.number);
    const paymentStatus = paymentStatusFor(order.total, amount.value);
    if (order.paidAmount === amount.value && order.paymentStatus === paymentStatus)
      return { ok: true, order: await settleSpentStats(connection, order), changed: false };
    const updated = await model
      .findOneAndUpdate(
        { _id: order._id, revision: order.revision },
        { $set: { paidAmount: amount.value, paymentStatus, updatedAt: context.at }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Order>();
    if (!updated) continue;
    await audit(
      connection,
      {
        entity: 'order',
        entityId: order._id,
        action: 'payment_updated',
        actor: context.actor,
        before: { paidAmount: order.paidAmount, paymentStatus: order.paymentStatus },
        after: { paidAmount: updated.paidAmount, paymentStatus: updated.paymentStatus },
      },
      context.at,
    );
    return { ok: true, order: await settleSpentStats(connection, updated), changed: true };
  }
  throw new Error(`order ${checked.number} kept changing while its payment was being recorded`);
}
