import type { CustomerText } from './customer.id.js';

/** What the bot says in English; every Indonesian text must have its counterpart. */
export const customerEn: Record<CustomerText, string> = {
  'fallback.error':
    "Sorry, we couldn't process your message because of a problem on our side. An admin will help you shortly 🙏",
  'media.too_large': 'Sorry, your file is too large (at most {max}). Could you send a smaller version?',
  'media.not_accepted':
    "Sorry, we can't accept this type of file yet. Please send a photo (JPG/PNG) or a document (PDF, Word, Excel, ZIP).",
  'media.unreadable': "Sorry, we couldn't open your file. Could you send it again?",

  greeting:
    'Hello{name}! 👋 Welcome to {shop}. How can we help?\nType *catalog* to see our products, or write your order, e.g.: _order 2 {example}_.',
  'catalog.header': '📋 {shop} catalog:',
  'catalog.line': '• {name} — {price}',
  'catalog.footer': 'To order, write e.g.: _order 2 {example}_.',
  'catalog.empty': 'Sorry, our catalog is being updated. An admin will help you 🙏',
  'price.line': '{name}: {price}',
  'price.unknown': "Sorry, that product isn't in our catalog. Type *catalog* to see the list.",

  'order.ask.fulfilment': 'Will you *pick up* the order or should we *deliver* it?',
  'order.ask.date_time': 'For which date and time? (e.g. tomorrow at 10)',
  'order.ask.address': 'Where should we deliver it?',
  'order.ask.recipient': "The recipient's name and phone number?",
  'order.ask.payment': 'How will you pay: *transfer*, *QRIS*, *COD* or *cash*?',
  'order.ask.notes': 'Any notes for this order (e.g. no ribbon, card text)? Reply *no* if none.',
  'order.summary':
    '🧾 Order summary:\n{items}\nTotal: *{total}*{details}\n\nReply *yes* to confirm, or tell us what to change.',
  'order.item_line': '• {qty}× {name} @ {price} = {subtotal}',
  'order.confirmed':
    '✅ We have your order *{number}*.\n{items}\nTotal: *{total}*{details}{payment}\n\nTrack it: {link}',
  'order.draft_cancelled': 'OK, the draft order is cancelled. Just write again whenever you want to order 😊',
  'order.draft_expired': 'Your earlier draft order has expired. Please write your order again.',
  'order.not_understood_item': 'Sorry, "{text}" is not in our catalog. Type *catalog* to see the list.',
  'detail.fulfilment': '\nFulfilment: {value}',
  'detail.date_time': '\nWhen: {value}',
  'detail.address': '\nAddress: {value}',
  'detail.recipient': '\nRecipient: {value}',
  'detail.payment': '\nPayment: {value}',
  'detail.notes': '\nNotes: {value}',
  'fulfilment.pickup': 'pick-up',
  'fulfilment.delivery': 'delivery',
  'payment.transfer': 'bank transfer',
  'payment.qris': 'QRIS',
  'payment.cod': 'cash on delivery',
  'payment.cash': 'cash',
  'payment.how': '\n\n💳 How to pay:\n{instructions}',

  'custom.received':
    '✅ We have your request as *{number}*.\nBrief: {brief}{budget}{deadline}\nOur team will contact you with a quote.\n\nTrack it: {link}',
  'custom.budget': '\nBudget: {value}',
  'custom.deadline': '\nDeadline: {value}',
  'custom.reference_added': 'We added the reference photo to *{number}* 👍',
  'custom.reference': '\nReference photo: attached',

  'paymentProof.received':
    'Thank you, we received the payment proof for *{number}*; an admin will check it shortly 🙏',
  'paymentProof.no_order':
    'Thank you, we received your payment proof. An admin will match it with your order 🙏',

  'status.line': '*{number}* — {status}{total}\nTrack: {link}',
  'status.none':
    'There are no orders for this number yet. Want to order? Type *catalog* to see our products.',
  'status.not_yours': 'Sorry, order {number} was not found for this number.',
  'status.pending': 'waiting for confirmation',
  'status.confirmed': 'confirmed',
  'status.in_progress': 'in progress',
  'status.review': 'waiting for your approval',
  'status.ready': 'ready',
  'status.out_for_delivery': 'out for delivery',
  'status.completed': 'completed',
  'status.cancelled': 'cancelled',

  'cancel.done': 'Order *{number}* has been cancelled.',
  'cancel.requested':
    'Your request to cancel *{number}* has been passed to an admin. Please wait for their reply 🙏',
  'cancel.nothing': 'There is no active order to cancel.',

  'handover.customer': 'Sure, an admin will reply in this chat shortly 🙏',
  thanks: "You're welcome! Happy to help 🙏",
  unknown:
    "Sorry, I didn't understand that 🙏 Type *catalog* to see our products, *status* to check an order, or *admin* to talk to an admin.",
  away: 'Thank you for contacting {shop} 🙏 We are closed right now; we will reply during opening hours ({hours}).',

  'alert.new_order':
    '🛒 New order *{number}* from {customer}\n{items}\nTotal: {total}{details}\nConfirm: *status {number} confirmed*',
  'alert.new_custom':
    '🎨 Custom request *{number}* from {customer}\nBrief: {brief}{budget}{deadline}\nQuote it: *invoice {number} <amount>*',
  'alert.new_lead':
    '👤 New lead: {customer} (source: {channel})\nMessage: "{text}"\nFollow up: *lead {phone} contacted*',
  'alert.payment_proof':
    '💳 Payment proof *{payment}* from {customer}\nOrder: {order} · Amount: {amount}\nApprove: *verify {payment}*\nReject: *reject {payment} <reason>*',
  'alert.unknown': 'unknown',
  'alert.handover':
    '🙋 {customer} needs an admin ({reason}).\nLast message: "{text}"\nReply to this message to answer; give it back to the bot: *bot on {phone}*',
  'alert.cancel_request':
    '⚠️ {customer} asks to cancel *{number}* ({status}).\nCancel it: *status {number} cancelled*',
  'handover.reason.asked': 'asked for an admin',
  'handover.reason.angry': 'customer upset',
  'handover.reason.misunderstood': 'bot did not understand twice',
};
