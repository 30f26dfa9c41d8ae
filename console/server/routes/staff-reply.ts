import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { expandLeadingQuickReply, sendStaffReply } from '../../../domain/chats/chat.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { failWith } from '../errors.js';

/**
 * Every console reply box (a chat, an order, an inbox item): a leading `/shortcut` is expanded for the
 * chat as in an admin relay, then the text goes out as a staff reply (outbox, bot paused, chat read).
 * An unknown shortcut answers 400 `CHAT.UNKNOWN_QUICK_REPLY` with it and the known ones; nothing is sent.
 */
export async function sendConsoleReply(
  connection: Connection,
  input: { chatId: string; text: string; requestId?: string | undefined },
  at: Date,
): Promise<{ queued: boolean; pausedUntil: Date; text: string }> {
  const settings = await getSettings(connection);
  const expanded = await expandLeadingQuickReply(
    connection,
    { chatId: input.chatId, text: input.text },
    settings,
  );
  // The console's code for it; the admin relay answers the same failure in its own words.
  if (!expanded.ok) return failWith({ ...expanded, code: 'CHAT.UNKNOWN_QUICK_REPLY' });
  const sent = await sendStaffReply(
    connection,
    {
      chatId: input.chatId,
      text: expanded.text,
      key: `console-reply:${input.requestId ?? randomUUID()}`,
    },
    { at, pauseMinutes: settings.handoverTimeoutMinutes },
  );
  return { ...sent, text: expanded.text };
}
