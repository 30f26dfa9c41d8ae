import type { Connection } from 'mongoose';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { followMerged } from '../contacts/contact.use-case.js';
import { formatRupiah } from '../i18n/messages.js';
import { ordersOfContact } from '../orders/order.use-case.js';
import { trackingUrl } from '../orders/order-confirmation.js';
import { type OutboxItem, outboxModel } from '../outbox/outbox.model.js';
import { enqueueMessage } from '../outbox/outbox.use-case.js';
import type { Settings } from '../settings/settings.model.js';
import { type Chat, chatModel, type PauseReason } from './chat.model.js';

/**
 * A customer wrote: one more unread message in the chat. One $inc, so messages arriving together (and a
 * staff member reading at the same time) never overwrite each other's count.
 */
export async function noteCustomerMessage(connection: Connection, chatId: string, at: Date) {
  await chatModel(connection).updateOne(
    { chatId },
    { $inc: { unread: 1 }, $max: { lastMessageAt: at } },
    { upsert: true },
  );
}

/**
 * A staff member opened (or answered) the chat: nothing in it is unread any more. A plain $set, never a
 * read-then-write, so a message counted after it stays counted. False for a chat that does not exist.
 */
export async function markChatRead(connection: Connection, chatId: string): Promise<boolean> {
  const result = await chatModel(connection).updateOne({ chatId }, { $set: { unread: 0 } });
  return result.matchedCount > 0;
}

/** Keep the bot quiet in a chat until `until` (human takeover). */
export async function pauseBot(connection: Connection, chatId: string, until: Date, reason: PauseReason) {
  await chatModel(connection).updateOne(
    { chatId },
    { $set: { pausedUntil: until, pauseReason: reason } },
    { upsert: true },
  );
}

/** Whether the bot must stay quiet in the chat at `now`. */
export async function isBotPaused(
  connection: Connection,
  chatId: string,
  now = new Date(),
): Promise<boolean> {
  const chat = await chatModel(connection)
    .findOne({ chatId }, { pausedUntil: 1 })
    .lean<Pick<Chat, 'pausedUntil'>>();
  return chat?.pausedUntil !== undefined && chat.pausedUntil > now;
}

/** Claim today's away message for a chat: true only the first time on that shop day. */
export async function claimAwayMessage(
  connection: Connection,
  chatId: string,
  day: string,
): Promise<boolean> {
  const result = await chatModel(connection).updateOne(
    { chatId, awaySentOn: { $ne: day } },
    { $set: { awaySentOn: day } },
  );
  return result.modifiedCount > 0;
}

/** Why and until when the bot is quiet in a chat at `now`; null when it may answer. */
export async function botPauseOf(
  connection: Connection,
  chatId: string,
  now = new Date(),
): Promise<{ until: Date; reason: PauseReason } | null> {
  const chat = await chatModel(connection)
    .findOne({ chatId }, { pausedUntil: 1, pauseReason: 1 })
    .lean<Pick<Chat, 'pausedUntil' | 'pauseReason'>>();
  if (!chat?.pausedUntil || chat.pausedUntil <= now) return null;
  // Pauses written before reasons were kept count as a hand-over.
  return { until: chat.pausedUntil, reason: chat.pauseReason ?? 'handover' };
}

/** Let the bot answer in a chat again (`bot on`, or the console hands the chat back). True if it was quiet. */
export async function resumeBot(connection: Connection, chatId: string, now = new Date()): Promise<boolean> {
  const result = await chatModel(connection).updateOne(
    { chatId, pausedUntil: { $gt: now } },
    { $unset: { pausedUntil: 1, pauseReason: 1 } },
  );
  return result.modifiedCount > 0;
}

/**
 * The customer chat a staff alert is about: the alert sent to `staffChatId` as WhatsApp message
 * `waId`, when it carries `relayTo` (reply-to-relay). Null for anything else quoted.
 */
export async function relayTargetOf(
  connection: Connection,
  staffChatId: string,
  waId: string,
): Promise<string | null> {
  const item = await outboxModel(connection)
    .findOne({ waId, chatId: staffChatId, relayTo: { $type: 'string' } }, { relayTo: 1 })
    .lean<Pick<OutboxItem, 'relayTo'>>();
  return item?.relayTo ?? null;
}

