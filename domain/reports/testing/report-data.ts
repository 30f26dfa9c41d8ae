import { randomBytes } from 'node:crypto';
import { type Connection, Types } from 'mongoose';
import type { Channel, Contact } from '../../contacts/contact.model.js';
import { contactModel } from '../../contacts/contact.model.js';
import { type InvoiceStatus, invoiceModel } from '../../invoices/invoice.model.js';
import { type Lead, type LeadStage, leadModel } from '../../leads/lead.model.js';
import { isOpenStage } from '../../leads/lead.rules.js';
import { type MessageAuthor, messageModel } from '../../messages/message.model.js';
import {
  type OrderItem,
  type OrderKind,
  type OrderPaymentStatus,
  orderModel,
} from '../../orders/order.model.js';
import type { OrderStatus } from '../../orders/order-status.rules.js';
import { type UserRole, userModel } from '../../users/user.model.js';

/**
 * Hand-built report data: documents written straight into the collections with exactly the fields a
 * report test sets (dates on both sides of shop-local midnight, stages, assignees), the required rest
 * filled with neutral values. Each helper returns what it wrote.
 */

/** A shop-local (WIB, UTC+7) moment. */
export const wib = (local: string) => new Date(`${local}+07:00`);

let sequence = 0;
const next = () => {
  sequence += 1;
  return sequence;
};

export async function addContact(
  connection: Connection,
  name: string,
  extra: Partial<Pick<Contact, 'chatId' | 'mergedInto' | 'phone'>> = {},
) {
  const n = next();
  return (
    await contactModel(connection).create({
      chatId: extra.chatId ?? `62813${String(n).padStart(8, '0')}@c.us`,
      name,
      createdAt: wib('2026-01-01T08:00:00'),
      ...extra,
    })
  ).toObject();
}

export async function addUser(
  connection: Connection,
  name: string,
  extra: { role?: UserRole; active?: boolean; whatsapp?: string } = {},
) {
  return (
    await userModel(connection).create({
      name,
      login: `${name.toLowerCase()}-${next()}`,
      role: extra.role ?? 'admin',
      active: extra.active ?? true,
      ...(extra.whatsapp && { whatsapp: extra.whatsapp }),
      createdAt: wib('2026-01-01T08:00:00'),
    })
  ).toObject();
}

export interface OrderInput {
  contactId: Types.ObjectId;
  createdAt: Date;
  status: OrderStatus;
  /** Defaults to the Σ of the items' subtotals (catalog) or `subtotal` (custom). */
  total?: number;
  paymentStatus?: OrderPaymentStatus;
  completedAt?: Date;
  assignee?: Types.ObjectId;
  kind?: OrderKind;
  items?: Pick<OrderItem, 'sku' | 'name' | 'qty' | 'subtotal'>[];
  /** Custom orders: the agreed price. */
  subtotal?: number;
  category?: string;
}

export async function addOrder(connection: Connection, input: OrderInput) {
  const n = next();
  const items = (input.items ?? []).map((item) => ({ ...item, unitPrice: item.subtotal / item.qty }));
  const subtotal = input.subtotal ?? items.reduce((sum, item) => sum + item.subtotal, 0);
  const total = input.total ?? subtotal;
  const paymentStatus = input.paymentStatus ?? 'unpaid';
  return (
    await orderModel(connection).create({
      number: `ORD-209901-${String(n).padStart(4, '0')}`,
      trackingToken: randomBytes(18).toString('base64url'),
      contactId: input.contactId,
      chatId: 'test@c.us',
      kind: input.kind ?? 'catalog',
      items,
      ...(input.kind === 'custom' && {
        custom: { description: 'pesanan khusus', ...(input.category && { category: input.category }) },
      }),
      subtotal,
      discount: 0,
      shippingFee: 0,
      total,
      paymentStatus,
      paidAmount: paymentStatus === 'paid' ? total : paymentStatus === 'partial' ? Math.floor(total / 2) : 0,
      source: 'console',
      status: input.status,
      ...(input.completedAt && { completedAt: input.completedAt }),
      ...(input.assignee && { assignee: input.assignee }),
      createdAt: input.createdAt,
      updatedAt: input.completedAt ?? input.createdAt,
    })
  ).toObject();
}

export interface LeadInput {
  contactId: Types.ObjectId;
  createdAt: Date;
  stage?: LeadStage;
  channel?: Channel;
  assignee?: Types.ObjectId;
  estimatedValue?: number;
  /** Defaults to createdAt. */
  stageChangedAt?: Date;
  closedAt?: Date;
  deletedAt?: Date;
  activities?: { at: Date; deletedAt?: Date }[];
}

/** A lead written directly: no audit entries, so no stage history. */
export async function addLead(connection: Connection, input: LeadInput): Promise<Lead> {
  const stage = input.stage ?? 'new';
  return (
    await leadModel(connection).create({
      contactId: input.contactId,
      stage,
      open: isOpenStage(stage) && !input.deletedAt,
      channel: input.channel ?? 'organic',
      ...(input.assignee && { assignee: input.assignee }),
      ...(input.estimatedValue !== undefined && { estimatedValue: input.estimatedValue }),
      ...(stage === 'lost' && { lostReason: 'harga' }),
      activities: (input.activities ?? []).map((activity) => ({
        _id: new Types.ObjectId(),
        kind: 'note',
        text: 'catatan',
        ...activity,
      })),
      customFields: {},
      createdAt: input.createdAt,
      updatedAt: input.stageChangedAt ?? input.createdAt,
      stageChangedAt: input.stageChangedAt ?? input.closedAt ?? input.createdAt,
      ...(input.closedAt && { closedAt: input.closedAt }),
      ...(input.deletedAt && { deletedAt: input.deletedAt }),
    })
  ).toObject();
}

export interface InvoiceInput {
  number: string;
  contactId: Types.ObjectId;
  amount: number;
  paidAmount?: number;
  dueDate: string;
  status: InvoiceStatus;
  createdAt?: Date;
}

export async function addInvoice(connection: Connection, input: InvoiceInput) {
  return (
    await invoiceModel(connection).create({
      number: input.number,
      orderId: new Types.ObjectId(),
      orderNumber: input.number.replace('INV', 'ORD'),
      contactId: input.contactId,
      chatId: 'test@c.us',
      amount: input.amount,
      paidAmount: input.paidAmount ?? 0,
      dueDate: input.dueDate,
      status: input.status,
      createdAt: input.createdAt ?? wib('2026-09-01T10:00:00'),
      updatedAt: input.createdAt ?? wib('2026-09-01T10:00:00'),
    })
  ).toObject();
}

/** One message in a chat: a customer's comes in, everything else goes out. */
export async function addMessage(
  connection: Connection,
  chatId: string,
  author: MessageAuthor,
  sentAt: Date,
) {
  await messageModel(connection).create({
    waId: `test-${next()}`,
    chatId,
    direction: author === 'customer' ? 'in' : 'out',
    author,
    type: 'text',
    body: author === 'customer' ? 'halo kak' : 'baik kak',
    sentAt,
    receivedAt: sentAt,
  });
}
