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
  'notice.status.completed': '🙏 Pesanan *{number}* selesai. Terima kasih sudah berbelanja di {shop}!',
  'notice.status.cancelled': 'Pesanan *{number}* dibatalkan. Jika ada pertanyaan, balas pesan ini ya.',
} as const;

export type NoticesText = keyof typeof noticesId;
