import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../platform/model.js';
import { type DeliveryState, type Message, type MessageMedia, messageModel } from './message.model.js';
import { deliveryStatesBefore } from './message.rules.js';

/** Store a message once; false when its WhatsApp id is already stored (a duplicate event). */
export async function recordMessage(connection: Connection, message: Message): Promise<boolean> {
  try {
    await messageModel(connection).create(message);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Take a stored inbound message for processing; null when it is already done (or failed for good). */
export async function claimForProcessing(connection: Connection, waId: string) {
  return messageModel(connection)
    .findOneAndUpdate(
      { waId, 'processing.state': { $in: ['pending', 'processing'] } },
      { $set: { 'processing.state': 'processing' }, $inc: { 'processing.attempts': 1 } },
      { returnDocument: 'after' },
    )
    .lean<Message>();
}

/** Close processing of a message: done, or failed with the error that stopped it. */
export async function finishProcessing(
  connection: Connection,
  waId: string,
  error?: string,
  now = new Date(),
) {
  await messageModel(connection).updateOne(
    { waId },
    {
      $set: {
        'processing.state': error === undefined ? 'done' : 'failed',
        'processing.finishedAt': now,
        ...(error !== undefined && { 'processing.error': error }),
      },
    },
  );
}

/** Inbound messages a crash left unfinished, oldest first. */
export async function unfinishedMessages(connection: Connection): Promise<Message[]> {
  return messageModel(connection)
    .find({ direction: 'in', 'processing.state': { $in: ['pending', 'processing'] } })
    .sort({ receivedAt: 1, _id: 1 })
    .lean<Message[]>();
}

export async function updateMedia(connection: Connection, waId: string, media: MessageMedia) {
  await messageModel(connection).updateOne({ waId }, { $set: { media } });
}

/**
 * Move an outbound message's delivery state forward (acks arrive out of order; never go back).
 * False when nothing changed: not recorded yet, or already at this state or a later one.
 */
export async function recordDelivery(
  connection: Connection,
  waId: string,
  state: DeliveryState,
): Promise<boolean> {
  const result = await messageModel(connection).updateOne(
    { waId, delivery: { $in: [...deliveryStatesBefore(state), null] } },
    { $set: { delivery: state } },
  );
  return result.matchedCount > 0;
}

/**
 * When the chat's newest stored customer message was sent (null when none): where the WhatsApp catch-up
 * after a reconnect resumes. Walks the {chatId, sentAt} index from its newest end.
 */
export async function lastInboundSentAt(connection: Connection, chatId: string): Promise<Date | null> {
  const newest = await messageModel(connection)
    .findOne({ chatId, direction: 'in' }, { sentAt: 1 })
    .sort({ sentAt: -1 })
    .lean<Pick<Message, 'sentAt'>>();
  return newest?.sentAt ?? null;
}
