import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import wweb from 'whatsapp-web.js';
import type { ConnectionState, InboundMessage, Transport } from '../transport.js';
import {
  chromiumArgs,
  createWhatsAppTransport,
  describeFailure,
  describeStartFailure,
} from './whatsapp-transport.js';

const { Message } = wweb as unknown as {
  Message: new (client: unknown, data: Record<string, unknown>) => wweb.Message;
};

const OFFLINE = new Error(
  'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/\n    at navigate (file:///node_modules/puppeteer-core/lib/esm/puppeteer/cdp/Frame.js:180:27)',
);

/** How one client's initialize() ends: fails offline, succeeds, or waits for the test. */
type Start = 'offline' | 'ok' | { settle: Promise<void> };

/**
 * The library's real Client with the Chromium-facing methods replaced: events, options and the
 * constructor are the library's own, so the transport is exercised against the real surface.
 */
class FakeClient extends wweb.Client {
  declare start: Start;
  destroyed = 0;
  sent: { chatId: string; content: wweb.MessageContent; options: wweb.MessageSendOptions | undefined }[] = [];

  override async initialize(): Promise<void> {
    if (this.start === 'offline') throw OFFLINE;
    if (this.start !== 'ok') await this.start.settle;
  }

  override async destroy(): Promise<void> {
    this.destroyed += 1;
  }

  override async sendMessage(
    chatId: string,
    content: wweb.MessageContent,
    options?: wweb.MessageSendOptions,
  ): Promise<wweb.Message> {
    this.sent.push({ chatId, content, options });
    return new Message(this, {
      id: {
        fromMe: true,
        remote: chatId,
        id: '3EB0SENT00000001',
        _serialized: `true_${chatId}_3EB0SENT00000001`,
      },
      t: 1_795_000_000,
      type: 'chat',
      body: typeof content === 'string' ? content : '',
    });
  }
}

const CUSTOMER = '6281234567890@c.us';

function setup(starts: Start[]) {
  const lines: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)).msg);
        done();
      },
    }),
  );
  const clients: FakeClient[] = [];
  const options: wweb.ClientOptions[] = [];
  const qrs: string[] = [];
  const transport = createWhatsAppTransport({
    config: { dataDir: '/srv/pesanin/data', chromiumPath: '/usr/bin/chromium' },
    log,
    backoff: { initialMs: 2_000, maxMs: 300_000 },
    random: () => 0,
    printQr: (qr) => qrs.push(qr),
    createClient: (clientOptions) => {
      const client = new FakeClient(clientOptions);
      client.start = starts[clients.length] ?? 'offline';
      clients.push(client);
      options.push(clientOptions);
      return client;
    },
  });
  const states: ConnectionState[] = [];
  transport.on('state', ({ state }) => states.push(state));
  return { transport, clients, options, lines, states, qrs };
}

const message = (fromMe: boolean, type: string, id: string) =>
  new Message(
    {},
    {
      id: { fromMe, remote: CUSTOMER, id, _serialized: `${fromMe}_${CUSTOMER}_${id}` },
      t: 1_795_000_000,
      type,
      body: 'halo kak',
      from: CUSTOMER,
      to: '6281100000001@c.us',
    },
  );

/** Start, let the first client report ready, and hand that client back. */
const startReady = async (transport: Transport, clients: FakeClient[]): Promise<FakeClient> => {
  await transport.start();
  const client = clients[0]!;
  client.emit('ready');
  return client;
};

