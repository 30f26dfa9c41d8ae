import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pdfBytes } from '../../domain/media/testing/media-fixtures.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { DEFAULT_SEND_POLICY, type SendPolicy } from '../../domain/outbox/outbox.rules.js';
import { claimNext, enqueueMessage } from '../../domain/outbox/outbox.use-case.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';
import { OutboxSender } from './outbox-sender.js';

const db = useTestDatabase();
const fast: SendPolicy = {
  ...DEFAULT_SEND_POLICY,
  perChatGapMs: 0,
  jitterMs: 0,
  perMinute: 10_000,
  retryBaseMs: 20,
};

const senderFor = (transport: SimulatorTransport, policy = fast) =>
  new OutboxSender({
    connection: db.connection,
    transport,
    log: silentLog,
    policy,
    dataDir: '/nonexistent',
    pollMs: 20,
  });

const enqueue = (key: string, chatId = '62811@c.us', text = key) =>
  enqueueMessage(db.connection, { key, chatId, text, origin: 'bot' });

const stateOf = async (key: string) => (await outboxModel(db.connection).findOne({ key }).lean())?.state;

beforeEach(async () => {
  await Promise.all([messageModel(db.connection).deleteMany({}), outboxModel(db.connection).deleteMany({})]);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('OutboxSender', () => {
  it('queues a dedupe key once, sends in order and records the thread with delivery acks', async () => {
    expect(await enqueue('k1', '62811@c.us', 'Terima kasih kak')).toEqual({ queued: true });
    expect(await enqueue('k1', '62811@c.us', 'Terima kasih kak')).toEqual({ queued: false });
    await enqueue('k2', '62811@c.us', 'Pesanan dicatat');
    const sim = new SimulatorTransport();
    const sender = senderFor(sim);
    sim.on('ack', ({ messageId, state }) => void sender.acknowledge(messageId, state));
    await sender.start();
    await expect.poll(() => stateOf('k2')).toBe('sent');
    await sender.stop();

    expect(sim.sent.map((send) => send.text)).toEqual(['Terima kasih kak', 'Pesanan dicatat']);
    await expect
      .poll(async () =>
        (await messageModel(db.connection).find({}).sort({ sentAt: 1 }).lean()).map((m) => m.delivery),
      )
      .toEqual(['delivered', 'delivered']);
    const recorded = await messageModel(db.connection).findOne({ outboxKey: 'k1' }).lean();
    expect(recorded).toMatchObject({
      direction: 'out',
      author: 'bot',
      chatId: '62811@c.us',
      waId: sim.sent[0]?.id,
    });
  });

  it('sends a stored file with its caption and name, read from the data directory', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-outbox-'));
    try {
      const file = `media/2026/11/23/${'a'.repeat(64)}.pdf`;
      await mkdir(path.join(dataDir, path.dirname(file)), { recursive: true });
      await writeFile(path.join(dataDir, file), pdfBytes());
      await enqueueMessage(db.connection, {
        key: 'deliverable',
        chatId: '62811@c.us',
        text: 'Berkas untuk pesanan',
        origin: 'staff',
        media: { path: file, mime: 'application/pdf', filename: 'desain.pdf' },
      });
      const sim = new SimulatorTransport();
      const sender = new OutboxSender({
        connection: db.connection,
        transport: sim,
        log: silentLog,
        policy: fast,
        dataDir,
        pollMs: 20,
      });
      await sender.start();
      await expect.poll(() => stateOf('deliverable')).toBe('sent');
      await sender.stop();
      expect(sim.sent).toHaveLength(1);
      expect(sim.sent[0]).toMatchObject({
        chatId: '62811@c.us',
        text: 'Berkas untuk pesanan',
        media: { mimetype: 'application/pdf', filename: 'desain.pdf', data: pdfBytes() },
      });
      expect(await messageModel(db.connection).findOne({ outboxKey: 'deliverable' }).lean()).toMatchObject({
        author: 'staff',
        type: 'document',
        body: 'Berkas untuk pesanan',
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('after a restart never resends what was recorded as sent, and sends what was claimed or pending', async () => {
    await enqueue('sent-before');
    const first = new SimulatorTransport();
    const before = senderFor(first);
    await before.start();
    await expect.poll(() => stateOf('sent-before')).toBe('sent');
    await before.stop();
    // The process then claimed one more message and died before sending it; another was still pending.
    await enqueue('claimed-then-crash');
    expect((await claimNext(db.connection, { now: new Date(), blockedChats: [] }))?.key).toBe(
      'claimed-then-crash',
    );
    await enqueue('pending');

    const second = new SimulatorTransport();
    const after = senderFor(second);
    await after.start();
    await expect.poll(() => outboxModel(db.connection).countDocuments({ state: 'sent' })).toBe(3);
    await after.stop();
    expect(first.sent.map((send) => send.text)).toEqual(['sent-before']);
    expect(second.sent.map((send) => send.text)).toEqual(['claimed-then-crash', 'pending']);
  });

  it('retries a failed send with backoff, then gives up after the policy attempts', async () => {
    await enqueue('flaky');
    await enqueue('broken', '62822@c.us');
    const sim = new SimulatorTransport();
    sim.failNextSends(new Error('Evaluation failed: timeout'));
    const sender = senderFor(sim, { ...fast, maxAttempts: 2 });
    await sender.start();
    await expect.poll(() => stateOf('flaky')).toBe('sent');
    const flaky = await outboxModel(db.connection).findOne({ key: 'flaky' }).lean();
    expect(flaky?.attempts).toBe(2);

    sim.failNextSends(new Error('chat not found'), new Error('chat not found'));
    await enqueue('doomed', '62833@c.us');
    await expect.poll(() => stateOf('doomed')).toBe('failed');
    await sender.stop();
    const doomed = await outboxModel(db.connection).findOne({ key: 'doomed' }).lean();
    expect(doomed).toMatchObject({ state: 'failed', attempts: 2, error: 'chat not found' });
  });

  it('spaces messages to one chat by the policy gap (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    for (const key of ['one', 'two', 'three']) await enqueue(key, '62844@c.us');
    await enqueue('other-chat', '62899@c.us');
    const sim = new SimulatorTransport();
    const sender = senderFor(sim, { ...fast, perChatGapMs: 1500, jitterMs: 500 });
    await sender.start();
    for (let step = 0; step < 40 && sim.sent.length < 4; step += 1) {
      await sender.idle();
      await vi.advanceTimersByTimeAsync(250);
    }
    await sender.stop();
    const toChat = sim.sent.filter((send) => send.chatId === '62844@c.us').map((send) => send.at.getTime());
    expect(toChat).toHaveLength(3);
    for (let index = 1; index < toChat.length; index += 1) {
      expect(toChat[index]! - toChat[index - 1]!).toBeGreaterThanOrEqual(1500);
      expect(toChat[index]! - toChat[index - 1]!).toBeLessThan(2000 + 500);
    }
    // Another chat is not held back by the first one's gap.
    const other = sim.sent.find((send) => send.chatId === '62899@c.us');
    expect(other!.at.getTime() - toChat[0]!).toBeLessThan(1500);
  });
});
