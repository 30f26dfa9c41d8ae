import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../platform/testing/database.js';
import { useTempDirs } from '../platform/testing/temp-dir.js';
import { contactModel } from './contact.model.js';
import { exportContact } from './contact-export.use-case.js';
import { ANI, AT, BUDI, type Footprint, writeFootprint } from './testing/customer-footprint.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
let dataDir: string;
let shop: Footprint;

beforeAll(async () => {
  dataDir = tempDir('export');
  shop = await writeFootprint(db.connection, dataDir);
});

const read = async (zip: JSZip, name: string) =>
  JSON.parse((await zip.file(name)?.async('string')) ?? 'null');

describe('exporting everything stored about one contact', () => {
  it('zips the contact’s records in plain values and their files, and nothing of other customers', async () => {
    const result = await exportContact(
      db.connection,
      { contactId: String(shop.contact._id) },
      { at: AT, dataDir },
    );
    if (!result.ok) throw new Error(result.details);
    expect(result.filename).toBe(`pesanin-pelanggan-${String(shop.contact._id)}-2026-11-23.zip`);
    const zip = await JSZip.loadAsync(result.zip);
    const contact = await read(zip, 'contact.json');
    expect(contact).toMatchObject({
      phone: BUDI.phone,
      name: BUDI.name,
      chatId: BUDI.chatId,
      email: BUDI.email,
    });
    expect(contact.addresses[0].text).toBe(BUDI.address);
    expect(await read(zip, 'merged-contacts.json')).toHaveLength(1);
    const orders = await read(zip, 'orders.json');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ number: shop.order.number, fulfilment: { address: BUDI.address } });
    const messages = await read(zip, 'messages.json');
    // His own chat and the @lid chat merged into him; not Ani's, not the owner's.
    expect(messages.map((message: { chatId: string }) => message.chatId).sort()).toEqual(
      [BUDI.lidChatId, BUDI.chatId, BUDI.chatId, BUDI.chatId, BUDI.chatId].sort(),
    );
    expect(messages.map((message: { body: string }) => message.body)).toContain(
      `pesan 1 buket, kirim ke ${BUDI.address} ya`,
    );
    for (const name of [
      'invoices.json',
      'payments.json',
      'leads.json',
      'tasks.json',
      'conversations.json',
      'chats.json',
      'outbox.json',
      'audit.json',
    ])
      expect((await read(zip, name)).length, name).toBeGreaterThan(0);
    expect(JSON.stringify(await read(zip, 'audit.json'))).toContain(BUDI.address);
    expect(await zip.file('media/media/2026/11/23/aaaa.jpg')?.async('string')).toBe('budi photo bytes');
    expect(await zip.file('media/media/2026/11/23/bbbb.jpg')?.async('string')).toBe('budi transfer proof');
    expect(zip.file('media/media/2026/11/23/cccc.jpg')).toBeNull();
    for (const entry of Object.values(zip.files).filter((file) => file.name.endsWith('.json')))
      expect(await entry.async('string'), entry.name).not.toContain(ANI.name);
    expect(result.counts).toMatchObject({ orders: 1, files: 3, missingFiles: 0 });
  });

  it('refuses an unknown contact and a merge tombstone', async () => {
    expect(await exportContact(db.connection, { contactId: 'x' }, { at: AT })).toMatchObject({
      code: 'CONTACT.NOT_FOUND',
    });
    const tombstone = await contactModel(db.connection).findOne({ mergedInto: shop.contact._id }).lean();
    expect(
      await exportContact(db.connection, { contactId: String(tombstone?._id) }, { at: AT }),
    ).toMatchObject({
      code: 'CONTACT.ALREADY_MERGED',
    });
  });
});
