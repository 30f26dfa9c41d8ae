import { randomBytes } from 'node:crypto';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { OrderItem, OrderKind, OrderPaymentStatus } from './order.model.js';

export type MoneyFailure = { ok: false; code: 'MONEY.INVALID'; details: string; field: string };
export type ItemFailure = { ok: false; code: 'ORDER.INVALID_ITEM'; details: string; index: number };

/** Integer rupiah, never negative: the only money the orders module accepts. */
export function parseMoney(value: unknown, field: string): { ok: true; value: number } | MoneyFailure {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return { ok: true, value };
  return {
    ok: false,
    code: 'MONEY.INVALID',
    details: `${field} must be a whole, non-negative number of rupiah (got ${String(value)})`,
    field,
  };
}

/** A line as priced at order time; its subtotal is recomputed, never trusted. */
export type PricedLine = Omit<OrderItem, 'subtotal'> & { subtotal?: number };

export interface TotalsInput {
  kind: OrderKind;
  items: readonly PricedLine[];
  discount: number;
  shippingFee: number;
  /** A custom order's price once agreed with the customer; absent = not agreed yet (0). */
  agreedPrice?: number;
}

export interface Totals {
  items: OrderItem[];
  subtotal: number;
  discount: number;
  shippingFee: number;
  total: number;
}

/**
 * An order's money, always computed here: catalog subtotal = Σ qty × unitPrice (each line's subtotal
 * recomputed), custom subtotal = the agreed price; total = max(0, subtotal − discount + shippingFee).
 */
export function computeTotals(input: TotalsInput): ({ ok: true } & Totals) | MoneyFailure | ItemFailure {
  const items: OrderItem[] = [];
  for (const [index, line] of input.items.entries()) {
    if (!Number.isSafeInteger(line.qty) || line.qty < 1)
      return {
        ok: false,
        code: 'ORDER.INVALID_ITEM',
        details: `the quantity of ${line.sku} must be a whole number of at least 1 (got ${line.qty})`,
        index,
      };
    const unitPrice = parseMoney(line.unitPrice, `items.${index}.unitPrice`);
    if (!unitPrice.ok) return unitPrice;
    const subtotal = parseMoney(line.qty * unitPrice.value, `items.${index}.subtotal`);
    if (!subtotal.ok) return subtotal;
    items.push({
      sku: line.sku,
      name: line.name,
      qty: line.qty,
      unitPrice: unitPrice.value,
      subtotal: subtotal.value,
    });
  }
  const discount = parseMoney(input.discount, 'discount');
  if (!discount.ok) return discount;
  const shippingFee = parseMoney(input.shippingFee, 'shippingFee');
  if (!shippingFee.ok) return shippingFee;
  let subtotal = 0;
  if (input.kind === 'catalog') subtotal = items.reduce((sum, item) => sum + item.subtotal, 0);
  else if (input.agreedPrice !== undefined) {
    const agreed = parseMoney(input.agreedPrice, 'agreedPrice');
    if (!agreed.ok) return agreed;
    subtotal = agreed.value;
  }
  const total = Math.max(0, subtotal - discount.value + shippingFee.value);
  // Guard the sums too: quantities times prices can leave the range where integers are exact.
  for (const [field, value] of [
    ['subtotal', subtotal],
    ['total', total],
  ] as const) {
    const checked = parseMoney(value, field);
    if (!checked.ok) return checked;
  }
  return { ok: true, items, subtotal, discount: discount.value, shippingFee: shippingFee.value, total };
}

/** An order number's parts: `ORD-202611-0042` is {yyyymm: '202611', seq: 42}. */
export interface OrderNumber {
  yyyymm: string;
  seq: number;
  /** The canonical text, `ORD-202611-0042`. */
  text: string;
}

export type OrderNumberFailure = { ok: false; code: 'ORDER.INVALID_NUMBER'; details: string };

const MONTH_KEY = /^(\d{4})(0[1-9]|1[0-2])$/;
const ORDER_NUMBER = /^ORD-(\d{6})-(\d{4,})$/i;

/** The counter's month prefix, `ORD-202611`. */
export const orderNumberPrefix = (yyyymm: string): string => `ORD-${yyyymm}`;

/** `ORD-YYYYMM-NNNN`, the sequence padded to four digits (and longer past 9999). */
export function formatOrderNumber(yyyymm: string, seq: number): string {
  if (!MONTH_KEY.test(yyyymm)) throw new RangeError(`not a month key (YYYYMM): ${yyyymm}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`not an order sequence number: ${seq}`);
  return `${orderNumberPrefix(yyyymm)}-${String(seq).padStart(4, '0')}`;
}

/** Read an order number as staff or customers type it (`ord-202611-0042`, spaces around it). */
export function parseOrderNumber(text: string): ({ ok: true } & OrderNumber) | OrderNumberFailure {
  const match = ORDER_NUMBER.exec(text.trim());
  const yyyymm = match?.[1];
  const seq = Number(match?.[2]);
  if (!yyyymm || !MONTH_KEY.test(yyyymm) || !Number.isSafeInteger(seq) || seq < 1)
    return {
      ok: false,
      code: 'ORDER.INVALID_NUMBER',
      details: `"${text}" is not an order number like ORD-202611-0042`,
    };
  return { ok: true, yyyymm, seq, text: formatOrderNumber(yyyymm, seq) };
}

/** The month an instant falls in, in the shop's time zone: 2026-11-30T18:00Z is '202612' in Jakarta. */
export function monthKey(at: Date, timeZone: string): string {
  return format(at, 'yyyyMM', { in: tz(timeZone) });
}

/**
 * What the money received means for an order: nothing yet → unpaid, less than the total → partial, the
 * total or more → paid. Nothing received is unpaid even at total 0 (a custom order not yet priced is
 * not paid). `refunded` is the payments module's to set.
 */
export function paymentStatusFor(total: number, paidAmount: number): Exclude<OrderPaymentStatus, 'refunded'> {
  if (paidAmount <= 0) return 'unpaid';
  return paidAmount >= total ? 'paid' : 'partial';
}

/** The public tracking key: 18 random bytes (144 bits), base64url, 24 characters. */
export const newTrackingToken = (): string => randomBytes(18).toString('base64url');

/** Whether a text could be a tracking token at all (checked before touching the database). */
export const looksLikeTrackingToken = (text: string): boolean => /^[A-Za-z0-9_-]{24}$/.test(text);
