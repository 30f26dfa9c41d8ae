import type { Notice } from '../notices/notify.js';
import { notifyStaff, notifyUser } from '../notices/notify.js';
import { getSettings } from '../settings/settings.use-case.js';
import type { Task } from '../tasks/task.model.js';
import { dueReminders, markReminded } from '../tasks/task.use-case.js';
import { userById } from '../users/user.use-case.js';
import { localDueText } from './format.js';
import type { JobDeps, JobHandler } from './job.js';

export const TASK_REMINDERS = 'task-reminders';

/** The reminder of one task: its number and the `done` command, its due time, what it is about. */
export function taskReminderNotice(task: Task, timeZone: string): Notice {
  const params = { number: task.number, text: task.text, due: localDueText(task.dueAt, timeZone) };
  const key = `task-reminder:${String(task._id)}`;
  if (task.link?.kind === 'order')
    return { key, text: 'staff.task_reminder_order', params: { ...params, order: task.link.label } };
  if (task.link)
    return { key, text: 'staff.task_reminder_link', params: { ...params, link: task.link.label } };
  return { key, text: 'staff.task_reminder', params };
}

/**
 * Remind the assignee of every open task that has fallen due (everyone on staff when it has no
 * assignee with a WhatsApp number). The outbox key makes the message single even if marking the task
 * reminded fails and the next minute's run sends it again.
 */
export const taskRemindersJob: JobHandler = {
  name: TASK_REMINDERS,
  async run({ connection, log, now }: JobDeps) {
    const due = await dueReminders(connection, now);
    if (due.length === 0) return;
    const { timeZone } = await getSettings(connection);
    for (const task of due) {
      const notice = taskReminderNotice(task, timeZone);
      const assignee = task.assigneeId ? await userById(connection, task.assigneeId) : null;
      if (assignee?.active && assignee.whatsapp) await notifyUser(connection, assignee, notice, now);
      else await notifyStaff(connection, notice, now);
      await markReminded(connection, task._id, now);
      log.info({ job: TASK_REMINDERS, task: task.number }, 'task reminder queued');
    }
  },
};
