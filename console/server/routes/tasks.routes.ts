import { z } from 'zod';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { TASK_LINK_KINDS, TASK_STATUSES, type Task } from '../../../domain/tasks/task.model.js';
import {
  cancelTask,
  completeTask,
  createTask,
  listTasks,
  type TaskFilter,
} from '../../../domain/tasks/task.use-case.js';
import type { StaffUser } from '../../../domain/users/user.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

const id = z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be an id' });
const TaskParams = z.strictObject({ number: z.coerce.number().int().min(1) });

/** The task list's filters (the tasks export takes the same). */
export const TasksQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

/** What the task list's query asks for: open tasks unless told otherwise; `mine` is the caller's. */
export function taskFilterOf(query: z.output<typeof TasksQuery>, user: StaffUser | null): TaskFilter {
  return {
    status: query.status ?? 'open',
    ...(query.mine === 'true' && user && { assigneeId: user._id }),
    ...(query.until && { dueBefore: new Date(query.until) }),
  };
}

/** A task as lists and the calendar show it. */
const view = (task: Task) => ({
  number: task.number,
  text: task.text,
  dueAt: task.dueAt.toISOString(),
  status: task.status,
  assigneeId: task.assigneeId ? String(task.assigneeId) : null,
  link: task.link ? { kind: task.link.kind, id: String(task.link.id), label: task.link.label } : null,
  reminded: task.reminderSentAt !== undefined,
});

/** Tasks and follow-ups: everyday work for every role (SPEC §7). */
export const tasksRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/tasks',
    access: 'signed-in',
    summary:
      'tasks by due time: open by default, mine or everyone’s, up to a time (the calendar asks per range)',
    query: TasksQuery,
    async handler({ query }, { connection, user }) {
      const tasks = await listTasks(connection, { ...taskFilterOf(query, user), limit: 500 });
      return { tasks: tasks.map(view) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/tasks',
    access: 'signed-in',
    summary: 'a new task (mine unless assigned), optionally linked to a lead, order or contact',
    body: z.strictObject({
      text: z.string().trim().min(1).max(500),
      dueAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time with an offset' }),
      assigneeId: id.optional(),
      link: z.strictObject({ kind: z.enum(TASK_LINK_KINDS), id }).optional(),
    }),
    async handler({ body }, { connection, clock, actor, user }) {
      const { timeZone } = await getSettings(connection);
      const assigneeId = body.assigneeId ?? (user ? String(user._id) : undefined);
      const result = await createTask(
        connection,
        {
          text: body.text,
          dueAt: new Date(body.dueAt),
          ...(assigneeId && { assigneeId }),
          ...(body.link && { link: body.link }),
        },
        { actor, at: clock.now(), timeZone },
      );
      if (!result.ok) return failWith(result);
      return { task: view(result.task) };
    },
  }),
  ...(['done', 'cancel'] as const).map((action) =>
    defineRoute({
      method: 'POST',
      url: `/api/tasks/:number/${action}`,
      access: 'signed-in',
      summary: action === 'done' ? 'mark a task done' : 'cancel a task',
      params: TaskParams,
      async handler({ params }, { connection, clock, actor }) {
        const close = action === 'done' ? completeTask : cancelTask;
        const result = await close(connection, { number: params.number }, { actor, at: clock.now() });
        if (!result.ok) return failWith(result);
        return { task: view(result.task), changed: result.changed };
      },
    }),
  ),
];
