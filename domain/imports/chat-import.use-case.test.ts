import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { contactForPhone } from '../contacts/contact.use-case.js';
import type { PhoneNumber } from '../contacts/phone.js';
import { solidImage } from '../media/testing/media-fixtures.js';
import { type Message, messageModel } from '../messages/message.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { useTempDirs } from '../platform/testing/temp-dir.js';
import { type ChatExport, readChatExport } from './chat-export.js';
import { importChat, previewChatImport } from './chat-import.use-case.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
const at = new Date('2026-12-01T03:00:00Z');
const actor = { kind: 'user' as const, id: 'manager-1', name: 'Manager' };
const fixture = (name: string) => readFileSync(new URL(`./testing/${name}`, import.meta.url));
const SHOP = 'Toko Bunga Melati';

let budi: Contact;
let siti: Contact;

beforeAll(async () => {
  const make = async (phone: string) =>
    (await contactForPhone(db.connection, { phone: phone as PhoneNumber, at, actor })).contact;
  budi = await make('+6281234567890');
  siti = await make('+6281311112222');
});

async function exportOf(data: Buffer, format: 'txt' | 'zip'): Promise<ChatExport> {
  const result = await readChatExport(data, format);
  if (!result.ok) throw new Error(result.details);
  return result.export;
}

const thread = (contact: Contact) =>
  messageModel(db.connection).find({ chatId: contact.chatId }).sort({ sentAt: 1, _id: 1 }).lean<Message[]>();

