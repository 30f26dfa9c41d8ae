import { describe, expect, it } from 'vitest';
import type { LogLevel } from './config.js';
import { createLogger, maskPhones, REDACTED } from './logger.js';

/** A logger at `level` whose lines are kept in `lines`, as the process would write them. */
function capture(level: LogLevel) {
  const lines: string[] = [];
  const log = createLogger({ env: 'production', logLevel: level }, 'test', {
    write: (line: string) => void lines.push(line),
  });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line)) };
}

/** One customer in every form their number takes in the product and in what people type. */
const PHONE_FORMS = [
  '+6281234567890',
  '+62 812-3456-7890',
  '+62 812 3456 7890',
  '6281234567890',
  '62 812 3456 7890',
  '081234567890',
  '0812-3456-7890',
  '0812 3456 7890',
  '(0812) 3456 7890',
  '0812.3456.7890',
  '81234567890',
];
const CHAT_ID = '6281234567890@c.us';
const WA_ID = 'false_6281234567890@c.us_3EB0C431D5E8F9A0B1C2';
/** Any run of the number's digits long enough to call it; the kept tail (7890) is shorter. */
const DIGITS = /8123|12345|234567/;

describe('maskPhones', () => {
  it.each(PHONE_FORMS)('masks %s, keeping its last four digits', (phone) => {
    expect(maskPhones(`kirim ke ${phone} ya kak`)).toBe('kirim ke ***7890 ya kak');
  });

  it('masks chat ids of people, groups and hidden numbers, and the chat id inside a WhatsApp message id', () => {
    expect(maskPhones(CHAT_ID)).toBe('***7890@c.us');
    expect(maskPhones('123456789012345@lid')).toBe('***2345@lid');
    expect(maskPhones('6281234567890-1612345678@g.us')).toBe('***5678@g.us');
    expect(maskPhones('/api/chats/6281234567890%40c.us')).toBe('/api/chats/***7890%40c.us');
    expect(maskPhones(WA_ID)).toBe('false_***7890@c.us_3EB0C431D5E8F9A0B1C2');
  });

  it('masks numbers of other countries written with +', () => {
    expect(maskPhones('call +60 12-345 6789')).toBe('call ***6789');
  });

  it('leaves order numbers, rupiah amounts, times and ids alone', () => {
    const text =
      'ORD-202611-0042 Rp1.250.000 1250000 850000 8500000 Rp850.000.000 Rp628.123.456 2026-12-04T08:12:34.567Z ' +
      '"time":1764835200000 65a0812345678901bcdef123 6281234567890abcdef01234';
    expect(maskPhones(text)).toBe(text);
  });
});

describe('createLogger (issue 11 item 4: redacted logs)', () => {
  it('masks phones in fields, the message, child bindings and errors', () => {
    const { log, lines, parsed } = capture('info');
    const chatLog = log.child({ chatId: CHAT_ID, messageId: WA_ID });
    chatLog.info({ phone: '+6281234567890', to: ['081234567890'] }, 'customer 0812-3456-7890 wrote');
    chatLog.error({ err: new Error(`chat ${CHAT_ID} not found`) }, 'message handling failed');

    for (const line of lines) for (const phone of PHONE_FORMS) expect(line).not.toContain(phone);
    for (const line of lines) expect(line).not.toMatch(DIGITS);
    const [info, error] = parsed();
    expect(info).toMatchObject({
      chatId: '***7890@c.us',
      messageId: 'false_***7890@c.us_3EB0C431D5E8F9A0B1C2',
      phone: '***7890',
      to: ['***7890'],
      msg: 'customer ***7890 wrote',
    });
    expect(error.err.message).toBe('chat ***7890@c.us not found');
    expect(error.err.stack).toContain('Error: chat ***7890@c.us not found');
  });

  it('redacts message bodies, captions, addresses and names at info, also nested', () => {
    const { log, parsed } = capture('info');
    log.warn(
      {
        body: 'kirim ke Jl. Melati 12',
        caption: 'bukti transfer',
        address: 'Jl. Melati 12, Bandung',
        pushName: 'Budi',
        message: { text: 'halo', body: 'halo kak' },
        order: { delivery: { address: 'Jl. Melati 12, Bandung' } },
      },
      'order details read',
    );
    expect(parsed()[0]).toMatchObject({
      body: REDACTED,
      caption: REDACTED,
      address: REDACTED,
      pushName: REDACTED,
      message: { text: REDACTED, body: REDACTED },
      order: { delivery: { address: REDACTED } },
    });
    const child = log.child({ body: 'Jl. Melati 12' });
    child.info('bound');
    expect(parsed()[1].body).toBe(REDACTED);
  });

  it('shows bodies and addresses at debug, phones still masked', () => {
    const { log, parsed } = capture('debug');
    log.debug({ body: 'alamat Jl. Melati 12, hp 0812-3456-7890', address: 'Jl. Melati 12' }, 'message');
    expect(parsed()[0]).toMatchObject({ body: 'alamat Jl. Melati 12, hp ***7890', address: 'Jl. Melati 12' });
  });

  it('keeps order numbers and rupiah amounts intact', () => {
    const { log, parsed } = capture('info');
    log.info(
      { order: 'ORD-202611-0042', total: 1_250_000, paid: 850_000 },
      'ORD-202611-0042 paid Rp1.250.000',
    );
    expect(parsed()[0]).toMatchObject({
      order: 'ORD-202611-0042',
      total: 1_250_000,
      paid: 850_000,
      msg: 'ORD-202611-0042 paid Rp1.250.000',
    });
  });
});
