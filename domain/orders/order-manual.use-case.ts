import type { Connection } from 'mongoose';
import { z } from 'zod';
import { type Product, productModel } from '../catalog/product.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { contactForPhone, followMerged } from '../contacts/contact.use-case.js';
import { type ContactEditFailure, updateContact } from '../contacts/contact-edit.use-case.js';
import { parsePhone } from '../contacts/phone.js';
import { type Order, orderModel } from './order.model.js';
import { computeTotals, type ItemFailure, type MoneyFailure } from './order.rules.js';
import {
  type CreateContext,
  type CreateOrderInput,
  CreateOrderSchema,
  createOrder,
  type OrderFailure,
} from './order.use-case.js';
import { sendOrderConfirmation } from './order-confirmation.js';

const phone = z
  .string({ error: 'must be a phone number' })
  .max(40, { error: 'must be a phone number' })
  .transform((value, ctx) => {
    const parsed = parsePhone(value);
    if (parsed.ok) return parsed.phone;
    ctx.addIssue({ code: 'custom', message: `must be a valid phone number (got "${value}")` });
    return z.NEVER;
  });

/** What staff give instead of the contact and the request key createOrder takes. */
const manual = {
  /** The customer's phone in any Indonesian form: their contact is found, or created. */
  phone,
  /** The customer's real name: set on the contact when it has no confirmed one. */
  name: z
    .string({ error: 'must be text' })
    .trim()
    .max(120, { error: 'must be at most 120 characters' })
    .optional()
    .transform((value) => value || undefined),
  /** The form's id for this order: submitting it twice makes one order. */
  requestId: z.uuid({ error: 'must be a UUID' }),
};
const decided = {
  contactId: true,
  chatId: true,
  customerName: true,
  source: true,
  requestKey: true,
  messageIds: true,
} as const;
const [catalogOrder, customOrder] = CreateOrderSchema.options;

/**
 * An order staff take by phone or in the shop (the console's new-order form): the order fields of
 * createOrder, with the customer's phone and name instead of a contact, and a request id.
 */
export const ManualOrderSchema = z.discriminatedUnion(
  'kind',
  [catalogOrder.omit(decided).extend(manual), customOrder.omit(decided).extend(manual)],
  { error: (issue) => (issue.code === 'invalid_union' ? 'must be catalog or custom' : undefined) },
);
export type ManualOrderInput = z.input<typeof ManualOrderSchema>;

/** A refusal names the field it is about (`items.1.sku`, `discount`, `phone`). */
export type ManualOrderFailure =
  | { ok: false; code: 'ORDER.INVALID'; details: string; field: string }
  | (ItemFailure & { field: string; sku?: string })
  | MoneyFailure
  | OrderFailure
  | ContactEditFailure;

export type ManualOrderResult =
  | {
      ok: true;
      order: Order;
      /** False when the same request made the order before: nothing new was written. */
      created: boolean;
      /** The order's contact, as it is now. */
      contact: Contact;
    }
  | ManualOrderFailure;

type CodedIssue = { orderCode?: 'MONEY.INVALID' | 'ORDER.INVALID_ITEM' };

/** The first problem of the input, with its field; money and quantities keep their own codes. */
function refusal(issues: readonly z.core.$ZodIssue[]): ManualOrderFailure {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const details = `${field ? `${field} ` : ''}${issue?.message ?? 'is invalid'}`;
  const code = issue?.code === 'custom' ? (issue.params as CodedIssue | undefined)?.orderCode : undefined;
  if (code === 'MONEY.INVALID') return { ok: false, code, details, field };
  if (code === 'ORDER.INVALID_ITEM') {
    const index = issue?.path[1];
    return { ok: false, code, details, index: typeof index === 'number' ? index : 0, field };
  }
  return { ok: false, code: 'ORDER.INVALID', details, field };
}

const unknownItem = (index: number, sku: string): ManualOrderFailure => ({
  ok: false,
  code: 'ORDER.INVALID_ITEM',
  details: `items.${index}.sku: no active product with sku "${sku}"`,
  index,
  field: `items.${index}.sku`,
  sku,
});

