import type { Connection } from 'mongoose';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { createLogger } from '../../domain/platform/logger.js';

/** A logger that keeps tests quiet. */
export const silentLog = createLogger({ env: 'test', logLevel: 'silent' }, 'test');

/** The outbox's texts per chat, oldest first — what the customer would eventually receive. */
export async function queuedTexts(
  connection: Connection,
): Promise<{ key: string; chatId: string; text: string }[]> {
  return outboxModel(connection)
    .find({}, { _id: 0, key: 1, chatId: 1, text: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<{ key: string; chatId: string; text: string }[]>();
}
