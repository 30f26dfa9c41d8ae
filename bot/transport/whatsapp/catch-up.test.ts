import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import wweb from 'whatsapp-web.js';
import { messageModel } from '../../../domain/messages/message.model.js';
import { lastInboundSentAt } from '../../../domain/messages/message.use-case.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { keyedForm } from '../../../domain/platform/field-encryption.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { Handler } from '../../inbox/compose.js';
import { Inbox } from '../../inbox/inbox.js';
import { queuedTexts, silentLog } from '../../testing/fixtures.js';
import type { ConnectionState, InboundMessage } from '../transport.js';
import { fetchLimit } from './catch-up.js';
import { createWhatsAppTransport } from './whatsapp-transport.js';

/** The library's real classes; its typings declare them as interfaces only. */
const { Message, PrivateChat, GroupChat } = wweb as unknown as {
  Message: new (client: unknown, data: Record<string, unknown>) => wweb.Message;
  PrivateChat: new (client: unknown, data: Record<string, unknown>) => wweb.Chat;
  GroupChat: new (client: unknown, data: Record<string, unknown>) => wweb.Chat;
};

const db = useTestDatabase();

const SHOP = '6281100000001@c.us';
const BUDI = '6281234567890@c.us';
const SITI = '6281298765432@c.us';
const RINA = '6281311112222@c.us';
const GROUP = '120363012345678901@g.us';
/** 2026-11-20 03:00 UTC, in WhatsApp's whole seconds. */
const T0 = 1_795_143_600;

/** The library's Client without a browser: initialize() succeeds, the chat list comes from the test. */
class FakeClient extends wweb.Client {
  chats: wweb.Chat[] | Error = [];

  override async initialize(): Promise<void> {}
  override async destroy(): Promise<void> {}
  override async getChats(): Promise<wweb.Chat[]> {
    if (this.chats instanceof Error) throw this.chats;
    return this.chats;
  }
}

/** A customer's message as WhatsApp Web serializes it, sent `t` seconds after T0. */
const raw = (chatId: string, id: string, t: number, options: { fromMe?: boolean; body?: string } = {}) => {
  const fromMe = options.fromMe ?? false;
  return new Message(
    {},
    {
      id: { fromMe, remote: chatId, id, _serialized: `${fromMe}_${chatId}_${id}` },
      t: T0 + t,
      type: 'chat',
      body: options.body ?? `pesan ${id}`,
      from: fromMe ? SHOP : chatId,
      to: fromMe ? chatId : SHOP,
      notifyName: 'Budi',
    },
  );
};

/** A chat as the library builds it from WhatsApp Web's model, its fetchMessages answered by the test. */
const chat = (
  chatId: string,
  unreadCount: number,
  messages: wweb.Message[] | Error,
  fetched: { chatId: string; limit: number | undefined }[],
) => {
  const isGroup = chatId.endsWith('@g.us');
  const [user = '', server = ''] = chatId.split('@');
  const data = { id: { server, user, _serialized: chatId }, isGroup, unreadCount, t: T0 };
  const built = isGroup ? new GroupChat({}, data) : new PrivateChat({}, data);
  built.fetchMessages = async (options) => {
    fetched.push({ chatId, limit: options.limit });
    if (messages instanceof Error) throw messages;
    return messages;
  };
  return built;
};

