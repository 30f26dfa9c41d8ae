import type { Connection } from 'mongoose';
import { botText, formatRupiah } from '../i18n/messages.js';
import type { OutboxOrigin } from '../outbox/outbox.model.js';
import { enqueueMessage } from '../outbox/outbox.use-case.js';
import type { Settings } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import type { Order } from './order.model.js';

type Shop = Pick<Settings, 'locale' | 'publicBaseUrl' | 'paymentInstructions'>;
type Confirmed = Pick<
  Order,
  | 'number'
  | 'trackingToken'
  | 'kind'
  | 'items'
  | 'custom'
  | 'subtotal'
  | 'total'
  | 'fulfilment'
  | 'paymentMethod'
  | 'customerNotes'
>;

/** The public tracking page of an order. */
export const trackingUrl = (settings: Pick<Settings, 'publicBaseUrl'>, order: Pick<Order, 'trackingToken'>) =>
  `${settings.publicBaseUrl}/track/${order.trackingToken}`;

/** The order's lines as the customer reads them: one per catalog item, or the custom brief. */
export function confirmationItems(settings: Pick<Settings, 'locale'>, order: Confirmed): string {
  if (order.kind === 'custom') return `• ${order.custom?.description ?? ''}`;
  return order.items
    .map((item) =>
      botText(settings.locale, 'order.item_line', {
        qty: item.qty,
        name: item.name,
        price: formatRupiah(item.unitPrice),
        subtotal: formatRupiah(item.subtotal),
      }),
    )
    .join('\n');
}

/** The collected details (fulfilment, when, address, recipient, payment, notes), one line each. */
export function confirmationDetails(settings: Pick<Settings, 'locale'>, order: Confirmed): string {
  const say = (key: Parameters<typeof botText>[1], value: string) => botText(settings.locale, key, { value });
  const { fulfilment } = order;
  const recipient = [fulfilment.recipientName, fulfilment.recipientPhone].filter(Boolean).join(' ');
  const lines: string[] = [];
  if (fulfilment.method)
    lines.push(say('detail.fulfilment', botText(settings.locale, `fulfilment.${fulfilment.method}`)));
  if (fulfilment.date)
    lines.push(say('detail.date_time', [fulfilment.date, fulfilment.time].filter(Boolean).join(' ')));
  if (fulfilment.address) lines.push(say('detail.address', fulfilment.address));
  if (recipient) lines.push(say('detail.recipient', recipient));
  if (order.paymentMethod)
    lines.push(say('detail.payment', botText(settings.locale, `payment.${order.paymentMethod}`)));
  if (order.customerNotes) lines.push(say('detail.notes', order.customerNotes));
  return lines.join('');
}

/** How to pay: by transfer or QRIS (or not chosen yet), when the shop has instructions. */
function paymentHow(settings: Shop, order: Confirmed): string {
  const instructions = settings.paymentInstructions.trim();
  const byTransfer =
    order.paymentMethod === undefined || order.paymentMethod === 'transfer' || order.paymentMethod === 'qris';
  return instructions && byTransfer ? botText(settings.locale, 'payment.how', { instructions }) : '';
}

/**
 * The customer's confirmation of a new order (SPEC §4), the same whichever way the order came in: number,
 * items or brief, total, the collected details, how to pay and the tracking link. A custom order without
 * an agreed price has no total yet: it gets the custom request's answer (a quote follows), with its
 * budget, deadline and details.
 */
export function confirmationText(settings: Shop, order: Confirmed): string {
  const { locale } = settings;
  const details = confirmationDetails(settings, order);
  if (order.kind === 'custom' && order.subtotal === 0) {
    const brief = order.custom;
    return botText(locale, 'custom.received', {
      number: order.number,
      brief: brief?.description ?? '',
      budget:
        brief?.budget !== undefined
          ? botText(locale, 'custom.budget', { value: formatRupiah(brief.budget) })
          : '',
      // The details follow the deadline's line: they are more lines of the same list.
      deadline:
        (brief?.deadline ? botText(locale, 'custom.deadline', { value: brief.deadline }) : '') + details,
      link: trackingUrl(settings, order),
    });
  }
  return botText(locale, 'order.confirmed', {
    number: order.number,
    items: confirmationItems(settings, order),
    total: formatRupiah(order.total),
    details,
    payment: paymentHow(settings, order),
    link: trackingUrl(settings, order),
  });
}

/**
 * Send the customer their order's confirmation through the outbox, once per order (keyed by its
 * number: a replayed creation, or the same order confirmed again, queues nothing more). For orders
 * staff take (the console form, the `neworder` command); the chat answers its own customers in turn.
 * Returns whether it was queued now.
 */
export async function sendOrderConfirmation(
  connection: Connection,
  order: Confirmed & Pick<Order, 'chatId'>,
  at: Date,
  origin: OutboxOrigin = 'staff',
): Promise<boolean> {
  const settings = await getSettings(connection);
  const { queued } = await enqueueMessage(
    connection,
    { key: `confirm:${order.number}`, chatId: order.chatId, text: confirmationText(settings, order), origin },
    at,
  );
  return queued;
}
