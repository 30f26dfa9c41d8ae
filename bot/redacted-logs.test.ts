import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureIndexes } from '../domain/models.js';
import { DEFAULT_SEND_POLICY } from '../domain/outbox/outbox.rules.js';
import { parseConfig } from '../domain/platform/config.js';
import { createLogger, REDACTED } from '../domain/platform/logger.js';
import { useTestDatabase } from '../domain/platform/testing/database.js';
import { buildBot } from './bot.js';
import { botFeatures } from './features.js';
import type { Handler } from './inbox/compose.js';
import { SimulatorTransport } from './transport/simulator/simulator-transport.js';

/**
 * Issue 11 item 4, acceptance: "A log line produced while handling a customer message contains no phone
 * number." The real bot (guards, media step, staff commands, customer conversation, outbox) on the
 * in-process simulator, logging to a captured stream at debug and at info.
 */
const db = useTestDatabase();
let dataDir = '';

const CHAT = '6281234567890@c.us';
const ADDRESS = 'Jl. Melati No. 12, Bandung';
/** The customer's number in any form: +6281234567890, 6281234567890, 081234567890, 81234567890, 0812-3456-7890. */
const PHONE = /81234567890|812[ -]3456[ -]7890/;

/**
 * A feature that logs what a careless one would: the message and the address at info, and an error that
 * names the chat. Redaction must hold whatever a handler puts in a line.
 */
const careless: Handler = async (context, next) => {
  const { message } = context;
  context.log.info({ body: message.body, address: ADDRESS }, 'order details read');
  if (message.body.includes('bukti'))
    throw new Error(`no transfer found for ${message.chatId} (+6281234567890, 0812-3456-7890)`);
  await next();
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pesanin-redacted-logs-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  // Each level starts from an empty shop: no pause, conversation or outbox left by the other run.
  await db.connection.dropDatabase();
  await ensureIndexes(db.connection);
});

/** Handle a customer's conversation with the bot logging at `level`; returns the lines written. */
async function handleCustomer(level: 'debug' | 'info'): Promise<string[]> {
  const lines: string[] = [];
  const log = createLogger({ env: 'production', logLevel: level }, 'bot', {
    write: (line: string) => void lines.push(line),
  });
  const transport = new SimulatorTransport();
  const bot = buildBot({
    connection: db.connection,
    transport,
    log,
    config: { ...parseConfig({}), dataDir },
    handlers: [careless, ...botFeatures()],
    sendPolicy: { ...DEFAULT_SEND_POLICY, perChatGapMs: 0, jitterMs: 0, perMinute: 1_000_000 },
    outboxPollMs: 20,
  });
  const settle = async () => {
    await bot.inbox.idle();
    bot.sender.wake();
    await bot.sender.idle();
  };
  await bot.start();
  try {
    // The first reply fails the way WhatsApp Web fails, naming the chat; the outbox logs it and retries later.
    transport.failNextSends(new Error(`Evaluation failed: chat ${CHAT} is not reachable`));
    transport.receive({
      chatId: CHAT,
      id: `false_${CHAT}_3EB0C431D5E8F9A0B1C2`,
      pushName: 'Budi Santoso',
      body: `halo kak, mau pesan 2 kaos hitam ukuran L. kirim ke ${ADDRESS}. hp 0812-3456-7890`,
    });
    await settle();
    transport.receive({
      chatId: CHAT,
      id: `false_${CHAT}_3EB0C431D5E8F9A0B1C3`,
      body: 'ini bukti transfernya',
    });
    await settle();
    // Someone answers on the shop's phone: the bot pauses in the chat and says so at info.
    transport.typeOnPhone(CHAT, `siap kak, dikirim ke ${ADDRESS}`);
    await settle();
  } finally {
    await bot.stop();
  }
  return lines;
}

describe('issue 11 item 4: redacted logs while handling a customer message', () => {
  it('at debug: bodies are readable, the phone number is in no line', async () => {
    const lines = await handleCustomer('debug');
    // The chat was logged (masked), so the check below is about real lines.
    expect(lines.filter((line) => line.includes('***7890@c.us')).length).toBeGreaterThan(3);
    for (const line of lines) expect(line).not.toMatch(PHONE);
    const received = lines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === 'processing a customer message');
    expect(received?.body).toBe(
      'halo kak, mau pesan 2 kaos hitam ukuran L. kirim ke Jl. Melati No. 12, Bandung. hp ***7890',
    );
  });

  it('at info: neither the phone number nor the address is in any line', async () => {
    const lines = await handleCustomer('info');
    const entries = lines.map((line) => JSON.parse(line));
    // The careless feature's line, the error boundary, the failed send and the phone takeover all name the chat.
    expect(entries.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining([
        'order details read',
        expect.stringMatching(/^message handling failed/),
        expect.stringMatching(/^outbox: send failed/),
        'someone typed on the shop phone; bot paused in this chat',
      ]),
    );
    for (const line of lines) {
      expect(line).not.toMatch(PHONE);
      expect(line).not.toContain('Melati');
      expect(line).not.toContain('Budi');
    }
    expect(entries.find((entry) => entry.msg === 'order details read')).toMatchObject({
      chatId: '***7890@c.us',
      body: REDACTED,
      address: REDACTED,
    });
  });
});
