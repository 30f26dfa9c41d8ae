import { Writable } from 'node:stream';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import wweb from 'whatsapp-web.js';
import { z } from 'zod';
import { MESSAGE_TYPES } from '../../../domain/messages/message.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { Handler } from '../../inbox/compose.js';
import { Inbox } from '../../inbox/inbox.js';
import { queuedTexts, silentLog } from '../../testing/fixtures.js';
import { fuzzParams, fuzzTimeout } from '../../testing/fuzz.js';
import type { AckState, InboundMessage, Transport } from '../transport.js';
import { createWhatsAppTransport } from './whatsapp-transport.js';

// Issue 10 item 6: WhatsApp Web payloads mutated every way (fields dropped, of the wrong type, huge,
// nested junk) never make the transport throw into the library, and what it passes up is always a
// well-formed InboundMessage; a normal message afterwards still comes through.

const { Message } = wweb as unknown as {
  Message: new (client: unknown, data: Record<string, unknown>) => wweb.Message;
};

/** The library's real Client, with Chromium left out. */
class FakeClient extends wweb.Client {
  override async initialize(): Promise<void> {}
  override async destroy(): Promise<void> {}
}

const SHOP = '6281100000001@c.us';
const CUSTOMER = '6281234567890@c.us';
const GROUP = '120363025246125888@g.us';
const T = 1_795_000_000;

const wid = (serialized: string) => {
  const [user, server] = serialized.split('@');
  return { server, user, _serialized: serialized };
};
const key = (fromMe: boolean, remote: string, id: string) => ({
  fromMe,
  remote,
  id,
  _serialized: `${fromMe}_${remote}_${id}`,
});

