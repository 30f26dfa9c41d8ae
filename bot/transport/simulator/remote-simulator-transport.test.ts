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
import { RemoteSimulatorTransport } from './remote-simulator-transport.js';

/**
 * Issue 10 item 2: the real bot on the remote simulator transport against the WhatsApp stand-in in its
 * own HTTP server — replies land in the stand-in's sent log, and a message it redelivers because the
 * bot had not acknowledged it yet is stored once.
 */
const db = useTestDatabase();
const tempDir = useTempDirs();
let sim: WaSim;
let bot: Bot;

beforeAll(async () => {
  // Redelivery far quicker than the transport's ack: every message comes back at least once.
  sim = await startWaSim({ port: 0, redeliveryMs: 50 });
  const transport = new RemoteSimulatorTransport({
    url: sim.url,
    log: silentLog,
    pollWaitMs: 1_000,
    ackDelayMs: 2_000,
  });
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

  it('stores a redelivered, unacknowledged message once', async () => {
    const chatId = '6281234500002@c.us';
    const { id } = await post('/driver/messages', { chatId, body: 'halo, masih buka?' });
    await vi.waitFor(() => expect(sim.deliveries(id)).toBeGreaterThanOrEqual(3), {
      timeout: 5_000,
      interval: 20,
    });
    await bot.inbox.idle();
    expect(await messageModel(db.connection).countDocuments({ waId: id })).toBe(1);
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
