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
  'notice.status.completed':
    '🙏 Your order *{number}* is complete. Thank you for shopping at {shop}!\nTrack it: {link}',
  'notice.status.cancelled':
    'Your order *{number}* has been cancelled. If you have questions, just reply here.\nTrack it: {link}',
  'notice.invoice.sent':
    '🧾 Invoice *{number}* for order *{order}*\n{items}\nAmount due: *{amount}*{paid}\nDue date: *{due}*{instructions}\n\nTrack your order: {link}',
  'notice.invoice.item_line': '• {qty}× {name} = {subtotal}',
  'notice.invoice.custom_line': '• {description}',
  'notice.invoice.discount_line': '• Discount: -{value}',
  'notice.invoice.shipping_line': '• Shipping: {value}',
  'notice.invoice.paid': '\nPaid so far: {paid}\nStill to pay: *{outstanding}*',
  'notice.invoice.instructions': '\n\n💳 How to pay:\n{instructions}',
  'notice.payment.received':
    '✅ Thank you, we have received your payment of *{amount}* for order *{order}*.{balance}',
  'notice.payment.remaining': '\nStill to pay: *{outstanding}*',
  'notice.payment.settled': '\nYour order is now fully paid 🙏',
  'notice.payment.rejected':
    'Sorry, we could not accept payment *{number}*{order}: {reason}\nPlease send the payment proof again, or reply here if you have questions 🙏',
  'notice.payment.for_order': ' for order *{order}*',
  'notice.overdue.reminder':
    'Hello, a friendly reminder 🙏 Invoice *{number}* for order *{order}* of *{outstanding}* was due on {due}.{instructions}\n\nIf you have already paid, please ignore this message or send us the payment proof. Thank you!\nTrack your order: {link}',
  'notice.deliverable.sent': '📎 Here is a file for your order *{number}* from {shop}.',
};