describe('WhatsApp transport', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds a client with LocalAuth in the data directory and the system Chromium', async () => {
    const { transport, options } = setup(['ok']);
    await transport.start();

    const [clientOptions] = options;
    expect(clientOptions?.authStrategy).toBeInstanceOf(wweb.LocalAuth);
    expect(clientOptions?.authStrategy).toMatchObject({ dataPath: '/srv/pesanin/data/whatsapp-session' });
    expect(clientOptions?.webVersionCache).toEqual({
      type: 'local',
      path: '/srv/pesanin/data/whatsapp-web-cache',
    });
    expect(clientOptions?.puppeteer).toMatchObject({ executablePath: '/usr/bin/chromium', headless: true });
    await transport.stop();
  });

  it('retries an unreachable WhatsApp with growing delays, one line each, closing Chromium first', async () => {
    const { transport, clients, lines, states } = setup(['offline', 'offline', 'offline']);

    await transport.start();
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.advanceTimersByTimeAsync(4_000);

    expect(clients).toHaveLength(3);
    expect(clients.map((client) => client.destroyed)).toEqual([1, 1, 1]);
    expect(lines).toEqual([
      'WhatsApp unreachable (net::ERR_NAME_NOT_RESOLVED); retrying in 2 s',
      'WhatsApp unreachable (net::ERR_NAME_NOT_RESOLVED); retrying in 4 s',
      'WhatsApp unreachable (net::ERR_NAME_NOT_RESOLVED); retrying in 8 s',
    ]);
    expect(states).toEqual(['starting', 'disconnected', 'disconnected', 'disconnected']);

    await transport.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(clients).toHaveLength(3);
    expect(states.at(-1)).toBe('stopped');
  });

  it('stops during a retry wait, and a second stop is harmless', async () => {
    const { transport, clients, states } = setup(['offline']);
    await transport.start();

    await Promise.all([transport.stop(), transport.stop()]);
    await transport.stop();
    await vi.advanceTimersByTimeAsync(600_000);

    expect(clients).toHaveLength(1);
    expect(states.filter((state) => state === 'stopped')).toHaveLength(1);
  });

  it('starts again after a stop, with a fresh client', async () => {
    const { transport, clients, states } = setup(['ok', 'ok']);
    await transport.start();
    await transport.stop();
    await transport.start();
    await transport.stop();

    expect(clients).toHaveLength(2);
    expect(clients.map((client) => client.destroyed)).toEqual([2, 2]);
    expect(states).toEqual(['starting', 'stopped', 'starting', 'stopped']);
  });

  it('closes Chromium again when stopped while initialize() is still running', async () => {
    let settle = () => {};
    const { transport, clients } = setup([{ settle: new Promise<void>((resolve) => (settle = resolve)) }]);
    const starting = transport.start();

    const stopping = transport.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(clients[0]?.destroyed).toBe(1);
    settle();
    await Promise.all([starting, stopping]);

    expect(clients[0]?.destroyed).toBe(2);
    expect(clients).toHaveLength(1);
  });

  it('reconnects with a fresh client after a disconnect, the backoff starting over once ready', async () => {
    const { transport, clients, lines, states } = setup(['offline', 'ok', 'ok']);
    await transport.start();
    await vi.advanceTimersByTimeAsync(2_000);
    clients[1]?.emit('ready');

    clients[1]?.emit('disconnected', 'CONFLICT');
    await vi.advanceTimersByTimeAsync(2_000);

    expect(clients).toHaveLength(3);
    expect(clients[1]?.destroyed).toBe(1);
    expect(lines.at(-1)).toBe('WhatsApp disconnected (CONFLICT); retrying in 2 s');
    expect(states).toEqual(['starting', 'disconnected', 'ready', 'disconnected']);
    await transport.stop();
  });

  it('waits for a new QR code after a logout instead of reconnecting', async () => {
    const { transport, clients, lines, states, qrs } = setup(['ok']);
    const emitted: string[] = [];
    transport.on('qr', (qr) => emitted.push(qr));
    const client = await startReady(transport, clients);

    client.emit('disconnected', 'LOGOUT');
    client.emit('qr', '2@newcode');
    client.emit('qr', '2@renewed');
    await vi.advanceTimersByTimeAsync(600_000);

    expect(clients).toHaveLength(1);
    expect(clients[0]?.destroyed).toBe(0);
    expect(states).toEqual(['starting', 'ready', 'logged_out', 'qr', 'qr']);
    expect(qrs).toEqual(['2@newcode', '2@renewed']);
    expect(emitted).toEqual(['2@newcode', '2@renewed']);
    expect(lines.filter((line) => line.includes('scan'))).toHaveLength(2);
    await transport.stop();
  });

  it('reports a failed login in one clear line', async () => {
    const { transport, clients, lines, states } = setup(['ok']);
    await transport.start();

    clients[0]?.emit('auth_failure', 'session restore failed');

    expect(lines).toContain('WhatsApp login failed: scan the QR code again');
    expect(states.at(-1)).toBe('auth_failure');
    await transport.stop();
  });

  it('passes messages up, drops calls and notifications, and routes own messages and acks', async () => {
    const { transport, clients } = setup(['ok']);
    const received: InboundMessage[] = [];
    const own: InboundMessage[] = [];
    const acks: unknown[] = [];
    transport.on('message', (inbound) => received.push(inbound));
    transport.on('ownMessage', (inbound) => own.push(inbound));
    transport.on('ack', (ack) => acks.push(ack));
    const client = await startReady(transport, clients);

    client.emit('message', message(false, 'chat', 'IN1'));
    client.emit('message', message(false, 'call_log', 'CALL1'));
    client.emit('message', message(false, 'e2e_notification', 'E2E1'));
    client.emit('message_create', message(false, 'chat', 'IN1'));
    client.emit('message_create', message(true, 'chat', 'OWN1'));
    client.emit('message_ack', message(true, 'chat', 'OWN1'), 3);
    client.emit('message_ack', message(false, 'chat', 'IN1'), 3);

    expect(received.map((inbound) => inbound.id)).toEqual([`false_${CUSTOMER}_IN1`]);
    expect(own.map((inbound) => [inbound.id, inbound.fromMe])).toEqual([[`true_${CUSTOMER}_OWN1`, true]]);
    expect(acks).toEqual([{ messageId: `true_${CUSTOMER}_OWN1`, state: 'read' }]);
    await transport.stop();
  });

  it('sends only once ready, passing the quoted message id through', async () => {
    const { transport, clients } = setup(['ok']);
    await transport.start();
    await expect(transport.sendText(CUSTOMER, 'halo')).rejects.toThrow('WhatsApp is not ready (starting)');

    clients[0]?.emit('ready');
    const sent = await transport.sendText(CUSTOMER, 'Siap kak', { quotedMessageId: `false_${CUSTOMER}_IN1` });
    const media = await transport.sendMedia(
      CUSTOMER,
      { mimetype: 'application/pdf', data: Buffer.from('%PDF-1.7'), filename: 'INV-202611-0001.pdf' },
      { caption: 'Invoice kakak' },
    );

    expect(sent).toEqual({ id: `true_${CUSTOMER}_3EB0SENT00000001` });
    expect(media).toEqual({ id: `true_${CUSTOMER}_3EB0SENT00000001` });
    const [text, file] = clients[0]?.sent ?? [];
    expect(text).toEqual({
      chatId: CUSTOMER,
      content: 'Siap kak',
      options: { quotedMessageId: `false_${CUSTOMER}_IN1` },
    });
    expect(file?.content).toMatchObject({
      mimetype: 'application/pdf',
      data: Buffer.from('%PDF-1.7').toString('base64'),
      filename: 'INV-202611-0001.pdf',
    });
    expect(file?.options).toEqual({ caption: 'Invoice kakak' });
    await transport.stop();
  });
});

