import type { AdminText } from './admin.id.js';

/** Replies to staff commands on WhatsApp (bot/admin), in English; every Indonesian text must have its counterpart. */
export const adminEn: Record<AdminText, string> = {
  'admin.label.order': 'Order number',
  'admin.label.payment': 'Payment number',
  'admin.label.amount': 'Amount',
  'admin.label.phone': 'Phone number',
  'admin.label.status': 'Status',
  'admin.label.stage': 'Lead stage',
  'admin.label.method': 'Payment method',
  'admin.label.task': 'Task number',
  'admin.label.text': 'Text',
  'admin.label.reason': 'Reason',
  'admin.label.when': 'When',
  'admin.label.target': 'Phone or order number',
  'admin.label.onoff': 'on/off',
  'admin.role.owner': 'owner',
  'admin.role.manager': 'manager',
  'admin.role.admin': 'admin',

  'admin.arg.missing': '{label} is missing.',
  'admin.arg.extra': 'Too many words.',
  'admin.arg.invalid': 'Invalid input: {details}',
  'admin.arg.bad_order': '"{got}" is not an order number (e.g. ORD-202611-0001).',
  'admin.arg.bad_payment': '"{got}" is not a payment number (e.g. PAY-202611-0001).',
  'admin.arg.bad_amount': '"{got}" is not an amount in rupiah (e.g. 150000, 150.000, 150rb, 1,5jt).',
  'admin.arg.bad_phone': '"{got}" is not a phone number (e.g. 081234567890).',
  'admin.arg.bad_status':
    '"{got}" is not an order status. Choose: {allowed} (or: dikonfirmasi, diproses, siap, dikirim, selesai, batal).',
  'admin.arg.bad_stage': '"{got}" is not a lead stage. Choose: {allowed}.',
  'admin.arg.bad_method': '"{got}" is not a payment method. Choose: {allowed}.',
  'admin.arg.bad_task': '"{got}" is not a task number (e.g. 12 or #12).',
  'admin.arg.bad_when':
    '"{got}" is not a time I understand (e.g. besok jam 10, 3 hari lagi, 20/12 14:00, senin jam 9).',
  'admin.arg.when_past': 'That time ({when}) has already passed.',
  'admin.arg.bad_due': '"{got}" is not a due date (e.g. 30/11, besok, 3 hari lagi, 2026-12-01).',
  'admin.arg.bad_period': '"{got}" is not a period. Choose: today, week, month.',
  'admin.arg.bad_scope': '"{got}": choose mine or all.',
  'admin.arg.bad_onoff': '"{got}": choose on or off.',
  'admin.arg.bad_qty': '"{got}" is not a stock change (e.g. +10 or -2).',
  'admin.arg.bad_command': '"{got}" is not a command.',

  'admin.error.empty': 'Type *help* to see the commands.',
  'admin.error.unknown': 'Unknown command "{word}". Type *help* for the list.',
  'admin.error.unknown_suggest':
    'Unknown command "{word}". Did you mean *{suggestion}*?\nUsage: {usage}\nAll commands: *help*',
  'admin.error.role': '*{command}* is only for {roles}; you are {role}.',
  'admin.error.args': '⚠️ {problem}\nUsage: {usage}\nHelp: *help {command}*',

  'admin.error.other': '⚠️ Not possible: {details} ({code})',
  'admin.error.order_not_found': 'Order {number} not found.',
  'admin.error.illegal_transition': 'Order {number} cannot go from {from} to {to}. It can go to: {allowed}.',
  'admin.error.order_closed': 'Order {number} is already {status}; it can no longer change.',
  'admin.error.order_conflict':
    'Order {number} was just changed by someone else (now {status}); nothing was changed. Check: *order {number}*',
  'admin.error.unknown_product': 'Product "{sku}" is not in the active catalog.',
  'admin.error.contact_not_found': 'The customer contact was not found.',
  'admin.error.invoice_order_cancelled': 'Order {orderNumber} is cancelled; it cannot be invoiced.',
  'admin.error.invoice_already_paid': 'Order {orderNumber} is fully paid; no invoice needed.',
  'admin.error.invoice_amount_too_low':
    'The invoice for {orderNumber} cannot be less than what is already paid ({paidAmount}).',
  'admin.error.invoice_amount_mismatch':
    'Catalog order {orderNumber} is billed its total ({total}); change its items, discount or shipping fee for another amount.',
  'admin.error.invoice_invalid_due': 'The due date {dueDate} has passed (today is {today}).',
  'admin.error.payment_not_found': 'Payment {number} not found.',
  'admin.error.payment_already_rejected': 'Payment {number} was already rejected.',
  'admin.error.payment_already_verified': 'Payment {number} is already verified; it cannot be rejected.',
  'admin.error.payment_no_order':
    'Payment {number} is not linked to an order (unpaid: {candidates}). Name the order: *verify {number} <amount> ORD-…*',
  'admin.error.payment_overpaid':
    'Overpayment: only {outstanding} is left to pay on {orderNumber}; nothing was recorded.',
  'admin.error.payment_order_cancelled': 'Order {orderNumber} is cancelled; the payment cannot be recorded.',
  'admin.error.lead_not_found': 'No lead for {phone}.',
  'admin.error.illegal_stage_move': 'The lead of {customer} cannot move to {to}. It can go to: {allowed}.',
  'admin.error.lost_reason_required': 'Give the reason: *lead {phone} lost <reason>*',
  'admin.error.open_lead_exists': 'This contact already has another open lead.',
  'admin.error.task_target_not_found':
    '"{target}" not found: give the phone of a customer who has chatted, or an order number.',
  'admin.error.task_not_found': 'Task #{number} not found.',
  'admin.error.task_closed': 'Task #{number} is already {status}.',
  'admin.error.stock_not_found': 'No material or product "{item}".',
  'admin.error.stock_negative': 'Only {stock} of {name} left; not enough for {delta}.',
  'admin.error.stock_not_tracked': 'Stock of {name} is not counted (made to order).',
  'admin.error.quick_reply_unknown':
    'There is no quick reply {shortcut}; nothing was sent. Available: {known}',

  'admin.relay.sent':
    '✅ Sent to {customer}: "{text}"\nThe bot stays quiet in that chat for {minutes} minutes (hand back: *bot on {customer}*).',
  'admin.relay.empty': 'The message is empty; nothing was sent.',
  'admin.forward':
    '💬 {customer}:\n"{text}"\nReply to this message to answer · hand back to the bot: *bot on {phone}*',

  'admin.help.header': '📖 Commands for {role}:',
  'admin.help.line': '• {usage} — {summary}',
  'admin.help.footer':
    'Details: *help <command>*. A leading slash is fine (/orders).\nReply to a forwarded customer message to answer it; /shortcut for quick replies; a command inside a reply starts with / (e.g. /status …).',
  'admin.help.detail': '*{usage}*\n{help}\nAlso: {aliases}\nFor: {roles}',
  'admin.help.unknown': 'There is no command "{got}". Type *help*.',

  'admin.usage.help': 'help [command]',
  'admin.help.help': 'The list of commands, or how to use one.\nExample: help status',
  'admin.usage.orders': 'orders [status]',
  'admin.help.orders': 'Open orders, or those in one status.\nExample: orders · orders ready',
  'admin.usage.order': 'order ORD-…',
  'admin.help.order':
    'Order detail: items, total, payments, invoice, pending proofs, tracking link.\nExample: order ORD-202611-0001',
  'admin.usage.status': 'status ORD-… <status> [note]',
  'admin.help.status':
    'Move an order; the customer is told. Statuses: confirmed, in_progress, review, ready, out_for_delivery, completed, cancelled (or dikonfirmasi, diproses, siap, dikirim, selesai, batal).\nExample: status ORD-202611-0001 ready',
  'admin.usage.note': 'note ORD-… <text>',
  'admin.help.note':
    'An internal note on an order (never sent to the customer).\nExample: note ORD-202611-0001 red ribbon',
  'admin.usage.invoice': 'invoice ORD-… [amount] [due]',
  'admin.help.invoice':
    'Create or resend the invoice to the customer.\nExample: invoice ORD-202611-0001 · invoice ORD-202611-0002 500rb 30/11',
  'admin.usage.pay': 'pay ORD-… <amount> [method]',
  'admin.help.pay':
    'Record a payment already received (transfer, qris, cod, cash).\nExample: pay ORD-202611-0001 150rb cash',
  'admin.usage.verify': 'verify PAY-… [amount] [ORD-…]',
  'admin.help.verify':
    'Approve a payment proof; counted on the order and invoice, the customer is told.\nExample: verify PAY-202611-0001 · verify PAY-202611-0002 300rb ORD-202611-0005',
  'admin.usage.reject': 'reject PAY-… <reason>',
  'admin.help.reject':
    'Reject a payment proof; the customer is told why.\nExample: reject PAY-202611-0001 wrong amount',
  'admin.usage.leads': 'leads [stage]',
  'admin.help.leads': 'Open leads, or those in one stage.\nExample: leads · leads proposal',
  'admin.usage.lead': 'lead <phone> <stage> [note]',
  'admin.help.lead':
    'Move a lead: new, contacted, qualified, proposal, won, lost (lost needs a reason).\nExample: lead 081234567890 contacted · lead 0812… lost too expensive',
  'admin.usage.followup': 'followup <phone|ORD-…> <when> <text>',
  'admin.help.followup':
    'Create a follow-up task; you are reminded on WhatsApp when it is due.\nExample: followup 081234567890 besok jam 10 ask about the order · followup ORD-202611-0001 3 hari lagi check delivery',
  'admin.usage.tasks': 'tasks [mine|all]',
  'admin.help.tasks': 'Open tasks: mine (default) or everyone’s.\nExample: tasks · tasks all',
  'admin.usage.done': 'done <task number>',
  'admin.help.done': 'Mark a task done.\nExample: done 12 · done #12',
  'admin.usage.report': 'report [today|week|month]',
  'admin.help.report':
    'Summary of orders, payments, leads, invoices and tasks.\nExample: report · report month',
  'admin.usage.stock': 'stock [item] [+/-qty]',
  'admin.help.stock':
    'Show stock, or add to / take from a material or product.\nExample: stock · stock ribbon · stock ribbon +20 · stock gift-paper -2',
  'admin.usage.bot': 'bot on|off <phone>',
  'admin.help.bot':
    'Switch the bot back on, or off, in a customer chat (while off, their messages are forwarded to staff).\nExample: bot on 081234567890',
  'admin.usage.neworder': 'neworder <phone> <order>',
  'admin.help.neworder':
    'An order taken by phone or in the shop, written as a customer would; the customer gets the confirmation and tracking link.\nExample: neworder 081234567890 2 buket mawar merah, kirim besok ke Jl. Melati 5',

  'admin.orders.open': 'Open orders',
  'admin.orders.in': 'Orders {status}',
  'admin.orders.header': '📋 {filter} ({count}):',
  'admin.orders.line': '• *{number}* · {customer} · {total} · {status} · {payment}',
  'admin.orders.empty': '{filter}: none.',
  'admin.orders.footer': 'Detail: *order <number>*',
  'admin.order.detail':
    '📦 *{number}* — {status}\nCustomer: {customer}\n{lines}\nTotal: {total} · Paid: {paid} ({payment})\n{invoice}{pending}{notes}\nTracking: {link}',
  'admin.order.item': '• {qty}× {name} @ {price} = {subtotal}',
  'admin.order.brief': 'Custom: {brief}',
  'admin.order.invoice': 'Invoice {invoice}: {amount}, due {due} ({status})',
  'admin.order.no_invoice': 'No invoice yet (create: *invoice {number}*)',
  'admin.order.pending': '\nPayment proof waiting: {payment} {amount} → *verify {payment}*',
  'admin.order.notes': '\nInternal notes:\n{notes}',
  'admin.order.unknown_amount': 'amount unknown',
  'admin.status.done': '✅ {number}: {from} → {to}{note}',
  'admin.status.note': ' (note: "{note}")',
  'admin.status.unchanged': '{number} is already {to}; nothing changed.',
  'admin.note.done': '📝 Internal note added to {number} (not sent to the customer): "{text}"',
  'admin.neworder.done':
    '✅ Order *{number}* created for {customer}:\n{items}\nTotal: {total}{details}\nConfirmation and tracking link sent to the customer: {link}',
  'admin.neworder.repeat': 'This order was already created: *{number}*.',
  'admin.neworder.no_items':
    'I found no catalog product in "{text}". Write it as a customer would, e.g. 2 buket mawar, kirim besok. Catalog: {catalog}',
  'admin.leads.open': 'Open leads',
  'admin.leads.in': 'Leads {stage}',
  'admin.leads.header': '👥 {filter} ({count}):',
  'admin.leads.line': '• {customer} · {stage} · {channel}{interest}',
  'admin.leads.empty': '{filter}: none.',
  'admin.leads.footer': 'Move: *lead <phone> <stage>*',
  'admin.lead.done': '✅ Lead {customer}: {from} → {to}{note}',
  'admin.lead.unchanged': 'The lead of {customer} is already {to}.{note}',
  'admin.lead.note': ' (note: "{note}")',
  'admin.followup.done':
    '⏰ Task *#{number}* created: {text}\nDue: {due}\nAbout: {link}\nDone: *done {number}*',
  'admin.tasks.mine': 'mine',
  'admin.tasks.all': 'all',
  'admin.tasks.header': '🗒️ Open tasks ({scope}, {count}):',
  'admin.tasks.line': '• *#{number}* {due} · {text}{link}',
  'admin.tasks.empty': 'No open tasks ({scope}). Create one: *followup <phone|ORD-…> <when> <text>*',
  'admin.tasks.footer': 'Done: *done <number>*',
  'admin.done.done': '✅ Task #{number} done: {text}',
  'admin.done.unchanged': 'Task #{number} was already done.',
  'admin.report.text':
    '📊 *Report {period}* ({from} – {to})\nOrders: {orders} ({value})\nPayments received: {revenue}\nNew leads: {newLeads} · won: {wonLeads}\nOverdue invoices: {overdueCount} ({overdueAmount})\nPayment proofs waiting: {pendingPayments}\nTasks due: {tasksDue}',
  'admin.period.today': 'today',
  'admin.period.yesterday': 'yesterday',
  'admin.period.week': 'this week',
  'admin.period.month': 'this month',
  'admin.stock.header': '📦 Stock:',
  'admin.stock.line': '• {name} ({code}): {stock} {unit}{low}',
  'admin.stock.low': ' ⚠️ below the minimum of {min}',
  'admin.stock.empty': 'No stock is counted yet.',
  'admin.stock.footer': 'Change: *stock <code> +/-qty*',
  'admin.stock.adjusted': '✅ Stock of {name}: {before} → {after} {unit} ({delta})',
  'admin.bot.on': '🤖 The bot answers again in the chat with {phone}.',
  'admin.bot.on_already': '🤖 The bot is already on in the chat with {phone}.',
  'admin.bot.off':
    '🤫 The bot stays quiet in the chat with {phone} until *bot on {phone}*. Their messages are forwarded to staff.',
  'admin.invoice.created': '🧾 Invoice *{invoice}* sent to {customer}: {amount}, due {due}.',
  'admin.invoice.reissued': '🧾 Invoice *{invoice}* sent again to {customer}: {amount}, due {due}.',
  'admin.pay.done':
    '💰 *{payment}* {amount} recorded for {number}. Paid {paid} of {total} ({status}). The customer was told.',
  'admin.verify.done':
    '✅ *{payment}* verified: {amount} for {number}. Paid {paid} of {total} ({status}). The customer was told.',
  'admin.verify.unchanged': '{payment} was already verified ({amount} for {number}).',
  'admin.reject.done': '❌ *{payment}* rejected: "{reason}". The customer was told.',
  'admin.reject.unchanged': '{payment} was already rejected.',
  'admin.usage.customerdata': 'customerdata <phone>',
  'admin.help.customerdata':
    'What is stored about a customer, and a link to download all of it (.zip) from the console. Owner only.\nExample: customerdata 081234567890',
  'admin.usage.erase': 'erase <phone> HAPUS',
  'admin.help.erase':
    "Erase a customer's personal data for good (customer rights): their messages, files, number, name and address are deleted; their orders stay for the books, without a name. Cannot be undone. Owner only.\nExample: erase 081234567890 HAPUS",
  'admin.customer.none': 'No customer has the number {phone}.',
  'admin.customer.erased': "Customer {phone}'s data was already erased.",
  'admin.customer.summary':
    '📦 Stored about *{customer}*: {orders} orders, {payments} payments, {messages} messages, {leads} leads, {tasks} tasks.\nDownload all of it (.zip) from the console: {url}\nErase the personal data: *erase {phone} HAPUS*',
  'admin.erase.done':
    "🗑️ Customer {phone}'s personal data was erased: {messages} messages and {files} files deleted, {orders} orders kept without a name for the books.",
  'admin.erase.unchanged': "Customer {phone}'s data was already erased.",
  'admin.erase.confirm':
    "⚠️ Erasing a customer's data cannot be undone. To go ahead, type: *erase {phone} HAPUS*",
  'admin.erase.staff': '{phone} is a staff number; it is not erased.',
  'admin.erase.merging': 'Contact {phone} is being merged; try again in a moment.',
};
