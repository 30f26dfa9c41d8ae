import { describe, expect, it, vi } from 'vitest';
import { isBotPaused } from '../../domain/chats/chat.use-case.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { DEFAULT_SEND_POLICY } from '../../domain/outbox/outbox.rules.js';
import { parseConfig } from '../../domain/platform/config.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { useTempDirs } from '../../domain/platform/testing/temp-dir.js';
import { updateSettings } from '../../domain/settings/settings.use-case.js';
import { buildBot } from '../bot.js';
import { botFeatures } from '../features.js';
import { silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';

const failures = vi.hoisted(() => ({ markSent: 0 }));

// The database fails right after WhatsApp accepted a send, once.
vi.mock('../../domain/outbox/outbox.use-case.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../domain/outbox/outbox.use-case.js')>();
  return {
    ...actual,
    markSent: async (...args: Parameters<typeof actual.markSent>) => {
      if (failures.markSent > 0) {
        failures.markSent -= 1;
        throw new Error('database hiccup');
      }
      return actual.markSent(...args);
    },
  };
});

/**
 * Found by the kill -9 soak with a fault injected: WhatsApp accepted a reply, recording it failed, and
 * WhatsApp's echo of it was taken for a person typing on the shop's phone, so the bot went quiet in that
 * chat for the takeover time. The echo of a send the bot made is its own, recorded or not.
 */
const db = useTestDatabase();
const tempDir = useTempDirs();
const chatId = '6281234567890@c.us';

describe('a send WhatsApp accepted but the outbox could not record', () => {
  it('is not taken for a person on the shop phone: the bot keeps answering the chat', async () => {
    const day = { open: '00:00', close: '24:00' };
    await updateSettings(
      db.connection,
      { businessHours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((weekday) => [weekday, day])) },
      { actor: { kind: 'system' }, at: new Date() },
    );
    const transport = new SimulatorTransport();
    const bot = buildBot({
      connection: db.connection,
      transport,
      log: silentLog,
      config: { ...parseConfig({}), dataDir: tempDir('unrecorded-send') },
      handlers: botFeatures(),
      sendPolicy: {
        ...DEFAULT_SEND_POLICY,
        perChatGapMs: 0,
        jitterMs: 0,
        perMinute: 1_000_000,
        retryBaseMs: 10,
      },
      outboxPollMs: 10,
    });
    await bot.start();
    try {
      failures.markSent = 1;
      await bot.inbox.receive(transport.receive({ chatId, body: 'halo kak' }));
      // Sent twice (the first copy was never recorded, so the outbox sent it again), recorded once.
      await vi.waitFor(
        async () => expect(await outboxModel(db.connection).countDocuments({ state: 'sent' })).toBe(1),
        { timeout: 5_000, interval: 20 },
      );
      expect(transport.sent.filter((send) => send.text.includes('Selamat datang'))).toHaveLength(2);

      const before = transport.sent.length;
      await bot.inbox.receive(transport.receive({ chatId, body: 'katalog' }));
      await vi.waitFor(() => expect(transport.sent.length).toBe(before + 1), {
        timeout: 5_000,
        interval: 20,
      });
      expect(await isBotPaused(db.connection, chatId)).toBe(false);
      expect(await messageModel(db.connection).countDocuments({ author: 'phone' })).toBe(0);
    } finally {
      await bot.stop();
    }
  });
});
