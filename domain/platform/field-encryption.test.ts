import { describe, expect, it } from 'vitest';
import { contactModel } from '../contacts/contact.model.js';
import { contactForChat } from '../contacts/contact.use-case.js';
import { searchContacts } from '../contacts/contact-query.use-case.js';
import { messageModel } from '../messages/message.model.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { isHashed, isSealed } from './crypto.js';
import { EncryptedQueryError, keyedForm } from './field-encryption.js';
import { useTestDatabase } from './testing/database.js';

// The wrapper below the models: plain values for the domain, nothing personal in clear in the database.

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const BUDI = '6281234567890@c.us';
const raw = (collection: string) => db.connection.db!.collection(collection);

describe('personal fields at rest', () => {
  it('stores a contact encrypted and indexed, and reads it back plain', async () => {
    const { contact } = await contactForChat(db.connection, { chatId: BUDI, pushName: 'Budi', at });
    await contactModel(db.connection).updateOne(
      { _id: contact._id },
      { $push: { addresses: { label: 'rumah', text: 'Jl. Melati No. 5, Bandung' } } },
    );
    const stored = await raw('contacts').findOne({ _id: contact._id });
    const text = JSON.stringify(stored);
    for (const clear of ['6281234567890', '81234567890', 'Melati']) expect(text).not.toContain(clear);
    expect(isHashed(String(stored?.chatId))).toBe(true);
    expect(isSealed(String(stored?.chatIdEnc))).toBe(true);
    expect(isHashed(String(stored?.phone))).toBe(true);
    expect(stored?.pushName).toBe('Budi');

    const read = await contactModel(db.connection).findById(contact._id).lean();
    expect(read).toMatchObject({
      chatId: BUDI,
      phone: '+6281234567890',
      addresses: [{ label: 'rumah', text: 'Jl. Melati No. 5, Bandung' }],
    });
    expect(read).not.toHaveProperty('chatIdEnc');
    const hydrated = await contactModel(db.connection).findOne({ chatId: BUDI });
    expect(hydrated?.addresses[0]?.text).toBe('Jl. Melati No. 5, Bandung');
    // Only the projected field and what decrypting it needs come back.
    expect(await contactModel(db.connection).findOne({ chatId: BUDI }, { phone: 1, _id: 0 }).lean()).toEqual({
      phone: '+6281234567890',
    });
  });

  it('finds the contact from all four Indonesian forms of its phone number', async () => {
    for (const q of ['+62 812-3456-7890', '6281234567890', '0812 3456 7890', '812-3456-7890']) {
      const page = await searchContacts(db.connection, { view: 'all', q, now: at });
      expect(
        page.items.map((item) => item.chatId),
        q,
      ).toEqual([BUDI]);
    }
  });

  it('keeps array look-ups, upserts, distinct, counts and aggregations working on the index', async () => {
    const contacts = contactModel(db.connection);
    await contacts.updateOne(
      { chatId: BUDI },
      { $addToSet: { otherChatIds: { $each: ['6285700000001@c.us'] } } },
    );
    await contacts.updateOne({ chatId: BUDI }, { $addToSet: { otherChatIds: '6285700000001@c.us' } });
    expect((await contacts.findOne({ otherChatIds: '6285700000001@c.us' }).lean())?.otherChatIds).toEqual([
      '6285700000001@c.us',
    ]);
    await contacts.updateOne({ chatId: BUDI }, { $pull: { otherChatIds: '6285700000001@c.us' } });
    expect((await contacts.findOne({ chatId: BUDI }).lean())?.otherChatIds).toEqual([]);

    // An upsert inserts the filter's chat id: its encrypted copy comes with it.
    await contacts.findOneAndUpdate(
      { chatId: '6281311112222@c.us' },
      { $setOnInsert: { createdAt: at, pushName: 'Ani' } },
      { upsert: true },
    );
    expect((await contacts.findOne({ pushName: 'Ani' }).lean())?.chatId).toBe('6281311112222@c.us');
    expect((await contacts.distinct('chatId')).sort()).toEqual([BUDI, '6281311112222@c.us']);
    expect(await contacts.countDocuments({ chatId: { $in: [BUDI, '6281311112222@c.us'] } })).toBe(2);
    const [row] = await contacts.aggregate<{ chatId: string }>([
      { $match: { chatId: BUDI } },
      { $project: { chatId: 1, chatIdEnc: 1 } },
    ]);
    expect(row?.chatId).toBe(BUDI);
  });

  it('stores message texts and keys without the number, and still finds a key by its prefix', async () => {
    await outboxModel(db.connection).create({
      key: `reply:false_${BUDI}_3EB0AA:1`,
      chatId: BUDI,
      text: 'Alamat kirim: Jl. Melati No. 5',
      origin: 'bot',
      state: 'pending',
      notBefore: at,
      createdAt: at,
    });
    const stored = await raw('outboxes').findOne({});
    expect(JSON.stringify(stored)).not.toMatch(/6281234567890|Melati/);
    expect(stored?.key).toBe(keyedForm(`reply:false_${BUDI}_3EB0AA:1`));
    expect(await outboxModel(db.connection).countDocuments({ key: /^reply:/ })).toBe(1);
    expect(await outboxModel(db.connection).countDocuments({ key: `reply:false_${BUDI}_3EB0AA:1` })).toBe(1);
    expect((await outboxModel(db.connection).findOne({ chatId: BUDI }).lean())?.text).toBe(
      'Alamat kirim: Jl. Melati No. 5',
    );
  });

  it('refuses queries encrypted values cannot answer, instead of matching nothing', async () => {
    await expect(
      messageModel(db.connection)
        .find({ body: /melati/i })
        .lean(),
    ).rejects.toThrow(EncryptedQueryError);
    await expect(
      contactModel(db.connection)
        .find({ phone: /^\+62812/ })
        .lean(),
    ).rejects.toThrow('phone is encrypted: it cannot be searched with a pattern');
    await expect(outboxModel(db.connection).distinct('text')).rejects.toThrow(EncryptedQueryError);
    // Existence checks are fine.
    expect(await messageModel(db.connection).countDocuments({ body: { $exists: true } })).toBe(0);
  });
});
