import { beforeAll, describe, expect, it } from 'vitest';
import { contactModel } from '../contacts/contact.model.js';
import { orderModel } from '../orders/order.model.js';
import { ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { taskModel } from '../tasks/task.model.js';
import { createFollowUp, createTask } from '../tasks/task.use-case.js';
import { type StaffUser, setUserActive } from '../users/user.use-case.js';
import { createScheduler } from './scheduler.js';
import { taskRemindersJob } from './task-reminders.job.js';
import { queued, staffUser } from './testing.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'test');
const wib = (local: string) => new Date(`${local}+07:00`);
const created = wib('2026-11-23T15:00:00');
const staff = { kind: 'user' as const, id: 'u1', name: 'Dewi' };

let dewi: StaffUser;

beforeAll(async () => {
  await staffUser(db.connection, 'Sari', 'owner', '081299990000', created);
  dewi = await staffUser(db.connection, 'Dewi', 'admin', '081299990001', created);
  await contactModel(db.connection).create({
    chatId: '6281234567890@c.us',
    phone: '+6281234567890',
    name: 'Budi',
    createdAt: created,
  });
});

describe('task-reminders job', () => {
  it('reminds a follow-up due at 10:00 WIB at 10:00 WIB, once, and not again after a restart', async () => {
    const dueAt = wib('2026-11-24T10:00:00'); // 03:00 UTC
    const followUp = await createFollowUp(
      db.connection,
      { target: '0812-3456-7890', dueAt, text: 'telpon', assigneeId: dewi._id },
      { actor: staff, at: created, timeZone: 'Asia/Jakarta' },
    );
    expect(followUp.ok).toBe(true);
    const scheduler = createScheduler({ connection: db.connection, log, clock: new ManualClock(created) });

    await scheduler.runDue(wib('2026-11-24T09:59:59'));
    expect(await queued(db.connection, 'task-reminder:')).toEqual([]);

    await scheduler.runDue(new Date('2026-11-24T03:00:00Z'));
    const sent = await queued(db.connection, 'task-reminder:');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ chatId: '6281299990001@c.us', createdAt: dueAt });
    // Named in shop time (10:00, not 03:00 UTC), with the contact and the exact command.
    expect(sent[0]!.text).toBe(
      '⏰ Pengingat tugas *#1* (24/11 10:00):\ntelpon\nTerkait: Budi (+6281234567890)\nSudah selesai? Balas *done 1*',
    );

    await scheduler.runDue(wib('2026-11-24T10:01:00'));
    // 10:00 UTC (17:00 WIB) is nothing special.
    await scheduler.runDue(new Date('2026-11-24T10:00:00Z'));
    // A restart: a fresh scheduler on the same database.
    const restarted = createScheduler({ connection: db.connection, log, clock: new ManualClock(created) });
    await restarted.runDue(wib('2026-11-24T17:05:00'));
    expect(await queued(db.connection, 'task-reminder:')).toHaveLength(1);
    const task = await taskModel(db.connection).findOne({ number: 1 }).lean();
    expect(task?.reminderSentAt).toEqual(new Date('2026-11-24T03:00:00Z'));
  });

  it('sends an order task to everyone on staff when it has no assignee, naming the order command', async () => {
    const order = await orderModel(db.connection).create({
      number: 'ORD-202611-0042',
      trackingToken: 'token-42',
      contactId: (await contactModel(db.connection).findOne().lean())!._id,
      chatId: '6281234567890@c.us',
      kind: 'catalog',
      subtotal: 0,
      discount: 0,
      shippingFee: 0,
      total: 0,
      paymentStatus: 'unpaid',
      paidAmount: 0,
      source: 'console',
      status: 'confirmed',
      createdAt: created,
      updatedAt: created,
    });
    const result = await createTask(
      db.connection,
      { text: 'siapkan pita', dueAt: wib('2026-11-25T08:00:00'), link: { kind: 'order', id: order._id } },
      { actor: staff, at: created },
    );
    if (!result.ok) throw new Error(result.details);
    const at = wib('2026-11-25T08:00:00');
    await taskRemindersJob.run({ connection: db.connection, log, now: at });
    await taskRemindersJob.run({ connection: db.connection, log, now: at });
    const sent = await queued(db.connection, `task-reminder:${String(result.task._id)}`);
    expect(sent.map((item) => item.chatId)).toEqual(['6281299990000@c.us', '6281299990001@c.us']);
    expect(sent[0]!.text).toContain('Pesanan: ORD-202611-0042 (lihat: *order ORD-202611-0042*)');
    expect(sent[0]!.text).toContain(`*done ${result.task.number}*`);
  });

  it('falls back to all staff when the assignee was switched off', async () => {
    const leaving = await staffUser(db.connection, 'Rina', 'admin', '081299990002', created);
    const result = await createTask(
      db.connection,
      { text: 'balas email', dueAt: wib('2026-11-26T09:00:00'), assigneeId: leaving._id },
      { actor: staff, at: created },
    );
    if (!result.ok) throw new Error(result.details);
    await setUserActive(db.connection, leaving._id, false, { actor: staff, at: created });
    await taskRemindersJob.run({ connection: db.connection, log, now: wib('2026-11-26T09:00:00') });
    const sent = await queued(db.connection, `task-reminder:${String(result.task._id)}`);
    expect(sent.map((item) => item.chatId)).toEqual(['6281299990000@c.us', '6281299990001@c.us']);
    expect(sent[0]!.text).toContain('(26/11 09:00)');
  });
});