function setup(lastStored: Map<string, Date> | ((chatId: string) => Promise<Date | null>)) {
  const lines: { level: number; msg: string; chatId?: string }[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const clients: FakeClient[] = [];
  const transport = createWhatsAppTransport({
    config: { dataDir: '/srv/pesanin/data', chromiumPath: '/usr/bin/chromium' },
    log,
    // A reconnect follows a disconnect at once: the tests do not wait out a real backoff.
    backoff: { initialMs: 1, maxMs: 1 },
    random: () => 0,
    printQr: () => {},
    createClient: (options) => {
      const client = new FakeClient(options);
      clients.push(client);
      return client;
    },
    lastStoredAt:
      typeof lastStored === 'function' ? lastStored : async (chatId) => lastStored.get(chatId) ?? null,
  });
  const received: InboundMessage[] = [];
  transport.on('message', (inbound) => received.push(inbound));
  const states: ConnectionState[] = [];
  transport.on('state', ({ state }) => states.push(state));
  /** Resolves once the `count`-th catch-up has logged its summary. */
  const caughtUp = (count = 1) =>
    vi.waitFor(() =>
      expect(lines.filter((line) => line.msg.startsWith('WhatsApp catch-up:'))).toHaveLength(count),
    );
  return { transport, clients, lines, received, states, caughtUp };
}

const at = (t: number) => new Date((T0 + t) * 1_000);

describe('WhatsApp catch-up after downtime (issue 10, item 3)', () => {
  it('emits unread customer messages newer than the last stored, oldest first; not older or own ones', async () => {
    const fetched: { chatId: string; limit: number | undefined }[] = [];
    const { transport, clients, lines, received, caughtUp } = setup(new Map([[BUDI, at(100)]]));
    await transport.start();
    const client = clients[0]!;
    client.chats = [
      // Fetched out of order on purpose: the transport sorts by WhatsApp's timestamp.
      chat(
        BUDI,
        2,
        [
          raw(BUDI, 'B4', 160),
          raw(BUDI, 'B0', 90),
          raw(BUDI, 'B1', 100),
          raw(BUDI, 'OWN', 120, { fromMe: true }),
          raw(BUDI, 'B2', 130),
          raw(BUDI, 'B3', 130),
        ],
        fetched,
      ),
      // Nothing stored for Siti yet: everything fetched that she wrote is news.
      chat(SITI, 1, [raw(SITI, 'S0', 10), raw(SITI, 'S1', 200)], fetched),
      chat(RINA, 0, [raw(RINA, 'R1', 300)], fetched),
      chat(GROUP, 4, [raw(GROUP, 'G1', 300)], fetched),
      chat('status@broadcast', 3, [raw('status@broadcast', 'ST1', 300)], fetched),
    ];
    client.emit('ready');
    await caughtUp();

    expect(received.map((inbound) => inbound.id)).toEqual([
      // B1 was stored before the outage; sent in the same second as a newer one it comes again (deduped).
      `false_${BUDI}_B1`,
      `false_${BUDI}_B2`,
      `false_${BUDI}_B3`,
      `false_${BUDI}_B4`,
      `false_${SITI}_S0`,
      `false_${SITI}_S1`,
    ]);
    // Mapped exactly as live messages are.
    expect(received[1]).toMatchObject({
      chatId: BUDI,
      chatKind: 'private',
      senderId: BUDI,
      pushName: 'Budi',
      type: 'text',
      body: 'pesan B2',
      timestamp: at(130),
      fromMe: false,
    });
    // Chats without unread messages, groups and status are never fetched.
    expect(fetched).toEqual([
      { chatId: BUDI, limit: 7 },
      { chatId: SITI, limit: 6 },
    ]);
    expect(lines.at(-1)?.msg).toBe('WhatsApp catch-up: 6 messages from 2 chats');
    await transport.stop();
  });

  it('logs a chat whose fetchMessages throws, and still catches up the others', async () => {
    const fetched: { chatId: string; limit: number | undefined }[] = [];
    const { transport, clients, lines, received, states, caughtUp } = setup(new Map());
    await transport.start();
    const client = clients[0]!;
    client.chats = [
      chat(BUDI, 1, new Error('Evaluation failed: TypeError: Cannot read properties of undefined'), fetched),
      chat(SITI, 1, [raw(SITI, 'S1', 200)], fetched),
    ];
    client.emit('ready');
    await caughtUp();

    expect(received.map((inbound) => inbound.id)).toEqual([`false_${SITI}_S1`]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        chatId: BUDI,
        msg: 'WhatsApp catch-up failed for one chat (Evaluation failed: TypeError: Cannot read properties of undefined)',
      }),
    );
    expect(lines.at(-1)?.msg).toBe('WhatsApp catch-up: 1 messages from 1 chats');
    expect(states.at(-1)).toBe('ready');
    await transport.stop();
  });

  it('logs a failing lookup of the last stored message like a failing fetch', async () => {
    const fetched: { chatId: string; limit: number | undefined }[] = [];
    const { transport, clients, lines, received, caughtUp } = setup(async (chatId) => {
      if (chatId === BUDI) throw new Error('connection closed');
      return null;
    });
    await transport.start();
    clients[0]!.chats = [
      chat(BUDI, 1, [raw(BUDI, 'B1', 100)], fetched),
      chat(SITI, 1, [raw(SITI, 'S1', 200)], fetched),
    ];
    clients[0]!.emit('ready');
    await caughtUp();

    expect(received.map((inbound) => inbound.id)).toEqual([`false_${SITI}_S1`]);
    expect(lines.map((line) => line.msg)).toContain(
      'WhatsApp catch-up failed for one chat (connection closed)',
    );
    await transport.stop();
  });

  it('logs a chat list that cannot be read, and the transport stays ready to send and receive', async () => {
    const { transport, clients, lines, received, states } = setup(new Map());
    await transport.start();
    const client = clients[0]!;
    client.chats = new Error('Protocol error (Runtime.callFunctionOn): Target closed');
    client.emit('ready');
    await vi.waitFor(() =>
      expect(lines.map((line) => line.msg)).toContain(
        'WhatsApp catch-up skipped: could not list chats (Protocol error (Runtime.callFunctionOn): Target closed)',
      ),
    );

    client.emit('message', raw(BUDI, 'LIVE1', 400));
    expect(received.map((inbound) => inbound.id)).toEqual([`false_${BUDI}_LIVE1`]);
    expect(states.at(-1)).toBe('ready');
    await transport.stop();
  });

  it('catches up again on every reconnect', async () => {
    const fetched: { chatId: string; limit: number | undefined }[] = [];
    const { transport, clients, received, caughtUp } = setup(new Map());
    await transport.start();
    clients[0]!.chats = [chat(BUDI, 1, [raw(BUDI, 'B1', 100)], fetched)];
    clients[0]!.emit('ready');
    await caughtUp(1);

    clients[0]!.emit('disconnected', 'NAVIGATION');
    await vi.waitFor(() => expect(clients).toHaveLength(2));
    clients[1]!.chats = [chat(BUDI, 2, [raw(BUDI, 'B1', 100), raw(BUDI, 'B2', 500)], fetched)];
    clients[1]!.emit('ready');
    await caughtUp(2);

    expect(received.map((inbound) => inbound.id)).toEqual([
      `false_${BUDI}_B1`,
      `false_${BUDI}_B1`,
      `false_${BUDI}_B2`,
    ]);
    await transport.stop();
  });

  it('never fetches more than 100 messages from one chat', () => {
    expect(fetchLimit(1)).toBe(6);
    expect(fetchLimit(95)).toBe(100);
    expect(fetchLimit(4_000)).toBe(100);
  });
});

