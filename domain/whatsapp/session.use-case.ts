import type { Connection } from 'mongoose';
import { sessionModel } from './session.model.js';

/** Record the session's state; a QR is kept only while waiting for a scan. */
export async function recordSessionState(
  connection: Connection,
  update: { state: string; detail?: string; qr?: string },
  now = new Date(),
): Promise<void> {
  const unset = {
    ...(update.qr === undefined && { qr: 1 }),
    ...(update.detail === undefined && { detail: 1 }),
  };
  await sessionModel(connection).updateOne(
    { _id: 'whatsapp' },
    { $set: { ...update, updatedAt: now }, ...(Object.keys(unset).length > 0 && { $unset: unset }) },
    { upsert: true },
  );
}

/** The WhatsApp connection state the bot last recorded; 'unknown' before the bot ever started. */
export async function readSessionState(connection: Connection): Promise<string> {
  const status = await sessionModel(connection).findById('whatsapp', { state: 1 }).lean<{ state: string }>();
  return status?.state ?? 'unknown';
}
