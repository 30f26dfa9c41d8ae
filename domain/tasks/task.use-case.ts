import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { type Connection, isValidObjectId, Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { chatIdOfPhone, parsePhone } from '../contacts/phone.js';
import { takeNumber } from '../counters/counter.js';
import type { Lead } from '../leads/lead.model.js';
import { addActivity, leadById, openLeadOfContact, updateLead } from '../leads/lead.use-case.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { parseOrderNumber } from '../orders/order.rules.js';
import { userById } from '../users/user.use-case.js';
import { TASK_LINK_KINDS, type Task, type TaskLink, type TaskStatus, taskModel } from './task.model.js';

type Id = Types.ObjectId | string;

/** Who makes a change, and when; `timeZone` (default Asia/Jakarta) only shapes the due time in lead notes. */
export interface TaskContext {
  actor: Actor;
  at: Date;
  timeZone?: string;
}

export type TaskFailure =
  | { ok: false; code: 'TASK.INVALID'; details: string }
  | { ok: false; code: 'TASK.LINK_NOT_FOUND'; details: string }
  | { ok: false; code: 'TASK.ASSIGNEE_NOT_FOUND'; details: string }
  | { ok: false; code: 'TASK.TARGET_NOT_FOUND'; details: string; target: string }
  | { ok: false; code: 'TASK.NOT_FOUND'; details: string; number: number }
  | { ok: false; code: 'TASK.CLOSED'; details: string; number: number; status: TaskStatus };

export type CreateTaskResult = { ok: true; task: Task } | TaskFailure;
/** A status change's outcome: the task as it is now, and whether this call changed it. */
export type TaskResult = { ok: true; task: Task; changed: boolean } | TaskFailure;

const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

const zodDetails = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')} ` : ''}${issue.message}`)
    .join('; ');

const objectId = (what: string) =>
  z.union([z.string(), z.instanceof(Types.ObjectId)], { error: `must be ${what}` }).refine(isValidObjectId, {
    error: `must be ${what}`,
  });

const TaskText = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(500, { error: 'must be at most 500 characters' });

const DueAt = z.date({ error: 'must be a valid date and time' });

const CreateTaskSchema = z.object({
  text: TaskText,
  dueAt: DueAt,
  assigneeId: objectId('a user id').optional(),
  link: z
    .object(
      {
        kind: z.enum(TASK_LINK_KINDS, { error: 'must be lead, order or contact' }),
        id: objectId('an id'),
      },
      { error: 'must be {kind, id}' },
    )
    .optional(),
});
export type CreateTaskInput = z.input<typeof CreateTaskSchema>;

/** How staff recognise a contact: "Name (+62…)", or whichever of the two is known. */
function contactLabel(contact: Pick<Contact, 'name' | 'pushName' | 'phone' | 'chatId'>): string {
  const name = contact.name ?? contact.pushName;
  const phone = contact.phone ?? contact.chatId;
  return name ? `${name} (${phone})` : phone;
}

/** The linked record's label and contact; null when it does not exist (or the lead is deleted). */
async function resolveLink(
  connection: Connection,
  link: { kind: TaskLink['kind']; id: string | Types.ObjectId },
): Promise<{ link: TaskLink; contactId?: Types.ObjectId; lead?: Lead } | null> {
  const id = new Types.ObjectId(String(link.id));
  if (link.kind === 'order') {
    const order = await orderModel(connection).findById(id).lean<Order>();
    return order && { link: { kind: 'order', id, label: order.number }, contactId: order.contactId };
  }
  if (link.kind === 'lead') {
    const lead = await leadById(connection, id);
    if (!lead || lead.deletedAt) return null;
    const contact = await contactModel(connection).findById(lead.contactId).lean<Contact>();
    const label = contact ? contactLabel(contact) : `lead ${id.toHexString()}`;
    return { link: { kind: 'lead', id, label }, contactId: lead.contactId, lead };
  }
  const contact = await contactModel(connection).findById(id).lean<Contact>();
  return contact && { link: { kind: 'contact', id, label: contactLabel(contact) }, contactId: contact._id };
}

/** The next task number: 1, 2, 3… never shared by two tasks. */
const nextTaskNumber = (connection: Connection): Promise<number> => takeNumber(connection, 'TASK');

/**
 * Create a task (a follow-up or to-do) with a due time, optionally for an active user and linked to
 * a lead, order or contact. A lead link also makes it the lead's next action and notes it on the lead.
 * Numbered 1, 2, 3… Audited.
 */
export async function createTask(
  connection: Connection,
  input: { text: string; dueAt: Date; assigneeId?: Id; link?: { kind: TaskLink['kind']; id: Id } },
  ctx: TaskContext,
): Promise<CreateTaskResult> {
  const parsed = CreateTaskSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'TASK.INVALID', details: zodDetails(parsed.error.issues) };
  const { text, dueAt, assigneeId, link } = parsed.data;
  if (assigneeId !== undefined) {
    const user = await userById(connection, assigneeId);
    if (!user?.active)
      return {
        ok: false,
        code: 'TASK.ASSIGNEE_NOT_FOUND',
        details: `the assignee ${String(assigneeId)} is not an active user`,
      };
  }
  const resolved = link ? await resolveLink(connection, link) : undefined;
  if (link && !resolved)
    return { ok: false, code: 'TASK.LINK_NOT_FOUND', details: `no ${link.kind} with id ${String(link.id)}` };

  const number = await nextTaskNumber(connection);
  const created = await taskModel(connection).create({
    number,
    text,
    dueAt,
    ...(assigneeId !== undefined && { assigneeId: new Types.ObjectId(String(assigneeId)) }),
    ...(resolved && { link: resolved.link }),
    ...(resolved?.contactId && { contactId: resolved.contactId }),
    status: 'open',
    createdBy: ctx.actor,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  });
  const task = created.toObject() as Task;
  await audit(
    connection,
    {
      entity: 'task',
      entityId: task._id,
      action: 'created',
      actor: ctx.actor,
      after: {
        number,
        text,
        dueAt,
        ...(task.assigneeId && { assigneeId: task.assigneeId }),
        ...(task.link && { link: task.link }),
      },
    },
    ctx.at,
  );
  if (resolved?.lead) await noteOnLead(connection, resolved.lead, task, ctx);
  return { ok: true, task };
}

