import { z } from 'zod';
import { activeCatalog } from '../../domain/catalog/catalog.use-case.js';
import type { Product } from '../../domain/catalog/product.model.js';
import { contactForPhone } from '../../domain/contacts/contact.use-case.js';
import { formatRupiah } from '../../domain/i18n/messages.js';
import { changeOrderStatus, createOrder } from '../../domain/orders/order.use-case.js';
import {
  confirmationDetails,
  confirmationItems,
  sendOrderConfirmation,
  trackingUrl,
} from '../../domain/orders/order-confirmation.js';
import { addInternalNote } from '../../domain/orders/order-note.use-case.js';
import { listOrders, orderOverview } from '../../domain/orders/order-query.use-case.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import { fulfilmentIn, paymentIn } from '../conversation/order-draft.rules.js';
import { createParser, type Parser } from '../understanding/parse-message.js';
import { forward, missing, orderNumber, orderStatus, phone, splitWords, words } from './args.js';
import { defineCommand } from './command.js';
import { failureText } from './errors.js';
import { contactLabel, localDay, orderCustomer } from './format.js';

export const ordersCommand = defineCommand({
  name: 'orders',
  aliases: ['pesanan', 'daftar', 'list'],
  roles: USER_ROLES,
  help: 'admin.help.orders',
  usage: 'admin.usage.orders',
  args: () => words(z.tuple([orderStatus.optional()])).transform(([status]) => ({ status })),
  async run({ connection, t }, { status }) {
    const orders = await listOrders(connection, { ...(status && { status }), limit: 20 });
    const filter = status ? t('admin.orders.in', { status }) : t('admin.orders.open');
    if (orders.length === 0) return t('admin.orders.empty', { filter });
    const lines = orders.map((order) =>
      t('admin.orders.line', {
        number: order.number,
        customer: orderCustomer(order),
        total: formatRupiah(order.total),
        status: order.status,
        payment: order.paymentStatus,
      }),
    );
    return [
      t('admin.orders.header', { filter, count: orders.length }),
      ...lines,
      t('admin.orders.footer'),
    ].join('\n');
  },
});

export const orderCommand = defineCommand({
  name: 'order',
  aliases: ['detail', 'cek'],
  roles: USER_ROLES,
  help: 'admin.help.order',
  usage: 'admin.usage.order',
  args: () => words(z.tuple([orderNumber])).transform(([number]) => ({ number })),
  async run({ connection, t, settings }, { number }) {
    const found = await orderOverview(connection, number);
    if (!found.ok) return failureText(t, found, { number });
    const { order, invoice, pendingPayments } = found;
    const lines =
      order.kind === 'custom'
        ? t('admin.order.brief', { brief: order.custom?.description ?? '' })
        : order.items
            .map((item) =>
              t('admin.order.item', {
                qty: item.qty,
                name: item.name,
                price: formatRupiah(item.unitPrice),
                subtotal: formatRupiah(item.subtotal),
              }),
            )
            .join('\n');
    return t('admin.order.detail', {
      number: order.number,
      status: order.status,
      customer: orderCustomer(order),
      lines,
      total: formatRupiah(order.total),
      paid: formatRupiah(order.paidAmount),
      payment: order.paymentStatus,
      invoice: invoice
        ? t('admin.order.invoice', {
            invoice: invoice.number,
            amount: formatRupiah(invoice.amount),
            due: localDay(invoice.dueDate),
            status: invoice.status,
          })
        : t('admin.order.no_invoice', { number: order.number }),
      pending: pendingPayments
        .map((payment) =>
          t('admin.order.pending', {
            payment: payment.number,
            amount:
              payment.amount !== undefined ? formatRupiah(payment.amount) : t('admin.order.unknown_amount'),
          }),
        )
        .join(''),
      notes:
        order.internalNotes.length > 0
          ? t('admin.order.notes', {
              notes: order.internalNotes
                .map((note) => `• ${note.text} (${note.by.name ?? note.by.kind})`)
                .join('\n'),
            })
          : '',
      link: trackingUrl(settings, order),
    });
  },
});

