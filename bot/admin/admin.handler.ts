import { phoneOfChatId } from '../../domain/contacts/phone.js';
import type { AdminText } from '../../domain/i18n/admin.id.js';
import { type BotText, botText, type TextParams } from '../../domain/i18n/messages.js';
import { getSettings } from '../../domain/settings/settings.use-case.js';
import { userByWhatsApp } from '../../domain/users/user.use-case.js';
import type { Handler, MessageContext } from '../inbox/compose.js';
import { type Command, type CommandEnv, closestCommand, validateCommandTable, wordsOf } from './command.js';
import { relayReply } from './relay.js';

/** The first word of a message as a command word: lowercase, without its optional leading `/`. */
export function splitCommand(body: string): { word: string; rest: string } {
  const text = body.trim();
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(text);
  return { word: (match?.[1] ?? '').toLowerCase(), rest: match?.[2] ?? '' };
}

/**
 * The admins' side of WhatsApp (SPEC §5). A message from an active staff member's number never reaches
 * the customer flow: a reply quoting a customer alert goes to that customer (reply-to-relay) unless it
 * is a `/command` (a lone `/shortcut` that is no command is a quick reply); anything else is a command
 * from the table — unknown words, bad arguments and roles without access each get
 * a specific answer. The table is validated here, when the bot's features are built.
 */
export function adminCommands(table: readonly Command[]): Handler {
  validateCommandTable(table);
  const lookup = new Map<string, Command>();
  for (const command of table) for (const word of wordsOf(command)) lookup.set(word, command);

  return async (context, next) => {
    const phone = phoneOfChatId(context.message.chatId);
    const user = phone ? await userByWhatsApp(context.connection, phone) : null;
    if (!user) return next();
    const settings = await getSettings(context.connection);
    const t = (key: BotText, params?: TextParams) => botText(settings.locale, key, params);
    const env: CommandEnv = {
      connection: context.connection,
      log: context.log.child({ user: user.login }),
      message: context.message,
      now: context.now,
      timeZone: settings.timeZone,
      user,
      actor: { kind: 'user', id: String(user._id), name: user.name },
      settings,
      locale: settings.locale,
      t,
    };
    // In a reply to a customer alert, text is for the customer; a command there must start with `/`.
    const { word } = splitCommand(context.message.body);
    const slashCommand = context.message.body.trim().startsWith('/') && lookup.has(word);
    if (context.message.quotedMessageId && !slashCommand && (await relayReply(context, env))) return;
    await context.reply(await answer(env, context, table, lookup));
  };
}

async function answer(
  env: CommandEnv,
  context: MessageContext,
  table: readonly Command[],
  lookup: ReadonlyMap<string, Command>,
): Promise<string> {
  const { t, user } = env;
  const { word, rest } = splitCommand(context.message.body);
  if (!word) return t('admin.error.empty');
  const command = lookup.get(word);
  if (!command) {
    const allowed = table.filter((candidate) => candidate.roles.includes(user.role));
    const guess = closestCommand(word, allowed);
    return guess
      ? t('admin.error.unknown_suggest', { word, suggestion: guess.name, usage: t(guess.usage) })
      : t('admin.error.unknown', { word });
  }
  if (!command.roles.includes(user.role))
    return t('admin.error.role', {
      command: command.name,
      role: t(`admin.role.${user.role}` satisfies AdminText),
      roles: command.roles.map((role) => t(`admin.role.${role}` satisfies AdminText)).join(', '),
    });
  const outcome = await command.execute(env, rest);
  if (outcome.ok) return outcome.reply;
  const params = { ...outcome.problem.params };
  // A label names the argument: translate it too.
  if (typeof params.label === 'string') params.label = t(params.label as AdminText);
  return t('admin.error.args', {
    problem: t(outcome.problem.key, params),
    usage: t(command.usage),
    command: command.name,
  });
}