/**
 * A staff member answers a customer (a WhatsApp relay, the console's reply box): the text goes out
 * through the outbox as a staff message (the thread shows it as staff) under `key`, so a repeat sends
 * once, and the bot keeps quiet in that chat for `pauseMinutes` so it does not talk over the person.
 * The chat counts as read: whoever answers has seen it.
 */
export async function sendStaffReply(
  connection: Connection,
  input: { chatId: string; text: string; key: string },
  context: { at: Date; pauseMinutes: number },
): Promise<{ queued: boolean; pausedUntil: Date }> {
  const { queued } = await enqueueMessage(
    connection,
    { key: input.key, chatId: input.chatId, text: input.text, origin: 'staff' },
    context.at,
  );
  const pausedUntil = new Date(context.at.getTime() + context.pauseMinutes * 60_000);
  // pauseBot's update and the read mark in one atomic write.
  await chatModel(connection).updateOne(
    { chatId: input.chatId },
    { $set: { pausedUntil, pauseReason: 'staff' satisfies PauseReason, unread: 0 } },
    { upsert: true },
  );
  return { queued, pausedUntil };
}

export type QuickReplyResult =
  | { ok: true; text: string }
  | { ok: false; code: 'QUICK_REPLY.UNKNOWN'; details: string; shortcut: string; known: string[] };

const shortcutKey = (shortcut: string): string => shortcut.trim().replace(/^\//, '').toLowerCase();

/**
 * Expand a quick reply (`/rek`) for one customer chat: {nama} is the customer's name, {total} their
 * latest open order's total, {link} its tracking link, {rekening} the shop's payment instructions.
 * An unknown shortcut is refused with the shortcuts that exist.
 */
export async function expandQuickReply(
  connection: Connection,
  input: { chatId: string; shortcut: string },
  settings: Pick<Settings, 'quickReplies' | 'paymentInstructions' | 'publicBaseUrl'>,
): Promise<QuickReplyResult> {
  const wanted = shortcutKey(input.shortcut);
  const reply = settings.quickReplies.find((candidate) => shortcutKey(candidate.shortcut) === wanted);
  if (!reply) {
    const known = settings.quickReplies.map((candidate) => `/${shortcutKey(candidate.shortcut)}`);
    return {
      ok: false,
      code: 'QUICK_REPLY.UNKNOWN',
      details: `there is no quick reply /${wanted} (known: ${known.join(', ') || 'none'})`,
      shortcut: `/${wanted}`,
      known,
    };
  }
  const found = await contactModel(connection).findOne({ chatId: input.chatId }).lean<Contact>();
  // A merged contact's chat: the name and orders now live on the kept contact.
  const contact = found && (await followMerged(connection, found));
  const latest = contact
    ? (await ordersOfContact(connection, contact._id, { openOnly: true }))[0]
    : undefined;
  const values: Record<string, string> = {
    nama: contact?.name ?? contact?.pushName ?? '',
    total: latest ? formatRupiah(latest.total) : '',
    link: latest ? trackingUrl(settings, latest) : '',
    rekening: settings.paymentInstructions,
  };
  const text = reply.text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return { ok: true, text };
}

/** A console reply that starts with a quick reply: `/rek`, or `/rek` then more text after a space or line break. */
const LEADING_SHORTCUT = /^(\/[\p{L}\d_-]+)(?=\s|$)/u;

/**
 * The text a staff member's console reply sends: a leading `/shortcut` becomes its quick reply for the
 * chat (expandQuickReply), the rest of the text kept as written after it; any other text is sent as is.
 * An unknown shortcut is refused, so nothing half-expanded reaches the customer.
 */
export async function expandLeadingQuickReply(
  connection: Connection,
  input: { chatId: string; text: string },
  settings: Pick<Settings, 'quickReplies' | 'paymentInstructions' | 'publicBaseUrl'>,
): Promise<QuickReplyResult> {
  const text = input.text.trim();
  const shortcut = LEADING_SHORTCUT.exec(text)?.[1];
  if (!shortcut) return { ok: true, text };
  const expanded = await expandQuickReply(connection, { chatId: input.chatId, shortcut }, settings);
  if (!expanded.ok) return expanded;
  return { ok: true, text: `${expanded.text}${text.slice(shortcut.length)}` };
}
