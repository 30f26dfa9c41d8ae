import type { Connection } from 'mongoose';
import { type Chat, chatModel, type PauseReason } from './chat.model.js';

/** A customer wrote: one more unread message in the chat. */
export async function noteCustomerMessage(connection: Connection, chatId: string, at: Date) {
  await chatModel(connection).updateOne(
    { chatId },
    { $inc: { unread: 1 }, $max: { lastMessageAt: at } },
    { upsert: true },
  );
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
