import { pauseBot } from '../../domain/chats/chat.use-case.js';
import { resetMisunderstood } from '../../domain/conversations/conversation.use-case.js';
import { flagForStaff } from '../../domain/messages/attention.use-case.js';
import { alertStaff, customerLabel, say, type Turn, text } from './turn.js';

export type HandoverReason = 'asked' | 'angry' | 'misunderstood';

const ASKED = /\b(admin|mimin|min|cs|customer service|operator|orang|manusia|owner|pemilik|human|agent)\b/i;

/** Asked for a person, or upset: which it was, for the admins' alert. */
export const handoverReason = (message: string): HandoverReason => (ASKED.test(message) ? 'asked' : 'angry');

/**
 * Hand the chat to a person: the bot goes quiet there until an admin hands it back (`bot on <phone>`) or
 * the shop's handover timeout passes, every admin gets the context, and the message waits in the inbox.
 */
export async function handOver(turn: Turn, reason: HandoverReason): Promise<void> {
  const { connection, message, now } = turn.context;
  const until = new Date(now.getTime() + turn.settings.handoverTimeoutMinutes * 60_000);
  await pauseBot(connection, message.chatId, until, 'handover');
  await flagForStaff(connection, message.id, 'handover', now);
  await resetMisunderstood(connection, message.chatId, now);
  await say(turn, 'handover.customer');
  await alertStaff(turn, `handover:${message.id}`, 'alert.handover', {
    customer: customerLabel(turn.contact),
    reason: text(turn, `handover.reason.${reason}`),
    text: message.body || `[${message.type}]`,
    phone: turn.contact.phone ?? turn.contact.chatId,
  });
}
