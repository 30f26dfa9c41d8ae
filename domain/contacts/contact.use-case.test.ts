import { beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { contactModel } from './contact.model.js';
import { contactForChat, contactForPhone } from './contact.use-case.js';
import { type PhoneNumber, parsePhone } from './phone.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const phoneOf = (input: string) => {
  const result = parsePhone(input);
  if (!result.ok) throw new Error(result.details);
  return result.phone as PhoneNumber;
};

beforeEach(async () => {
  await Promise.all([contactModel(db.connection).deleteMany({}), auditModel(db.connection).deleteMany({})]);
});

describe('contacts', () => {
  it('creates a contact on first contact, once, with phone, push name and channel', async () => {
    const first = await contactForChat(db.connection, {
      chatId: '6281234567890@c.us',
      pushName: 'Budi',
      channel: 'instagram_ads',
      at,
    });
    expect(first.created).toBe(true);
    expect(first.contact).toMatchObject({
      chatId: '6281234567890@c.us',
      phone: '+6281234567890',
      pushName: 'Budi',
      nameConfirmed: false,
      firstChannel: 'instagram_ads',
      stats: { orders: 0, totalSpent: 0, lastMessageAt: at },
    });
    const later = new Date(at.getTime() + 60_000);
    const again = await contactForChat(db.connection, {
      chatId: '6281234567890@c.us',
      pushName: 'Budi S',
      channel: 'referral',
      at: later,
    });
    expect(again.created).toBe(false);
    expect(again.contact).toMatchObject({
      pushName: 'Budi S',
      firstChannel: 'instagram_ads',
      stats: { lastMessageAt: later },
    });
    expect(await auditModel(db.connection).countDocuments({ entity: 'contact', action: 'created' })).toBe(1);
  });

  it('makes one contact when several first messages arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => contactForChat(db.connection, { chatId: '6285700000001@c.us', at })),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await contactModel(db.connection).countDocuments()).toBe(1);
  });

  it('keeps a hidden-number (@lid) chat as its own contact without a phone', async () => {
    const { contact } = await contactForChat(db.connection, {
      chatId: '123456789012345@lid',
      pushName: 'Sari',
      at,
    });
    expect(contact.phone).toBeUndefined();
    expect(contact.chatId).toBe('123456789012345@lid');
  });

  it('finds the same person by any Indonesian form of the phone', async () => {
    const forms = ['081234567890', '81234567890', '+62 812-3456-7890', '6281234567890'];
    const ids = new Set<string>();
    for (const form of forms) {
      const { contact } = await contactForPhone(db.connection, {
        phone: phoneOf(form),
        name: 'Budi',
        at,
        actor: { kind: 'system' },
      });
      ids.add(String(contact._id));
    }
    expect(ids.size).toBe(1);
    const chat = await contactForChat(db.connection, { chatId: '6281234567890@c.us', at });
    expect(chat.created).toBe(false);
    expect(ids.has(String(chat.contact._id))).toBe(true);
  });
});
