/** Replies to staff commands on WhatsApp (bot/admin), in Indonesian. Placeholders are written {name}. */
export const adminId = {
  // ── Names of arguments and roles ──
  'admin.label.order': 'Nomor pesanan',
  'admin.label.payment': 'Nomor pembayaran',
  'admin.label.amount': 'Jumlah',
  'admin.label.phone': 'Nomor HP',
  'admin.label.status': 'Status',
  'admin.label.stage': 'Tahap lead',
  'admin.label.method': 'Cara bayar',
  'admin.label.task': 'Nomor tugas',
  'admin.label.text': 'Teks',
  'admin.label.reason': 'Alasan',
  'admin.label.when': 'Waktu',
  'admin.label.target': 'Nomor HP atau nomor pesanan',
  'admin.label.onoff': 'on/off',
  'admin.role.owner': 'pemilik',
  'admin.role.manager': 'manajer',
  'admin.role.admin': 'admin',

  // ── Argument problems ──
  'admin.arg.missing': '{label} belum diisi.',
  'admin.arg.extra': 'Isiannya kelebihan.',
  'admin.arg.invalid': 'Isian tidak valid: {details}',
  'admin.arg.bad_order': '"{got}" bukan nomor pesanan (contoh: ORD-202611-0001).',
  'admin.arg.bad_payment': '"{got}" bukan nomor pembayaran (contoh: PAY-202611-0001).',
  'admin.arg.bad_amount': '"{got}" bukan jumlah rupiah (contoh: 150000, 150.000, 150rb, 1,5jt).',
  'admin.arg.bad_phone': '"{got}" bukan nomor HP (contoh: 081234567890).',
  'admin.arg.bad_status':
    '"{got}" bukan status pesanan. Pilihan: {allowed} (atau: dikonfirmasi, diproses, siap, dikirim, selesai, batal).',
  'admin.arg.bad_stage': '"{got}" bukan tahap lead. Pilihan: {allowed}.',
  'admin.arg.bad_method': '"{got}" bukan cara bayar. Pilihan: {allowed}.',
  'admin.arg.bad_task': '"{got}" bukan nomor tugas (contoh: 12 atau #12).',
  'admin.arg.bad_when':
    '"{got}" bukan waktu yang saya kenal (contoh: besok jam 10, 3 hari lagi, 20/12 14:00, senin jam 9).',
  'admin.arg.when_past': 'Waktunya ({when}) sudah lewat.',
  'admin.arg.bad_due': '"{got}" bukan tanggal jatuh tempo (contoh: 30/11, besok, 3 hari lagi, 2026-12-01).',
  'admin.arg.bad_period': '"{got}" bukan periode. Pilihan: today, week, month (hari ini, minggu, bulan).',
  'admin.arg.bad_scope': '"{got}": pilih mine atau all (saya / semua).',
  'admin.arg.bad_onoff': '"{got}": pilih on atau off.',
  'admin.arg.bad_qty': '"{got}" bukan perubahan stok (contoh: +10 atau -2).',
  'admin.arg.bad_command': '"{got}" bukan perintah.',

  // ── Router answers ──
  'admin.error.empty': 'Ketik *help* untuk melihat perintah.',
  'admin.error.unknown': 'Perintah "{word}" tidak dikenal. Ketik *help* untuk daftar perintah.',
  'admin.error.unknown_suggest':
    'Perintah "{word}" tidak dikenal. Maksudnya *{suggestion}*?\nCara pakai: {usage}\nDaftar perintah: *help*',
  'admin.error.role': 'Perintah *{command}* hanya untuk {roles}; Anda {role}.',
  'admin.error.args': '⚠️ {problem}\nCara pakai: {usage}\nBantuan: *help {command}*',

  // ── Domain failures (bot/admin/errors.ts) ──
  'admin.error.other': '⚠️ Tidak bisa: {details} ({code})',
  'admin.error.order_not_found': 'Pesanan {number} tidak ditemukan.',
  'admin.error.illegal_transition': 'Pesanan {number} tidak bisa dari {from} ke {to}. Bisa ke: {allowed}.',
  'admin.error.order_closed': 'Pesanan {number} sudah {status}; tidak bisa diubah lagi.',
  'admin.error.order_conflict':
    'Pesanan {number} baru saja diubah orang lain (sekarang {status}); tidak ada yang diubah. Cek: *order {number}*',
  'admin.error.unknown_product': 'Produk "{sku}" tidak ada di katalog aktif.',
  'admin.error.contact_not_found': 'Kontak pelanggan tidak ditemukan.',
  'admin.error.invoice_order_cancelled': 'Pesanan {orderNumber} sudah dibatalkan; tidak bisa ditagih.',
  'admin.error.invoice_already_paid': 'Pesanan {orderNumber} sudah lunas; tidak perlu tagihan.',
  'admin.error.invoice_amount_too_low':
    'Tagihan {orderNumber} tidak boleh lebih kecil dari yang sudah dibayar ({paidAmount}).',
  'admin.error.invoice_amount_mismatch':
    'Pesanan katalog {orderNumber} ditagih sebesar totalnya ({total}); ubah item, diskon atau ongkir jika jumlahnya lain.',
  'admin.error.invoice_invalid_due': 'Jatuh tempo {dueDate} sudah lewat (hari ini {today}).',
  'admin.error.payment_not_found': 'Pembayaran {number} tidak ditemukan.',
  'admin.error.payment_already_rejected': 'Pembayaran {number} sudah ditolak sebelumnya.',
  'admin.error.payment_already_verified': 'Pembayaran {number} sudah diverifikasi; tidak bisa ditolak.',
  'admin.error.payment_no_order':
    'Pembayaran {number} belum terhubung ke pesanan (belum lunas: {candidates}). Sebutkan pesanannya: *verify {number} <jumlah> ORD-…*',
  'admin.error.payment_overpaid':
    'Kelebihan bayar: sisa tagihan {orderNumber} hanya {outstanding}; tidak ada yang dicatat.',
  'admin.error.payment_order_cancelled':
    'Pesanan {orderNumber} sudah dibatalkan; pembayaran tidak bisa dicatat.',
  'admin.error.lead_not_found': 'Tidak ada lead untuk {phone}.',
  'admin.error.illegal_stage_move': 'Lead {customer} tidak bisa pindah ke {to}. Bisa ke: {allowed}.',
  'admin.error.lost_reason_required': 'Tulis alasannya: *lead {phone} lost <alasan>*',
  'admin.error.open_lead_exists': 'Kontak ini sudah punya lead lain yang masih terbuka.',
  'admin.error.task_target_not_found':
    '"{target}" tidak ditemukan: sebutkan nomor HP pelanggan yang pernah chat, atau nomor pesanan.',
  'admin.error.task_not_found': 'Tugas #{number} tidak ditemukan.',
  'admin.error.task_closed': 'Tugas #{number} sudah {status}.',
  'admin.error.stock_not_found': 'Barang "{item}" tidak ditemukan di bahan maupun produk.',
  'admin.error.stock_negative': 'Stok {name} tinggal {stock}; tidak cukup untuk {delta}.',
  'admin.error.stock_not_tracked': 'Stok {name} tidak dihitung (dibuat sesuai pesanan).',
  'admin.error.quick_reply_unknown':
    'Balasan cepat {shortcut} tidak ada; tidak ada yang dikirim. Yang tersedia: {known}',

  // ── Reply-to-relay ──
  'admin.relay.sent':
    '✅ Terkirim ke {customer}: "{text}"\nBot diam di chat itu {minutes} menit (kembalikan: *bot on {customer}*).',
  'admin.relay.empty': 'Pesannya kosong; tidak ada yang dikirim.',
  'admin.forward':
    '💬 {customer}:\n"{text}"\nBalas pesan ini untuk menjawab · kembalikan ke bot: *bot on {phone}*',

  // ── Help ──
  'admin.help.header': '📖 Perintah untuk {role}:',
  'admin.help.line': '• {usage} — {summary}',
  'admin.help.footer':
    'Detail: *help <perintah>*. Garis miring di depan boleh (/orders).\nBalas (reply) pesan pelanggan yang diteruskan untuk menjawabnya; /singkatan untuk balasan cepat; perintah di dalam balasan diawali / (mis. /status …).',
  'admin.help.detail': '*{usage}*\n{help}\nNama lain: {aliases}\nUntuk: {roles}',
  'admin.help.unknown': 'Tidak ada perintah "{got}". Ketik *help*.',

  'admin.usage.help': 'help [perintah]',
  'admin.help.help': 'Daftar perintah, atau cara pakai satu perintah.\nContoh: help status',
  'admin.usage.orders': 'orders [status]',
  'admin.help.orders': 'Daftar pesanan aktif, atau yang berstatus tertentu.\nContoh: orders · orders siap',
  'admin.usage.order': 'order ORD-…',
  'admin.help.order':
    'Detail pesanan: item, total, pembayaran, tagihan, bukti bayar menunggu, link lacak.\nContoh: order ORD-202611-0001',
  'admin.usage.status': 'status ORD-… <status> [catatan]',
  'admin.help.status':
    'Ubah status pesanan; pelanggan diberi tahu. Status: confirmed, in_progress, review, ready, out_for_delivery, completed, cancelled (atau dikonfirmasi, diproses, siap, dikirim, selesai, batal).\nContoh: status ORD-202611-0001 siap',
  'admin.usage.note': 'note ORD-… <teks>',
  'admin.help.note':
    'Catatan internal di pesanan (tidak dikirim ke pelanggan).\nContoh: note ORD-202611-0001 pita warna merah',
  'admin.usage.invoice': 'invoice ORD-… [jumlah] [jatuh tempo]',
  'admin.help.invoice':
    'Buat atau kirim ulang tagihan ke pelanggan.\nContoh: invoice ORD-202611-0001 · invoice ORD-202611-0002 500rb 30/11',
  'admin.usage.pay': 'pay ORD-… <jumlah> [cara bayar]',
  'admin.help.pay':
    'Catat pembayaran yang sudah diterima (transfer, qris, cod, tunai).\nContoh: pay ORD-202611-0001 150rb tunai',
  'admin.usage.verify': 'verify PAY-… [jumlah] [ORD-…]',
  'admin.help.verify':
    'Setujui bukti bayar; dihitung ke pesanan dan tagihan, pelanggan diberi tahu.\nContoh: verify PAY-202611-0001 · verify PAY-202611-0002 300rb ORD-202611-0005',
  'admin.usage.reject': 'reject PAY-… <alasan>',
  'admin.help.reject':
    'Tolak bukti bayar; pelanggan diberi tahu alasannya.\nContoh: reject PAY-202611-0001 nominal tidak sesuai',
  'admin.usage.leads': 'leads [tahap]',
  'admin.help.leads': 'Daftar lead aktif, atau di tahap tertentu.\nContoh: leads · leads proposal',
  'admin.usage.lead': 'lead <HP> <tahap> [catatan]',
  'admin.help.lead':
    'Pindahkan lead: new, contacted, qualified, proposal, won, lost (lost perlu alasan).\nContoh: lead 081234567890 contacted · lead 0812… lost harga kemahalan',
  'admin.usage.followup': 'followup <HP|ORD-…> <waktu> <teks>',
  'admin.help.followup':
    'Buat tugas tindak lanjut; diingatkan lewat WhatsApp saat waktunya.\nContoh: followup 081234567890 besok jam 10 tanya jadi pesan · followup ORD-202611-0001 3 hari lagi cek kiriman',
  'admin.usage.tasks': 'tasks [mine|all]',
  'admin.help.tasks': 'Tugas terbuka: milik saya (bawaan) atau semua.\nContoh: tasks · tasks all',
  'admin.usage.done': 'done <nomor tugas>',
  'admin.help.done': 'Tandai tugas selesai.\nContoh: done 12 · done #12',
  'admin.usage.report': 'report [today|week|month]',
  'admin.help.report':
    'Ringkasan pesanan, pembayaran, lead, tagihan dan tugas.\nContoh: report · report month',
  'admin.usage.stock': 'stock [barang] [+/-jumlah]',
  'admin.help.stock':
    'Lihat stok, atau tambah/kurangi stok bahan atau produk.\nContoh: stock · stock pita · stock pita +20 · stock kertas-kado -2',
  'admin.usage.bot': 'bot on|off <HP>',
  'admin.help.bot':
    'Nyalakan lagi atau matikan bot di chat pelanggan (saat dimatikan, pesan pelanggan diteruskan ke admin).\nContoh: bot on 081234567890',
  'admin.usage.neworder': 'neworder <HP> <pesanan>',
  'admin.help.neworder':
    'Pesanan lewat telepon atau di toko, ditulis seperti pelanggan; pelanggan dapat konfirmasi dan link lacak.\nContoh: neworder 081234567890 2 buket mawar merah, kirim besok ke Jl. Melati 5',

  // ── Command answers ──
  'admin.orders.open': 'Pesanan aktif',
  'admin.orders.in': 'Pesanan {status}',
  'admin.orders.header': '📋 {filter} ({count}):',
  'admin.orders.line': '• *{number}* · {customer} · {total} · {status} · {payment}',
  'admin.orders.empty': '{filter}: tidak ada.',
  'admin.orders.footer': 'Detail: *order <nomor>*',
  'admin.order.detail':
    '📦 *{number}* — {status}\nPelanggan: {customer}\n{lines}\nTotal: {total} · Dibayar: {paid} ({payment})\n{invoice}{pending}{notes}\nLacak: {link}',
  'admin.order.item': '• {qty}× {name} @ {price} = {subtotal}',
  'admin.order.brief': 'Custom: {brief}',
  'admin.order.invoice': 'Tagihan {invoice}: {amount}, jatuh tempo {due} ({status})',
  'admin.order.no_invoice': 'Belum ada tagihan (buat: *invoice {number}*)',
  'admin.order.pending': '\nBukti bayar menunggu: {payment} {amount} → *verify {payment}*',
  'admin.order.notes': '\nCatatan internal:\n{notes}',
  'admin.order.unknown_amount': 'jumlah belum diketahui',
  'admin.status.done': '✅ {number}: {from} → {to}{note}',
  'admin.status.note': ' (catatan: "{note}")',
  'admin.status.unchanged': '{number} memang sudah {to}; tidak ada yang diubah.',
  'admin.note.done': '📝 Catatan internal ditambahkan ke {number} (tidak dikirim ke pelanggan): "{text}"',
  'admin.neworder.done':
    '✅ Pesanan *{number}* dibuat untuk {customer}:\n{items}\nTotal: {total}{details}\nKonfirmasi dan link lacak dikirim ke pelanggan: {link}',
  'admin.neworder.repeat': 'Pesanan ini sudah dibuat sebelumnya: *{number}*.',
  'admin.neworder.no_items':
    'Tidak ada produk katalog yang saya kenali di "{text}". Tulis seperti pelanggan, misal: 2 buket mawar, kirim besok. Katalog: {catalog}',
  'admin.leads.open': 'Lead aktif',
  'admin.leads.in': 'Lead {stage}',
  'admin.leads.header': '👥 {filter} ({count}):',
  'admin.leads.line': '• {customer} · {stage} · {channel}{interest}',
  'admin.leads.empty': '{filter}: tidak ada.',
  'admin.leads.footer': 'Pindahkan: *lead <HP> <tahap>*',
  'admin.lead.done': '✅ Lead {customer}: {from} → {to}{note}',
  'admin.lead.unchanged': 'Lead {customer} memang sudah {to}.{note}',
  'admin.lead.note': ' (catatan: "{note}")',
  'admin.followup.done':
    '⏰ Tugas *#{number}* dibuat: {text}\nWaktu: {due}\nTerkait: {link}\nSelesai: *done {number}*',
  'admin.tasks.mine': 'saya',
  'admin.tasks.all': 'semua',
  'admin.tasks.header': '🗒️ Tugas terbuka ({scope}, {count}):',
  'admin.tasks.line': '• *#{number}* {due} · {text}{link}',
  'admin.tasks.empty': 'Tidak ada tugas terbuka ({scope}). Buat: *followup <HP|ORD-…> <waktu> <teks>*',
  'admin.tasks.footer': 'Selesai: *done <nomor>*',
  'admin.done.done': '✅ Tugas #{number} selesai: {text}',
  'admin.done.unchanged': 'Tugas #{number} memang sudah selesai.',
  'admin.report.text':
    '📊 *Laporan {period}* ({from} – {to})\nPesanan: {orders} ({value})\nPembayaran diterima: {revenue}\nLead baru: {newLeads} · deal: {wonLeads}\nTagihan lewat jatuh tempo: {overdueCount} ({overdueAmount})\nBukti bayar menunggu: {pendingPayments}\nTugas jatuh tempo: {tasksDue}',
  'admin.period.today': 'hari ini',
  'admin.period.yesterday': 'kemarin',
  'admin.period.week': 'minggu ini',
  'admin.period.month': 'bulan ini',
  'admin.stock.header': '📦 Stok:',
  'admin.stock.line': '• {name} ({code}): {stock} {unit}{low}',
  'admin.stock.low': ' ⚠️ di bawah minimum {min}',
  'admin.stock.empty': 'Belum ada stok yang dihitung.',
  'admin.stock.footer': 'Ubah: *stock <kode> +/-jumlah*',
  'admin.stock.adjusted': '✅ Stok {name}: {before} → {after} {unit} ({delta})',
  'admin.bot.on': '🤖 Bot aktif lagi di chat {phone}.',
  'admin.bot.on_already': '🤖 Bot memang aktif di chat {phone}.',
  'admin.bot.off':
    '🤫 Bot diam di chat {phone} sampai *bot on {phone}*. Pesan pelanggan di sana diteruskan ke admin.',
  'admin.invoice.created': '🧾 Tagihan *{invoice}* dikirim ke {customer}: {amount}, jatuh tempo {due}.',
  'admin.invoice.reissued':
    '🧾 Tagihan *{invoice}* dikirim ulang ke {customer}: {amount}, jatuh tempo {due}.',
  'admin.pay.done':
    '💰 *{payment}* {amount} dicatat untuk {number}. Dibayar {paid} dari {total} ({status}). Pelanggan diberi tahu.',
  'admin.verify.done':
    '✅ *{payment}* diverifikasi: {amount} untuk {number}. Dibayar {paid} dari {total} ({status}). Pelanggan diberi tahu.',
  'admin.verify.unchanged': '{payment} sudah diverifikasi sebelumnya ({amount} untuk {number}).',
  'admin.reject.done': '❌ *{payment}* ditolak: "{reason}". Pelanggan diberi tahu.',
  'admin.reject.unchanged': '{payment} memang sudah ditolak.',
  'admin.usage.customerdata': 'datapelanggan <HP>',
  'admin.help.customerdata':
    'Apa saja yang tersimpan tentang seorang pelanggan, dan tautan untuk mengunduh semuanya (.zip) di konsol. Hanya pemilik.\nContoh: datapelanggan 081234567890',
  'admin.usage.erase': 'hapusdata <HP> HAPUS',
  'admin.help.erase':
    'Hapus data pribadi pelanggan untuk selamanya (hak pelanggan): pesan, file, nomor, nama dan alamatnya dihapus; pesanannya tetap ada untuk pembukuan, tanpa nama. Tidak bisa dibatalkan. Hanya pemilik.\nContoh: hapusdata 081234567890 HAPUS',
  'admin.customer.none': 'Tidak ada pelanggan dengan nomor {phone}.',
  'admin.customer.erased': 'Data pelanggan {phone} sudah dihapus sebelumnya.',
  'admin.customer.summary':
    '📦 Tersimpan tentang *{customer}*: {orders} pesanan, {payments} pembayaran, {messages} pesan, {leads} lead, {tasks} tugas.\nUnduh semuanya (.zip) di konsol: {url}\nHapus data pribadi: *hapusdata {phone} HAPUS*',
  'admin.erase.done':
    '🗑️ Data pribadi pelanggan {phone} sudah dihapus: {messages} pesan dan {files} file dihapus, {orders} pesanan disimpan tanpa nama untuk pembukuan.',
  'admin.erase.unchanged': 'Data pelanggan {phone} memang sudah dihapus.',
  'admin.erase.confirm':
    '⚠️ Menghapus data pelanggan tidak bisa dibatalkan. Untuk melanjutkan, ketik: *hapusdata {phone} HAPUS*',
  'admin.erase.staff': 'Nomor {phone} adalah nomor staf; tidak dihapus.',
  'admin.erase.merging': 'Kontak {phone} sedang digabungkan; coba lagi sebentar.',
} as const;

export type AdminText = keyof typeof adminId;
