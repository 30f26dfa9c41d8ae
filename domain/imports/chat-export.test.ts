import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importedWaId, parseChatExport } from './chat-export.js';

const fixture = (name: string) => readFileSync(new URL(`./testing/${name}`, import.meta.url), 'utf8');
const jakarta = 'Asia/Jakarta';

describe('an Indonesian Android export', () => {
  const chat = parseChatExport(fixture('chat-export.id-android.txt'), jakarta);

  it('skips the encryption notice and reads every message with its author, times as WIB', () => {
    expect(chat.system).toBe(1);
    expect(
      chat.entries.map(({ wallClock, sentAt, author, kind }) => [
        wallClock,
        sentAt.toISOString(),
        author,
        kind,
      ]),
    ).toEqual([
      ['2026-11-23T09:15:00', '2026-11-23T02:15:00.000Z', 'Budi Santoso', 'text'],
      ['2026-11-23T09:16:00', '2026-11-23T02:16:00.000Z', 'Toko Bunga Melati', 'text'],
      ['2026-11-23T09:17:00', '2026-11-23T02:17:00.000Z', 'Budi Santoso', 'text'],
      ['2026-11-23T09:18:00', '2026-11-23T02:18:00.000Z', 'Budi Santoso', 'attachment'],
      ['2026-11-23T09:19:00', '2026-11-23T02:19:00.000Z', 'Budi Santoso', 'media-omitted'],
      ['2026-11-23T09:20:00', '2026-11-23T02:20:00.000Z', 'Toko Bunga Melati', 'text'],
      ['2026-11-23T09:20:00', '2026-11-23T02:20:00.000Z', 'Toko Bunga Melati', 'text'],
      // 23.30 WIB on the 30th is still November in Jakarta (16:30 UTC).
      ['2026-11-30T23:30:00', '2026-11-30T16:30:00.000Z', 'Budi Santoso', 'text'],
    ]);
  });

  it('keeps a multi-line message whole and splits an attachment from its caption', () => {
    expect(chat.entries[2]!.text).toBe('Sabtu ya kak.\nAlamat: Jl. Melati No. 5\nBekasi');
    expect(chat.entries[3]).toMatchObject({
      text: 'IMG-20261123-WA0001.jpg (file terlampir)\nContohnya seperti ini',
      attachment: 'IMG-20261123-WA0001.jpg',
      caption: 'Contohnya seperti ini',
    });
    expect(chat.entries[4]!.text).toBe('<Media tidak disertakan>');
    expect(chat.entries[7]!.text).toBe('Sudah transfer kak, makasih');
  });

  it('tells two identical messages in one minute apart, so both get their own id', () => {
    const [first, second] = [chat.entries[5]!, chat.entries[6]!];
    expect([first.occurrence, second.occurrence]).toEqual([0, 1]);
    expect(importedWaId('c1', first)).not.toBe(importedWaId('c1', second));
    expect(importedWaId('c1', first)).toMatch(/^import:c1:[0-9a-f]{40}$/);
    // The same export read again gives the same ids.
    const again = parseChatExport(fixture('chat-export.id-android.txt'), jakarta);
    expect(again.entries.map((entry) => importedWaId('c1', entry))).toEqual(
      chat.entries.map((entry) => importedWaId('c1', entry)),
    );
  });
});

describe('an English iOS export', () => {
  const chat = parseChatExport(fixture('chat-export.en-ios.txt'), jakarta);

  it('skips the encryption notice iOS writes under the chat name, reads seconds and CRLF lines', () => {
    expect(chat.system).toBe(1);
    expect(chat.entries.map(({ sentAt, author, kind }) => [sentAt.toISOString(), author, kind])).toEqual([
      ['2026-11-23T02:15:02.000Z', 'Budi Santoso', 'text'],
      ['2026-11-23T02:16:10.000Z', 'Toko Bunga Melati', 'text'],
      ['2026-11-23T02:17:45.000Z', 'Budi Santoso', 'text'],
      ['2026-11-23T02:18:30.000Z', 'Budi Santoso', 'attachment'],
      ['2026-11-23T02:19:00.000Z', 'Budi Santoso', 'media-omitted'],
      ['2026-11-30T16:59:59.000Z', 'Toko Bunga Melati', 'text'],
    ]);
    expect(chat.entries[2]!.text).toBe('Saturday please.\nAddress: Jl. Melati No. 5, Bekasi');
  });

  it('strips the U+200E before "<attached: …>" and "image omitted"', () => {
    expect(chat.entries[3]).toMatchObject({
      text: '<attached: 00000012-PHOTO-2026-11-23-09-18-30.jpg>',
      attachment: '00000012-PHOTO-2026-11-23-09-18-30.jpg',
      caption: '',
    });
    expect(chat.entries[4]!.text).toBe('image omitted');
  });

  it('reads the same digits in another shop zone as another instant (WITA is UTC+8)', () => {
    const makassar = parseChatExport(fixture('chat-export.en-ios.txt'), 'Asia/Makassar');
    expect(makassar.entries[0]!.sentAt.toISOString()).toBe('2026-11-23T01:15:02.000Z');
    expect(makassar.entries[0]!.wallClock).toBe(chat.entries[0]!.wallClock);
  });

  it('does not take a text that merely mentions a file for an attachment', () => {
    const text = '23/11/26 09.15 - Budi: cek katalog.pdf (yang kemarin) ya kak\n';
    expect(parseChatExport(text, jakarta).entries[0]!.kind).toBe('text');
  });
});