/** The task becomes the lead's next action, and a note on the lead says so. */
async function noteOnLead(connection: Connection, lead: Lead, task: Task, ctx: TaskContext): Promise<void> {
  const change = { actor: ctx.actor, at: ctx.at };
  const updated = await updateLead(
    connection,
    lead._id,
    { nextAction: { text: task.text, dueAt: task.dueAt } },
    change,
    // Only the next action changes: no custom fields to check.
    { leadCustomFields: [] },
  );
  if (!updated.ok) throw new Error(`setting the next action of lead ${String(lead._id)}: ${updated.details}`);
  const due = format(new TZDate(task.dueAt, ctx.timeZone ?? DEFAULT_TIME_ZONE), 'yyyy-MM-dd HH:mm');
  const by =
    ctx.actor.kind === 'user' && ctx.actor.id && isValidObjectId(ctx.actor.id) ? ctx.actor.id : undefined;
  const noted = await addActivity(connection, {
    leadId: lead._id,
    kind: 'note',
    text: `Task #${task.number} (due ${due}): ${task.text}`,
    ...(by && { by }),
    ...change,
  });
  if (!noted.ok) throw new Error(`noting task #${task.number} on lead ${String(lead._id)}: ${noted.details}`);
}

/**
 * A follow-up from a WhatsApp command: `target` is an order number (ORD-…) or the phone of an existing
 * contact in any Indonesian form (0812…, +62 812…, 62812…). A phone links the contact's open lead when
 * there is one, else the contact itself. Nothing else is created: an unknown target fails.
 */
export async function createFollowUp(
  connection: Connection,
  input: { target: string; dueAt: Date; text: string; assigneeId?: Id },
  ctx: TaskContext,
): Promise<CreateTaskResult> {
  const target = input.target.trim();
  const notFound = (details: string): TaskFailure => ({
    ok: false,
    code: 'TASK.TARGET_NOT_FOUND',
    details,
    target,
  });
  let link: { kind: TaskLink['kind']; id: Types.ObjectId };
  const orderNumber = parseOrderNumber(target);
  if (orderNumber.ok) {
    const order = await orderModel(connection).findOne({ number: orderNumber.text }).lean<Order>();
    if (!order) return notFound(`no order ${orderNumber.text}`);
    link = { kind: 'order', id: order._id };
  } else {
    const phone = parsePhone(target);
    if (!phone.ok) return notFound(`"${target}" is neither an order number (ORD-…) nor a phone number`);
    const contact = await contactModel(connection)
      .findOne({ $or: [{ phone: phone.phone }, { chatId: chatIdOfPhone(phone.phone) }] })
      .sort({ createdAt: 1 })
      .lean<Contact>();
    if (!contact) return notFound(`no contact with the phone number ${phone.phone}`);
    const lead = await openLeadOfContact(connection, contact._id);
    link = lead ? { kind: 'lead', id: lead._id } : { kind: 'contact', id: contact._id };
  }
  return createTask(
    connection,
    {
      text: input.text,
      dueAt: input.dueAt,
      ...(input.assigneeId !== undefined && { assigneeId: input.assigneeId }),
      link,
    },
    ctx,
  );
}

/** A task list's filter: one user's, one status, due by a time. */
export interface TaskFilter {
  assigneeId?: Id;
  status?: TaskStatus;
  dueBefore?: Date;
}

/**
 * What a task list asks the database, soonest due first; null when it can match nothing (an assignee
 * that is no id). The console list, the calendar and the tasks export build their query here.
 */
