import type { StaffText } from './staff.id.js';

/** Alerts, reminders and digests the jobs and domain send to staff, in English; every Indonesian text must have its counterpart. */
export const staffEn: Record<StaffText, string> = {
  'staff.low_stock':
    '⚠️ *{name}* is down to {stock} {unit} (minimum {min}).\nAdd stock: *stock {code} +<qty>*',
};
