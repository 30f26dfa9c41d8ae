/** What the bot says in Indonesian (the default). Placeholders are written {name}. */
export const customerId = {
  'fallback.error':
    'Maaf, pesan Anda belum bisa kami proses karena ada kendala di sistem kami. Admin kami akan segera membantu 🙏',
  'media.too_large': 'Maaf, file Anda terlalu besar (maksimal {max}). Bisa dikirim versi yang lebih kecil?',
  'media.not_accepted':
    'Maaf, jenis file ini belum bisa kami terima. Silakan kirim foto (JPG/PNG) atau dokumen (PDF, Word, Excel, ZIP).',
  'media.unreadable': 'Maaf, file Anda tidak bisa dibuka. Boleh dikirim ulang?',

  greeting:
    'Halo{name}! 👋 Selamat datang di {shop}. Ada yang bisa kami bantu?\nKetik *katalog* untuk melihat produk, atau langsung tulis pesanan, misalnya: _pesan 2 {example}_.',
  'catalog.header': '📋 Katalog {shop}:',
  'catalog.line': '• {name} — {price}',
  'catalog.footer': 'Untuk memesan, tulis misalnya: _pesan 2 {example}_.',
  'catalog.empty': 'Maaf, katalog kami sedang diperbarui. Admin kami akan membantu Anda 🙏',
  'price.line': '{name}: {price}',
  'price.unknown': 'Maaf, produk itu belum ada di katalog kami. Ketik *katalog* untuk melihat daftar produk.',

  'order.ask.fulfilment': 'Pesanannya mau *diambil* sendiri atau *dikirim*?',
  'order.ask.date_time': 'Untuk tanggal dan jam berapa? (misal: besok jam 10)',
  'order.ask.address': 'Alamat pengirimannya ke mana?',
  'order.ask.recipient': 'Nama dan nomor HP penerima?',
  'order.ask.payment': 'Pembayarannya lewat apa: *transfer*, *QRIS*, *COD*, atau *tunai*?',
  'order.ask.notes':
    'Ada catatan untuk pesanan ini (misal: tanpa pita, tulisan kartu)? Balas *tidak* jika tidak ada.',
  'order.summary':
    '🧾 Ringkasan pesanan:\n{items}\nTotal: *{total}*{details}\n\nBalas *ya* untuk konfirmasi, atau tulis perubahannya.',
  'order.item_line': '• {qty}× {name} @ {price} = {subtotal}',
  'order.confirmed':
    '✅ Pesanan *{number}* sudah kami terima.\n{items}\nTotal: *{total}*{details}{payment}\n\nLacak pesanan: {link}',
  'order.draft_cancelled': 'Baik, draf pesanan dibatalkan. Kalau mau pesan lagi, tinggal tulis saja 😊',
  'order.draft_expired': 'Draf pesanan sebelumnya sudah kedaluwarsa. Silakan tulis pesanan lagi ya.',
  'order.not_understood_item':
    'Maaf, produk "{text}" tidak ada di katalog kami. Ketik *katalog* untuk melihat daftar produk.',
  'detail.fulfilment': '\nPengambilan: {value}',
  'detail.date_time': '\nWaktu: {value}',
  'detail.address': '\nAlamat: {value}',
  'detail.recipient': '\nPenerima: {value}',
  'detail.payment': '\nPembayaran: {value}',
  'detail.notes': '\nCatatan: {value}',
  'fulfilment.pickup': 'ambil sendiri',
  'fulfilment.delivery': 'dikirim',
  'payment.transfer': 'transfer',
  'payment.qris': 'QRIS',
  'payment.cod': 'COD (bayar di tempat)',
  'payment.cash': 'tunai',
  'payment.how': '\n\n💳 Cara bayar:\n{instructions}',

  'custom.received':
    '✅ Permintaan Anda sudah kami catat sebagai *{number}*.\nBrief: {brief}{budget}{deadline}\nTim kami akan menghubungi Anda untuk penawaran harga.\n\nLacak: {link}',
  'custom.budget': '\nBudget: {value}',
  'custom.deadline': '\nDeadline: {value}',
  'custom.reference_added': 'Foto referensi sudah kami tambahkan ke *{number}* 👍',
  'custom.reference': '\nFoto referensi: terlampir',

  'paymentProof.received':
    'Terima kasih, bukti pembayaran untuk *{number}* sudah kami terima dan akan segera dicek admin 🙏',
  'paymentProof.no_order':
    'Terima kasih, bukti pembayaran sudah kami terima. Admin kami akan mencocokkan dengan pesanan Anda 🙏',

  'status.line': '*{number}* — {status}{total}\nLacak: {link}',
  'status.none': 'Belum ada pesanan atas nomor ini. Mau pesan? Ketik *katalog* untuk melihat produk.',
  'status.not_yours': 'Maaf, pesanan {number} tidak ditemukan untuk nomor ini.',
  'status.pending': 'menunggu konfirmasi',
  'status.confirmed': 'dikonfirmasi',
  'status.in_progress': 'sedang dikerjakan',
  'status.review': 'menunggu persetujuan Anda',
  'status.ready': 'siap diambil/dikirim',
  'status.out_for_delivery': 'sedang dikirim',
  'status.completed': 'selesai',
  'status.cancelled': 'dibatalkan',

  'cancel.done': 'Pesanan *{number}* sudah kami batalkan.',
  'cancel.requested':
    'Permintaan pembatalan *{number}* sudah kami teruskan ke admin. Mohon tunggu konfirmasinya ya 🙏',
  'cancel.nothing': 'Tidak ada pesanan aktif yang bisa dibatalkan.',

  'handover.customer': 'Baik, admin kami akan segera membalas di chat ini 🙏',
  thanks: 'Sama-sama! Senang bisa membantu 🙏',
  unknown:
    'Maaf, saya belum paham maksudnya 🙏 Ketik *katalog* untuk melihat produk, *status* untuk cek pesanan, atau *admin* untuk bicara dengan admin.',
  away: 'Terima kasih sudah menghubungi {shop} 🙏 Saat ini kami sedang tutup; pesan Anda akan kami balas di jam kerja ({hours}).',

  'alert.new_order':
    '🛒 Pesanan baru *{number}* dari {customer}\n{items}\nTotal: {total}{details}\nKonfirmasi: *status {number} confirmed*',
  'alert.new_custom':
    '🎨 Permintaan custom *{number}* dari {customer}\nBrief: {brief}{budget}{deadline}\nBeri harga: *invoice {number} <jumlah>*',
  'alert.new_lead':
    '👤 Lead baru: {customer} (sumber: {channel})\nPesan: "{text}"\nTindak lanjut: *lead {phone} contacted*',
  'alert.payment_proof':
    '💳 Bukti bayar *{payment}* dari {customer}\nPesanan: {order} · Jumlah: {amount}\nSetujui: *verify {payment}*\nTolak: *reject {payment} <alasan>*',
  'alert.unknown': 'belum diketahui',
  'alert.handover':
    '🙋 {customer} perlu dibantu admin ({reason}).\nPesan terakhir: "{text}"\nBalas pesan ini untuk menjawab; kembalikan ke bot: *bot on {phone}*',
  'alert.cancel_request':
    '⚠️ {customer} minta pembatalan *{number}* ({status}).\nBatalkan: *status {number} cancelled*',
  'handover.reason.asked': 'minta admin',
  'handover.reason.angry': 'pelanggan kesal',
  'handover.reason.misunderstood': 'bot tidak paham dua kali',
} as const;

export type CustomerText = keyof typeof customerId;
