import { formatRupiah } from '../../domain/i18n/messages.js';
import type { Order } from '../../domain/orders/order.model.js';
import { changeOrderStatus, ordersOfContact } from '../../domain/orders/order.use-case.js';
import { isOpen } from '../../domain/orders/order-status.rules.js';
import { recordPaymentProof } from '../../domain/payments/payment.use-case.js';
import { alertStaff, customerLabel, say, type Turn, text, trackingLink } from './turn.js';

const customer = (turn: Turn) => ({ kind: 'customer' as const, id: String(turn.contact._id) });

/** The asker's own orders, newest first: never anyone else's. */
const ownOrders = (turn: Turn, openOnly: boolean): Promise<Order[]> =>
  ordersOfContact(turn.context.connection, turn.contact._id, { openOnly });

const statusLine = (turn: Turn, order: Order): string =>
  text(turn, 'status.line', {
    number: order.number,
    status: text(turn, `status.${order.status}`),
    total: order.total > 0 ? ` · ${formatRupiah(order.total)}` : '',
    link: trackingLink(turn.settings, order.trackingToken),
  });

/** "status", "pesanan saya", an order number: the asker's orders and their tracking links. */
export async function showStatus(turn: Turn): Promise<void> {
  const orders = await ownOrders(turn, false);
  const asked = turn.parsed.orderNumber;
  if (asked) {
    const order = orders.find((candidate) => candidate.number === asked);
    if (!order) return say(turn, 'status.not_yours', { number: asked });
    return turn.context.reply(statusLine(turn, order));
  }
  const open = orders.filter((order) => isOpen(order.status));
  const shown = open.length > 0 ? open.slice(0, 5) : orders.slice(0, 1);
  if (shown.length === 0) return say(turn, 'status.none');
  await turn.context.reply(shown.map((order) => statusLine(turn, order)).join('\n\n'));
}

/**
 * "batal" without a draft: a pending order the shop has not confirmed is cancelled at once; once the shop
 * confirmed or work started, admins get a cancellation request instead.
 */
export async function cancel(turn: Turn): Promise<void> {
  const open = await ownOrders(turn, true);
  const order = open.find((candidate) => candidate.number === turn.parsed.orderNumber) ?? open[0];
  if (!order) return say(turn, 'cancel.nothing');
  if (order.status === 'pending') {
    const result = await changeOrderStatus(
      turn.context.connection,
      { number: order.number, to: 'cancelled', note: turn.context.message.body },
      // The customer is answered right here, in the conversation's words.
      { actor: customer(turn), at: turn.context.now, tellCustomer: false },
    );
    if (result.ok) return say(turn, 'cancel.done', { number: order.number });
  }
  await say(turn, 'cancel.requested', { number: order.number });
  await alertStaff(turn, `cancel:${turn.context.message.id}`, 'alert.cancel_request', {
    customer: customerLabel(turn.contact),
    number: order.number,
    status: text(turn, `status.${order.status}`),
  });
}

/** A payment proof (photo/document, or "sudah transfer"): a pending payment on the newest unpaid order. */
export async function takePaymentProof(turn: Turn): Promise<void> {
  const open = await ownOrders(turn, true);
  const unpaid = open.filter((order) => order.paymentStatus !== 'paid');
  const order = unpaid.find((candidate) => candidate.number === turn.parsed.orderNumber) ?? unpaid[0];
  const { connection, message, now, media } = turn.context;
  const { payment } = await recordPaymentProof(
    connection,
    {
      contactId: turn.contact._id,
      messageId: message.id,
      ...(order && { orderNumber: order.number }),
      ...(turn.parsed.amount !== null && { amount: turn.parsed.amount }),
      ...(media?.path && { proofPath: media.path }),
    },
    { actor: customer(turn), at: now, timeZone: turn.settings.timeZone },
  );
  if (order) await say(turn, 'paymentProof.received', { number: order.number });
  else await say(turn, 'paymentProof.no_order');
  // Also when the payment was already recorded: a bot killed before this alert sends it on the next
  // start, and its key (the payment) keeps it single.
  await alertStaff(turn, `payment:${payment.number}`, 'alert.payment_proof', {
    payment: payment.number,
    customer: customerLabel(turn.contact),
    order: order?.number ?? text(turn, 'alert.unknown'),
    amount: payment.amount === undefined ? text(turn, 'alert.unknown') : formatRupiah(payment.amount),
  });
}
