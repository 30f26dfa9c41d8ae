import { z } from 'zod';
import { type Contact, contactModel } from '../../../domain/contacts/contact.model.js';
import { messageModel } from '../../../domain/messages/message.model.js';
import { ORDER_KINDS, type Order } from '../../../domain/orders/order.model.js';
import { changeOrderStatus, updateOrderDetails } from '../../../domain/orders/order.use-case.js';
import { assignOrder } from '../../../domain/orders/order-assign.use-case.js';
import { createManualOrder, ManualOrderSchema } from '../../../domain/orders/order-manual.use-case.js';
import { moveOrderToContact } from '../../../domain/orders/order-move.use-case.js';
import { orderOverview } from '../../../domain/orders/order-query.use-case.js';
import { ORDER_SORTS, searchOrders } from '../../../domain/orders/order-search.use-case.js';
import {
  checkTransition,
  ORDER_STATUSES,
  type OrderStatus,
} from '../../../domain/orders/order-status.rules.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';
import { deliverableView } from './deliverables.routes.js';
import { sendConsoleReply } from './staff-reply.js';
import { threadMessage } from './views.js';

/** Orders are everyday work: every role (SPEC §7). */
const STAFF = 'signed-in' as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' });
const NumberParams = z.strictObject({ number: z.string().min(1).max(40) });

/** The orders list's filters, search, sort and page (the orders export takes the same but the page). */
export const OrdersQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  kind: z.enum(ORDER_KINDS).optional(),
  category: z.string().max(60).optional(),
  from: day.optional(),
  to: day.optional(),
  assignee: z
    .string()
    .regex(/^[0-9a-f]{24}$/, { error: 'must be a user id' })
    .optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  sort: z.enum(ORDER_SORTS).optional(),
});

/** An order as lists show it. */
const row = (order: Order) => ({
  number: order.number,
  customer: order.customerName ?? null,
  status: order.status,
  kind: order.kind,
  total: order.total,
  paymentStatus: order.paymentStatus,
  assignee: order.assignee ? String(order.assignee) : null,
  createdAt: order.createdAt.toISOString(),
});

/** A contact as the order's move answers it: who, and their order stats now. */
const contactView = (contact: Contact) => ({
  id: String(contact._id),
  name: contact.name ?? contact.pushName ?? null,
  phone: contact.phone ?? null,
  stats: { orders: contact.stats.orders, totalSpent: contact.stats.totalSpent },
});

/** Where an order may go next from its status (the status menu offers only these). */
const nextStatuses = (order: Order): OrderStatus[] =>
  ORDER_STATUSES.filter(
    (to) => to !== order.status && checkTransition(order.status, to, order.fulfilment.method).ok,
  );

