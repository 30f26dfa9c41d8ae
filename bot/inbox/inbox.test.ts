import { beforeEach, describe, expect, it } from 'vitest';
import { chatModel } from '../../domain/chats/chat.model.js';
import { pauseBot } from '../../domain/chats/chat.use-case.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { queuedTexts, silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';
import type { Handler } from './compose.js';
import { quietWhilePaused } from './guards.js';
import { Inbox } from './inbox.js';

const db = useTestDatabase();

const echo: Handler = async (context) => {
  await context.reply(`echo: ${context.message.body}`);
};

const inboxWith = (handlers: Handler[]) =>
  new Inbox({
    connection: db.connection,
    log: silentLog,
    locale: 'id',
    handlers: [quietWhilePaused, ...handlers],
    phoneTakeoverMs: 30 * 60_000,
  });

beforeEach(async () => {
  await Promise.all([
    messageModel(db.connection).deleteMany({}),
    outboxModel(db.connection).deleteMany({}),
    chatModel(db.connection).deleteMany({}),
  ]);
});

describe('Inbox', () => {
  it('stores and answers a duplicate event once', async () => {
    const inbox = inboxWith([echo]);
    const sim = new SimulatorTransport();
    const first = sim.receive({ chatId: '6281234567890@c.us', body: 'halo', id: 'WA-1' });
    await inbox.receive(first);
    await inbox.receive({ ...first });
    await inbox.idle();
    expect(await messageModel(db.connection).countDocuments({ waId: 'WA-1' })).toBe(1);
    expect(await queuedTexts(db.connection)).toEqual([
      { key: 'reply:WA-1:1', chatId: '6281234567890@c.us', text: 'echo: halo' },
    ]);
    const stored = await messageModel(db.connection).findOne({ waId: 'WA-1' }).lean();
    expect(stored?.processing).toMatchObject({ state: 'done', attempts: 1 });
    expect((await chatModel(db.connection).findOne({ chatId: '6281234567890@c.us' }).lean())?.unread).toBe(1);
  });

  it('marks a message failed when a handler throws, stays alive, and apologises once', async () => {
    const inbox = inboxWith([
      async () => {
        throw new Error('catalog lookup exploded');
      },
    ]);
    const sim = new SimulatorTransport();
    await inbox.receive(sim.receive({ chatId: '62811@c.us', body: 'pesan 2 buket', id: 'WA-F1' }));
    await inbox.receive(sim.receive({ chatId: '62811@c.us', body: 'halo?', id: 'WA-F2' }));
    await inbox.idle();
    const failed = await messageModel(db.connection)
      .find({ chatId: '62811@c.us' })
      .sort({ receivedAt: 1 })
      .lean();
    expect(failed.map((m) => m.processing)).toMatchObject([
      { state: 'failed', error: 'catalog lookup exploded' },
      { state: 'failed', error: 'catalog lookup exploded' },
    ]);
    const replies = await queuedTexts(db.connection);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Maaf');
  });

  it('leaves a message whose handling failed in the console inbox, once, even when processed again', async () => {
    const inbox = inboxWith([
      async () => {
        throw new Error('catalog lookup exploded');
      },
    ]);
    const sim = new SimulatorTransport();
    await inbox.receive(sim.receive({ chatId: '62812@c.us', body: 'pesan 2 buket', id: 'WA-X1' }));
    await inbox.idle();
    const flagged = (await messageModel(db.connection).findOne({ waId: 'WA-X1' }).lean())?.attention;
    expect(flagged).toMatchObject({ reason: 'failed' });
    // A restart that finds it unfinished fails it again: still one flag, the first one.
    await messageModel(db.connection).updateOne(
      { waId: 'WA-X1' },
      { $set: { 'processing.state': 'pending' } },
    );
    expect(await inbox.recover()).toBe(1);
    await inbox.idle();
    expect((await messageModel(db.connection).findOne({ waId: 'WA-X1' }).lean())?.attention).toEqual(flagged);
  });

  it('leaves what a customer writes during a hand-over in the console inbox, but not while the shop phone talks', async () => {
    const inbox = inboxWith([echo]);
    const sim = new SimulatorTransport();
    const later = new Date(Date.now() + 60 * 60_000);
    await pauseBot(db.connection, '62813@c.us', later, 'handover');
    await pauseBot(db.connection, '62814@c.us', later, 'phone');
    await inbox.receive(sim.receive({ chatId: '62813@c.us', body: 'halo?', id: 'WA-P1' }));
    await inbox.receive(sim.receive({ chatId: '62814@c.us', body: 'oke', id: 'WA-P2' }));
    await inbox.idle();
    const attention = async (waId: string) =>
      (await messageModel(db.connection).findOne({ waId }).lean())?.attention;
    expect(await attention('WA-P1')).toMatchObject({ reason: 'paused' });
    expect(await attention('WA-P2')).toBeUndefined();
    expect(await queuedTexts(db.connection)).toEqual([]);
  });

  it('never treats groups, status updates or the shop itself as customers', async () => {
    const inbox = inboxWith([echo]);
    const sim = new SimulatorTransport();
    await inbox.receive(sim.receive({ chatId: '1203630@g.us', body: 'arisan' }));
    await inbox.receive(sim.receive({ chatId: 'status@broadcast', body: 'promo' }));
    await inbox.receive(sim.receive({ chatId: '1203@newsletter', body: 'news' }));
    await inbox.idle();
    expect(await messageModel(db.connection).countDocuments()).toBe(0);
    expect(await queuedTexts(db.connection)).toEqual([]);
  });

  it('processes one chat in arrival order while chats run side by side', async () => {
    const seen: string[] = [];
    const inbox = inboxWith([
      async (context) => {
        seen.push(context.message.body);
        await context.reply('ok');
      },
    ]);
    const sim = new SimulatorTransport();
    for (const body of ['a1', 'b1', 'a2', 'b2', 'a3']) {
      await inbox.receive(sim.receive({ chatId: `${body[0]}@c.us`, body }));
    }
    await inbox.idle();
    expect(seen.filter((body) => body.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(seen.filter((body) => body.startsWith('b'))).toEqual(['b1', 'b2']);
  });

  it('keeps arrival order within a chat when messages arrive all at once', async () => {
    const seen: string[] = [];
    const inbox = inboxWith([
      async (context) => {
        seen.push(context.message.body);
      },
    ]);
    const sim = new SimulatorTransport();
    const bodies = Array.from({ length: 30 }, (_, index) => `m${index}`);
    await Promise.all(bodies.map((body) => inbox.receive(sim.receive({ chatId: 'burst@c.us', body }))));
    await inbox.idle();
    expect(seen).toEqual(bodies);
  });

  it('after a crash mid-batch, a new inbox processes every message exactly once', async () => {
    const sim = new SimulatorTransport();
    const chats = ['c1@c.us', 'c2@c.us', 'c3@c.us'];
    const messages = Array.from({ length: 12 }, (_, index) =>
      sim.receive({ chatId: chats[index % 3]!, body: `m${index}`, id: `WA-C${index}` }),
    );
    // The first process handles a few messages, then hangs on m5 and is killed (its state discarded).
    let handled = 0;
    const crashing = inboxWith([
      async (context) => {
        if (context.message.body === 'm5') await new Promise(() => {});
        handled += 1;
        await context.reply(`done ${context.message.body}`);
      },
    ]);
    for (const message of messages) await crashing.receive(message);
    // c1 and c2 finish; c3 handled m2, hangs in m5, and m8, m11 wait behind it.
    const done = () => messageModel(db.connection).countDocuments({ 'processing.state': 'done' });
    await expect.poll(done, { timeout: 10_000 }).toBe(9);
    expect(handled).toBe(9);

    const restarted = inboxWith([echo]);
    expect(await restarted.recover()).toBe(3);
    await restarted.idle();

    const stored = await messageModel(db.connection).find({ direction: 'in' }).lean();
    expect(stored).toHaveLength(12);
    expect(stored.every((message) => message.processing?.state === 'done')).toBe(true);
    const replies = await queuedTexts(db.connection);
    expect(replies).toHaveLength(12);
    expect(new Set(replies.map((reply) => reply.key)).size).toBe(12);
    expect(replies.map((reply) => reply.key.split(':')[1]).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(replies.filter((reply) => reply.text.startsWith('echo')).map((reply) => reply.text)).toEqual([
      'echo: m5',
      'echo: m8',
      'echo: m11',
    ]);
  });

  it('pauses the bot when someone types on the shop phone, but not for its own echoed sends', async () => {
    const inbox = inboxWith([echo]);
    const sim = new SimulatorTransport();
    // The bot's own send comes back from WhatsApp as a device message with an id already recorded.
    await messageModel(db.connection).create({
      waId: 'sim-out-own',
      chatId: '62855@c.us',
      direction: 'out',
      author: 'bot',
      type: 'text',
      body: 'echo: hi',
      sentAt: new Date(),
      receivedAt: new Date(),
    });
    await inbox.receiveOwn({ ...sim.typeOnPhone('62855@c.us', 'echo: hi'), id: 'sim-out-own' });
    await inbox.receive(sim.receive({ chatId: '62855@c.us', body: 'masih aktif?' }));
    await inbox.idle();
    expect(await queuedTexts(db.connection)).toHaveLength(1);

    const unread = async () =>
      (await chatModel(db.connection).findOne({ chatId: '62855@c.us' }).lean())?.unread;
    expect(await unread()).toBe(1);
    // Answering on the shop phone counts as seeing the chat.
    await inbox.receiveOwn(sim.typeOnPhone('62855@c.us', 'Halo kak, saya pemilik toko'));
    expect(await unread()).toBe(0);
    await inbox.receive(sim.receive({ chatId: '62855@c.us', body: 'oke kak' }));
    await inbox.idle();
    expect(await queuedTexts(db.connection)).toHaveLength(1);
    expect(await unread()).toBe(1);
    const thread = await messageModel(db.connection)
      .find({ chatId: '62855@c.us' })
      .sort({ receivedAt: 1 })
      .lean();
    expect(thread.map((m) => [m.author, m.body])).toEqual([
      ['bot', 'echo: hi'],
      ['customer', 'masih aktif?'],
      ['phone', 'Halo kak, saya pemilik toko'],
      ['customer', 'oke kak'],
    ]);
    const chat = await chatModel(db.connection).findOne({ chatId: '62855@c.us' }).lean();
    expect(chat?.pauseReason).toBe('phone');
  });
});
