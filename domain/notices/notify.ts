import type { Connection } from 'mongoose';
import { chatIdOfPhone, type PhoneNumber } from '../contacts/phone.js';
import { type BotText, botText, type TextParams } from '../i18n/messages.js';
import type { OutboxItem, OutboxOrigin } from '../outbox/outbox.model.js';
import { enqueueMessage } from '../outbox/outbox.use-case.js';
import { getSettings } from '../settings/settings.use-case.js';
import type { StaffUser } from '../users/user.use-case.js';
import { alertRecipients } from '../users/user.use-case.js';

/** One catalog text to send, under a dedupe key: the same key never queues a second message. */
export interface Notice {
  key: string;
  text: BotText;
  params?: TextParams;
  /** Who asked for it (the chat thread shows staff and job messages differently); default `job`. */
  origin?: OutboxOrigin;
  /** A stored file to send with the text as its caption. */
  media?: OutboxItem['media'];
}

/**
 * Tell a customer something outside a conversation turn (status change, invoice, payment decision,
 * overdue reminder), in the shop's language, through the outbox. Returns whether it was queued now
 * (false: the key was queued before).
 */
export async function notifyCustomer(
  connection: Connection,
  chatId: string,
  notice: Notice,
  at: Date,
): Promise<boolean> {
  const { locale } = await getSettings(connection);
  const { queued } = await enqueueMessage(
    connection,
    {
      key: notice.key,
      chatId,
      text: botText(locale, notice.text, notice.params),
      origin: notice.origin ?? 'job',
      ...(notice.media && { media: notice.media }),
    },
    at,
  );
  return queued;
}

/** Send a notice to one staff member's WhatsApp (`key` is made per user). False if they have no number. */
export async function notifyUser(
  connection: Connection,
  user: Pick<StaffUser, '_id' | 'whatsapp'>,
  notice: Notice & { relayTo?: string },
  at: Date,
): Promise<boolean> {
  if (!user.whatsapp) return false;
  const { locale } = await getSettings(connection);
  const { queued } = await enqueueMessage(
    connection,
    {
      key: `${notice.key}:${String(user._id)}`,
      chatId: chatIdOfPhone(user.whatsapp as PhoneNumber),
      text: botText(locale, notice.text, notice.params),
      origin: notice.origin ?? 'job',
      ...(notice.media && { media: notice.media }),
      ...(notice.relayTo && { relayTo: notice.relayTo }),
    },
    at,
  );
  return queued;
}

/**
 * Alert every active staff member with a WhatsApp number (owner first). `relayTo`: the customer chat
 * the alert is about, so replying to it answers that customer. Returns how many were queued now.
 */
export async function notifyStaff(
  connection: Connection,
  notice: Notice & { relayTo?: string },
  at: Date,
): Promise<number> {
  let queued = 0;
  for (const user of await alertRecipients(connection)) {
    if (await notifyUser(connection, user, notice, at)) queued += 1;
  }
  return queued;
}