export const ordersRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/orders',
    access: STAFF,
    summary:
      'orders: filter, search (number, phone in any form, words), sort, 25 per page, counts per status',
    query: OrdersQuery,
    async handler({ query }, { connection }) {
      const { timeZone } = await getSettings(connection);
      const found = await searchOrders(connection, query, timeZone);
      return { ...found, items: found.items.map(row) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/orders',
    access: STAFF,
    summary:
      'a new order taken by phone or in the shop: the contact by phone (found or created), catalog items or a custom brief, details; the customer gets the normal confirmation; one order per requestId',
    body: ManualOrderSchema,
    async handler({ body }, { connection, clock, actor }, reply) {
      const { timeZone } = await getSettings(connection);
      const result = await createManualOrder(connection, body, { actor, at: clock.now(), timeZone });
      if (!result.ok) return failWith(result);
      const { order, contact } = result;
      reply.code(result.created ? 201 : 200);
      return {
        order: { number: order.number, status: order.status, total: order.total },
        created: result.created,
        contact: {
          id: String(contact._id),
          name: contact.name ?? contact.pushName ?? null,
          phone: contact.phone ?? null,
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/orders/:number',
    access: STAFF,
    summary:
      'one order: details, timeline, customer, invoice, payments waiting, chat thread, next statuses, deliverables',
    params: NumberParams,
    async handler({ params }, { connection }) {
      const overview = await orderOverview(connection, params.number);
      if (!overview.ok) return failWith(overview);
      const { order } = overview;
      const [contact, thread, queued] = await Promise.all([
        contactModel(connection).findById(order.contactId, { name: 1, pushName: 1, phone: 1 }).lean(),
        messageModel(connection).find({ chatId: order.chatId }).sort({ sentAt: -1 }).limit(50).lean(),
        outboxModel(connection)
          .find({ chatId: order.chatId, state: { $in: ['pending', 'sending', 'failed'] } })
          .sort({ createdAt: 1 })
          .limit(20)
          .lean(),
      ]);
      return {
        order,
        customer: { name: contact?.name ?? contact?.pushName ?? null, phone: contact?.phone ?? null },
        invoice: overview.invoice,
        pendingPayments: overview.pendingPayments,
        messages: thread.reverse().map(threadMessage),
        /** Messages to the customer still waiting for the bot to send them (or failed). */
        queued: queued.map((item) => ({
          text: item.text,
          origin: item.origin,
          state: item.state,
          createdAt: item.createdAt.toISOString(),
        })),
        nextStatuses: nextStatuses(order),
        deliverables: (order.deliverables ?? []).map((deliverable) =>
          deliverableView(order.number, deliverable),
        ),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/orders/:number/status',
    access: STAFF,
    summary: 'move an order to another status (legal moves only; the customer is told)',
    params: NumberParams,
    body: z.strictObject({ to: z.enum(ORDER_STATUSES), note: z.string().max(2000).optional() }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await changeOrderStatus(
        connection,
        { number: params.number, ...body },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { order: row(result.order), changed: result.changed, nextStatuses: nextStatuses(result.order) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/orders/:number',
    access: STAFF,
    summary:
      'edit an open order: items {sku, qty}, discount, shipping fee, fulfilment, notes, payment method; totals recomputed',
    params: NumberParams,
    body: z.record(z.string(), z.unknown()),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await updateOrderDetails(
        connection,
        { number: params.number, patch: body },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { order: result.order, changed: result.changed };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/orders/:number/assignee',
    access: STAFF,
    summary: 'give the order to a staff member to follow up, or to nobody (null)',
    params: NumberParams,
    body: z.strictObject({
      assigneeId: z
        .string()
        .regex(/^[0-9a-f]{24}$/, { error: 'must be a user id' })
        .nullable(),
    }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await assignOrder(
        connection,
        { number: params.number, assigneeId: body.assigneeId },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { order: row(result.order), changed: result.changed };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/orders/:number/contact',
    access: ['owner', 'manager', 'admin'],
    summary:
      'move an order to another contact (its invoice and payments follow; both contacts’ stats recomputed; audited)',
    params: NumberParams,
    body: z.strictObject({
      contactId: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a contact id' }),
    }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await moveOrderToContact(
        connection,
        { number: params.number, contactId: body.contactId },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return {
        order: { ...row(result.order), contactId: String(result.order.contactId) },
        changed: result.changed,
        from: result.from ? contactView(result.from) : null,
        to: contactView(result.to),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/orders/:number/reply',
    access: STAFF,
    summary:
      "answer the order's customer on WhatsApp (a leading /shortcut expands to its quick reply; through the outbox; the bot pauses in that chat)",
    params: NumberParams,
    body: z.strictObject({
      text: z.string().trim().min(1, { error: 'must not be empty' }).max(4000),
      /** The client's id for this reply: sending it again sends nothing more. */
      requestId: z.uuid().optional(),
    }),
    async handler({ params, body }, { connection, clock }) {
      const overview = await orderOverview(connection, params.number);
      if (!overview.ok) return failWith(overview);
      const sent = await sendConsoleReply(
        connection,
        { chatId: overview.order.chatId, text: body.text, requestId: body.requestId },
        clock.now(),
      );
      return { queued: sent.queued, text: sent.text, botPausedUntil: sent.pausedUntil.toISOString() };
    },
  }),
];
