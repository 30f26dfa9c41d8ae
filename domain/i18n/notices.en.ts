import type { NoticesText } from './notices.id.js';

/**
 * What the shop tells a customer outside a conversation turn (status changes, invoices, payments,
 * overdue reminders), in English; every Indonesian text must have its counterpart.
 */
export const noticesEn: Record<NoticesText, string> = {
  'notice.status.confirmed': '✅ Your order *{number}* is confirmed; we are on it.\nTrack it: {link}',
  'notice.status.ready_pickup': '🎉 Your order *{number}* is ready for pickup.\nTrack it: {link}',
  'notice.status.ready_delivery':
    '🎉 Your order *{number}* is ready and will be sent shortly.\nTrack it: {link}',
  'notice.status.out_for_delivery': '🚚 Your order *{number}* is on its way.\nTrack it: {link}',
  'notice.status.completed': '🙏 Your order *{number}* is complete. Thank you for shopping at {shop}!',
  'notice.status.cancelled':
    'Your order *{number}* has been cancelled. If you have questions, just reply here.',
};
