import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import { auditModel } from '../audit/audit.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { type Contact, contactModel } from './contact.model.js';
import { updateContact } from './contact-edit.use-case.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const ctx = { actor: staff, at };

async function contact(fields: Partial<Contact> & { chatId: string }): Promise<Contact> {
  return (await contactModel(db.connection).create({ createdAt: at, ...fields })).toObject();
}

const edit = (id: unknown, patch: unknown) => updateContact(db.connection, { id: String(id), patch }, ctx);

beforeEach(async () => {
  await Promise.all([contactModel(db.connection).deleteMany({}), auditModel(db.connection).deleteMany({})]);
});

describe('updateContact', () => {
  it.each(['081234567890', '81234567890', '+62 812-3456-7890', '6281234567890'])(
    'stores the phone %s as +6281234567890',
    async (input) => {
      const lid = await contact({ chatId: '1203630001@lid', pushName: 'Budi' });
      const result = await edit(lid._id, { phone: input });
      expect(result).toMatchObject({ ok: true, changed: true, contact: { phone: '+6281234567890' } });
      const stored = await contactModel(db.connection).findById(lid._id).lean();
      expect(stored?.phone).toBe('+6281234567890');
    },
  );

  it('refuses a phone another contact has, naming that contact, and writes nothing', async () => {
    const ani = await contact({ chatId: '6281311112222@c.us', phone: '+6281311112222', name: 'Ani' });
    const lid = await contact({ chatId: '1203630002@lid', pushName: 'Ani lain', tags: ['vip'] });
    const result = await edit(lid._id, { phone: '0813-1111-2222', tags: ['baru'] });
    expect(result).toMatchObject({
      ok: false,
      code: 'CONTACT.PHONE_TAKEN',
      contact: { id: String(ani._id), name: 'Ani', phone: '+6281311112222' },
    });
    const stored = await contactModel(db.connection).findById(lid._id).lean();
    expect(stored?.phone).toBeUndefined();
    expect(stored?.tags).toEqual(['vip']);
    expect(await auditModel(db.connection).countDocuments()).toBe(0);

    // Its own number is not "taken".
    expect(await edit(ani._id, { phone: '6281311112222' })).toMatchObject({ ok: true, changed: false });
  });

  it('finds the number in a chat id too: a contact with no phone field still holds its c.us number', async () => {
    const holder = await contact({ chatId: '6285700000001@c.us' });
    const other = await contact({ chatId: '1203630003@lid' });
    expect(await edit(other._id, { phone: '085700000001' })).toMatchObject({
      code: 'CONTACT.PHONE_TAKEN',
      contact: { id: String(holder._id) },
    });
  });

  it('dedupes tags, confirms the name, audits the change once with before and after', async () => {
    const budi = await contact({ chatId: '6281234567890@c.us', pushName: 'Budi', tags: ['lama'] });
    const patch = {
      name: '  Budi Santoso ',
      tags: [' VIP', 'vip', 'Langganan ', 'langganan'],
      email: 'Budi@Example.com',
      notes: 'suka mawar merah',
      addresses: [{ label: 'rumah', text: 'Jl. Mawar 1, Bandung' }, { text: 'Kantor, Jl. Melati 2' }],
      optOut: true,
    };
    const first = await edit(budi._id, patch);
    expect(first).toMatchObject({
      ok: true,
      changed: true,
      contact: {
        name: 'Budi Santoso',
        nameConfirmed: true,
        tags: ['vip', 'langganan'],
        email: 'budi@example.com',
        notes: 'suka mawar merah',
        optOut: true,
        addresses: [{ label: 'rumah', text: 'Jl. Mawar 1, Bandung' }, { text: 'Kantor, Jl. Melati 2' }],
      },
    });
    const again = await edit(budi._id, patch);
    expect(again).toMatchObject({ ok: true, changed: false });
    const entries = await auditModel(db.connection).find({ entity: 'contact', action: 'updated' }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.before).toMatchObject({
      name: null,
      nameConfirmed: false,
      tags: ['lama'],
      optOut: false,
    });
    expect(entries[0]?.after).toMatchObject({ name: 'Budi Santoso', tags: ['vip', 'langganan'] });
    expect(Object.keys(entries[0]?.after ?? {})).not.toContain('phone');

    // null and "" clear email and notes.
    const cleared = await edit(budi._id, { email: '', notes: null });
    expect(cleared.ok && cleared.contact.email).toBeUndefined();
    expect(cleared.ok && cleared.contact.notes).toBeUndefined();
  });

  it('names the bad or unknown field; an unknown contact is not found', async () => {
    const budi = await contact({ chatId: '6281234567890@c.us' });
    expect(await edit(budi._id, { email: 'bukan email' })).toMatchObject({
      code: 'CONTACT.INVALID',
      field: 'email',
    });
    expect(await edit(budi._id, { phone: '12' })).toMatchObject({ code: 'CONTACT.INVALID', field: 'phone' });
    expect(await edit(budi._id, { nickname: 'Bud' })).toMatchObject({
      code: 'CONTACT.INVALID',
      field: 'nickname',
      details: expect.stringContaining('unknown field "nickname"'),
    });
    expect(await edit('0123456789abcdef01234567', { name: 'X' })).toMatchObject({
      code: 'CONTACT.NOT_FOUND',
    });
    expect(await edit('nope', { name: 'X' })).toMatchObject({ code: 'CONTACT.NOT_FOUND' });
  });
});
