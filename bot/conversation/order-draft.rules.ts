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

import { parsePhone } from '../../domain/contacts/phone.js';
import type { PaymentMethod } from '../../domain/orders/order.model.js';
import {
  findFulfilment,
  findPayment,
  findRecipient,
  readRecipientAnswer,
} from '../understanding/order-details.js';

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
  /** E.164, when the customer gave the recipient's number. */
  recipientPhone?: string;
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

const NO = /^(tidak|tdk|gak|ga|nggak|ngga|enggak|no|none|tidak ada|gak ada|ga ada|nggak ada|skip|-)\b/;
/** "nanti aja", "belum tahu", "terserah": the customer will say later, so an optional question is passed. */
const LATER = /^(nanti( aja| saja| dulu| deh| ya| kak)*|belum (tau|tahu)( kak)?|terserah( kak)?)[\s.!]*$/;

/** Pickup or delivery, as the text says it (bot/understanding/order-details.ts). */
export const fulfilmentIn = (text: string): OrderDraft['fulfilment'] => findFulfilment(text) ?? undefined;

/** The payment method the text names (bot/understanding/order-details.ts). */
export const paymentIn = (text: string): PaymentMethod | undefined => findPayment(text) ?? undefined;

/** A "no / none / later" answer to an optional question. */
export const isNoAnswer = (text: string): boolean =>
  NO.test(words(text).trim()) || LATER.test(words(text).trim());

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
  // What the customer says last wins ("eh dikirim aja deh" after the summary); an address means delivery.
  const said = fulfilmentIn(input.text);
  if (said) next.fulfilment = said;
  else if (input.address) next.fulfilment = 'delivery';
  if (said === 'pickup' && !input.address) delete next.address;
  if (input.date) next.date = input.date;
  if (input.time) next.time = input.time;
  if (input.address) next.address = input.address;
  const payment = paymentIn(input.text);
  if (payment) next.paymentMethod = payment;
  // A bare answer ("Rina 0812…", "Jl. Kenanga 3") fills the question asked only when nothing else was read.
  const readOther = Boolean(
    said || input.address || input.date || input.time || payment || input.items.length > 0,
  );
  const recipient =
    findRecipient(input.text) ??
    (asked === 'recipient' && !readOther && !isNoAnswer(input.text) ? readRecipientAnswer(input.text) : null);
  if (recipient) {
    next.recipient = recipient.name.slice(0, 100);
    const phone = recipient.phone ? parsePhone(recipient.phone) : undefined;
    if (phone?.ok) next.recipientPhone = phone.phone;
  }

  if (asked && !has(next, asked)) {
    if (readOther) return next;
    if (isNoAnswer(input.text)) next.skipped.push(asked);
    else if (asked === 'notes') next.notes = input.text.trim();
    else if (asked === 'deliveryAddress' && applies(next, asked) && input.text.trim().length >= 8)
      next.address = input.text.trim();
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
