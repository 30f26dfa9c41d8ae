import { z } from 'zod';
import { clearConversation, saveConversation } from '../../domain/conversations/conversation.use-case.js';
import { type BotText, formatRupiah } from '../../domain/i18n/messages.js';
import { FULFILMENT_METHODS, type Order, PAYMENT_METHODS } from '../../domain/orders/order.model.js';
import { createOrder } from '../../domain/orders/order.use-case.js';
import { confirmationText } from '../../domain/orders/order-confirmation.js';
import { ORDER_DETAIL_KEYS } from '../../domain/settings/settings.model.js';
import {
  applyInput,
  type DetailKey,
  type DraftInput,
  emptyDraft,
  nextDetail,
  type OrderDraft,
} from './order-draft.rules.js';
import { alertStaff, customerLabel, orderOwner, say, type Turn, text } from './turn.js';

export const ORDER_DRAFT = 'order_draft';
/** A draft left unanswered this long is forgotten. */
export const DRAFT_TTL_MS = 2 * 60 * 60_000;

export const OrderDraftSchema = z.object({
  items: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })),
  fulfilment: z.enum(FULFILMENT_METHODS).optional(),
  date: z.string().optional(),
  time: z.string().optional(),
  address: z.string().optional(),
  recipient: z.string().optional(),
  recipientPhone: z.string().optional(),
  paymentMethod: z.enum(PAYMENT_METHODS).optional(),
  notes: z.string().optional(),
  asking: z.enum(ORDER_DETAIL_KEYS).optional(),
  skipped: z.array(z.enum(ORDER_DETAIL_KEYS)),
  summarised: z.boolean(),
});

const QUESTION: Record<DetailKey, BotText> = {
  fulfilment: 'order.ask.fulfilment',
  dateTime: 'order.ask.date_time',
  deliveryAddress: 'order.ask.address',
  recipient: 'order.ask.recipient',
  paymentMethod: 'order.ask.payment',
  notes: 'order.ask.notes',
};

const YES =
  /^(ya|iya|iyaa+|y|yes|ok|oke|okey|okay|betul|benar|bener|lanjut|lanjutkan|sip|siap|gas|setuju|confirm|konfirmasi|deal|boleh|jadi)\b/;

/** "ya", "ok kak", "betul lanjut": the customer accepts the summary. */
export const isYes = (message: string): boolean => YES.test(message.trim().toLowerCase());

const draftInput = (turn: Turn): DraftInput => ({
  text: turn.context.message.body,
  items: turn.parsed.items.map((item) => ({ sku: item.product, qty: item.qty })),
  date: turn.parsed.date,
  time: turn.parsed.time,
  address: turn.parsed.address,
});

/** A new order message: start a draft with what it already says. */
export async function startOrder(turn: Turn): Promise<void> {
  await continueDraft(turn, applyInput(emptyDraft(), draftInput(turn)));
}

/** A message while a draft is open: fold it in, then ask the next question, show the summary or create the order. */
export async function answerDraft(turn: Turn, draft: OrderDraft): Promise<void> {
  if (draft.summarised && turn.parsed.items.length === 0 && isYes(turn.context.message.body)) {
    return confirmOrder(turn, draft);
  }
  await continueDraft(turn, { ...applyInput(draft, draftInput(turn)), summarised: false });
}

export async function cancelDraft(turn: Turn): Promise<void> {
  await clearConversation(turn.context.connection, turn.context.message.chatId);
  await say(turn, 'order.draft_cancelled');
}

async function continueDraft(turn: Turn, draft: OrderDraft): Promise<void> {
  const { connection, message, now } = turn.context;
  const asking = nextDetail(draft, turn.settings.orderDetails);
  const next: OrderDraft = asking ? { ...draft, asking } : { ...draft, summarised: true };
  await saveConversation(
    connection,
    message.chatId,
    { kind: ORDER_DRAFT, data: next },
    { now, ttlMs: DRAFT_TTL_MS },
  );
  if (asking) return say(turn, QUESTION[asking]);
  await say(turn, 'order.summary', {
    items: itemLines(turn, draft),
    total: formatRupiah(draftTotal(turn, draft)),
    details: detailLines(turn, draft),
  });
}

