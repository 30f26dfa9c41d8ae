import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageModel } from '../../../domain/messages/message.model.js';
import { DEFAULT_SEND_POLICY } from '../../../domain/outbox/outbox.rules.js';
import { parseConfig } from '../../../domain/platform/config.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { useTempDirs } from '../../../domain/platform/testing/temp-dir.js';
import { startWaSim, type WaSim, type WaSimSent } from '../../../scripts/wa-sim/server.js';
import { type Bot, buildBot } from '../../bot.js';
import { botFeatures } from '../../features.js';
import { silentLog } from '../../testing/fixtures.js';
import { createTransport } from '../create-transport.js';
import type { InboundMessage } from '../transport.js';
import { RemoteSimulatorTransport } from './remote-simulator-transport.js';

/**
 * Issue 10 item 2: the real bot on the remote simulator transport against the WhatsApp stand-in in its
 * own HTTP server — replies land in the stand-in's sent log, a message is acknowledged once stored (and
 * redelivered until then), and a customer's photo reaches the bot's media store.
 */
const db = useTestDatabase();
const tempDir = useTempDirs();
let sim: WaSim;
let bot: Bot;

beforeAll(async () => {
  sim = await startWaSim({ port: 0, redeliveryMs: 50 });
  const transport = new RemoteSimulatorTransport({ url: sim.url, log: silentLog, pollWaitMs: 1_000 });
  bot = buildBot({
    connection: db.connection,
    transport,
    log: silentLog,
    config: { ...parseConfig({}), dataDir: tempDir('remote-simulator') },
    handlers: botFeatures(),
    sendPolicy: { ...DEFAULT_SEND_POLICY, perChatGapMs: 0, jitterMs: 0, perMinute: 1_000_000 },
    outboxPollMs: 20,
  });
  await bot.start();
});

afterAll(async () => {
  await bot?.stop();
  await sim?.stop();
});

async function post(path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { id: string };
}

async function sentTo(chatId: string): Promise<WaSimSent[]> {
  const response = await fetch(`${sim.url}/driver/sent?chatId=${encodeURIComponent(chatId)}`);
  return ((await response.json()) as { sent: WaSimSent[] }).sent;
}

describe('remote simulator transport', () => {
  it("records the bot's greeting reply to a driver's message in the stand-in", async () => {
    const chatId = '6281234500001@c.us';
    await post('/driver/messages', { chatId, body: 'halo kak', pushName: 'Sari' });
    const sent = await vi.waitFor(
      async () => {
        const replies = await sentTo(chatId);
        expect(replies.length).toBeGreaterThan(0);
        return replies;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(sent[0]).toMatchObject({ chatId, text: expect.any(String), at: expect.any(String) });
    expect(sent[0]?.text.length).toBeGreaterThan(0);
  });

  it('acknowledges a message once the bot has stored it, and stores it once', async () => {
    const chatId = '6281234500002@c.us';
    const { id } = await post('/driver/messages', { chatId, body: 'halo, masih buka?' });
    await vi.waitFor(() => expect(sim.unacked()).toBe(0), { timeout: 5_000, interval: 20 });
    await bot.inbox.idle();
    expect(await messageModel(db.connection).countDocuments({ waId: id })).toBe(1);
  });

  it('redelivers a message until the bot says it is stored', async () => {
    const alone = await startWaSim({ port: 0, redeliveryMs: 30 });
    const transport = new RemoteSimulatorTransport({ url: alone.url, log: silentLog, pollWaitMs: 200 });
    const handed: InboundMessage[] = [];
    transport.on('message', (message) => handed.push(message));
    await transport.start();
    try {
      const response = await fetch(`${alone.url}/driver/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chatId: '6281234500003@c.us', body: 'halo' }),
      });
      const { id } = (await response.json()) as { id: string };
      await vi.waitFor(() => expect(alone.deliveries(id)).toBeGreaterThanOrEqual(3), {
        timeout: 5_000,
        interval: 10,
      });
      handed[0]?.onStored?.();
      await vi.waitFor(() => expect(alone.unacked()).toBe(0), { timeout: 5_000, interval: 10 });
    } finally {
      await transport.stop();
      await alone.stop();
    }
  });

  it("stores a customer's photo downloaded from the stand-in", async () => {
    const chatId = '6281234500004@c.us';
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 60 } },
    })
      .png()
      .toBuffer();
    const { id } = await post('/driver/messages', {
      chatId,
      body: 'sudah transfer kak',
      media: { mimetype: 'image/png', data: png.toString('base64'), filename: 'bukti.png' },
    });
    const stored = await vi.waitFor(
      async () => {
        const message = await messageModel(db.connection).findOne({ waId: id }).lean();
        expect(message?.media?.state).toBe('stored');
        return message;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(stored?.type).toBe('image');
  });

  it('is what TRANSPORT=simulator with WA_SIM_URL selects; without it the in-process one', async () => {
    const deps = { lastStoredAt: async () => null };
    const remote = await createTransport(
      parseConfig({ TRANSPORT: 'simulator', WA_SIM_URL: sim.url }),
      silentLog,
      deps,
    );
    const local = await createTransport(parseConfig({ TRANSPORT: 'simulator' }), silentLog, deps);
    expect(remote).toBeInstanceOf(RemoteSimulatorTransport);
    expect(local).not.toBeInstanceOf(RemoteSimulatorTransport);
  });
});
