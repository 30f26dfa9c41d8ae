/**
 * The one error catalogue of the admin commands: a domain failure code → the text staff read, filled
 * with the failure's own fields (the outstanding amount, the statuses an order may move to…). Commands
 * never word a domain failure themselves.
 */
import type { AdminText } from '../../domain/i18n/admin.id.js';
import { formatRupiah, type TextParams } from '../../domain/i18n/messages.js';

/** Any use case's expected failure: a stable code, an English sentence, and fields of its own. */
export interface Failure {
  ok: false;
  code: string;
  details: string;
  readonly [field: string]: unknown;
}

const TEXTS: Record<string, AdminText> = {
  'ORDER.NOT_FOUND': 'admin.error.order_not_found',
  'ORDER.INVALID_NUMBER': 'admin.arg.bad_order',
  'ORDER.ILLEGAL_TRANSITION': 'admin.error.illegal_transition',
  'ORDER.CLOSED': 'admin.error.order_closed',
  'ORDER.CONFLICT': 'admin.error.order_conflict',
  'ORDER.UNKNOWN_PRODUCT': 'admin.error.unknown_product',
  'ORDER.CONTACT_NOT_FOUND': 'admin.error.contact_not_found',
  'MONEY.INVALID': 'admin.arg.bad_amount',
  'INVOICE.ORDER_CANCELLED': 'admin.error.invoice_order_cancelled',
  'INVOICE.ALREADY_PAID': 'admin.error.invoice_already_paid',
  'INVOICE.AMOUNT_TOO_LOW': 'admin.error.invoice_amount_too_low',
  'INVOICE.AMOUNT_MISMATCH': 'admin.error.invoice_amount_mismatch',
  'INVOICE.INVALID_DUE': 'admin.error.invoice_invalid_due',
  'PAYMENT.INVALID_NUMBER': 'admin.arg.bad_payment',
  'PAYMENT.NOT_FOUND': 'admin.error.payment_not_found',
  'PAYMENT.ALREADY_REJECTED': 'admin.error.payment_already_rejected',
  'PAYMENT.ALREADY_VERIFIED': 'admin.error.payment_already_verified',
  'PAYMENT.NO_ORDER': 'admin.error.payment_no_order',
  'PAYMENT.OVERPAID': 'admin.error.payment_overpaid',
  'PAYMENT.ORDER_CANCELLED': 'admin.error.payment_order_cancelled',
  'LEAD.NOT_FOUND': 'admin.error.lead_not_found',
  'LEAD.DELETED': 'admin.error.lead_not_found',
  'LEAD.ILLEGAL_STAGE_MOVE': 'admin.error.illegal_stage_move',
  'LEAD.LOST_REASON_REQUIRED': 'admin.error.lost_reason_required',
  'LEAD.OPEN_LEAD_EXISTS': 'admin.error.open_lead_exists',
  'TASK.TARGET_NOT_FOUND': 'admin.error.task_target_not_found',
  'TASK.NOT_FOUND': 'admin.error.task_not_found',
  'TASK.CLOSED': 'admin.error.task_closed',
  'STOCK.NOT_FOUND': 'admin.error.stock_not_found',
  'STOCK.NEGATIVE': 'admin.error.stock_negative',
  'STOCK.NOT_TRACKED': 'admin.error.stock_not_tracked',
  'QUICK_REPLY.UNKNOWN': 'admin.error.quick_reply_unknown',
  'CONTACT.NOT_FOUND': 'admin.customer.none',
  'CONTACT.INVALID_CONFIRMATION': 'admin.erase.confirm',
  'CONTACT.STAFF_NUMBER': 'admin.erase.staff',
  'CONTACT.MERGE_CONFLICT': 'admin.erase.merging',
};

/** Fields holding rupiah: shown as Rp150.000. */
const MONEY_FIELDS = new Set(['outstanding', 'amount', 'paid', 'paidAmount', 'total', 'budget']);

/** A failure's fields as text parameters: lists joined, money formatted. */
function paramsOf(failure: Failure): TextParams {
  const params: TextParams = {};
  for (const [name, value] of Object.entries(failure)) {
    if (name === 'ok') continue;
    if (Array.isArray(value)) params[name] = value.length > 0 ? value.map(String).join(', ') : '—';
    else if (typeof value === 'number') params[name] = MONEY_FIELDS.has(name) ? formatRupiah(value) : value;
    else if (typeof value === 'string') params[name] = value;
  }
  return params;
}

/**
 * The reply for a failure. `context` fills what the failure itself does not carry (the order or
 * payment number staff typed); the failure's fields win. Codes without a text of their own show the
 * domain's sentence.
 */
export function failureText(
  t: (key: AdminText, params?: TextParams) => string,
  failure: Failure,
  context: TextParams = {},
): string {
  const key = TEXTS[failure.code] ?? 'admin.error.other';
  return t(key, { got: '', ...context, ...paramsOf(failure) });
}
