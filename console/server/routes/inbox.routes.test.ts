import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { chatModel } from '../../../domain/chats/chat.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { leadModel } from '../../../domain/leads/lead.model.js';
import { flagForStaff } from '../../../domain/messages/attention.use-case.js';
import { type Message, messageModel } from '../../../domain/messages/message.model.js';
import { orderModel } from '../../../domain/orders/order.model.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import type { ManualClock } from '../../../domain/platform/clock.js';
import { keyedForm } from '../../../domain/platform/field-encryption.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { taskModel } from '../../../domain/tasks/task.model.js';
import type { StaffUser } from '../../../domain/users/user.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { inboxRoutes } from './inbox.routes.js';

const db = useTestDatabase();
let app: App;
let clock: ManualClock;
let adminUser: StaffUser;
let admin: { cookie: string; 'x-csrf-token': string };
let manager: { cookie: string; 'x-csrf-token': string };

const BUDI = '6281234567890@c.us';
const ANI = '6285711112222@c.us';

beforeAll(async () => {
  ({ app, clock } = await buildTestApp(db.connection));
  adminUser = await staffUser(db.connection, 'admin');
  await staffUser(db.connection, 'manager');
  admin = await loginAs(app, 'admin');
  manager = await loginAs(app, 'manager');
});

beforeEach(async () => {
  const { connection } = db;
  await Promise.all([
    messageModel(connection).deleteMany({}),
    contactModel(connection).deleteMany({}),
    orderModel(connection).deleteMany({}),
    leadModel(connection).deleteMany({}),
    taskModel(connection).deleteMany({}),
    outboxModel(connection).deleteMany({}),
    chatModel(connection).deleteMany({}),
  ]);
  await contactModel(db.connection).create({
    chatId: BUDI,
    phone: '+6281234567890',
    pushName: 'Budi',
    createdAt: clock.now(),
  });
});

/** A customer message flagged for a person `minute` minutes after 10:00 WIB. */
async function flagged(
  waId: string,
  minute: number,
  fields: Partial<Message> = {},
  reason: 'unclear' | 'handover' | 'paused' | 'failed' = 'unclear',
): Promise<void> {
  const at = new Date(Date.parse('2026-11-23T03:00:00Z') + minute * 60_000);
  await messageModel(db.connection).create({
    waId,
    chatId: BUDI,
    direction: 'in',
    author: 'customer',
    type: 'text',
    body: 'kak bisa bikin logo buat kedai kopi?',
    pushName: 'Budi',
    sentAt: at,
    receivedAt: at,
    ...fields,
  });
  await flagForStaff(db.connection, waId, reason, at);
}

const list = async () => (await app.inject({ method: 'GET', url: '/api/inbox', headers: admin })).json();
const listed = async () => (await list()).items.map((item: { waId: string }) => item.waId);
const act = (waId: string, action: string, payload: object = {}, headers = admin) =>
  app.inject({ method: 'POST', url: `/api/inbox/${encodeURIComponent(waId)}/${action}`, headers, payload });

describe('GET /api/inbox', () => {
  it('lists messages that need a person, newest first, with their contact', async () => {
    await flagged('M1', 1, { body: 'qwerty' });
    await flagged('M2', 3, { body: 'mau ngomong sama admin' }, 'handover');
    await flagged('M3', 2, { chatId: ANI, pushName: 'Ani', type: 'image', body: '' }, 'failed');
    // A message nobody flagged is not in the inbox.
    await messageModel(db.connection).create({
      waId: 'FINE',
      chatId: BUDI,
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: 'katalog',
      sentAt: clock.now(),
      receivedAt: clock.now(),
    });
    const response = await app.inject({ method: 'GET', url: '/api/inbox', headers: manager });
    expect(response.statusCode).toBe(200);
    const answer = inboxRoutes[0]!.response!.parse(response.json());
    expect(answer).toEqual({
      total: 3,
      items: [
        {
          waId: 'M2',
          chatId: BUDI,
          contact: { id: expect.any(String), name: 'Budi', phone: '+6281234567890' },
          body: 'mau ngomong sama admin',
          type: 'text',
          sentAt: '2026-11-23T03:03:00.000Z',
          reason: 'handover',
          flaggedAt: '2026-11-23T03:03:00.000Z',
        },
        expect.objectContaining({ waId: 'M3', contact: null, type: 'image', reason: 'failed' }),
        expect.objectContaining({ waId: 'M1', reason: 'unclear' }),
      ],
    });
  });
});

