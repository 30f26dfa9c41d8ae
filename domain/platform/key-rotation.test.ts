import { afterEach, describe, expect, it } from 'vitest';
import { contactModel } from '../contacts/contact.model.js';
import { messageModel } from '../messages/message.model.js';
import { ALL_MODELS } from '../models.js';
import { keyring, sealedWith, useKeyring } from './crypto.js';
import { fieldSpecOf } from './field-encryption.js';
import { sealCollection } from './key-rotation.js';
import { createLogger } from './logger.js';
import {
  encryptPersonalFields,
  PERSONAL_FIELDS_V1,
} from './migrations/0004-encrypt-personal-fields.migration.js';
import { useTestDatabase } from './testing/database.js';
import { TEST_KEYRING } from './testing/keys.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'key-rotation-test');
const at = new Date('2026-11-23T03:00:00Z');
const raw = (collection: string) => db.connection.db!.collection(collection);
const rotated = {
  ...TEST_KEYRING,
  dataKeys: [{ id: 't3', key: Buffer.alloc(32, 3) }, ...TEST_KEYRING.dataKeys],
};

afterEach(() => useKeyring(TEST_KEYRING));

/** Every sealed value in a stored document, as `path: key id`. */
function keyIds(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.startsWith('enc1:') ? [`${path}:${sealedWith(value)}`] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => keyIds(item, `${path}.${index}`));
  if (value && typeof value === 'object' && !('_bsontype' in value)) {
    return Object.entries(value).flatMap(([key, item]) => keyIds(item, path ? `${path}.${key}` : key));
  }
  return [];
}

describe('the encryption migration and key rotation', () => {
  it('names every protected model as the models declare it', () => {
    const declared = Object.fromEntries(
      ALL_MODELS.map((model) => model(db.connection))
        .filter((model) => fieldSpecOf(model.schema))
        .map((model) => [model.collection.collectionName, fieldSpecOf(model.schema)]),
    );
    expect(declared).toEqual(PERSONAL_FIELDS_V1);
  });

  it('encrypts personal fields stored in clear before this release, once', async () => {
    await raw('contacts').insertOne({
      chatId: '6281234567890@c.us',
      phone: '+6281234567890',
      pushName: 'Budi',
      addresses: [{ label: 'rumah', text: 'Jl. Melati No. 5' }],
      otherChatIds: ['6285700000001@c.us'],
      createdAt: at,
    });
    await raw('messages').insertOne({
      waId: 'false_6281234567890@c.us_3EB0AA',
      chatId: '6281234567890@c.us',
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: 'kirim ke Jl. Melati No. 5 ya',
      sentAt: at,
      receivedAt: at,
      outboxKey: 'reply:false_6281234567890@c.us_3EB0AA:1',
    });
    await encryptPersonalFields.up(db.connection, log);
    for (const collection of ['contacts', 'messages']) {
      expect(JSON.stringify(await raw(collection).find().toArray())).not.toMatch(
        /6281234567890|628570|Melati/,
      );
    }
    // The domain finds and reads them as before.
    expect(await contactModel(db.connection).findOne({ phone: '+6281234567890' }).lean()).toMatchObject({
      chatId: '6281234567890@c.us',
      addresses: [{ text: 'Jl. Melati No. 5' }],
      otherChatIds: ['6285700000001@c.us'],
    });
    expect((await messageModel(db.connection).findOne({ chatId: '6281234567890@c.us' }).lean())?.body).toBe(
      'kirim ke Jl. Melati No. 5 ya',
    );
    const again = await sealCollection(db.connection, keyring(), 'contacts', PERSONAL_FIELDS_V1.contacts!);
    expect(again).toEqual({ collection: 'contacts', scanned: 1, rewritten: 0 });
  });

  it('re-seals everything with a new key, resumably and idempotently, and old values read meanwhile', async () => {
    // Written with the old keys; then a new key is configured: old values still read.
    useKeyring(rotated);
    expect((await contactModel(db.connection).findOne({ phone: '+6281234567890' }).lean())?.pushName).toBe(
      'Budi',
    );
    const before = keyIds(await raw('contacts').findOne());
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((entry) => entry.endsWith(':t2'))).toBe(true);

    const progress: number[] = [];
    for (const collection of ['contacts', 'messages']) {
      const done = await sealCollection(
        db.connection,
        rotated,
        collection,
        PERSONAL_FIELDS_V1[collection]!,
        (step) => progress.push(step.scanned),
      );
      expect(done).toEqual({ collection, scanned: 1, rewritten: 1 });
    }
    expect(progress.length).toBeGreaterThan(0);
    for (const collection of ['contacts', 'messages']) {
      const ids = keyIds(await raw(collection).findOne());
      expect(
        ids.every((entry) => entry.endsWith(':t3')),
        ids.join(),
      ).toBe(true);
      const second = await sealCollection(
        db.connection,
        rotated,
        collection,
        PERSONAL_FIELDS_V1[collection]!,
      );
      expect(second.rewritten).toBe(0);
    }
    // Once rotated, the old keys can go.
    useKeyring({ ...rotated, dataKeys: rotated.dataKeys.slice(0, 1) });
    expect(await contactModel(db.connection).findOne({ phone: '+6281234567890' }).lean()).toMatchObject({
      addresses: [{ text: 'Jl. Melati No. 5' }],
    });
  });
});