export function taskQuery(
  filter: TaskFilter,
): { filter: Record<string, unknown>; sort: Record<string, 1 | -1> } | null {
  if (filter.assigneeId !== undefined && !isValidObjectId(filter.assigneeId)) return null;
  return {
    filter: {
      ...(filter.assigneeId !== undefined && { assigneeId: new Types.ObjectId(String(filter.assigneeId)) }),
      ...(filter.status && { status: filter.status }),
      ...(filter.dueBefore && { dueAt: { $lte: filter.dueBefore } }),
    },
    sort: { dueAt: 1, number: 1 },
  };
}

/** Tasks by due time (soonest first), optionally one user's, one status, or due by a time. */
export async function listTasks(
  connection: Connection,
  filter: TaskFilter & { limit?: number } = {},
): Promise<Task[]> {
  const query = taskQuery(filter);
  if (!query) return [];
  return taskModel(connection)
    .find(query.filter)
    .sort(query.sort)
    .limit(filter.limit ?? 50)
    .lean<Task[]>();
}

/** Read a task number as staff type it: 12, "12" or "#12"; undefined for anything else. */
export function parseTaskNumber(value: number | string): number | undefined {
  const text = String(value).trim().replace(/^#/, '');
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const number = Number(text);
  return number >= 1 ? number : undefined;
}

/** The task with this number (12, "12" or "#12"); null when unknown. */
export async function taskByNumber(connection: Connection, number: number | string): Promise<Task | null> {
  const parsed = parseTaskNumber(number);
  if (parsed === undefined) return null;
  return taskModel(connection).findOne({ number: parsed }).lean<Task>();
}

/** Close an open task as done or cancelled, once: repeats change nothing, the other closing fails. */
async function closeTask(
  connection: Connection,
  input: { number: number | string },
  to: Exclude<TaskStatus, 'open'>,
  ctx: TaskContext,
): Promise<TaskResult> {
  const number = parseTaskNumber(input.number);
  if (number === undefined)
    return {
      ok: false,
      code: 'TASK.INVALID',
      details: `"${String(input.number)}" is not a task number like #12`,
    };
  const stamp = to === 'done' ? 'doneAt' : 'cancelledAt';
  const task = await taskModel(connection)
    .findOneAndUpdate(
      { number, status: 'open' },
      { $set: { status: to, [stamp]: ctx.at, updatedAt: ctx.at } },
      { returnDocument: 'after' },
    )
    .lean<Task>();
  if (!task) {
    const existing = await taskByNumber(connection, number);
    if (!existing) return { ok: false, code: 'TASK.NOT_FOUND', details: `no task #${number}`, number };
    if (existing.status === to) return { ok: true, task: existing, changed: false };
    return {
      ok: false,
      code: 'TASK.CLOSED',
      details: `task #${number} is already ${existing.status === 'done' ? 'done' : 'cancelled'}`,
      number,
      status: existing.status,
    };
  }
  await audit(
    connection,
    {
      entity: 'task',
      entityId: task._id,
      action: to === 'done' ? 'completed' : 'cancelled',
      actor: ctx.actor,
      before: { status: 'open' },
      after: { status: to },
    },
    ctx.at,
  );
  await clearLeadNextAction(connection, task, ctx);
  return { ok: true, task, changed: true };
}

/** A closed task that was its lead's next action is no longer one. */
async function clearLeadNextAction(connection: Connection, task: Task, ctx: TaskContext): Promise<void> {
  if (task.link?.kind !== 'lead') return;
  const lead = await leadById(connection, task.link.id);
  const next = lead?.nextAction;
  if (!lead || lead.deletedAt || !next) return;
  if (next.text !== task.text || next.dueAt.getTime() !== task.dueAt.getTime()) return;
  await updateLead(
    connection,
    lead._id,
    { nextAction: null },
    { actor: ctx.actor, at: ctx.at },
    { leadCustomFields: [] },
  );
}

/** Mark an open task done. A second call returns `changed: false`; a cancelled task fails with TASK.CLOSED. */
export function completeTask(
  connection: Connection,
  input: { number: number | string },
  ctx: TaskContext,
): Promise<TaskResult> {
  return closeTask(connection, input, 'done', ctx);
}

/** Cancel an open task. A second call returns `changed: false`; a done task fails with TASK.CLOSED. */
export function cancelTask(
  connection: Connection,
  input: { number: number | string },
  ctx: TaskContext,
): Promise<TaskResult> {
  return closeTask(connection, input, 'cancelled', ctx);
}

/** Open tasks due by `now` whose reminder has not gone out, soonest first. */
export async function dueReminders(connection: Connection, now: Date): Promise<Task[]> {
  return taskModel(connection)
    .find({ status: 'open', dueAt: { $lte: now }, reminderSentAt: { $exists: false } })
    .sort({ dueAt: 1, number: 1 })
    .lean<Task[]>();
}

/** Claim a task's reminder: true for exactly one caller, false once it is marked (or for no such task). */
export async function markReminded(connection: Connection, taskId: Id, at: Date): Promise<boolean> {
  if (!isValidObjectId(taskId)) return false;
  const result = await taskModel(connection).updateOne(
    { _id: taskId, reminderSentAt: { $exists: false } },
    { $set: { reminderSentAt: at } },
  );
  return result.modifiedCount === 1;
}
