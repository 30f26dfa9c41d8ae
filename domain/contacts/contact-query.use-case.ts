import { type Connection, isValidObjectId, Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { escapeRegex } from '../materials/material.rules.js';
import { type Message, messageModel } from '../messages/message.model.js';
import type { Order } from '../orders/order.model.js';
import { ordersOfContact } from '../orders/order.use-case.js';
import { type Contact, contactModel } from './contact.model.js';
import { parsePhone } from './phone.js';

export const CONTACTS_PAGE_SIZE = 25;
/** "Recent buyers": who ordered in the last two days. */
export const RECENT_MS = 2 * 86_400_000;
export const CONTACT_VIEWS = ['all', 'recent', 'confirm'] as const;
export type ContactView = (typeof CONTACT_VIEWS)[number];

/**
 * What a contacts search asks the database. `recent`: who ordered in the last two days, confirmed or not
 * (the list opens there); `confirm`: those of them whose real name nobody has confirmed yet; `all`:
 * everyone. `q` is a phone in any form, or part of a name. Most recent order first. Contacts merged into
 * another are left out. The console list and the contacts export both build their query here.
 */
export function contactQuery(input: { view?: ContactView; q?: string; now: Date }): {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
} {
  const since = new Date(input.now.getTime() - RECENT_MS);
  const view = input.view ?? 'recent';
  const q = input.q?.trim();
  const phone = q && /\d{6,}/.test(q.replace(/[\s().-]/g, '')) ? parsePhone(q) : undefined;
  const filter: Record<string, unknown> = {
    // Merge tombstones are not people of their own; erased customers are no longer people at all.
    mergedInto: { $exists: false },
    erasedAt: { $exists: false },
    ...(view !== 'all' && { 'stats.lastOrderAt': { $gte: since } }),
    ...(view === 'confirm' && { nameConfirmed: { $ne: true } }),
    ...(phone?.ok
      ? { phone: phone.phone }
      : q && {
          $or: [{ name: new RegExp(escapeRegex(q), 'i') }, { pushName: new RegExp(escapeRegex(q), 'i') }],
        }),
  };
  return { filter, sort: { 'stats.lastOrderAt': -1, createdAt: -1, _id: -1 } };
}

/** Contacts for the console list (see contactQuery), 25 a page. */
export async function searchContacts(
  connection: Connection,
  input: { view?: ContactView; q?: string; page?: number; now: Date },
): Promise<{ items: Contact[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.trunc(input.page ?? 1));
  const { filter, sort } = contactQuery(input);
  const contacts = contactModel(connection);
  const [items, total] = await Promise.all([
    contacts
      .find(filter)
      .sort(sort)
      .skip((page - 1) * CONTACTS_PAGE_SIZE)
      .limit(CONTACTS_PAGE_SIZE)
      .lean<Contact[]>(),
    contacts.countDocuments(filter),
  ]);
  return { items, total, page, pageSize: CONTACTS_PAGE_SIZE };
}

/**
 * Everything about one customer: the contact, their orders, what they buy most, and the chat — the
 * messages of their own chat and of the chats of contacts merged into them.
 */
export interface ContactView360 {
  contact: Contact;
  orders: Order[];
  topProducts: { sku: string; name: string; qty: number }[];
  messages: Message[];
}

export async function contactOverview(connection: Connection, id: string): Promise<ContactView360 | null> {
  if (!isValidObjectId(id)) return null;
  const contact = await contactModel(connection).findById(id).lean<Contact>();
  if (!contact) return null;
  const [orders, messages] = await Promise.all([
    ordersOfContact(connection, contact._id),
    messageModel(connection)
      .find({ chatId: { $in: [contact.chatId, ...(contact.otherChatIds ?? [])] } })
      .sort({ sentAt: -1 })
      .limit(50)
      .lean<Message[]>(),
  ]);
  const bought = new Map<string, { sku: string; name: string; qty: number }>();
  for (const order of orders) {
    if (order.status === 'cancelled') continue;
    for (const item of order.items) {
      const line = bought.get(item.sku) ?? { sku: item.sku, name: item.name, qty: 0 };
      line.qty += item.qty;
      bought.set(item.sku, line);
    }
  }
  const topProducts = [...bought.values()]
    .sort((a, b) => b.qty - a.qty || a.name.localeCompare(b.name))
    .slice(0, 5);
  return { contact, orders, topProducts, messages: messages.reverse() };
}

export type ConfirmNameResult =
  | { ok: true; contact: Contact; changed: boolean }
  | { ok: false; code: 'CONTACT.NOT_FOUND'; details: string }
  | { ok: false; code: 'CONTACT.INVALID'; details: string };

/** Staff confirm a customer's real name (the WhatsApp name is only temporary). Audited. */
export async function confirmContactName(
  connection: Connection,
  input: { id: string; name: string },
  context: { actor: Actor; at: Date },
): Promise<ConfirmNameResult> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120)
    return { ok: false, code: 'CONTACT.INVALID', details: 'name must be 1–120 characters' };
  if (!isValidObjectId(input.id))
    return { ok: false, code: 'CONTACT.NOT_FOUND', details: `no contact with id ${input.id}` };
  const before = await contactModel(connection)
    .findOneAndUpdate(
      { _id: new Types.ObjectId(input.id) },
      { $set: { name, nameConfirmed: true } },
      { returnDocument: 'before' },
    )
    .lean<Contact>();
  if (!before) return { ok: false, code: 'CONTACT.NOT_FOUND', details: `no contact with id ${input.id}` };
  const contact = { ...before, name, nameConfirmed: true };
  const changed = before.name !== name || !before.nameConfirmed;
  if (changed)
    await audit(
      connection,
      {
        entity: 'contact',
        entityId: before._id,
        action: 'name_confirmed',
        actor: context.actor,
        before: {
          name: before.name ?? null,
          pushName: before.pushName ?? null,
          nameConfirmed: before.nameConfirmed,
        },
        after: { name, nameConfirmed: true },
      },
      context.at,
    );
  return { ok: true, contact, changed };
}
