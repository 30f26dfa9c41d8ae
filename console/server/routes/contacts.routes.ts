import { z } from 'zod';
import type { Contact } from '../../../domain/contacts/contact.model.js';
import { updateContact } from '../../../domain/contacts/contact-edit.use-case.js';
import { isErasedChatId } from '../../../domain/contacts/contact-erasure.rules.js';
import { mergeContacts } from '../../../domain/contacts/contact-merge.use-case.js';
import {
  CONTACT_VIEWS,
  confirmContactName,
  contactOverview,
  searchContacts,
} from '../../../domain/contacts/contact-query.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';
import { threadMessage } from './views.js';

const ContactId = z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a contact id' });
const IdParams = z.strictObject({ id: ContactId });

/** The contacts list's view, search and page (the contacts export takes the same but the page). */
export const ContactsQuery = z.strictObject({
  view: z.enum(CONTACT_VIEWS).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** A contact as lists show it: the confirmed name, else the temporary WhatsApp one. */
const row = (contact: Contact) => ({
  id: String(contact._id),
  name: contact.name ?? null,
  pushName: contact.pushName ?? null,
  nameConfirmed: contact.nameConfirmed === true,
  phone: contact.phone ?? null,
  orders: contact.stats.orders,
  totalSpent: contact.stats.totalSpent,
  lastOrderAt: contact.stats.lastOrderAt?.toISOString() ?? null,
});

/** A contact as its page shows it: the row, plus what staff can edit. */
const detail = (contact: Contact) => ({
  ...row(contact),
  email: contact.email ?? null,
  notes: contact.notes ?? null,
  tags: contact.tags ?? [],
  optOut: contact.optOut === true,
  addresses: (contact.addresses ?? []).map((address) => ({
    label: address.label ?? null,
    text: address.text,
  })),
  /** The customer's RFM segment from the nightly scoring, null before their first completed order. */
  rfm: contact.rfm
    ? {
        r: contact.rfm.r,
        f: contact.rfm.f,
        m: contact.rfm.m,
        segment: contact.rfm.segment,
        at: contact.rfm.at.toISOString(),
      }
    : null,
  /** Set on a merged contact's tombstone: the contact to show instead. */
  mergedInto: contact.mergedInto ? String(contact.mergedInto) : null,
  /** The customer's personal data was erased: what is left is a nameless record for the books. */
  erased: isErasedChatId(contact.chatId),
});

/** Contacts are everyday work for every role (SPEC §7). */
export const contactsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/contacts',
    access: 'signed-in',
    summary:
      "contacts: the last two days' buyers (default), the names to confirm, or everyone; search by phone or name",
    query: ContactsQuery,
    async handler({ query }, { connection, clock }) {
      const found = await searchContacts(connection, { ...query, now: clock.now() });
      return { ...found, items: found.items.map(row) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/contacts/:id',
    access: 'signed-in',
    summary: 'one customer: stats, orders, top products, chat',
    params: IdParams,
    async handler({ params }, { connection }) {
      const overview = await contactOverview(connection, params.id);
      if (!overview)
        return failWith({ code: 'CONTACT.NOT_FOUND', details: `no contact with id ${params.id}` });
      return {
        contact: detail(overview.contact),
        orders: overview.orders.map((order) => ({
          number: order.number,
          status: order.status,
          total: order.total,
          paymentStatus: order.paymentStatus,
          createdAt: order.createdAt.toISOString(),
        })),
        topProducts: overview.topProducts,
        messages: overview.messages.map(threadMessage),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/contacts/:id/confirm-name',
    access: 'signed-in',
    summary: "confirm a customer's real name",
    params: IdParams,
    body: z.strictObject({ name: z.string().max(120) }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await confirmContactName(
        connection,
        { id: params.id, name: body.name },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { contact: row(result.contact), changed: result.changed };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/contacts/:id',
    access: 'signed-in',
    summary:
      'edit a contact: name (confirms it), email, notes, tags, addresses, opt-out, phone (null or "" clears email and notes)',
    params: IdParams,
    body: z.record(z.string(), z.unknown()),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await updateContact(
        connection,
        { id: params.id, patch: body },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { contact: detail(result.contact), changed: result.changed };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/contacts/:id/merge',
    // It rewrites history (orders, invoices, leads change hands), so not for admins.
    access: ['owner', 'manager'],
    summary: 'merge another contact of the same person into this one (its orders, leads, tasks, chat)',
    params: IdParams,
    body: z.strictObject({ from: ContactId }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await mergeContacts(
        connection,
        { keepId: params.id, mergeId: body.from },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return {
        contact: detail(result.contact),
        merged: { id: String(result.merged._id), mergedInto: String(result.merged.mergedInto) },
        changed: result.changed,
        moved: result.moved,
        closedLeadId: result.closedLeadId ?? null,
      };
    },
  }),
];
