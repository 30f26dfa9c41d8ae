/** Alerts, reminders and digests the jobs and domain send to staff, in Indonesian. Placeholders are written {name}. */
export const staffId = {
  'staff.low_stock':
    '⚠️ Stok *{name}* tinggal {stock} {unit} (minimum {min}).\nTambah stok: *stock {code} +<jumlah>*',
} as const;

export type StaffText = keyof typeof staffId;
