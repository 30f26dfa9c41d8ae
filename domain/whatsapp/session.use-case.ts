import type { Connection } from 'mongoose';
import { trackOutage } from './outage.use-case.js';
import { type SessionStatus, sessionModel } from './session.model.js';

/**
 * Record the session's state (a QR is kept only while waiting for a scan) and keep the outage record in
 * step: the one place the bot reports WhatsApp's state, so the console banner and the owner's e-mail
 * follow every change (domain/whatsapp/outage.use-case.ts).
 */
export async function recordSessionState(
  connection: Connection,
  update: { state: string; detail?: string; qr?: string; transport?: string },
  now = new Date(),
): Promise<void> {
  const unset = {
    ...(update.qr === undefined && { qr: 1 }),
    ...(update.detail === undefined && { detail: 1 }),
  };
  const before = await sessionModel(connection)
    .findOneAndUpdate(
      { _id: 'whatsapp' },
      {
        $set: { ...update, updatedAt: now, ...(update.state === 'ready' && { readyAt: now }) },
        ...(Object.keys(unset).length > 0 && { $unset: unset }),
      },
      { upsert: true, returnDocument: 'before', projection: { readyAt: 1 } },
    )
    .lean<Pick<SessionStatus, 'readyAt'>>();
  await trackOutage(
    connection,
    { state: update.state, detail: update.detail },
    now,
    Boolean(before?.readyAt),
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
