import { Types } from 'mongoose';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { leadCounterModel, leadModel } from '../leads/lead.model.js';
import { changeLeadStage, leadById, openLeadForContact, softDeleteLead } from '../leads/lead.use-case.js';
import { orderCounterModel, orderModel } from '../orders/order.model.js';
import { createOrder } from '../orders/order.use-case.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { userModel } from '../users/user.model.js';
import { createUser, type StaffUser, setUserActive } from '../users/user.use-case.js';
import { type Task, taskModel } from './task.model.js';
import {
  type CreateTaskResult,
  cancelTask,
  completeTask,
  createFollowUp,
  createTask,
  dueReminders,
  listTasks,
  markReminded,
  parseTaskNumber,
  taskByNumber,
} from './task.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T01:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
/** 10:00 WIB on 23 November 2026. */
const tenWib = new Date('2026-11-23T03:00:00Z');
const zone = 'Asia/Jakarta';
const bot: Actor = { kind: 'bot' };

let dewi: StaffUser;
let staff: Actor;
const ctx = (minute = 0) => ({ actor: staff, at: minutes(minute), timeZone: zone });

function taskOf(result: CreateTaskResult): Task {
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result.task;
}

async function user(login: string, whatsapp?: string): Promise<StaffUser> {
  const result = await createUser(
    db.connection,
    { name: login[0]?.toUpperCase() + login.slice(1), login, role: 'admin', ...(whatsapp && { whatsapp }) },
    { actor: bot, at: t0 },
  );
  if (!result.ok) throw new Error(result.details);
  return result.user;
}

async function contact(chatId: string, fields: Partial<Contact> = {}): Promise<Contact> {
  return (await contactModel(db.connection).create({ chatId, createdAt: t0, ...fields })).toObject();
}

async function leadOf(contactId: Types.ObjectId) {
  return (
    await openLeadForContact(
      db.connection,
      { contactId, channel: 'organic', at: t0, actor: bot },
      { leadAssignment: 'unassigned' },
    )
  ).lead;
}

beforeEach(async () => {
  await Promise.all(
    [
      taskModel,
      contactModel,
      leadModel,
      leadCounterModel,
      orderModel,
      orderCounterModel,
      userModel,
      auditModel,
    ].map((model) => model(db.connection).collection.deleteMany({})),
  );
  dewi = await user('dewi', '081211110001');
  staff = { kind: 'user', id: String(dewi._id), name: dewi.name };
});

