import { z } from 'zod';
import type { AdminText } from '../../domain/i18n/admin.id.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import { problem } from './args.js';
import { type Command, closestCommand, defineCommand, wordsOf } from './command.js';

/** `help` and `help <command>`, generated from the table: only what the asker's role may use. */
export function helpCommand(table: () => readonly Command[]): Command {
  return defineCommand({
    name: 'help',
    aliases: ['bantuan', 'menu', 'perintah', 'h'],
    roles: USER_ROLES,
    help: 'admin.help.help',
    usage: 'admin.usage.help',
    args: () =>
      z.string().transform((raw, ctx) => {
        const [wanted, ...extra] = raw.trim().split(/\s+/).filter(Boolean);
        if (extra.length > 0) return problem(ctx, 'admin.arg.extra');
        return wanted?.replace(/^\//, '').toLowerCase() ?? '';
      }),
    async run({ t, user }, wanted) {
      const allowed = table().filter((command) => command.roles.includes(user.role));
      const role = (name: string) => t(`admin.role.${name}` as AdminText);
      if (wanted) {
        const command = allowed.find((candidate) => wordsOf(candidate).includes(wanted));
        if (!command) {
          const guess = closestCommand(wanted, allowed);
          return guess
            ? t('admin.error.unknown_suggest', {
                word: wanted,
                suggestion: guess.name,
                usage: t(guess.usage),
              })
            : t('admin.help.unknown', { got: wanted });
        }
        return t('admin.help.detail', {
          usage: t(command.usage),
          help: t(command.help),
          aliases: command.aliases.join(', ') || '—',
          roles: command.roles.map(role).join(', '),
        });
      }
      const lines = allowed.map((command) =>
        t('admin.help.line', { usage: t(command.usage), summary: t(command.help).split('\n')[0] ?? '' }),
      );
      return [t('admin.help.header', { role: role(user.role) }), ...lines, t('admin.help.footer')].join('\n');
    },
  });
}