describe('describeFailure', () => {
  it('keeps one short line', () => {
    expect(describeFailure(OFFLINE)).toBe('net::ERR_NAME_NOT_RESOLVED');
    expect(describeFailure('auth timeout')).toBe('auth timeout');
    expect(
      describeFailure(new Error('Failed to launch the browser process!\n/usr/bin/chromium: not found')),
    ).toBe('Failed to launch the browser process!');
  });
});

describe('describeStartFailure', () => {
  it('names what the operator can act on', () => {
    expect(describeStartFailure(OFFLINE)).toBe('WhatsApp unreachable (net::ERR_NAME_NOT_RESOLVED)');
    expect(
      describeStartFailure(
        new Error('Browser was not found at the configured executablePath (/usr/bin/chromium-browser)'),
      ),
    ).toBe(
      'Chromium not found (Browser was not found at the configured executablePath (/usr/bin/chromium-browser); check CHROMIUM_PATH)',
    );
    expect(describeStartFailure('auth timeout')).toBe('WhatsApp could not start (auth timeout)');
  });
});

describe('chromiumArgs', () => {
  it('turns the sandbox off only for root, and never uses --no-zygote or --single-process', () => {
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true)).toEqual(expect.arrayContaining(['--disable-dev-shm-usage', '--disable-gpu']));
    expect(chromiumArgs(true).filter((arg) => arg === '--no-zygote' || arg === '--single-process')).toEqual(
      [],
    );
  });
});
