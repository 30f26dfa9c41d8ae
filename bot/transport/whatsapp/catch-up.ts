import type wweb from 'whatsapp-web.js';
import { chatKindOf } from '../chat-kind.js';

/**
 * Catch-up after downtime: what WhatsApp delivered while the bot was not connected is not replayed as
 * `message` events, so on every `ready` the unread customer chats are read back. Overlap with what is
 * already stored is harmless: the inbox stores a WhatsApp id once.
 */

/** When the chat's newest stored customer message was sent; null when nothing is stored for it. */
export type LastStoredAt = (chatId: string) => Promise<Date | null>;

/** The part of the library's Chat the catch-up uses. */
export type CatchUpChat = Pick<wweb.Chat, 'id' | 'isGroup' | 'unreadCount' | 'fetchMessages'>;

/** Read back a few already-seen messages too, in case a chat was marked read while we were away. */
const EXTRA = 5;
/** One page round-trip per chat stays small, however long the outage. */
const MAX_FETCH = 100;

/** How many of a chat's latest messages to fetch for its unread count. */
export function fetchLimit(unreadCount: number): number {
  return Math.min(unreadCount + EXTRA, MAX_FETCH);
}

/** A customer chat with something unread; groups, status and newsletters never reach the pipeline. */
export function needsCatchUp(chat: CatchUpChat): boolean {
  return chat.unreadCount > 0 && !chat.isGroup && chatKindOf(chat.id._serialized) === 'private';
}

/**
 * The chat's customer messages at or after its newest stored one, oldest first (all of the fetched
 * ones when nothing is stored). "At" too: WhatsApp timestamps are whole seconds, and a second message
 * in the same second as the stored one must not be lost; the stored one itself is deduplicated.
 */
export async function missedMessages(chat: CatchUpChat, lastStoredAt: LastStoredAt): Promise<wweb.Message[]> {
  const [since, fetched] = await Promise.all([
    lastStoredAt(chat.id._serialized),
    chat.fetchMessages({ limit: fetchLimit(chat.unreadCount) }),
  ]);
  const sinceSeconds = since ? Math.floor(since.getTime() / 1_000) : Number.NEGATIVE_INFINITY;
  return fetched
    .filter((message) => !message.fromMe && message.timestamp >= sinceSeconds)
    .sort((a, b) => a.timestamp - b.timestamp);
}