export const statusCommand = defineCommand({
  name: 'status',
  aliases: ['ubah', 'set'],
  roles: USER_ROLES,
  help: 'admin.help.status',
  usage: 'admin.usage.status',
  args: () =>
    words(z.tuple([orderNumber, orderStatus], z.string())).transform(([number, to, ...note]) => ({
      number,
      to,
      note: note.join(' '),
    })),
  async run({ connection, t, actor, now }, { number, to, note }) {
    const before = await orderOverview(connection, number);
    const result = await changeOrderStatus(
      connection,
      { number, to, ...(note && { note }) },
      { actor, at: now },
    );
    if (!result.ok) return failureText(t, result, { number, to });
    if (!result.changed) return t('admin.status.unchanged', { number: result.order.number, to });
    return t('admin.status.done', {
      number: result.order.number,
      from: before.ok ? before.order.status : '?',
      to,
      note: note ? t('admin.status.note', { note }) : '',
    });
  },
});

export const noteCommand = defineCommand({
  name: 'note',
  aliases: ['catat', 'catatan'],
  roles: USER_ROLES,
  help: 'admin.help.note',
  usage: 'admin.usage.note',
  args: () =>
    words(z.tuple([orderNumber], z.string())).transform(([number, ...text], ctx) =>
      text.length > 0 ? { number, text: text.join(' ') } : missing(ctx, 'admin.label.text'),
    ),
  async run({ connection, t, actor, now }, { number, text }) {
    const result = await addInternalNote(connection, { number, text }, { actor, at: now });
    if (!result.ok) return failureText(t, result, { number });
    return t('admin.note.done', { number: result.order.number, text: result.note.text });
  },
});

/** One parser per catalog version, as in the customer conversation: the fuzzy index is the costly part. */
function parserCache(): (catalog: Product[]) => Parser {
  let key = '';
  let parser: Parser | undefined;
  return (catalog) => {
    const entries = catalog.map(({ sku, name, aliases, price }) => ({ id: sku, name, aliases, price }));
    const next = JSON.stringify(entries);
    if (!parser || next !== key) {
      parser = createParser(entries);
      key = next;
    }
    return parser;
  };
}
const parserFor = parserCache();

export const newOrderCommand = defineCommand({
  name: 'neworder',
  aliases: ['pesananbaru', 'orderbaru', 'buatpesanan'],
  roles: USER_ROLES,
  help: 'admin.help.neworder',
  usage: 'admin.usage.neworder',
  args: () =>
    z.string().transform((raw, ctx) => {
      const [first, ...rest] = splitWords(raw);
      const parsed = phone.safeParse(first);
      if (!parsed.success) return forward(ctx, parsed.error.issues);
      if (rest.length === 0) return missing(ctx, 'admin.label.text');
      return { phone: parsed.data, text: rest.join(' ') };
    }),
  async run(env, { phone: customerPhone, text }) {
    const { connection, t, actor, now, settings, message } = env;
    const catalog = await activeCatalog(connection);
    const parsed = parserFor(catalog).parse({ text, media: null }, { now, timeZone: settings.timeZone });
    if (parsed.items.length === 0)
      return t('admin.neworder.no_items', {
        text,
        catalog: catalog.map((product) => product.name).join(', ') || '—',
      });
    const { contact } = await contactForPhone(connection, { phone: customerPhone, at: now, actor });
    const fulfilment = fulfilmentIn(text) ?? (parsed.address ? 'delivery' : undefined);
    const paymentMethod = paymentIn(text);
    const customerName = contact.name ?? contact.pushName;
    const result = await createOrder(
      connection,
      {
        kind: 'catalog',
        contactId: contact._id,
        chatId: contact.chatId,
        ...(customerName && { customerName }),
        items: parsed.items.map((item) => ({ sku: item.product, qty: item.qty })),
        fulfilment: {
          ...(fulfilment && { method: fulfilment }),
          ...(parsed.date && { date: parsed.date }),
          ...(parsed.time && { time: parsed.time }),
          ...(parsed.address && { address: parsed.address }),
        },
        ...(paymentMethod && { paymentMethod }),
        source: 'console',
        // The admin's message: WhatsApp delivering it twice still makes one order.
        requestKey: `admin:${message.id}`,
      },
      { actor, at: now, timeZone: settings.timeZone },
    );
    if (!result.ok) return failureText(t, result);
    const { order } = result;
    // A repeat of the admin's message queues no second confirmation (it is keyed by the order).
    await sendOrderConfirmation(connection, order, now);
    if (!result.created) return t('admin.neworder.repeat', { number: order.number });
    const items = confirmationItems(settings, order);
    const details = confirmationDetails(settings, order);
    return t('admin.neworder.done', {
      number: order.number,
      customer: contactLabel(contact),
      items,
      total: formatRupiah(order.total),
      details,
      link: trackingUrl(settings, order),
    });
  },
});
