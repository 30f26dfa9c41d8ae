import type { Connection } from 'mongoose';
import type { NoticesText } from '../i18n/notices.id.js';
import { notifyCustomer } from '../notices/notify.js';
import { getSettings } from '../settings/settings.use-case.js';
import type { Order } from './order.model.js';
import { trackingUrl } from './order-confirmation.js';
import type { OrderStatus } from './order-status.rules.js';

/** The statuses a customer hears about (SPEC §3), and what they are told. */
function noticeFor(status: OrderStatus, order: Order): NoticesText | undefined {
  switch (status) {
    case 'confirmed':
      return 'notice.status.confirmed';
    case 'ready':
      return order.fulfilment.method === 'delivery'
        ? 'notice.status.ready_delivery'
        : 'notice.status.ready_pickup';
    case 'out_for_delivery':
      return 'notice.status.out_for_delivery';
    case 'completed':
      return 'notice.status.completed';
    case 'cancelled':
      return 'notice.status.cancelled';
    default:
      return undefined;
  }
}

/**
 * Tell the customer their order moved (confirmed, ready, out for delivery, completed, cancelled),
 * whichever entry point moved it. Keyed by the order's revision: a replayed change never tells twice.
 * Staff notes on the change stay internal: they are never sent to the customer.
 */
export async function tellCustomerOfStatus(connection: Connection, order: Order, at: Date): Promise<void> {
  const text = noticeFor(order.status, order);
  if (!text) return;
  const settings = await getSettings(connection);
  await notifyCustomer(
    connection,
    order.chatId,
    {
      key: `status:${order.number}:${order.status}:${order.revision}`,
      text,
      params: {
        number: order.number,
        link: trackingUrl(settings, order),
        shop: settings.shopName,
      },
      origin: 'bot',
    },
    at,
  );
}
