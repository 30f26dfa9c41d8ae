import { z } from 'zod';
import { pauseBot, resumeBot } from '../../domain/chats/chat.use-case.js';
import { chatIdOfPhone } from '../../domain/contacts/phone.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import { phone, word, words } from './args.js';
import { defineCommand } from './command.js';

/** `bot off` holds until someone says `bot on`: far enough to mean "until further notice". */
const UNTIL_TURNED_ON = new Date('9999-12-31T00:00:00Z');

const onOff = word('admin.label.onoff', (raw) => {
  const text = raw.trim().toLowerCase();
  if (['on', 'nyala', 'aktif', 'hidup'].includes(text)) return { ok: true, value: true };
  if (['off', 'mati', 'diam', 'stop'].includes(text)) return { ok: true, value: false };
  return { ok: false, key: 'admin.arg.bad_onoff' };
});

export const botCommand = defineCommand({
  name: 'bot',
  aliases: ['autoreply'],
  roles: USER_ROLES,
  help: 'admin.help.bot',
  usage: 'admin.usage.bot',
  args: () => words(z.tuple([onOff, phone])).transform(([on, number]) => ({ on, phone: number })),
  async run({ connection, t, now, log }, { on, phone: number }) {
    const chatId = chatIdOfPhone(number);
    if (on) {
      const was = await resumeBot(connection, chatId, now);
      log.info({ chatId }, 'bot handed back in a chat');
      return t(was ? 'admin.bot.on' : 'admin.bot.on_already', { phone: number });
    }
    await pauseBot(connection, chatId, UNTIL_TURNED_ON, 'staff');
    log.info({ chatId }, 'bot switched off in a chat');
    return t('admin.bot.off', { phone: number });
  },
});
