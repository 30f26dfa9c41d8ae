import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBot } from '../../../bot/bot.js';
import { botFeatures } from '../../../bot/features.js';
import { SimulatorTransport } from '../../../bot/transport/simulator/simulator-transport.js';
import { startTrialFeed } from '../../../bot/trial-feed.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { DEFAULT_SEND_POLICY } from '../../../domain/outbox/outbox.rules.js';
import { parseConfig } from '../../../domain/platform/config.js';
import { createLogger } from '../../../domain/platform/logger.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { trialMessageModel } from '../../../domain/trial/trial.model.js';
import { recordSessionState } from '../../../domain/whatsapp/session.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };
let dataDir = '';

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
  dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-trial-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const say = (text: string) => app.inject({ method: 'POST', url: '/api/try-bot', headers, payload: { text } });
const chat = async () => (await app.inject({ method: 'GET', url: '/api/try-bot', headers })).json();

describe('try the bot from the console', () => {
  it('is refused while the bot runs on the real WhatsApp, and nothing is queued', async () => {
    await recordSessionState(db.connection, { state: 'ready', transport: 'whatsapp' });
    expect((await chat()).available).toBe(false);
    const refused = await say('halo');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('TRIAL.UNAVAILABLE');
    expect(await trialMessageModel(db.connection).countDocuments()).toBe(0);
  });

  it("reaches the bot on the simulator as a customer's message and shows the bot's answer", async () => {
    const transport = new SimulatorTransport();
    const log = createLogger({ env: 'test', logLevel: 'silent' }, 'trial-test');
    const bot = buildBot({
      connection: db.connection,
      transport,
      log,
      config: { ...parseConfig({}), dataDir },
      handlers: botFeatures(),
      sendPolicy: { ...DEFAULT_SEND_POLICY, perChatGapMs: 0, jitterMs: 0, perMinute: 1_000_000 },
      outboxPollMs: 10,
    });
    await bot.start();
    const feed = startTrialFeed({
      connection: db.connection,
      transport,
      log,
      clock: { now: () => new Date() },
      everyMs: 60_000,
    });
    try {
      expect((await chat()).available).toBe(true);
      expect((await say('   ')).statusCode).toBe(400);
      expect((await say('halo kak, ada katalog?')).statusCode).toBe(202);
      expect(await feed.poll()).toBe(1);
      // Handed over once: a second poll finds nothing more.
      expect(await feed.poll()).toBe(0);
      await bot.inbox.idle();
      while (
        (await outboxModel(db.connection).countDocuments({ state: { $in: ['pending', 'sending'] } })) > 0
      ) {
        bot.sender.wake();
        await bot.sender.idle();
      }
      const { messages } = await chat();
      expect(messages[0]).toMatchObject({
        direction: 'in',
        author: 'customer',
        body: 'halo kak, ada katalog?',
      });
      expect(messages.some((message: { author: string }) => message.author === 'bot')).toBe(true);
      expect(transport.sent.every((send) => send.chatId.startsWith('trial-'))).toBe(true);
    } finally {
      feed.stop();
      await bot.stop();
    }
  });
});
