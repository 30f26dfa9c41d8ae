/**
 * The catalog order a customer is putting together in chat, and which detail to ask for next.
 * Pure: the conversation handler feeds it parsed messages and the shop's settings.
 */

import {
  type OrderDetailKey as DetailKey,
  ORDER_DETAIL_KEYS,
  type OrderDetailsPolicy,
} from '../../domain/settings/settings.model.js';

export type {
  OrderDetailKey as DetailKey,
  OrderDetailsPolicy,
} from '../../domain/settings/settings.model.js';

import type { PaymentMethod } from '../../domain/orders/order.model.js';

export interface DraftItem {
  sku: string;
  qty: number;
}

export interface OrderDraft {
  items: DraftItem[];
  fulfilment?: 'pickup' | 'delivery';
  date?: string;
  time?: string;
  address?: string;
  recipient?: string;
  paymentMethod?: PaymentMethod;
  notes?: string;
  /** The detail the bot asked for last; the next answer fills it. */
  asking?: DetailKey;
  /** Details the customer chose to skip ("tidak"), so an optional one is never asked twice. */
  skipped: DetailKey[];
  /** The summary was shown; the next "ya" confirms. */
  summarised: boolean;
}

/** What one customer message contributes, as the parser read it. */
export interface DraftInput {
  text: string;
  items: DraftItem[];
  date: string | null;
  time: string | null;
  address: string | null;
}

const has = (draft: OrderDraft, key: DetailKey): boolean => {
  switch (key) {
    case 'fulfilment':
      return draft.fulfilment !== undefined;
    case 'dateTime':
      return draft.date !== undefined;
    case 'deliveryAddress':
      return draft.address !== undefined;
    case 'recipient':
      return draft.recipient !== undefined;
    case 'paymentMethod':
      return draft.paymentMethod !== undefined;
    case 'notes':
      return draft.notes !== undefined;
  }
};

/** Address and recipient only matter for deliveries. */
const applies = (draft: OrderDraft, key: DetailKey): boolean =>
  (key !== 'deliveryAddress' && key !== 'recipient') || draft.fulfilment === 'delivery';

/** The next detail to ask for, one at a time; undefined when the summary can be shown. */
export function nextDetail(draft: OrderDraft, policy: OrderDetailsPolicy): DetailKey | undefined {
  return ORDER_DETAIL_KEYS.find((key) => {
    const requirement = policy[key];
    if (requirement === 'off' || !applies(draft, key) || has(draft, key)) return false;
    return requirement === 'required' || !draft.skipped.includes(key);
  });
}

const words = (text: string) => text.toLowerCase().normalize('NFKC');

const PICKUP = /\b(ambil|diambil|pick ?up|ambil sendiri|ke toko|jemput)\b/;
const DELIVERY = /\b(kirim|dikirim|diantar|antar|anter|delivery|deliver|gojek|grab|kurir|ojol|paket)\b/;
const PAYMENT: [RegExp, PaymentMethod][] = [
  [/\bqris\b/, 'qris'],
  [/\b(cod|bayar di tempat)\b/, 'cod'],
  [/\b(tunai|cash|kontan)\b/, 'cash'],
  [/\b(transfer|tf|trf|bank|bca|bri|bni|mandiri|rekening)\b/, 'transfer'],
];
const NO = /^(tidak|tdk|gak|ga|nggak|ngga|enggak|no|none|tidak ada|gak ada|ga ada|nggak ada|skip|-)\b/;

export const fulfilmentIn = (text: string): OrderDraft['fulfilment'] =>
  PICKUP.test(words(text)) ? 'pickup' : DELIVERY.test(words(text)) ? 'delivery' : undefined;

export const paymentIn = (text: string): PaymentMethod | undefined =>
  PAYMENT.find(([pattern]) => pattern.test(words(text)))?.[1];

/** A "no / none" answer to an optional question. */
export const isNoAnswer = (text: string): boolean => NO.test(words(text).trim());

/**
 * Fold one message into the draft: details given up front or several in one answer are all kept, and the
 * answer to the question just asked fills that detail (free text for recipient and notes).
 */
export function applyInput(draft: OrderDraft, input: DraftInput): OrderDraft {
  // The question is answered (or passed over): `asking` is dropped, not set to undefined, because the
  // draft is stored as a document and MongoDB would keep an undefined field as null.
  const { asking: asked, ...rest } = draft;
  const next: OrderDraft = {
    ...rest,
    items: mergeItems(draft.items, input.items),
    skipped: [...draft.skipped],
  };
  const fulfilment = fulfilmentIn(input.text) ?? (input.address ? 'delivery' : undefined);
  if (fulfilment && (!next.fulfilment || asked === 'fulfilment' || input.address))
    next.fulfilment = fulfilment;
  if (input.date) next.date = input.date;
  if (input.time) next.time = input.time;
  if (input.address) next.address = input.address;
  const payment = paymentIn(input.text);
  if (payment) next.paymentMethod = payment;

  if (asked && !has(next, asked)) {
    if (isNoAnswer(input.text)) next.skipped.push(asked);
    else if (asked === 'recipient') next.recipient = input.text.trim();
    else if (asked === 'notes') next.notes = input.text.trim();
    else if (asked === 'deliveryAddress' && input.text.trim().length >= 8) next.address = input.text.trim();
  }
  return next;
}

/** Items named again replace their earlier quantity ("jadi 3 aja"); new ones are added. */
function mergeItems(current: DraftItem[], incoming: DraftItem[]): DraftItem[] {
  const merged = current.map((item) => incoming.find((other) => other.sku === item.sku) ?? item);
  for (const item of incoming) if (!merged.some((other) => other.sku === item.sku)) merged.push(item);
  return merged;
}

export const emptyDraft = (): OrderDraft => ({ items: [], skipped: [], summarised: false });