describe('createTask', () => {
  it('creates an open task numbered 1, 2, 3… with an audit entry', async () => {
    const first = taskOf(
      await createTask(
        db.connection,
        { text: ' Telepon Bu Sari ', dueAt: tenWib, assigneeId: dewi._id },
        ctx(),
      ),
    );
    expect(first).toMatchObject({
      number: 1,
      text: 'Telepon Bu Sari',
      dueAt: tenWib,
      assigneeId: dewi._id,
      status: 'open',
      createdBy: staff,
    });
    const second = taskOf(await createTask(db.connection, { text: 'Cek stok', dueAt: tenWib }, ctx()));
    expect(second.number).toBe(2);
    expect(second.assigneeId).toBeUndefined();
    const entries = await auditModel(db.connection).find({ entity: 'task', action: 'created' }).lean();
    expect(entries.map((entry) => entry.after?.number)).toEqual([1, 2]);
  });

  it('gives concurrent creations different numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createTask(db.connection, { text: `tugas ${i}`, dueAt: tenWib }, ctx()),
      ),
    );
    const numbers = results.map((result) => taskOf(result).number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses bad text and due times with TASK.INVALID', async () => {
    for (const input of [
      { text: '', dueAt: tenWib },
      { text: '   ', dueAt: tenWib },
      { text: 'x'.repeat(501), dueAt: tenWib },
      { text: 'ok', dueAt: new Date('nonsense') },
      { text: 'ok', dueAt: '2026-11-23' as unknown as Date },
      { text: 'ok', dueAt: tenWib, link: { kind: 'invoice' as 'order', id: new Types.ObjectId() } },
    ]) {
      const result = await createTask(db.connection, input, ctx());
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'TASK.INVALID' });
    }
    expect(await createTask(db.connection, { text: 'x'.repeat(500), dueAt: tenWib }, ctx())).toMatchObject({
      ok: true,
    });
    const result = await createTask(db.connection, { text: 'ok', dueAt: new Date('nonsense') }, ctx());
    expect(result.ok || result.details).toBe('dueAt must be a valid date and time');
  });

  it('needs an active user as assignee', async () => {
    const budi = await user('budi');
    await setUserActive(db.connection, budi._id, false, { actor: bot, at: t0 });
    for (const assigneeId of [budi._id, new Types.ObjectId(), 'not-an-id'])
      expect(await createTask(db.connection, { text: 'x', dueAt: tenWib, assigneeId }, ctx())).toMatchObject({
        ok: false,
        code: expect.stringMatching(/^TASK\.(ASSIGNEE_NOT_FOUND|INVALID)$/),
      });
    expect(
      await createTask(db.connection, { text: 'x', dueAt: tenWib, assigneeId: new Types.ObjectId() }, ctx()),
    ).toMatchObject({ code: 'TASK.ASSIGNEE_NOT_FOUND' });
    expect(await taskModel(db.connection).countDocuments()).toBe(0);
  });

  it('needs the linked record to exist', async () => {
    for (const kind of ['lead', 'order', 'contact'] as const)
      expect(
        await createTask(
          db.connection,
          { text: 'x', dueAt: tenWib, link: { kind, id: new Types.ObjectId() } },
          ctx(),
        ),
      ).toMatchObject({ ok: false, code: 'TASK.LINK_NOT_FOUND' });
    const sari = await contact('6281234567890@c.us', { phone: '+6281234567890' });
    const lead = await leadOf(sari._id);
    await softDeleteLead(db.connection, lead._id, { actor: bot, at: t0 });
    expect(
      await createTask(
        db.connection,
        { text: 'x', dueAt: tenWib, link: { kind: 'lead', id: lead._id } },
        ctx(),
      ),
    ).toMatchObject({ ok: false, code: 'TASK.LINK_NOT_FOUND' });
  });

  it("makes a lead link the lead's next action and notes it on the lead", async () => {
    const sari = await contact('6281234567890@c.us', { phone: '+6281234567890', name: 'Bu Sari' });
    const lead = await leadOf(sari._id);
    const task = taskOf(
      await createTask(
        db.connection,
        { text: 'Kirim penawaran', dueAt: tenWib, link: { kind: 'lead', id: String(lead._id) } },
        ctx(1),
      ),
    );
    expect(task.link).toEqual({ kind: 'lead', id: lead._id, label: 'Bu Sari (+6281234567890)' });
    expect(task.contactId).toEqual(sari._id);
    const updated = await leadById(db.connection, lead._id);
    expect(updated?.nextAction).toEqual({ text: 'Kirim penawaran', dueAt: tenWib });
    expect(updated?.activities).toEqual([
      expect.objectContaining({
        kind: 'note',
        text: 'Task #1 (due 2026-11-23 10:00): Kirim penawaran',
        at: minutes(1),
        by: dewi._id,
      }),
    ]);
  });
});