describe('POST /api/inbox/:waId/order', () => {
  it('makes a custom order from the message for its contact and closes the item', async () => {
    await flagged('false_6281234567890@c.us_3EB0AA', 1);
    const response = await act('false_6281234567890@c.us_3EB0AA', 'order', {
      budget: 500000,
      deadline: '2026-12-20',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      order: { number: 'ORD-202611-0001', status: 'pending', total: 0 },
      created: true,
    });
    const order = await orderModel(db.connection).findOne().lean();
    expect(order).toMatchObject({
      kind: 'custom',
      chatId: BUDI,
      customerName: 'Budi',
      source: 'console',
      requestKey: keyedForm('inbox:false_6281234567890@c.us_3EB0AA'),
      messageIds: ['false_6281234567890@c.us_3EB0AA'],
      custom: { description: 'kak bisa bikin logo buat kedai kopi?', budget: 500000, deadline: '2026-12-20' },
    });
    expect(await listed()).toEqual([]);
    const stored = await messageModel(db.connection)
      .findOne({ waId: 'false_6281234567890@c.us_3EB0AA' })
      .lean();
    expect(stored?.attention).toMatchObject({
      outcome: 'order',
      ref: 'ORD-202611-0001',
      doneBy: { kind: 'user', id: String(adminUser._id) },
    });
    expect(
      await auditModel(db.connection).countDocuments({ entity: 'message', action: 'attention_resolved' }),
    ).toBe(1);
  });

  it('makes one order when asked twice, one after the other or at the same moment', async () => {
    await flagged('M1', 1);
    const first = await act('M1', 'order', { description: 'logo kopi' });
    expect(first.statusCode).toBe(200);
    const again = await act('M1', 'order', { description: 'logo kopi' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'INBOX.ALREADY_DONE',
      outcome: 'order',
      ref: first.json().order.number,
    });

    await flagged('M2', 2);
    const both = await Promise.all([act('M2', 'order'), act('M2', 'order', {}, manager)]);
    expect(both.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(await orderModel(db.connection).countDocuments()).toBe(2);
  });

  it('refuses a bad body or a message without text by the field, and makes nothing', async () => {
    await flagged('M1', 1, { type: 'image', body: '' });
    const budget = await act('M1', 'order', { budget: -5 });
    expect(budget.statusCode).toBe(400);
    expect(budget.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.budget' });
    const deadline = await act('M1', 'order', { deadline: 'tgl 20' });
    expect(deadline.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.deadline' });
    const empty = await act('M1', 'order');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.description' });
    expect(await orderModel(db.connection).countDocuments()).toBe(0);
    // Still open and free to act on.
    expect(await listed()).toEqual(['M1']);
    expect((await act('M1', 'order', { description: 'logo seperti foto' })).statusCode).toBe(200);
  });

  it('makes the contact when the bot failed before it could', async () => {
    await flagged('M1', 1, { chatId: ANI, pushName: 'Ani' }, 'failed');
    expect((await act('M1', 'order')).json().order.number).toMatch(/^ORD-202611-\d{4}$/);
    expect(await contactModel(db.connection).findOne({ chatId: ANI }).lean()).toMatchObject({
      pushName: 'Ani',
      phone: '+6285711112222',
    });
  });
});

describe('a chat whose contact was merged into another', () => {
  it('makes the order for the kept contact', async () => {
    const kept = await contactModel(db.connection).findOne({ chatId: BUDI }).lean();
    await contactModel(db.connection).create({
      chatId: '987654321@lid',
      pushName: 'Budi (lid)',
      mergedInto: kept!._id,
      createdAt: clock.now(),
    });
    await flagged('M1', 1, { chatId: '987654321@lid' });
    expect((await list()).items[0].contact).toEqual({
      id: String(kept!._id),
      name: 'Budi',
      phone: '+6281234567890',
    });
    expect((await act('M1', 'order')).statusCode).toBe(200);
    expect((await orderModel(db.connection).findOne().lean())?.contactId).toEqual(kept!._id);
  });
});

describe('POST /api/inbox/:waId/lead', () => {
  it('opens a lead with the message as a chat activity, once', async () => {
    await flagged('M1', 1);
    const response = await act('M1', 'lead', { interest: 'logo kedai kopi' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ lead: { id: expect.any(String), stage: 'new' }, created: true });
    const lead = await leadModel(db.connection).findOne().lean();
    expect(lead).toMatchObject({ interest: 'logo kedai kopi', channel: 'organic', open: true });
    expect(lead?.activities).toMatchObject([{ kind: 'chat', text: 'kak bisa bikin logo buat kedai kopi?' }]);
    expect(await listed()).toEqual([]);
    expect((await messageModel(db.connection).findOne({ waId: 'M1' }).lean())?.attention).toMatchObject({
      outcome: 'lead',
      ref: String(lead?._id),
    });
    expect((await act('M1', 'lead')).json()).toMatchObject({
      error: 'INBOX.ALREADY_DONE',
      ref: String(lead?._id),
    });

    // The next message of the same contact lands on the same open lead; at once, still one activity.
    await flagged('M2', 2, { body: 'budget 500rb' });
    const both = await Promise.all([act('M2', 'lead'), act('M2', 'lead', {}, manager)]);
    expect(both.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 200)?.json()).toMatchObject({ created: false });
    const leads = await leadModel(db.connection).find().lean();
    expect(leads).toHaveLength(1);
    expect(leads[0]?.activities.map((activity) => activity.text)).toEqual([
      'kak bisa bikin logo buat kedai kopi?',
      'budget 500rb',
    ]);
  });
});

describe('POST /api/inbox/:waId/task', () => {
  it('makes a task for the signed-in user about the contact, once', async () => {
    await flagged('M1', 1);
    const response = await act('M1', 'task', { dueAt: '2026-11-24T10:00:00+07:00' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      task: {
        number: 1,
        text: 'kak bisa bikin logo buat kedai kopi?',
        dueAt: '2026-11-24T03:00:00.000Z',
        status: 'open',
        assigneeId: String(adminUser._id),
      },
    });
    const task = await taskModel(db.connection).findOne().lean();
    expect(task?.link).toMatchObject({ kind: 'contact', label: 'Budi (+6281234567890)' });
    expect(await listed()).toEqual([]);
    expect((await act('M1', 'task', { dueAt: '2026-11-24T10:00:00+07:00' })).statusCode).toBe(409);

    await flagged('M2', 2);
    const both = await Promise.all([
      act('M2', 'task', { text: 'telpon Budi', dueAt: '2026-11-24T10:00:00+07:00' }),
      act('M2', 'task', { text: 'telpon Budi', dueAt: '2026-11-24T10:00:00+07:00' }),
    ]);
    expect(both.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(await taskModel(db.connection).countDocuments()).toBe(2);
  });

  it('needs a due time with an offset and makes nothing without one', async () => {
    await flagged('M1', 1);
    const response = await act('M1', 'task', { text: 'telpon', dueAt: 'besok' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.dueAt' });
    expect(await taskModel(db.connection).countDocuments()).toBe(0);
    expect(await listed()).toEqual(['M1']);
  });
});

describe('POST /api/inbox/:waId/reply', () => {
  it('answers the customer, pauses the bot and closes every open item of the chat', async () => {
    await flagged('M1', 1);
    await flagged('M2', 2, {}, 'paused');
    await flagged('OTHER', 3, { chatId: ANI });
    const requestId = '0b5f4c1e-3a8e-4d55-9c2b-7f7f0e6a1d10';
    const response = await act('M2', 'reply', { text: 'Bisa kak, budgetnya berapa?', requestId });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      queued: true,
      text: 'Bisa kak, budgetnya berapa?',
      botPausedUntil: expect.any(String),
      resolved: 2,
    });
    expect(
      await outboxModel(db.connection).find({}, { _id: 0, chatId: 1, text: 1, origin: 1, key: 1 }).lean(),
    ).toEqual([
      {
        key: `console-reply:${requestId}`,
        chatId: BUDI,
        text: 'Bisa kak, budgetnya berapa?',
        origin: 'staff',
      },
    ]);
    expect((await chatModel(db.connection).findOne({ chatId: BUDI }).lean())?.pauseReason).toBe('staff');
    expect(await listed()).toEqual(['OTHER']);
    const again = await act('M2', 'reply', { text: 'Bisa kak, budgetnya berapa?', requestId });
    expect(again.statusCode).toBe(409);
    expect(await outboxModel(db.connection).countDocuments()).toBe(1);
  });

  it('refuses an empty reply and sends nothing', async () => {
    await flagged('M1', 1);
    const response = await act('M1', 'reply', { text: '  ' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'body.text' });
    expect(await outboxModel(db.connection).countDocuments()).toBe(0);
  });
});

describe('POST /api/inbox/:waId/done and unknown messages', () => {
  it('closes an item with nothing to do, once', async () => {
    await flagged('M1', 1);
    const done = await act('M1', 'done');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ done: true });
    expect(await listed()).toEqual([]);
    const again = await act('M1', 'done', {}, manager);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: 'INBOX.ALREADY_DONE',
      outcome: 'dismissed',
      doneBy: 'Test admin',
    });
  });

  it('answers 404 for a message that is not in the inbox, and makes nothing', async () => {
    await messageModel(db.connection).create({
      waId: 'PLAIN',
      chatId: BUDI,
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: 'halo',
      sentAt: clock.now(),
      receivedAt: clock.now(),
    });
    const cases: [string, object][] = [
      ['order', {}],
      ['lead', {}],
      ['task', { dueAt: '2026-11-24T10:00:00+07:00' }],
      ['reply', { text: 'halo' }],
      ['done', {}],
    ];
    for (const waId of ['PLAIN', 'NOPE'])
      for (const [action, payload] of cases) {
        const response = await act(waId, action, payload);
        expect(response.statusCode, `${action} ${waId}`).toBe(404);
        expect(response.json()).toMatchObject({ error: 'INBOX.NOT_FOUND', waId });
      }
    const made = await Promise.all([
      orderModel(db.connection).countDocuments(),
      leadModel(db.connection).countDocuments(),
      taskModel(db.connection).countDocuments(),
      outboxModel(db.connection).countDocuments(),
    ]);
    expect(made).toEqual([0, 0, 0, 0]);
  });
});
