import type { Message } from '../../../domain/messages/message.model.js';

/** A chat message as every console thread shows it (order page, contact page, "try the bot"). */
export const threadMessage = (message: Message) => ({
  direction: message.direction,
  author: message.author,
  type: message.type,
  body: message.body,
  sentAt: message.sentAt.toISOString(),
  delivery: message.delivery ?? null,
});
