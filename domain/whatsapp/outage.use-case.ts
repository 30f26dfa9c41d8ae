import type { Connection } from 'mongoose';
import { isDuplicateKey } from '../platform/model.js';
import { outageModel, type WhatsAppOutage } from './outage.model.js';
import { isDown, isLostState, needsScan } from './outage.rules.js';

/** What the console's banner shows while WhatsApp is down. */
export interface WhatsAppDown {
  /** When the session was lost (ISO). */
  since: string;
  /** The latest state: disconnected, auth_failure, logged_out, qr (scan needed), starting, stopped… */
  state: string;
  /** The state that started the outage. */
  cause: string;
  detail: string | null;
  /** Only a person can end it: scan the QR code on the WhatsApp page. */
  needsScan: boolean;
}

/**
 * Keep the outage record in step with a newly recorded session state: a lost state opens the one open
 * outage (or updates it), `ready` closes it, anything else while one is open becomes its latest state.
 * Idempotent: the same state twice changes nothing more.
 */
export async function trackOutage(
  connection: Connection,
  update: { state: string; detail?: string | undefined },
  now: Date,
  linkedBefore: boolean,
): Promise<void> {
  const outages = outageModel(connection);
  const latest = {
    $set: {
      state: update.state,
      updatedAt: now,
      ...(update.detail !== undefined && { detail: update.detail }),
    },
    ...(update.detail === undefined && { $unset: { detail: 1 } }),
  };
  if (update.state === 'ready') {
    await outages.updateOne(
      { open: true },
      { $set: { open: false, closedAt: now, state: 'ready', updatedAt: now }, $unset: { detail: 1 } },
    );
    return;
  }
  if (!isLostState(update.state, linkedBefore)) {
    await outages.updateOne({ open: true }, latest);
    return;
  }
  try {
    await outages.updateOne(
      { open: true },
      {
        ...latest,
        $setOnInsert: {
          openedAt: now,
          cause: update.state,
          downMail: { attempts: 0 },
          backMail: { attempts: 0 },
        },
      },
      { upsert: true },
    );
  } catch (error) {
    // Two state events raced to open it: the other one did, so this one only updates it.
    if (!isDuplicateKey(error)) throw error;
    await outages.updateOne({ open: true }, latest);
  }
}

/** The open outage, if any. */
export async function openOutage(connection: Connection): Promise<WhatsAppOutage | null> {
  return outageModel(connection).findOne({ open: true }).lean<WhatsAppOutage>();
}

/** The banner's state at `now`: the open outage once it counts as down, else null. */
export async function whatsappDown(connection: Connection, now: Date): Promise<WhatsAppDown | null> {
  const outage = await openOutage(connection);
  if (!outage || !isDown(outage, now)) return null;
  return {
    since: outage.openedAt.toISOString(),
    state: outage.state,
    cause: outage.cause,
    detail: outage.detail ?? null,
    needsScan: needsScan(outage.state),
  };
}
