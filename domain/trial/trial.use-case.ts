import type { Connection, Types } from 'mongoose';
import { z } from 'zod';
import { type TrialMessage, trialMessageModel } from './trial.model.js';

/**
 * "Try the bot": staff chat with the bot from the console while it runs on the simulator transport.
 * Each staff member has their own test chat, which is an ordinary customer chat to the bot (contact,
 * lead, orders and all), so a try-out shows exactly what a customer would get.
 */

/** The test chat of a staff member: private (`@c.us`) but never a real number. */
export const trialChatId = (userId: Types.ObjectId | string): string => `trial-${String(userId)}@c.us`;

export const TrialTextSchema = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(4000, { error: 'must be at most 4000 characters' });

/** Queue what the staff member typed for the bot to receive. */
export async function postTrialMessage(
  connection: Connection,
  input: { userId: Types.ObjectId | string; name: string; text: string; at: Date },
): Promise<TrialMessage> {
  const created = await trialMessageModel(connection).create({
    chatId: trialChatId(input.userId),
    pushName: input.name,
    body: TrialTextSchema.parse(input.text),
    at: input.at,
  });
  return created.toObject();
}

/** Messages the bot has not received yet, oldest first. */
export function undeliveredTrialMessages(
  connection: Connection,
  limit = 20,
): Promise<(TrialMessage & { _id: Types.ObjectId })[]> {
  return trialMessageModel(connection)
    .find({ deliveredAt: { $exists: false } })
    .sort({ at: 1, _id: 1 })
    .limit(limit)
    .lean<(TrialMessage & { _id: Types.ObjectId })[]>();
}

export async function markTrialDelivered(
  connection: Connection,
  id: Types.ObjectId,
  at: Date,
): Promise<void> {
  await trialMessageModel(connection).updateOne({ _id: id }, { $set: { deliveredAt: at } });
}
