import { botPauseOf } from '../../domain/chats/chat.use-case.js';
import { phoneOfChatId } from '../../domain/contacts/phone.js';
import { flagForStaff } from '../../domain/messages/attention.use-case.js';
import { notifyStaff } from '../../domain/notices/notify.js';
import { userByWhatsApp } from '../../domain/users/user.use-case.js';
import type { Handler } from './compose.js';

/**
 * While a person has taken over a chat, the bot stays quiet there (the message is still stored). After
 * a hand-over or a staff reply, each new customer message is forwarded to the staff and waits in the
 * console inbox, so they can answer it by replying to the forward (reply-to-relay) or from the console;
 * when someone typed on the shop's phone they are already in the chat. Staff numbers are never
 * silenced: their commands keep working.
 */
export const quietWhilePaused: Handler = async (context, next) => {
  const { connection, message, now } = context;
  const pause = await botPauseOf(connection, message.chatId, now);
  if (!pause) return next();
  const phone = phoneOfChatId(message.chatId);
  if (phone && (await userByWhatsApp(connection, phone))) return next();
  context.log.debug({ reason: pause.reason }, 'bot paused in this chat; not answering');
  if (pause.reason === 'phone') return;
  await flagForStaff(connection, message.id, 'paused', now);
  const name = message.pushName;
  const number = phone ?? message.chatId;
  await notifyStaff(
    connection,
    {
      key: `forward:${message.id}`,
      text: 'admin.forward',
      params: {
        customer: name ? `${name} (${number})` : number,
        text: message.body || `[${message.type}]`,
        phone: number,
      },
      relayTo: message.chatId,
      origin: 'bot',
    },
    now,
  );
};
