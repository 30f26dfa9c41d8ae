import type { Connection, Types } from 'mongoose';
import { isErasedChatId } from '../contacts/contact-erasure.rules.js';
import { isDuplicateKey } from '../platform/model.js';
import { type OutboxItem, type OutboxOrigin, outboxModel } from './outbox.model.js';
import { retryDelayMs, type SendPolicy } from './outbox.rules.js';

export type ClaimedItem = OutboxItem & { _id: Types.ObjectId };

export interface EnqueueInput {
  key: string;
  chatId: string;
  text: string;
  origin: OutboxOrigin;
  media?: OutboxItem['media'];
  quotedWaId?: string;
  relayTo?: string;
}

/**
 * Queue a message for the bot to send. The same key twice queues it once (`queued: false` the second time).
 * An erased customer's orders keep a placeholder chat that is nobody's: nothing is queued to it.
 */
export async function enqueueMessage(
  connection: Connection,
  input: EnqueueInput,
  now = new Date(),
): Promise<{ queued: boolean }> {
  if (isErasedChatId(input.chatId)) return { queued: false };
  try {
    await outboxModel(connection).create({
      ...input,
      state: 'pending',
      attempts: 0,
      notBefore: now,
      createdAt: now,
    });
    return { queued: true };
  } catch (error) {
    if (isDuplicateKey(error)) return { queued: false };
    throw error;
  }
}

/** Atomically take the oldest due message not addressed to a throttled chat; only one sender ever claims it. */
export async function claimNext(
  connection: Connection,
  options: { now: Date; blockedChats: string[] },
): Promise<ClaimedItem | null> {
  return outboxModel(connection)
    .findOneAndUpdate(
      { state: 'pending', notBefore: { $lte: options.now }, chatId: { $nin: options.blockedChats } },
      { $set: { state: 'sending', claimedAt: options.now }, $inc: { attempts: 1 } },
      { sort: { notBefore: 1, createdAt: 1 }, returnDocument: 'after' },
    )
    .lean<ClaimedItem>();
}

/** Record that WhatsApp accepted the message: from here on it is never sent again. */
export async function markSent(connection: Connection, id: Types.ObjectId, waId: string, now = new Date()) {
  await outboxModel(connection).updateOne(
    { _id: id, state: 'sending' },
    { $set: { state: 'sent', waId, sentAt: now }, $unset: { error: 1 } },
  );
}

/** A send failed: retry later with backoff, or give up after the policy's attempts. */
export async function markAttemptFailed(
  connection: Connection,
  item: Pick<ClaimedItem, '_id' | 'attempts'>,
  error: string,
  policy: SendPolicy,
  now = new Date(),
): Promise<'retry' | 'failed'> {
  const outcome = item.attempts >= policy.maxAttempts ? 'failed' : 'retry';
  await outboxModel(connection).updateOne(
    { _id: item._id, state: 'sending' },
    {
      $set: {
        state: outcome === 'failed' ? 'failed' : 'pending',
        error,
        notBefore: new Date(now.getTime() + retryDelayMs(item.attempts, policy)),
      },
    },
  );
  return outcome;
}

/**
 * Put claims older than the lease back in the queue. At start-up the bot (the only sender) calls it
 * with no lease: a claim left by a crash was either never sent or sent in the instant before it could
 * be recorded, the one window that cannot be closed from our side.
 */
export async function releaseClaims(connection: Connection, olderThan: Date): Promise<number> {
  const result = await outboxModel(connection).updateMany(
    { state: 'sending', claimedAt: { $lt: olderThan } },
    { $set: { state: 'pending' } },
  );
  return result.modifiedCount;
}
