import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLog, simulatorBot } from '../../../bot/testing/fixtures.js';
import { startTrialFeed } from '../../../bot/trial-feed.js';
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
    const { bot, transport, drain } = await simulatorBot(db.connection, dataDir);
    const feed = startTrialFeed({
      connection: db.connection,
      transport,
      log: silentLog,
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
      await drain();
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
