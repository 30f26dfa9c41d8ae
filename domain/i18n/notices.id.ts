/**
 * What the shop tells a customer outside a conversation turn (status changes, invoices, payments,
 * overdue reminders), in Indonesian. Placeholders are written {name}.
 */
export const noticesId = {
  'notice.status.confirmed':
    '✅ Pesanan *{number}* sudah dikonfirmasi dan segera kami proses.\nLacak: {link}',
  'notice.status.ready_pickup': '🎉 Pesanan *{number}* sudah siap diambil.\nLacak: {link}',
  'notice.status.ready_delivery': '🎉 Pesanan *{number}* sudah siap dan akan segera dikirim.\nLacak: {link}',
  'notice.status.out_for_delivery': '🚚 Pesanan *{number}* sedang dikirim.\nLacak: {link}',
  'notice.status.completed':
    '🙏 Pesanan *{number}* selesai. Terima kasih sudah berbelanja di {shop}!\nLacak: {link}',
  'notice.status.cancelled':
    'Pesanan *{number}* dibatalkan. Jika ada pertanyaan, balas pesan ini ya.\nLacak: {link}',
  'notice.invoice.sent':
    '🧾 Tagihan *{number}* untuk pesanan *{order}*\n{items}\nTotal tagihan: *{amount}*{paid}\nJatuh tempo: *{due}*{instructions}\n\nLacak pesanan: {link}',
  'notice.invoice.item_line': '• {qty}× {name} = {subtotal}',
  'notice.invoice.custom_line': '• {description}',
  'notice.invoice.discount_line': '• Diskon: -{value}',
  'notice.invoice.shipping_line': '• Ongkos kirim: {value}',
  'notice.invoice.paid': '\nSudah dibayar: {paid}\nSisa tagihan: *{outstanding}*',
  'notice.invoice.instructions': '\n\n💳 Cara bayar:\n{instructions}',
  'notice.payment.received':
    '✅ Terima kasih, pembayaran *{amount}* untuk pesanan *{order}* sudah kami terima.{balance}',
  'notice.payment.remaining': '\nSisa tagihan: *{outstanding}*',
  'notice.payment.settled': '\nPesanan Anda sudah lunas 🙏',
  'notice.payment.rejected':
    'Mohon maaf, pembayaran *{number}*{order} belum bisa kami terima: {reason}\nSilakan kirim ulang bukti pembayaran, atau balas pesan ini jika ada pertanyaan 🙏',
  'notice.payment.for_order': ' untuk pesanan *{order}*',
  'notice.overdue.reminder':
    'Halo, kami ingin mengingatkan dengan hormat 🙏 Tagihan *{number}* untuk pesanan *{order}* sebesar *{outstanding}* sudah jatuh tempo pada {due}.{instructions}\n\nJika sudah membayar, mohon abaikan pesan ini atau kirimkan bukti pembayarannya ya. Terima kasih!\nLacak pesanan: {link}',
  'notice.deliverable.sent': '📎 Berikut berkas untuk pesanan *{number}* dari {shop}.',
} as const;

export type NoticesText = keyof typeof noticesId;
