import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageModel } from '../../domain/messages/message.model.js';
import { parseConfig } from '../../domain/platform/config.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { useTempDirs } from '../../domain/platform/testing/temp-dir.js';
import { type Bot, buildBot } from '../bot.js';
import { botFeatures } from '../features.js';
import { silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';

/** Which customer messages the bot leaves for a person in the console inbox, and why (once each). */

const db = useTestDatabase();
const tempDir = useTempDirs();
const transport = new SimulatorTransport();
let bot: Bot;

beforeAll(() => {
  bot = buildBot({
    connection: db.connection,
    transport,
    log: silentLog,
    config: { ...parseConfig({}), dataDir: tempDir('attention') },
    handlers: botFeatures(),
  });
});

async function say(chatId: string, body: string, id: string): Promise<void> {
  await bot.inbox.receive(transport.receive({ chatId, body, id }));
  await bot.inbox.idle();
}

const attentionOf = async (waId: string) =>
  (await messageModel(db.connection).findOne({ waId }).lean())?.attention;

describe('the console inbox from the bot’s side', () => {
  it('flags an unclear message, the hand-over it leads to, and what the customer writes while the bot is quiet', async () => {
    const chatId = '6281200000001@c.us';
    await say(chatId, 'qwerty zxcv', 'U1');
    expect(await attentionOf('U1')).toMatchObject({ reason: 'unclear' });
    // The second unclear message hands the chat over; it was unclear first, and the first reason wins.
    await say(chatId, 'asdf ghjk lmn', 'U2');
    expect(await attentionOf('U2')).toMatchObject({ reason: 'unclear' });
    await say(chatId, 'halo? ada orang?', 'U3');
    expect(await attentionOf('U3')).toMatchObject({ reason: 'paused' });
  });

  it('flags a request for a person as a hand-over, and understood messages not at all', async () => {
    const chatId = '6281200000002@c.us';
    await say(chatId, 'halo kak', 'H1');
    await say(chatId, 'saya mau bicara dengan admin aja', 'H2');
    expect(await attentionOf('H1')).toBeUndefined();
    expect(await attentionOf('H2')).toMatchObject({ reason: 'handover' });
  });

  it('flags a message processed again after a crash only once', async () => {
    const chatId = '6281200000003@c.us';
    await say(chatId, 'zzz yyy xxx', 'R1');
    const first = await attentionOf('R1');
    expect(first).toMatchObject({ reason: 'unclear' });
    await messageModel(db.connection).updateOne(
      { waId: 'R1' },
      { $set: { 'processing.state': 'processing' } },
    );
    expect(await bot.inbox.recover()).toBe(1);
    await bot.inbox.idle();
    expect(await attentionOf('R1')).toEqual(first);
  });

  it('does not flag a photo it takes as a payment proof', async () => {
    const data = await readFile(new URL('./testing/reference.jpg', import.meta.url));
    await bot.inbox.receive(
      transport.receive({
        chatId: '6281200000004@c.us',
        id: 'P1',
        media: { mimetype: 'image/jpeg', data, filename: 'bukti.jpg' },
      }),
    );
    await bot.inbox.idle();
    const stored = await messageModel(db.connection).findOne({ waId: 'P1' }).lean();
    expect(stored?.processing?.state).toBe('done');
    expect(stored?.attention).toBeUndefined();
  });
});
