import type { Connection } from 'mongoose';
import { type SessionStatus, sessionModel } from './session.model.js';

/** Record the session's state; a QR is kept only while waiting for a scan. */
export async function recordSessionState(
  connection: Connection,
  update: { state: string; detail?: string; qr?: string; transport?: string },
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

/** What the console's WhatsApp page shows: the state, the QR to scan while waiting for one, and when. */
export async function readSessionStatus(connection: Connection): Promise<{
  state: string;
  detail: string | null;
  transport: string | null;
  qr: string | null;
  updatedAt: Date | null;
}> {
  const status = await sessionModel(connection).findById('whatsapp').lean<SessionStatus>();
  return {
    state: status?.state ?? 'unknown',
    detail: status?.detail ?? null,
    transport: status?.transport ?? null,
    qr: status?.state === 'qr' ? (status.qr ?? null) : null,
    updatedAt: status?.updatedAt ?? null,
  };
}
