import type { StaffText } from './staff.id.js';

/** Alerts, reminders and digests the jobs and domain send to staff, in English; every Indonesian text must have its counterpart. */
export const staffEn: Record<StaffText, string> = {
  'staff.low_stock':
    '⚠️ *{name}* is down to {stock} {unit} (minimum {min}).\nAdd stock: *stock {code} +<qty>*',
  'staff.task_reminder': '⏰ Task *#{number}* is due ({due}):\n{text}\nDone? Reply *done {number}*',
  'staff.task_reminder_link':
    '⏰ Task *#{number}* is due ({due}):\n{text}\nAbout: {link}\nDone? Reply *done {number}*',
  'staff.task_reminder_order':
    '⏰ Task *#{number}* is due ({due}):\n{text}\nOrder: {order} (see: *order {order}*)\nDone? Reply *done {number}*',
  'staff.invoices_overdue':
    '🧾 *{count} overdue invoices*, {amount} outstanding:\n{lines}\nDetails: *order {order}* · resend the invoice: *invoice {order}* · record a payment: *pay {order} <amount>*',
  'staff.invoices_overdue_line': '• {order} · {invoice} · {amount} outstanding · due {due}',
  'staff.more': '…and {count} more',
  'staff.digest':
    "☀️ *Yesterday's summary, {date}*\nNew orders: {orders} ({value})\nPayments received: {revenue}\nNew leads: {newLeads} · won: {wonLeads}\nOverdue invoices: {overdueCount} ({overdueAmount})\nPayment proofs to check: {pendingPayments}\n\n*Tasks due by today: {tasks}*\n{taskLines}\n\nReports: *report today* · *report week* · all tasks: *tasks all*",
  'staff.digest_task': '• #{number} {due} {text} → *done {number}*',
  'staff.digest_no_tasks': 'No tasks.',
};
