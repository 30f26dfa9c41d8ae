import type { Message } from '../../domain/messages/message.model.js';
import type { Order } from '../../domain/orders/order.model.js';
import type { OutboxItem } from '../../domain/outbox/outbox.model.js';
import type { WaSimSent } from '../wa-sim/server.js';
import type { Posted } from './customers.js';

/** How long before a kill an unrecorded send may be and still count as the documented window. */
export const WINDOW_MS = 3_000;

export interface SoakRecords {
  posted: Posted[];
  /** Customer messages as the bot stored them. */
  stored: Pick<Message, 'waId' | 'processing'>[];
  outbox: Pick<OutboxItem, 'key' | 'state' | 'waId'>[];
  orders: Pick<Order, 'chatId' | 'kind' | 'requestKey'>[];
  /** Everything the stand-in recorded as sent by the bot. */
  sent: WaSimSent[];
  /** When the bot was killed (epoch ms). */
  kills: number[];
}

export interface SoakFigures {
  messages: number;
  lost: number;
  lostWhy: {
    notStored: number;
    storedTwice: number;
    notProcessed: number;
    noReply: number;
    wrongReply: number;
  };
  /** Processed more than once because a kill cut the first run short (expected, and harmless). */
  reprocessed: number;
  duplicateReplies: number;
  window: number;
  duplicateOrders: number;
  confirmed: number;
  orders: number;
  /** Sends WhatsApp accepted that the outbox never recorded (the bot died in between). */
  unrecorded: number;
}

/**
 * The soak's verdict. A customer message is lost unless it is stored once, processed to the end and
 * answered (a reply queued under its id reached the stand-in) with what the customer waited for (the
 * step's expected text, before their next message). A reply sent twice is a duplicate unless
 * the earlier copy was never recorded by the outbox and went out just before a kill: that is the
 * documented window (README, "Messages: what is guaranteed"). Every confirmed conversation must give one
 * catalog order, and every custom request one custom order.
 */
export function checkSoak(records: SoakRecords): SoakFigures {
  const storedCount = new Map<string, number>();
  const processed = new Map<string, Message['processing']>();
  for (const message of records.stored) {
    storedCount.set(message.waId, (storedCount.get(message.waId) ?? 0) + 1);
    processed.set(message.waId, message.processing);
  }
  const sentIds = new Set(records.sent.map((record) => record.id));
  const answered = new Set<string>();
  const recordedWaIds = new Set<string>();
  for (const item of records.outbox) {
    if (item.waId) recordedWaIds.add(item.waId);
    const inbound = item.key.match(/^reply:(.+):\d+$/)?.[1];
    if (inbound && item.state === 'sent' && item.waId && sentIds.has(item.waId)) answered.add(inbound);
  }

  const lostWhy = { notStored: 0, storedTwice: 0, notProcessed: 0, noReply: 0, wrongReply: 0 };
  const sentTo = new Map<string, WaSimSent[]>();
  for (const record of records.sent)
    sentTo.set(record.chatId, [...(sentTo.get(record.chatId) ?? []), record]);
  const nextPost = new Map<Posted, number>();
  const lastPost = new Map<string, Posted>();
  for (const post of records.posted) {
    const previous = lastPost.get(post.chatId);
    if (previous) nextPost.set(previous, post.at);
    lastPost.set(post.chatId, post);
  }
  // Seen while the customer waited, or later but still before their next message.
  const gotExpected = (post: Posted) =>
    post.answeredAt !== undefined ||
    (sentTo.get(post.chatId) ?? []).some((record) => {
      const at = Date.parse(record.at);
      return (
        at >= post.at &&
        at < (nextPost.get(post) ?? Number.POSITIVE_INFINITY) &&
        post.step.expect.test(record.text)
      );
    });
  let reprocessed = 0;
  for (const post of records.posted) {
    const { id } = post;
    const count = storedCount.get(id) ?? 0;
    const processing = processed.get(id);
    if (count === 0) lostWhy.notStored += 1;
    else if (count > 1) lostWhy.storedTwice += 1;
    else if (processing?.state !== 'done') lostWhy.notProcessed += 1;
    else if (!answered.has(id)) lostWhy.noReply += 1;
    else if (!gotExpected(post)) lostWhy.wrongReply += 1;
    if ((processing?.attempts ?? 0) > 1) reprocessed += 1;
  }
  const lost = Object.values(lostWhy).reduce((sum, count) => sum + count, 0);

  // The same text to the same chat (quoting the same message) twice is one reply sent twice.
  const copies = new Map<string, WaSimSent[]>();
  for (const record of records.sent) {
    const key = `${record.chatId}\n${record.quotedMessageId ?? ''}\n${record.text}`;
    copies.set(key, [...(copies.get(key) ?? []), record]);
  }
  const justBeforeKill = (record: WaSimSent) => {
    const at = Date.parse(record.at);
    return records.kills.some((kill) => kill >= at && kill - at <= WINDOW_MS);
  };
  let duplicateReplies = 0;
  let window = 0;
  for (const group of copies.values()) {
    if (group.length < 2) continue;
    const inWindow = group.filter((record) => !recordedWaIds.has(record.id) && justBeforeKill(record)).length;
    const extra = group.length - 1;
    window += Math.min(extra, inWindow);
    duplicateReplies += extra - Math.min(extra, inWindow);
  }
  const unrecorded = records.sent.filter((record) => !recordedWaIds.has(record.id)).length;

  // Orders per chat and kind, against what each customer asked for.
  const ordersOf = (chatId: string, kind: Order['kind']) =>
    records.orders.filter((order) => order.chatId === chatId && order.kind === kind).length;
  const chats = new Map<string, Posted[]>();
  for (const posted of records.posted)
    chats.set(posted.chatId, [...(chats.get(posted.chatId) ?? []), posted]);
  let duplicateOrders = 0;
  let confirmed = 0;
  for (const [chatId, posts] of chats) {
    const summarised = posts.some((post) => post.step.kind === 'order' && post.answeredAt !== undefined);
    const confirming = posts.find((post) => post.step.kind === 'confirm');
    if (summarised && confirming) {
      confirmed += 1;
      const byKey = records.orders.filter((order) => order.requestKey === `wa:${confirming.id}`).length;
      if (ordersOf(chatId, 'catalog') !== 1 || byKey !== 1) duplicateOrders += 1;
    } else if (ordersOf(chatId, 'catalog') > 1) {
      duplicateOrders += 1;
    }
    const customs = posts.filter((post) => post.step.kind === 'custom').length;
    if (ordersOf(chatId, 'custom') !== customs) duplicateOrders += 1;
  }

  return {
    messages: records.posted.length,
    lost,
    lostWhy,
    reprocessed,
    duplicateReplies,
    window,
    duplicateOrders,
    confirmed,
    orders: records.orders.length,
    unrecorded,
  };
}
