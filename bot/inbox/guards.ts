import { isBotPaused } from '../../domain/chats/chat.use-case.js';
import { phoneOfChatId } from '../../domain/contacts/phone.js';
import { userByWhatsApp } from '../../domain/users/user.use-case.js';
import type { Handler } from './compose.js';

/** While a person has taken over a chat, the bot stays quiet there (the message is still stored). */
export const quietWhilePaused: Handler = async (context, next) => {
  if (await isBotPaused(context.connection, context.message.chatId, context.now)) {
    context.log.debug('bot paused in this chat; not answering');
    return;
  }
  await next();
};

/**
 * Staff write from their own WhatsApp numbers: their messages are never customer messages. (Admin
 * commands run before this guard; anything else a staff member types is ignored.)
 */
export const staffAreNotCustomers: Handler = async (context, next) => {
  const phone = phoneOfChatId(context.message.chatId);
  if (phone && (await userByWhatsApp(context.connection, phone))) {
    context.log.debug('message from a staff number; not a customer');
    return;
  }
  await next();
};
