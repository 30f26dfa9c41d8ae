import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../platform/model.js';
import { type Conversation, type ConversationKind, conversationModel } from './conversation.model.js';

/** How long a bare misunderstood count lives: two unclear messages an hour apart are not "in a row". */
export const MISUNDERSTOOD_TTL_MS = 30 * 60_000;

const WITHOUT_ID = { _id: 0 } as const;

function expiry(now: Date, ttlMs: number): Date {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new RangeError(`ttlMs must be a positive number, got ${ttlMs}`);
  return new Date(now.getTime() + ttlMs);
}

/**
 * The chat's live state at `now`, or null when there is none or it has expired (expired states are
 * ignored here, not deleted: MongoDB's TTL monitor or `expireConversations` removes them later).
 * `parse` checks the stored data's shape, e.g. a zod schema's `parse`; without it `T` is the caller's word.
 */
export async function getConversation<T = unknown>(
  connection: Connection,
  chatId: string,
  now: Date,
  parse?: (data: unknown) => T,
): Promise<Conversation<T> | null> {
  const state = await conversationModel(connection)
    .findOne({ chatId, expiresAt: { $gt: now } }, WITHOUT_ID)
    .lean<Conversation<unknown>>();
  if (!state) return null;
  return { ...state, data: parse ? parse(state.data) : (state.data as T) };
}

/**
 * Replace the chat's state (kind and data) and give it `ttlMs` to live from `now`. Saving means the
 * bot understood the message, so the misunderstood count restarts at 0 unless `state` says otherwise.
 */
export async function saveConversation<T>(
  connection: Connection,
  chatId: string,
  state: { kind: ConversationKind; data: T; misunderstood?: number },
  options: { now: Date; ttlMs: number },
): Promise<Conversation<T>> {
  const save = () =>
    conversationModel(connection)
      .findOneAndUpdate(
        { chatId },
        {
          $set: {
            kind: state.kind,
            data: state.data,
            misunderstood: state.misunderstood ?? 0,
            updatedAt: options.now,
            expiresAt: expiry(options.now, options.ttlMs),
          },
        },
        { upsert: true, returnDocument: 'after', projection: WITHOUT_ID },
      )
      .lean<Conversation<T>>();
  // Two first saves for one chat at once: the loser's upsert hits the unique chat id and updates instead.
  const saved = await save().catch((error: unknown) => {
    if (isDuplicateKey(error)) return save();
    throw error;
  });
  if (!saved) throw new Error(`saving the conversation of ${chatId} returned nothing`);
  return saved;
}

/** Forget the chat's state (order placed, cancelled, handed over). True when there was one. */
export async function clearConversation(connection: Connection, chatId: string): Promise<boolean> {
  const result = await conversationModel(connection).deleteOne({ chatId });
  return result.deletedCount > 0;
}

/**
 * One more message the bot did not understand: the new count of consecutive ones (atomic `$inc`). A
 * live state keeps its kind, data and expiry; without one (none, or expired) the count starts again
 * at 1 in a bare `idle` state that lives `ttlMs`.
 */
export async function bumpMisunderstood(
  connection: Connection,
  chatId: string,
  now: Date,
  ttlMs = MISUNDERSTOOD_TTL_MS,
): Promise<number> {
  const model = conversationModel(connection);
  for (let attempt = 0; attempt < 3; attempt++) {
    const live = await model
      .findOneAndUpdate(
        { chatId, expiresAt: { $gt: now } },
        { $inc: { misunderstood: 1 }, $set: { updatedAt: now } },
        { returnDocument: 'after', projection: { misunderstood: 1 } },
      )
      .lean<Pick<Conversation, 'misunderstood'>>();
    if (live) return live.misunderstood;
    try {
      await model.updateOne(
        { chatId, expiresAt: { $lte: now } },
        {
          $set: { kind: 'idle', data: null, misunderstood: 1, updatedAt: now, expiresAt: expiry(now, ttlMs) },
        },
        { upsert: true },
      );
      return 1;
    } catch (error) {
      // A simultaneous bump created the state first: count on top of it.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw new Error(`the conversation of ${chatId} kept changing while counting a misunderstood message`);
}

/** The bot understood the customer again: the count of consecutive misunderstood messages restarts. */
export async function resetMisunderstood(connection: Connection, chatId: string, now: Date): Promise<void> {
  await conversationModel(connection).updateOne(
    { chatId, misunderstood: { $ne: 0 } },
    { $set: { misunderstood: 0, updatedAt: now } },
  );
}

/** Delete states expired by `now` (the scheduled clean-up; real MongoDB's TTL index does it too). */
export async function expireConversations(connection: Connection, now: Date): Promise<number> {
  const result = await conversationModel(connection).deleteMany({ expiresAt: { $lte: now } });
  return result.deletedCount;
}
