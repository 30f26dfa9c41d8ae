import { expandQuickReply, relayTargetOf, sendStaffReply } from '../../domain/chats/chat.use-case.js';
import { phoneOfChatId } from '../../domain/contacts/phone.js';
import type { MessageContext } from '../inbox/compose.js';
import type { CommandEnv } from './command.js';
import { failureText } from './errors.js';

/** A whole message that is one quick-reply shortcut: `/rek`. */
const SHORTCUT = /^\/[\p{L}\d_-]+$/u;

/**
 * Reply-to-relay: an admin who quotes a customer alert answers that customer. The text (or the quick
 * reply it names) goes out as a staff message keyed by the admin's message, the bot keeps quiet in the
 * customer's chat for the hand-over timeout, and the admin gets a short echo. Returns false when the
 * quoted message is not such an alert (then the text is read as a command).
 */
export async function relayReply(context: MessageContext, env: CommandEnv): Promise<boolean> {
  const { connection, message } = context;
  if (!message.quotedMessageId) return false;
  const customerChat = await relayTargetOf(connection, message.chatId, message.quotedMessageId);
  if (!customerChat) return false;
  const customer = phoneOfChatId(customerChat) ?? customerChat;
  const body = message.body.trim();
  if (!body) {
    await context.reply(env.t('admin.relay.empty'));
    return true;
  }
  let text = body;
  if (SHORTCUT.test(body)) {
    const expanded = await expandQuickReply(
      connection,
      { chatId: customerChat, shortcut: body },
      env.settings,
    );
    if (!expanded.ok) {
      await context.reply(failureText(env.t, expanded));
      return true;
    }
    text = expanded.text;
  }
  const { pausedUntil } = await sendStaffReply(
    connection,
    { chatId: customerChat, text, key: `relay:${message.id}` },
    { at: env.now, pauseMinutes: env.settings.handoverTimeoutMinutes },
  );
  env.log.info({ customerChat }, 'staff reply relayed to a customer');
  await context.reply(
    env.t('admin.relay.sent', {
      customer,
      text,
      minutes: Math.round((pausedUntil.getTime() - env.now.getTime()) / 60_000),
    }),
  );
  return true;
}