describe('createFollowUp', () => {
  it('resolves every Indonesian form of an existing contact phone to its open lead, else the contact', async () => {
    const sari = await contact('6281234567890@c.us', { phone: '+6281234567890', pushName: 'Sari' });
    const contactLinks = [];
    for (const target of ['0812-3456-7890', '+62 812 3456 7890', '6281234567890']) {
      const task = taskOf(
        await createFollowUp(
          db.connection,
          { target, dueAt: tenWib, text: 'Tanya kabar', assigneeId: dewi._id },
          ctx(),
        ),
      );
      contactLinks.push(task.link);
    }
    expect(contactLinks).toEqual(
      Array(3).fill({ kind: 'contact', id: sari._id, label: 'Sari (+6281234567890)' }),
    );

    const lead = await leadOf(sari._id);
    const withLead = taskOf(
      await createFollowUp(
        db.connection,
        { target: '0812 3456 7890', dueAt: tenWib, text: 'Follow up' },
        ctx(),
      ),
    );
    expect(withLead.link).toMatchObject({ kind: 'lead', id: lead._id });
    expect((await leadById(db.connection, lead._id))?.nextAction?.text).toBe('Follow up');

    // A won lead is no longer open: back to the contact.
    await changeLeadStage(db.connection, { leadId: lead._id, to: 'won', actor: bot, at: t0 });
    const afterWin = taskOf(
      await createFollowUp(
        db.connection,
        { target: '081234567890', dueAt: tenWib, text: 'Terima kasih' },
        ctx(),
      ),
    );
    expect(afterWin.link?.kind).toBe('contact');
  });

  it('resolves an order number to the order', async () => {
    const sari = await contact('6281234567890@c.us');
    const created = await createOrder(
      db.connection,
      {
        kind: 'custom',
        contactId: sari._id,
        chatId: sari.chatId,
        custom: { description: 'Logo' },
        source: 'whatsapp',
      },
      { actor: bot, at: t0, timeZone: zone },
    );
    if (!created.ok) throw new Error(created.details);
    const task = taskOf(
      await createFollowUp(
        db.connection,
        { target: created.order.number.toLowerCase(), dueAt: tenWib, text: 'Kirim draft' },
        ctx(),
      ),
    );
    expect(task.link).toEqual({ kind: 'order', id: created.order._id, label: created.order.number });
    expect(task.contactId).toEqual(sari._id);
  });

  it('fails clearly for unknown targets and creates no contact', async () => {
    expect(
      await createFollowUp(db.connection, { target: '0812-9999-0000', dueAt: tenWib, text: 'x' }, ctx()),
    ).toEqual({
      ok: false,
      code: 'TASK.TARGET_NOT_FOUND',
      details: 'no contact with the phone number +6281299990000',
      target: '0812-9999-0000',
    });
    expect(
      await createFollowUp(db.connection, { target: 'ORD-202611-0042', dueAt: tenWib, text: 'x' }, ctx()),
    ).toMatchObject({ code: 'TASK.TARGET_NOT_FOUND', details: 'no order ORD-202611-0042' });
    expect(
      await createFollowUp(db.connection, { target: 'Bu Sari', dueAt: tenWib, text: 'x' }, ctx()),
    ).toMatchObject({
      code: 'TASK.TARGET_NOT_FOUND',
      details: '"Bu Sari" is neither an order number (ORD-…) nor a phone number',
    });
    expect(await contactModel(db.connection).countDocuments()).toBe(0);
    expect(await taskModel(db.connection).countDocuments()).toBe(0);
  });

  it('still validates the text', async () => {
    await contact('6281234567890@c.us', { phone: '+6281234567890' });
    expect(
      await createFollowUp(db.connection, { target: '081234567890', dueAt: tenWib, text: ' ' }, ctx()),
    ).toMatchObject({ ok: false, code: 'TASK.INVALID' });
  });
});

describe('completeTask and cancelTask', () => {
  it('completes once: a repeat is changed:false; cancelling a done task is TASK.CLOSED', async () => {
    taskOf(await createTask(db.connection, { text: 'x', dueAt: tenWib }, ctx()));
    const done = await completeTask(db.connection, { number: 1 }, ctx(5));
    expect(done).toMatchObject({ ok: true, changed: true, task: { status: 'done', doneAt: minutes(5) } });
    expect(await completeTask(db.connection, { number: 1 }, ctx(6))).toMatchObject({
      ok: true,
      changed: false,
      task: { doneAt: minutes(5) },
    });
    expect(await cancelTask(db.connection, { number: 1 }, ctx(7))).toMatchObject({
      ok: false,
      code: 'TASK.CLOSED',
      status: 'done',
      details: 'task #1 is already done',
    });
  });

  it('cancels once; completing a cancelled task is TASK.CLOSED', async () => {
    taskOf(await createTask(db.connection, { text: 'x', dueAt: tenWib }, ctx()));
    expect(await cancelTask(db.connection, { number: '#1' as unknown as number }, ctx(1))).toMatchObject({
      changed: true,
      task: { status: 'cancelled', cancelledAt: minutes(1) },
    });
    expect(await cancelTask(db.connection, { number: 1 }, ctx(2))).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(await completeTask(db.connection, { number: 1 }, ctx(3))).toMatchObject({
      ok: false,
      code: 'TASK.CLOSED',
      status: 'cancelled',
    });
    const actions = await auditModel(db.connection).find({ entity: 'task' }).sort({ at: 1 }).lean();
    expect(actions.map((entry) => entry.action)).toEqual(['created', 'cancelled']);
  });

  it('counts one of two concurrent completions', async () => {
    taskOf(await createTask(db.connection, { text: 'x', dueAt: tenWib }, ctx()));
    const results = await Promise.all([1, 2].map(() => completeTask(db.connection, { number: 1 }, ctx(1))));
    expect(results.map((result) => result.ok && result.changed).sort()).toEqual([false, true]);
    expect(await auditModel(db.connection).countDocuments({ entity: 'task', action: 'completed' })).toBe(1);
  });

  it('fails for unknown tasks', async () => {
    expect(await completeTask(db.connection, { number: 9 }, ctx())).toMatchObject({
      ok: false,
      code: 'TASK.NOT_FOUND',
      number: 9,
    });
    expect(await cancelTask(db.connection, { number: 0 }, ctx())).toMatchObject({ code: 'TASK.INVALID' });
  });

  it("clears the lead's next action when it was this task", async () => {
    const sari = await contact('6281234567890@c.us', { phone: '+6281234567890' });
    const lead = await leadOf(sari._id);
    const task = taskOf(
      await createTask(
        db.connection,
        { text: 'Telepon', dueAt: tenWib, link: { kind: 'lead', id: lead._id } },
        ctx(),
      ),
    );
    await completeTask(db.connection, { number: task.number }, ctx(1));
    expect((await leadById(db.connection, lead._id))?.nextAction).toBeUndefined();
  });
});

