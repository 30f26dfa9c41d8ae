import { isBotPaused } from '../../domain/chats/chat.use-case.js';
import type { Handler } from './compose.js';

/** While a person has taken over a chat, the bot stays quiet there (the message is still stored). */
export const quietWhilePaused: Handler = async (context, next) => {
  if (await isBotPaused(context.connection, context.message.chatId, context.now)) {
    context.log.debug('bot paused in this chat; not answering');
    return;
  }
  await next();
};
