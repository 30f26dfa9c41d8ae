import { z } from 'zod';
import { completeTask, createFollowUp, listTasks } from '../../domain/tasks/task.use-case.js';
import { USER_ROLES } from '../../domain/users/user.model.js';
import { instantOf, missing, problem, splitWhen, splitWords, taskNumber, word, words } from './args.js';
import { defineCommand } from './command.js';
import { failureText } from './errors.js';
import { localTime } from './format.js';

export const followupCommand = defineCommand({
  name: 'followup',
  aliases: ['fu', 'ingatkan', 'tindaklanjut', 'remind'],
  roles: USER_ROLES,
  help: 'admin.help.followup',
  usage: 'admin.usage.followup',
  args: (env) =>
    z.string().transform((raw, ctx) => {
      const [target, ...rest] = splitWords(raw);
      if (!target) return missing(ctx, 'admin.label.target');
      if (rest.length === 0) return missing(ctx, 'admin.label.when');
      const split = splitWhen(rest, env);
      if (!split) return problem(ctx, 'admin.arg.bad_when', { got: rest.slice(0, 3).join(' ') });
      const dueAt = instantOf(split.when, env.timeZone);
      if (dueAt <= env.now)
        return problem(ctx, 'admin.arg.when_past', { when: localTime(dueAt, env.timeZone) });
      const text = rest.slice(split.taken).join(' ');
      if (!text) return missing(ctx, 'admin.label.text');
      return { target, dueAt, text };
    }),
  async run({ connection, t, actor, now, user, timeZone }, { target, dueAt, text }) {
    const result = await createFollowUp(
      connection,
      { target, dueAt, text, assigneeId: user._id },
      { actor, at: now },
    );
    if (!result.ok) return failureText(t, result, { target });
    const { task } = result;
    return t('admin.followup.done', {
      number: task.number,
      text: task.text,
      due: localTime(task.dueAt, timeZone),
      link: task.link?.label ?? target,
    });
  },
});

const scope = word('admin.label.text', (raw) => {
  const text = raw.trim().toLowerCase();
  if (['mine', 'saya', 'aku', 'punyaku'].includes(text)) return { ok: true, value: 'mine' as const };
  if (['all', 'semua', 'semuanya'].includes(text)) return { ok: true, value: 'all' as const };
  return { ok: false, key: 'admin.arg.bad_scope' };
});

export const tasksCommand = defineCommand({
  name: 'tasks',
  aliases: ['tugas', 'todo'],
  roles: USER_ROLES,
  help: 'admin.help.tasks',
  usage: 'admin.usage.tasks',
  args: () => words(z.tuple([scope.optional()])).transform(([which]) => ({ which: which ?? 'mine' })),
  async run({ connection, t, user, timeZone }, { which }) {
    const tasks = await listTasks(connection, {
      status: 'open',
      ...(which === 'mine' && { assigneeId: user._id }),
      limit: 20,
    });
    const scopeText = t(which === 'mine' ? 'admin.tasks.mine' : 'admin.tasks.all');
    if (tasks.length === 0) return t('admin.tasks.empty', { scope: scopeText });
    const lines = tasks.map((task) =>
      t('admin.tasks.line', {
        number: task.number,
        due: localTime(task.dueAt, timeZone),
        text: task.text,
        link: task.link ? ` (${task.link.label})` : '',
      }),
    );
    return [
      t('admin.tasks.header', { scope: scopeText, count: tasks.length }),
      ...lines,
      t('admin.tasks.footer'),
    ].join('\n');
  },
});

export const doneCommand = defineCommand({
  name: 'done',
  aliases: ['selesai', 'beres'],
  roles: USER_ROLES,
  help: 'admin.help.done',
  usage: 'admin.usage.done',
  args: () => words(z.tuple([taskNumber])).transform(([number]) => ({ number })),
  async run({ connection, t, actor, now }, { number }) {
    const result = await completeTask(connection, { number }, { actor, at: now });
    if (!result.ok) return failureText(t, result, { number });
    if (!result.changed) return t('admin.done.unchanged', { number });
    return t('admin.done.done', { number, text: result.task.text });
  },
});
