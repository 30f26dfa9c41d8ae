import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWaSim, type WaSim } from './server.js';

let sim: WaSim;
let clock = 0;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T03:00:00Z');
  sim = await startWaSim({ port: 0, redeliveryMs: 5_000, now: () => clock });
});
afterEach(async () => {
  await sim.stop();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const write = async (chatId: string, body: string) =>
  (await call('POST', '/driver/messages', { chatId, body })).body.id as string;
const inbox = async (wait = 0) =>
  (await call('GET', `/bot/inbox?wait=${wait}`)).body.messages as { id: string; body: string }[];

describe('WhatsApp stand-in', () => {
  it('hands customer messages to the bot oldest first, with id, chat, name and time', async () => {
    const first = await write('6281@c.us', 'halo');
    await call('POST', '/driver/messages', { chatId: '6282@c.us', body: 'pesan', pushName: 'Budi' });
    const messages = await inbox();
    expect(messages).toEqual([
      { id: first, chatId: '6281@c.us', body: 'halo', timestamp: '2026-12-01T03:00:00.000Z' },
      expect.objectContaining({ chatId: '6282@c.us', body: 'pesan', pushName: 'Budi' }),
    ]);
  });

  it('holds a long poll until a customer writes', async () => {
    const polling = inbox(10_000);
    const id = await write('6281@c.us', 'halo');
    expect((await polling).map((message) => message.id)).toEqual([id]);
  });

  it('answers an empty long poll when its wait runs out', async () => {
    expect(await inbox(0)).toEqual([]);
  });

  it('redelivers an unacknowledged message after the delay, never an acknowledged one', async () => {
    const kept = await write('6281@c.us', 'satu');
    const acked = await write('6281@c.us', 'dua');
    expect(await inbox()).toHaveLength(2);
    expect(await inbox()).toEqual([]); // delivered, not yet due again
    expect(await call('POST', '/bot/ack', { ids: [acked] })).toEqual({ status: 200, body: { acked: 1 } });
    clock += 5_000;
    expect((await inbox()).map((message) => message.id)).toEqual([kept]);
    expect(sim.deliveries(kept)).toBe(2);
    expect(sim.deliveries(acked)).toBe(1);
    await call('POST', '/bot/ack', { ids: [kept] });
    clock += 60_000;
    expect(await inbox()).toEqual([]);
  });

  it('records every message the bot sent with its time, per chat', async () => {
    const sent = await call('POST', '/bot/send', {
      chatId: '6281@c.us',
      text: 'Halo kak',
      quotedMessageId: 'x1',
    });
    clock += 1_000;
    await call('POST', '/bot/send', { chatId: '6282@c.us', text: 'Hai' });
    const { body } = await call('GET', '/driver/sent?chatId=6281%40c.us');
    expect(body.sent).toEqual([
      {
        id: sent.body.id,
        chatId: '6281@c.us',
        text: 'Halo kak',
        quotedMessageId: 'x1',
        at: '2026-12-01T03:00:00.000Z',
      },
    ]);
    expect(((await call('GET', '/driver/sent')).body.sent as unknown[]).length).toBe(2);
  });

  it('skips the sent records a driver has read (from), and counts what is unacknowledged', async () => {
    await call('POST', '/bot/send', { chatId: '6281@c.us', text: 'satu' });
    await call('POST', '/bot/send', { chatId: '6281@c.us', text: 'dua' });
    const { body } = await call('GET', '/driver/sent?from=1');
    expect((body.sent as { text: string }[]).map((record) => record.text)).toEqual(['dua']);
    await write('6281@c.us', 'halo');
    expect((await call('GET', '/driver/state')).body).toEqual({ inbound: 1, unacked: 1, sent: 2 });
  });

  it("hands a customer's file to the bot by the message id, its kind in the inbox poll", async () => {
    const data = Buffer.from('not really a jpeg').toString('base64');
    const { body } = await call('POST', '/driver/messages', {
      chatId: '6281@c.us',
      body: 'bukti transfer',
      media: { mimetype: 'image/jpeg', data, filename: 'bukti.jpg' },
    });
    const id = body.id as string;
    expect((await inbox())[0]).toMatchObject({
      id,
      media: { mimetype: 'image/jpeg', filename: 'bukti.jpg' },
    });
    expect((await call('GET', `/bot/media?id=${id}`)).body).toEqual({
      mimetype: 'image/jpeg',
      data,
      filename: 'bukti.jpg',
    });
    expect((await call('GET', '/bot/media?id=nope')).status).toBe(404);
  });

  it('rejects an invalid body with 400 and an unknown route with 404', async () => {
    const invalid = await call('POST', '/driver/messages', { body: 'no chat' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: 'invalid request' });
    expect((await call('GET', '/nowhere')).status).toBe(404);
  });
});