describe('importing a chat export', () => {
  it('previews the authors, dates and counts without writing anything', async () => {
    const chat = await exportOf(fixture('chat-export.id-android.txt'), 'txt');
    const preview = await previewChatImport(db.connection, {
      contactId: String(budi._id),
      filename: 'Chat WhatsApp dengan Budi.txt',
      chat,
    });
    expect(preview).toEqual({
      ok: true,
      contact: { id: String(budi._id), name: null },
      messages: 8,
      system: 1,
      authors: [
        { name: 'Budi Santoso', messages: 5 },
        { name: SHOP, messages: 3 },
      ],
      first: '2026-11-23T02:15:00.000Z',
      last: '2026-11-30T16:30:00.000Z',
      mediaOmitted: 1,
      attachments: { total: 1, included: 0 },
      alreadyImported: 0,
      new: 8,
      shopAuthor: null,
      outbound: null,
      inbound: null,
    });
    expect(await messageModel(db.connection).countDocuments()).toBe(0);
    const withShop = await previewChatImport(db.connection, {
      contactId: String(budi._id),
      filename: 'x.txt',
      chat,
      shopAuthor: SHOP,
    });
    expect(withShop).toMatchObject({ shopAuthor: SHOP, outbound: 3, inbound: 5 });
    expect(
      await previewChatImport(db.connection, {
        contactId: String(budi._id),
        filename: 'x',
        chat,
        shopAuthor: 'Toko',
      }),
    ).toMatchObject({ ok: false, code: 'IMPORT.UNKNOWN_AUTHOR', authors: ['Budi Santoso', SHOP] });
  });

  it('imports the messages as history, in and out by the shop author, and a second time inserts nothing', async () => {
    const chat = await exportOf(fixture('chat-export.id-android.txt'), 'txt');
    const input = { contactId: String(budi._id), filename: 'chat.txt', chat, shopAuthor: SHOP };
    const first = await importChat(db.connection, input, { actor, at });
    expect(first).toMatchObject({
      ok: true,
      inserted: 8,
      skipped: 0,
      system: 1,
      mediaStored: 0,
      mediaNotStored: 1,
    });

    const messages = await thread(budi);
    expect(
      messages.map(({ direction, author, type, pushName }) => [direction, author, type, pushName]),
    ).toEqual([
      ['in', 'customer', 'text', 'Budi Santoso'],
      ['out', 'staff', 'text', SHOP],
      ['in', 'customer', 'text', 'Budi Santoso'],
      ['in', 'customer', 'image', 'Budi Santoso'],
      ['in', 'customer', 'other', 'Budi Santoso'],
      ['out', 'staff', 'text', SHOP],
      ['out', 'staff', 'text', SHOP],
      ['in', 'customer', 'text', 'Budi Santoso'],
    ]);
    expect(messages[3]).toMatchObject({
      body: 'IMG-20261123-WA0001.jpg (file terlampir)\nContohnya seperti ini',
      media: { state: 'failed', error: 'IMPORT.MEDIA_NOT_INCLUDED', filename: 'IMG-20261123-WA0001.jpg' },
    });
    expect(messages[4]!.body).toBe('<Media tidak disertakan>');
    expect(messages[0]).toMatchObject({ sentAt: new Date('2026-11-23T02:15:00Z'), receivedAt: at });
    // History is never processed by the bot nor put in the inbox.
    expect(messages.every((message) => !message.processing && !message.attention)).toBe(true);
    const contact = await contactModel(db.connection).findById(budi._id).lean<Contact>();
    expect(contact!.stats.lastMessageAt).toEqual(new Date('2026-11-30T16:30:00Z'));
    expect(
      await auditModel(db.connection).countDocuments({ entity: 'contact', action: 'chat_imported' }),
    ).toBe(1);

    const again = await importChat(db.connection, input, { actor, at: new Date(at.getTime() + 60_000) });
    expect(again).toMatchObject({ ok: true, inserted: 0, skipped: 8 });
    expect(await thread(budi)).toEqual(messages);
    expect(await previewChatImport(db.connection, input)).toMatchObject({ alreadyImported: 8, new: 0 });
    expect(
      await auditModel(db.connection).countDocuments({ entity: 'contact', action: 'chat_imported' }),
    ).toBe(1);
  });

  it('keeps the files of a .zip export as the messages’ media, once', async () => {
    const dataDir = tempDir('chat-import');
    const zip = new JSZip();
    zip.file('Chat WhatsApp dengan Siti.txt', fixture('chat-export.id-android.txt'));
    zip.file('IMG-20261123-WA0001.jpg', await solidImage('jpeg', { width: 40, height: 30 }));
    const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const chat = await exportOf(data, 'zip');
    const input = { contactId: String(siti._id), filename: 'chat.zip', chat, shopAuthor: SHOP };
    expect(await previewChatImport(db.connection, input)).toMatchObject({
      attachments: { total: 1, included: 1 },
    });

    const result = await importChat(db.connection, input, { actor, at, dataDir });
    expect(result).toMatchObject({ ok: true, inserted: 8, mediaStored: 1, mediaNotStored: 0 });
    const photo = (await thread(siti)).find((message) => message.type === 'image');
    expect(photo).toMatchObject({
      body: 'Contohnya seperti ini',
      media: { state: 'stored', mime: 'image/jpeg', filename: 'IMG-20261123-WA0001.jpg' },
    });
    // Filed under the message's day in the shop's zone.
    expect(photo!.media!.path).toMatch(/^media\/2026\/11\/23\/[0-9a-f]{64}\.jpg$/);
    const files = await readdir(dataDir, { recursive: true });
    expect(await importChat(db.connection, input, { actor, at, dataDir })).toMatchObject({ inserted: 0 });
    expect(await readdir(dataDir, { recursive: true })).toEqual(files);
  });

  it('an English export of the same chat is other messages (other times and texts)', async () => {
    const chat = await exportOf(fixture('chat-export.en-ios.txt'), 'txt');
    const result = await importChat(
      db.connection,
      { contactId: String(budi._id), filename: '_chat.txt', chat, shopAuthor: SHOP },
      { actor, at },
    );
    expect(result).toMatchObject({ ok: true, inserted: 6, skipped: 0, system: 1 });
  });

  it('refuses an unknown contact and a file that is no chat export', async () => {
    const chat = await exportOf(Buffer.from('Nama,No HP\nBudi,0812\n'), 'txt');
    expect(
      await previewChatImport(db.connection, { contactId: '0123456789abcdef01234567', filename: 'x', chat }),
    ).toMatchObject({ ok: false, code: 'CONTACT.NOT_FOUND' });
    expect(
      await previewChatImport(db.connection, { contactId: String(budi._id), filename: 'x', chat }),
    ).toMatchObject({
      ok: false,
      code: 'IMPORT.INVALID',
    });
    const empty = new JSZip();
    empty.file('photo.jpg', 'x');
    expect(await readChatExport(await empty.generateAsync({ type: 'nodebuffer' }), 'zip')).toMatchObject({
      ok: false,
      code: 'IMPORT.INVALID',
    });
  });
});