async function confirmOrder(turn: Turn, draft: OrderDraft): Promise<void> {
  const { connection, message, now } = turn.context;
  const result = await createOrder(
    connection,
    {
      ...orderOwner(turn),
      kind: 'catalog',
      items: draft.items,
      fulfilment: {
        ...(draft.fulfilment && { method: draft.fulfilment }),
        ...(draft.date && { date: draft.date }),
        ...(draft.time && { time: draft.time }),
        ...(draft.address && { address: draft.address }),
        ...(draft.recipient && { recipientName: draft.recipient }),
        ...(draft.recipientPhone && { recipientPhone: draft.recipientPhone }),
      },
      ...(draft.notes && { customerNotes: draft.notes }),
      ...(draft.paymentMethod && { paymentMethod: draft.paymentMethod }),
      source: 'whatsapp',
      // The confirming message's id: WhatsApp delivering it twice still makes one order.
      requestKey: `wa:${message.id}`,
      messageIds: [message.id],
    },
    { actor: { kind: 'customer', id: String(turn.contact._id) }, at: now, timeZone: turn.settings.timeZone },
  );
  if (!result.ok) {
    turn.context.log.warn({ code: result.code }, `order not created: ${result.details}`);
    await clearConversation(connection, message.chatId);
    return say(turn, 'order.not_understood_item', { text: draft.items.map((item) => item.sku).join(', ') });
  }
  const order = result.order;
  // The same confirmation text as orders staff take in the console or with `neworder`. Queued before the
  // draft is cleared: a bot killed in between confirms again from the draft (the order is replayed by its
  // request key, the reply by its key) instead of finding no draft and not understanding "ya".
  await turn.context.reply(confirmationText(turn.settings, order));
  await clearConversation(connection, message.chatId);
  await alertStaff(turn, `order:${order.number}`, 'alert.new_order', {
    number: order.number,
    customer: customerLabel(turn.contact),
    items: orderItemLines(turn, order),
    total: formatRupiah(order.total),
    details: detailLines(turn, draft),
  });
}

const productOf = (turn: Turn, sku: string) => turn.catalog.find((product) => product.sku === sku);

function draftTotal(turn: Turn, draft: OrderDraft): number {
  return draft.items.reduce((sum, item) => sum + (productOf(turn, item.sku)?.price ?? 0) * item.qty, 0);
}

function itemLines(turn: Turn, draft: OrderDraft): string {
  return draft.items
    .map((item) => {
      const product = productOf(turn, item.sku);
      const price = product?.price ?? 0;
      return text(turn, 'order.item_line', {
        qty: item.qty,
        name: product?.name ?? item.sku,
        price: formatRupiah(price),
        subtotal: formatRupiah(price * item.qty),
      });
    })
    .join('\n');
}

export function orderItemLines(turn: Turn, order: Pick<Order, 'items'>): string {
  return order.items
    .map((item) =>
      text(turn, 'order.item_line', {
        qty: item.qty,
        name: item.name,
        price: formatRupiah(item.unitPrice),
        subtotal: formatRupiah(item.subtotal),
      }),
    )
    .join('\n');
}

/** The details collected so far, one line each, for the summary and the confirmation. */
export function detailLines(
  turn: Turn,
  draft: Pick<
    OrderDraft,
    'fulfilment' | 'date' | 'time' | 'address' | 'recipient' | 'recipientPhone' | 'paymentMethod' | 'notes'
  >,
): string {
  const lines: string[] = [];
  if (draft.fulfilment)
    lines.push(text(turn, 'detail.fulfilment', { value: text(turn, `fulfilment.${draft.fulfilment}`) }));
  if (draft.date)
    lines.push(text(turn, 'detail.date_time', { value: [draft.date, draft.time].filter(Boolean).join(' ') }));
  if (draft.address) lines.push(text(turn, 'detail.address', { value: draft.address }));
  if (draft.recipient)
    lines.push(
      text(turn, 'detail.recipient', {
        value: [draft.recipient, draft.recipientPhone].filter(Boolean).join(' '),
      }),
    );
  if (draft.paymentMethod)
    lines.push(text(turn, 'detail.payment', { value: text(turn, `payment.${draft.paymentMethod}`) }));
  if (draft.notes) lines.push(text(turn, 'detail.notes', { value: draft.notes }));
  return lines.join('');
}