/**
 * Everything that could refuse the order, checked before anything is written: every sku is an active
 * product and the money adds up. (The input itself was parsed already.)
 */
async function checkOrder(
  connection: Connection,
  data: z.output<typeof ManualOrderSchema>,
): Promise<ManualOrderFailure | undefined> {
  const lines: { sku: string; name: string; qty: number; unitPrice: number }[] = [];
  if (data.kind === 'catalog') {
    const products = await productModel(connection)
      .find({ sku: { $in: [...new Set(data.items.map((item) => item.sku))] }, active: true })
      .lean<Product[]>();
    const bySku = new Map(products.map((product) => [product.sku, product]));
    for (const [index, item] of data.items.entries()) {
      const product = bySku.get(item.sku);
      if (!product) return unknownItem(index, item.sku);
      lines.push({ sku: item.sku, name: product.name, qty: item.qty, unitPrice: product.price });
    }
  }
  const totals = computeTotals({
    kind: data.kind,
    items: lines,
    discount: data.discount,
    shippingFee: data.shippingFee,
    ...(data.kind === 'custom' && data.agreedPrice !== undefined && { agreedPrice: data.agreedPrice }),
  });
  if (!totals.ok)
    return totals.code === 'ORDER.INVALID_ITEM' ? { ...totals, field: `items.${totals.index}.qty` } : totals;
  return undefined;
}

/** The order's contact as it is now (the live one, should it have been merged since). */
async function contactOf(connection: Connection, order: Order): Promise<Contact> {
  const contact = await contactModel(connection).findById(order.contactId).lean<Contact>();
  if (!contact) throw new Error(`order ${order.number} has no contact ${String(order.contactId)}`);
  return followMerged(connection, contact);
}

/**
 * An order staff take by phone or in the shop, from the console's form: the customer's contact is
 * found by phone in any form (or created; a name given becomes its confirmed name when it has none),
 * the order is created with source `console` under the request key `console:<requestId>` — a double
 * submit makes one order — and the customer gets the normal confirmation through the outbox. Every
 * refusal (bad input, an unknown or inactive sku as `ORDER.INVALID_ITEM` with its index) comes before
 * the first write. A repeat of a request finishes what an interrupted one left (the confirmation).
 */
export async function createManualOrder(
  connection: Connection,
  input: unknown,
  context: CreateContext,
): Promise<ManualOrderResult> {
  const parsed = ManualOrderSchema.safeParse(input);
  if (!parsed.success) return refusal(parsed.error.issues);
  const { phone: customerPhone, name, requestId, ...fields } = parsed.data;
  const requestKey = `console:${requestId}`;

  const earlier = await orderModel(connection).findOne({ requestKey }).lean<Order>();
  let contact: Contact;
  if (earlier) contact = await contactOf(connection, earlier);
  else {
    const refused = await checkOrder(connection, parsed.data);
    if (refused) return refused;
    ({ contact } = await contactForPhone(connection, {
      phone: customerPhone,
      ...(name && { name }),
      at: context.at,
      actor: context.actor,
    }));
    if (name && !contact.nameConfirmed) {
      const named = await updateContact(
        connection,
        { id: String(contact._id), patch: { name } },
        { actor: context.actor, at: context.at },
      );
      if (!named.ok) return named;
      contact = named.contact;
    }
  }

  const customerName = contact.name ?? contact.pushName;
  const order: CreateOrderInput = {
    ...fields,
    contactId: earlier?.contactId ?? contact._id,
    chatId: earlier?.chatId ?? contact.chatId,
    ...(customerName && { customerName }),
    source: 'console',
    requestKey,
  };
  const result = await createOrder(connection, order, context);
  if (!result.ok) {
    // A product deactivated between the check and the insert.
    if (result.code === 'ORDER.UNKNOWN_PRODUCT' && fields.kind === 'catalog')
      return unknownItem(
        Math.max(
          0,
          fields.items.findIndex((item) => item.sku === result.sku),
        ),
        result.sku,
      );
    return result;
  }
  await sendOrderConfirmation(connection, result.order, context.at);
  return { ok: true, order: result.order, created: result.created, contact };
}