describe('dueReminders and markReminded', () => {
  it('returns a task due 10:00 WIB from 10:00 WIB on, until it is marked', async () => {
    const task = taskOf(
      await createTask(db.connection, { text: 'x', dueAt: tenWib, assigneeId: dewi._id }, ctx()),
    );
    expect(await dueReminders(db.connection, new Date('2026-11-23T02:59:00Z'))).toEqual([]);
    expect((await dueReminders(db.connection, tenWib)).map((due) => due.number)).toEqual([1]);
    const claims = await Promise.all([1, 2].map(() => markReminded(db.connection, task._id, tenWib)));
    expect(claims.sort()).toEqual([false, true]);
    expect(await markReminded(db.connection, String(task._id), minutes(200))).toBe(false);
    expect(await dueReminders(db.connection, minutes(600))).toEqual([]);
    expect((await taskByNumber(db.connection, 1))?.reminderSentAt).toEqual(tenWib);
  });

  it('skips closed tasks', async () => {
    taskOf(await createTask(db.connection, { text: 'x', dueAt: tenWib }, ctx()));
    await cancelTask(db.connection, { number: 1 }, ctx());
    expect(await dueReminders(db.connection, minutes(600))).toEqual([]);
    expect(await markReminded(db.connection, 'nope', tenWib)).toBe(false);
  });
});

describe('listTasks and taskByNumber', () => {
  it('filters by assignee and status, soonest due first', async () => {
    const budi = await user('budi');
    await createTask(db.connection, { text: 'c', dueAt: minutes(30), assigneeId: dewi._id }, ctx());
    await createTask(db.connection, { text: 'a', dueAt: minutes(10), assigneeId: dewi._id }, ctx());
    await createTask(db.connection, { text: 'b', dueAt: minutes(20), assigneeId: budi._id }, ctx());
    await createTask(db.connection, { text: 'd', dueAt: minutes(5), assigneeId: dewi._id }, ctx());
    await completeTask(db.connection, { number: 4 }, ctx());

    const texts = (tasks: Task[]) => tasks.map((task) => task.text);
    expect(texts(await listTasks(db.connection))).toEqual(['d', 'a', 'b', 'c']);
    expect(texts(await listTasks(db.connection, { assigneeId: String(dewi._id), status: 'open' }))).toEqual([
      'a',
      'c',
    ]);
    expect(texts(await listTasks(db.connection, { status: 'done' }))).toEqual(['d']);
    expect(texts(await listTasks(db.connection, { status: 'open', dueBefore: minutes(20) }))).toEqual([
      'a',
      'b',
    ]);
    expect(texts(await listTasks(db.connection, { limit: 1 }))).toEqual(['d']);
    expect(await listTasks(db.connection, { assigneeId: 'nope' })).toEqual([]);
  });

  it('reads task numbers as staff type them', async () => {
    await createTask(db.connection, { text: 'x', dueAt: tenWib }, ctx());
    expect((await taskByNumber(db.connection, '#1'))?.text).toBe('x');
    expect(await taskByNumber(db.connection, 2)).toBeNull();
    expect([12, '12', ' #12 ', '#0', 'x', '1.5', -1].map((value) => parseTaskNumber(value))).toEqual([
      12,
      12,
      12,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