describe('WhatsApp catch-up through the real inbox (issue 10, item 3)', () => {
  const echo: Handler = async (context) => {
    await context.reply(`echo: ${context.message.body}`);
  };

  beforeEach(async () => {
    await Promise.all([
      messageModel(db.connection).deleteMany({}),
      outboxModel(db.connection).deleteMany({}),
    ]);
  });

  it('processes a message that arrived during downtime once, and an overlap with a stored one not again', async () => {
    const inbox = new Inbox({
      connection: db.connection,
      log: silentLog,
      locale: 'id',
      handlers: [echo],
      phoneTakeoverMs: 30 * 60_000,
    });
    const { transport, clients, received, caughtUp } = setup((chatId) =>
      lastInboundSentAt(db.connection, chatId),
    );
    // As bot.ts wires it: every message the transport emits goes to the inbox.
    const stored: Promise<void>[] = [];
    transport.on('message', (inbound) => stored.push(inbox.receive(inbound)));
    await transport.start();

    // Before the outage: B1 arrived live and was answered.
    clients[0]!.emit('ready');
    await caughtUp(1);
    clients[0]!.emit('message', raw(BUDI, 'B1', 100, { body: 'halo kak' }));
    await Promise.all(stored);
    await inbox.idle();

    // The bot is down (Chromium gone) while Budi writes B2; on reconnect WhatsApp shows both as unread.
    clients[0]!.emit('disconnected', 'NAVIGATION');
    await vi.waitFor(() => expect(clients).toHaveLength(2));
    const fetched: { chatId: string; limit: number | undefined }[] = [];
    clients[1]!.chats = [
      chat(
        BUDI,
        2,
        [
          // Older than what the database holds for Budi: skipped by the {chatId, sentAt} lookup.
          raw(BUDI, 'B0', 40, { body: 'lama' }),
          raw(BUDI, 'B1', 100, { body: 'halo kak' }),
          raw(BUDI, 'B2', 100, { body: 'ada mawar merah?' }),
        ],
        fetched,
      ),
    ];
    clients[1]!.emit('ready');
    await caughtUp(2);
    await Promise.all(stored);
    await inbox.idle();

    // The transport delivered B1 twice (live, then again in the catch-up: same second as B2) …
    expect(received.map((inbound) => inbound.id)).toEqual([
      `false_${BUDI}_B1`,
      `false_${BUDI}_B1`,
      `false_${BUDI}_B2`,
    ]);
    // … the inbox stored and answered each message once.
    expect(await messageModel(db.connection).countDocuments({ waId: `false_${BUDI}_B1` })).toBe(1);
    expect(await messageModel(db.connection).countDocuments({ waId: `false_${BUDI}_B2` })).toBe(1);
    expect(await queuedTexts(db.connection)).toEqual([
      // Keys hold the chat id only as its blind index (field encryption, issue 11).
      { key: keyedForm(`reply:false_${BUDI}_B1:1`), chatId: BUDI, text: 'echo: halo kak' },
      { key: keyedForm(`reply:false_${BUDI}_B2:1`), chatId: BUDI, text: 'echo: ada mawar merah?' },
    ]);
    await transport.stop();
  });
});