/** WhatsApp-Web-shaped payloads of each kind the mapping reads (see map-message.test.ts). */
const PAYLOADS: Record<string, unknown>[] = [
  {
    id: key(false, CUSTOMER, '3EB0A1'),
    t: T,
    type: 'chat',
    body: 'Kak, buket mawar merah masih ada?',
    from: wid(CUSTOMER),
    to: wid(SHOP),
    notifyName: 'Budi',
    ack: 1,
  },
  {
    id: key(false, CUSTOMER, '3EB0A2'),
    t: T,
    type: 'image',
    body: '/9j/4AAQSkZJRg',
    caption: 'yang kayak gini ya kak',
    mimetype: 'image/jpeg',
    directPath: '/v/t62.7118-24/1_n.enc',
    mediaKey: 'uT0x',
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  {
    id: key(false, CUSTOMER, '3EB0A3'),
    t: T,
    type: 'document',
    caption: 'brief',
    filename: 'Brief Logo.pdf',
    mimetype: 'application/pdf',
    directPath: '/v/x',
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  {
    id: key(false, CUSTOMER, '3EB0A4'),
    t: T,
    type: 'location',
    lat: -6.2,
    lng: 106.8,
    loc: 'Toko Bunga\nJl. Melati 5',
    body: '/9j/4AAQ',
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  {
    id: key(false, CUSTOMER, '3EB0A5'),
    t: T,
    type: 'vcard',
    body: 'BEGIN:VCARD\nVERSION:3.0\nFN:Ani\nEND:VCARD',
    vcardFormattedName: 'Ani',
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  {
    id: key(false, CUSTOMER, '3EB0A6'),
    t: T,
    type: 'multi_vcard',
    vcardList: [{ vcard: 'BEGIN:VCARD\nEND:VCARD' }, { vcard: '' }],
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  {
    id: key(false, CUSTOMER, '3EB0A7'),
    t: T,
    type: 'chat',
    body: 'oke kak',
    quotedMsg: { type: 'chat', body: 'halo', id: key(true, CUSTOMER, '3EB0FACE') },
    quotedStanzaID: '3EB0FACE',
    quotedParticipant: wid(SHOP),
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  {
    id: { ...key(false, GROUP, '3EB0A8'), participant: wid(CUSTOMER) },
    t: T,
    type: 'chat',
    body: 'ORD-202611-0003?',
    author: wid(CUSTOMER),
    quotedStanzaID: '3EB0BEEF',
    quotedParticipant: wid(SHOP),
    from: wid(GROUP),
    to: wid(SHOP),
  },
  {
    id: key(true, CUSTOMER, '3EB0A9'),
    t: T,
    type: 'chat',
    body: 'siap kak, ditunggu',
    from: wid(SHOP),
    to: wid(CUSTOMER),
    ack: 2,
  },
  {
    id: key(false, 'status@broadcast', '3EB0AA'),
    t: T,
    type: 'image',
    caption: 'promo',
    author: wid(CUSTOMER),
    from: wid('status@broadcast'),
  },
  {
    id: key(false, CUSTOMER, '3EB0AB'),
    t: T,
    type: 'ptt',
    duration: '4',
    directPath: '/v/a',
    from: wid(CUSTOMER),
    to: wid(SHOP),
  },
  { id: key(false, CUSTOMER, '3EB0AC'), t: T, type: 'revoked', from: wid(CUSTOMER), to: wid(SHOP) },
];

const FIELDS = [
  'id',
  'id.id',
  'id.remote',
  'id._serialized',
  'id.fromMe',
  'id.participant',
  't',
  'type',
  'body',
  'from',
  'from._serialized',
  'to',
  'author',
  'notifyName',
  'caption',
  'filename',
  'mimetype',
  'directPath',
  'quotedMsg',
  'quotedMsg.id',
  'quotedStanzaID',
  'quotedParticipant',
  'quotedRemoteJid',
  'lat',
  'lng',
  'loc',
  'vcardList',
  'isForwarded',
  'ack',
  'mentionedJidList',
  'links',
];

/** Values a field should never hold, and some it should. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    true,
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e21,
    '',
    ' ',
    '@c.us',
    'status@broadcast',
    'x@g.us',
    '[object Object]',
  ),
  fc.constantFrom(
    {},
    [],
    [null],
    { _serialized: 42 },
    { _serialized: null },
    { _serialized: '' },
    { toString: 1 },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map((size) => 'x'.repeat(Math.abs(size) % 200_000)),
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
);

interface Edit {
  field: string;
  value: unknown;
}

/** Set (or, for undefined, drop) a field given as a dotted path; a missing parent becomes an object. */
function applyEdit(payload: Record<string, unknown>, { field, value }: Edit): Record<string, unknown> {
  const path = field.split('.');
  let target: Record<string, unknown> = payload;
  for (const part of path.slice(0, -1)) {
    const inner = target[part];
    if (inner === null || typeof inner !== 'object') target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return payload;
}

const mutatedPayload = fc
  .tuple(
    fc.nat(PAYLOADS.length - 1),
    fc.array(fc.record({ field: fc.constantFrom(...FIELDS), value: junk }), { minLength: 1, maxLength: 5 }),
  )
  .map(([index, edits]) => ({
    base: index,
    edits,
    data: edits.reduce(applyEdit, structuredClone(PAYLOADS[index]!)),
  }));

/** What the inbox may rely on in every message the transport passes up. */
const Inbound = z.strictObject({
  id: z.string().min(1),
  chatId: z.string().min(1),
  chatKind: z.enum(['private', 'group', 'status', 'newsletter', 'other']),
  senderId: z.string().min(1),
  pushName: z.string().optional(),
  type: z.enum(MESSAGE_TYPES),
  body: z.string(),
  timestamp: z.date().refine((date) => !Number.isNaN(date.getTime()), 'invalid date'),
  fromMe: z.boolean(),
  quotedMessageId: z.string().min(1).optional(),
  hasMedia: z.boolean(),
  filename: z.string().optional(),
  mimetype: z.string().optional(),
  location: z
    .strictObject({ latitude: z.number(), longitude: z.number(), description: z.string().optional() })
    .optional(),
  vcards: z.array(z.string()).optional(),
});
const Ack = z.strictObject({
  messageId: z.string().min(1),
  state: z.enum(['pending', 'sent', 'delivered', 'read', 'played', 'failed'] satisfies AckState[]),
});

let transport: Transport;
let client: FakeClient;
const passedUp: { event: string; value: unknown }[] = [];

beforeAll(async () => {
  const log = pino({ level: 'silent' }, new Writable({ write: (_chunk, _encoding, done) => done() }));
  transport = createWhatsAppTransport({
    config: { dataDir: '/srv/pesanin/data', chromiumPath: '/usr/bin/chromium' },
    log,
    createClient: (options) => {
      client = new FakeClient(options);
      return client;
    },
  });
  transport.on('message', (message: InboundMessage) => passedUp.push({ event: 'message', value: message }));
  transport.on('ownMessage', (message: InboundMessage) =>
    passedUp.push({ event: 'ownMessage', value: message }),
  );
  transport.on('ack', (ack) => passedUp.push({ event: 'ack', value: ack }));
  await transport.start();
});

afterAll(() => transport.stop());

const db = useTestDatabase();
const NORMAL_RUNS = 300;
const PIPELINE_RUNS = 30;

describe('the WhatsApp adapter, fuzzed', () => {
  it(
    'never throws into the library, passes up only well-formed messages and acks, and keeps working',
    () => {
      fc.assert(
        fc.property(mutatedPayload, fc.integer({ min: -2, max: 5 }), ({ data }, ack) => {
          let message: wweb.Message;
          try {
            message = new Message(client, data);
          } catch {
            // The library could not build its own Message from this payload: it never reaches us.
            return;
          }
          passedUp.length = 0;
          client.emit('message', message);
          client.emit('message_create', message);
          client.emit('message_ack', message, ack);
          for (const { event, value } of passedUp) {
            const checked = (event === 'ack' ? Ack : Inbound).safeParse(value);
            if (!checked.success) throw new Error(`${event} out of shape: ${checked.error.message}`);
          }
          // The next normal message still comes through.
          passedUp.length = 0;
          client.emit('message', new Message(client, structuredClone(PAYLOADS[0]!)));
          expect(passedUp).toHaveLength(1);
        }),
        fuzzParams(NORMAL_RUNS),
      );
    },
    fuzzTimeout(NORMAL_RUNS, 5),
  );

  it(
    'keeps the inbox working: junk is stored or dropped, never left failing, and the next customer is answered',
    async () => {
      const echo: Handler = async (context) => {
        await context.reply(`echo: ${context.message.body.slice(0, 50)}`);
      };
      const inbox = new Inbox({
        connection: db.connection,
        log: silentLog,
        locale: 'id',
        handlers: [echo],
        phoneTakeoverMs: 30 * 60_000,
      });
      // As bot.ts wires it: what the transport passes up goes to the inbox.
      const work: Promise<void>[] = [];
      const onMessage = (message: InboundMessage) => work.push(inbox.receive(message));
      const onOwn = (message: InboundMessage) => work.push(inbox.receiveOwn(message));
      transport.on('message', onMessage);
      transport.on('ownMessage', onOwn);
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(mutatedPayload, async ({ data }) => {
            run += 1;
            let message: wweb.Message | undefined;
            try {
              message = new Message(client, data);
            } catch {
              // The library could not build its own Message: it never reaches us.
            }
            if (message) {
              client.emit('message', message);
              client.emit('message_create', message);
            }
            const normal = `3EB0F0${String(run).padStart(8, '0')}`;
            client.emit(
              'message',
              new Message(client, { ...structuredClone(PAYLOADS[0]!), id: key(false, CUSTOMER, normal) }),
            );
            await Promise.all(work.splice(0));
            await inbox.idle();
            const answered = (await queuedTexts(db.connection)).filter((sent) => sent.key.includes(normal));
            expect(answered.map((sent) => sent.text)).toEqual(['echo: Kak, buket mawar merah masih ada?']);
          }),
          fuzzParams(PIPELINE_RUNS, 100),
        );
      } finally {
        transport.off('message', onMessage);
        transport.off('ownMessage', onOwn);
      }
    },
    fuzzTimeout(PIPELINE_RUNS, 500, 100),
  );
});
