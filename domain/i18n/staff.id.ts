/** Alerts, reminders and digests the jobs and domain send to staff, in Indonesian. Placeholders are written {name}. */
export const staffId = {
  'staff.low_stock':
    '⚠️ Stok *{name}* tinggal {stock} {unit} (minimum {min}).\nTambah stok: *stock {code} +<jumlah>*',
  'staff.task_reminder':
    '⏰ Pengingat tugas *#{number}* ({due}):\n{text}\nSudah selesai? Balas *done {number}*',
  'staff.task_reminder_link':
    '⏰ Pengingat tugas *#{number}* ({due}):\n{text}\nTerkait: {link}\nSudah selesai? Balas *done {number}*',
  'staff.task_reminder_order':
    '⏰ Pengingat tugas *#{number}* ({due}):\n{text}\nPesanan: {order} (lihat: *order {order}*)\nSudah selesai? Balas *done {number}*',
  'staff.invoices_overdue':
    '🧾 *{count} tagihan lewat jatuh tempo*, sisa {amount}:\n{lines}\nDetail: *order {order}* · kirim ulang tagihan: *invoice {order}* · catat pembayaran: *pay {order} <jumlah>*',
  'staff.invoices_overdue_line': '• {order} · {invoice} · sisa {amount} · jatuh tempo {due}',
  'staff.more': '…dan {count} lainnya',
  'staff.digest':
    '☀️ *Ringkasan kemarin, {date}*\nPesanan baru: {orders} ({value})\nPembayaran diterima: {revenue}\nLead baru: {newLeads} · deal: {wonLeads}\nTagihan lewat jatuh tempo: {overdueCount} ({overdueAmount})\nBukti bayar menunggu dicek: {pendingPayments}\n\n*Tugas sampai hari ini: {tasks}*\n{taskLines}\n\nLaporan: *report today* · *report week* · semua tugas: *tasks all*',
  'staff.digest_task': '• #{number} {due} {text} → *done {number}*',
  'staff.digest_no_tasks': 'Tidak ada tugas.',
} as const;

export type StaffText = keyof typeof staffId;
