import type { MessageAuthor } from '../messages/message.model.js';

/** A customer message after this much silence in the chat (no message either way) opens a conversation. */
export const SILENCE_MS = 4 * 60 * 60_000;

/** What the first-response measure reads of a message. */
export interface ChatMessage {
  author: MessageAuthor;
  sentAt: Date;
}

/** A conversation a customer opened, and when a person first answered it. */
export interface Conversation {
  startedAt: Date;
  /** The first staff reply (console `staff` or the shop's `phone`); absent when none came. */
  answeredAt?: Date;
}

/**
 * The conversations customers opened in one chat, from its messages in time order. A conversation
 * opens with a customer message that comes at least SILENCE_MS after the chat's previous message of any
 * author (or is the chat's first message); it is answered by the first message a person sent — author
 * `staff` (console) or `phone` (the shop's own WhatsApp) — before the next conversation opens. Bot
 * messages never answer (they are instant by design: the measure is how long a customer waits for a
 * person), but they do break the silence, so a customer writing again within SILENCE_MS of a bot reply
 * is still in the same conversation. Staff writing first and a customer answering within SILENCE_MS
 * opens nothing: that is a conversation the shop started.
 */
export function conversationsOf(messages: readonly ChatMessage[]): Conversation[] {
  const conversations: Conversation[] = [];
  let open: Conversation | undefined;
  let previous: Date | undefined;
  for (const message of messages) {
    const silent = previous === undefined || message.sentAt.getTime() - previous.getTime() >= SILENCE_MS;
    previous = message.sentAt;
    if (message.author === 'customer' && silent) {
      open = { startedAt: message.sentAt };
      conversations.push(open);
    } else if (open && !open.answeredAt && (message.author === 'staff' || message.author === 'phone')) {
      open.answeredAt = message.sentAt;
    }
  }
  return conversations;
}

/** Seconds from a conversation's first customer message to the first staff reply; undefined when unanswered. */
export function firstResponseSeconds(conversation: Conversation): number | undefined {
  if (!conversation.answeredAt) return undefined;
  return Math.round((conversation.answeredAt.getTime() - conversation.startedAt.getTime()) / 1000);
}
