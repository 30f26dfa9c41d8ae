import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import {
  CLAIM_MS,
  claimAttention,
  flagForStaff,
  openAttention,
  releaseAttention,
  resolveAttention,
  resolveChat,
} from './attention.use-case.js';
import { type Message, messageModel } from './message.model.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const dewi: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const sari: Actor = { kind: 'user', id: 'u2', name: 'Sari' };

async function message(waId: string, fields: Partial<Message> = {}): Promise<void> {
  await messageModel(db.connection).create({
    waId,
    chatId: '6281234567890@c.us',
    direction: 'in',
    author: 'customer',
    type: 'text',
    body: `text of ${waId}`,
    sentAt: t0,
    receivedAt: t0,
    ...fields,
  });
}

const attentionOf = async (waId: string) =>
  (await messageModel(db.connection).findOne({ waId }).lean())?.attention;

beforeEach(async () => {
  await Promise.all([
    messageModel(db.connection).deleteMany({}),
    contactModel(db.connection).deleteMany({}),
    auditModel(db.connection).deleteMany({}),
  ]);
});

describe('flagForStaff', () => {
  it('flags a customer message once: the first reason wins, and a handled one is never flagged again', async () => {
    await message('M1');
    expect(await flagForStaff(db.connection, 'M1', 'unclear', minutes(0))).toBe(true);
    expect(await flagForStaff(db.connection, 'M1', 'handover', minutes(1))).toBe(false);
    expect(await attentionOf('M1')).toEqual({ reason: 'unclear', at: minutes(0) });

    await resolveAttention(
      db.connection,
      { waId: 'M1', outcome: 'dismissed' },
      { actor: dewi, at: minutes(2) },
    );
    expect(await flagForStaff(db.connection, 'M1', 'failed', minutes(3))).toBe(false);
    expect(await attentionOf('M1')).toMatchObject({ reason: 'unclear', outcome: 'dismissed' });
  });

  it('never flags the shop’s own messages or unknown ids', async () => {
    await message('OUT', { direction: 'out', author: 'phone' });
    expect(await flagForStaff(db.connection, 'OUT', 'unclear', t0)).toBe(false);
    expect(await flagForStaff(db.connection, 'NOPE', 'unclear', t0)).toBe(false);
    expect(await attentionOf('OUT')).toBeUndefined();
  });
});

describe('openAttention', () => {
  it('lists open items newest flag first with their contact, and counts them', async () => {
    await contactModel(db.connection).create({
      chatId: '6281234567890@c.us',
      phone: '+6281234567890',
      pushName: 'Budi',
      createdAt: t0,
    });
    await message('OLD');
    await message('NEW');
    await message('DONE');
    await message('QUIET');
    await message('STRANGER', { chatId: '99999@lid' });
    await flagForStaff(db.connection, 'OLD', 'unclear', minutes(1));
    await flagForStaff(db.connection, 'STRANGER', 'failed', minutes(2));
    await flagForStaff(db.connection, 'NEW', 'handover', minutes(3));
    await flagForStaff(db.connection, 'DONE', 'paused', minutes(4));
    await resolveAttention(
      db.connection,
      { waId: 'DONE', outcome: 'dismissed' },
      { actor: dewi, at: minutes(5) },
    );

    const { items, total } = await openAttention(db.connection, { limit: 2 });
    expect(total).toBe(3);
    expect(items.map((item) => [item.message.waId, item.message.attention.reason])).toEqual([
      ['NEW', 'handover'],
      ['STRANGER', 'failed'],
    ]);
    expect(items[0]?.contact).toMatchObject({ pushName: 'Budi', phone: '+6281234567890' });
    expect(items[1]?.contact).toBeNull();
    expect(
      (await openAttention(db.connection, { limit: 100 })).items.map((item) => item.message.waId),
    ).toEqual(['NEW', 'STRANGER', 'OLD']);
  });

  it('shows the kept contact for the chat of a contact merged into another', async () => {
    const kept = await contactModel(db.connection).create({
      chatId: '6281111111111@c.us',
      phone: '+6281111111111',
      name: 'Budi Santoso',
      createdAt: t0,
    });
    await contactModel(db.connection).create({
      chatId: '123456789@lid',
      pushName: 'Budi',
      mergedInto: kept._id,
      createdAt: t0,
    });
    await message('LID', { chatId: '123456789@lid' });
    await flagForStaff(db.connection, 'LID', 'unclear', t0);
    const { items } = await openAttention(db.connection, { limit: 10 });
    expect(items[0]?.contact).toMatchObject({ _id: kept._id, name: 'Budi Santoso' });
  });

  it('has an index for the open items, newest first', async () => {
    const indexes = await messageModel(db.connection).listIndexes();
    expect(indexes.map((index) => index.key)).toContainEqual({
      'attention.doneAt': 1,
      'attention.at': -1,
      _id: -1,
    });
  });
});

describe('resolveAttention', () => {
  it('resolves once when two staff resolve at the same moment; the other hears who did it', async () => {
    await message('M1');
    await flagForStaff(db.connection, 'M1', 'unclear', t0);
    const results = await Promise.all([
      resolveAttention(
        db.connection,
        { waId: 'M1', outcome: 'task', ref: '7' },
        { actor: dewi, at: minutes(1) },
      ),
      resolveAttention(db.connection, { waId: 'M1', outcome: 'dismissed' }, { actor: sari, at: minutes(1) }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const lost = results.find((result) => !result.ok);
    expect(lost).toMatchObject({ ok: false, code: 'INBOX.ALREADY_DONE' });
    const audits = await auditModel(db.connection).find({ entity: 'message', entityId: 'M1' }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'attention_resolved', before: { reason: 'unclear' } });
  });

  it('answers NOT_FOUND for an unknown or never-flagged message', async () => {
    await message('PLAIN');
    for (const waId of ['PLAIN', 'NOPE'])
      expect(
        await resolveAttention(db.connection, { waId, outcome: 'dismissed' }, { actor: dewi, at: t0 }),
      ).toMatchObject({ ok: false, code: 'INBOX.NOT_FOUND', waId });
  });

  it('keeps what was made and who made it', async () => {
    await message('M1');
    await flagForStaff(db.connection, 'M1', 'failed', t0);
    const result = await resolveAttention(
      db.connection,
      { waId: 'M1', outcome: 'order', ref: 'ORD-202611-0001' },
      { actor: dewi, at: minutes(1) },
    );
    expect(result).toMatchObject({ ok: true });
    expect(await attentionOf('M1')).toEqual({
      reason: 'failed',
      at: t0,
      doneAt: minutes(1),
      doneBy: dewi,
      outcome: 'order',
      ref: 'ORD-202611-0001',
    });
    expect(
      await resolveAttention(
        db.connection,
        { waId: 'M1', outcome: 'dismissed' },
        { actor: sari, at: minutes(2) },
      ),
    ).toMatchObject({ code: 'INBOX.ALREADY_DONE', outcome: 'order', ref: 'ORD-202611-0001', doneBy: 'Dewi' });
  });
});

describe('claims', () => {
  it('lets one caller act at a time until it resolves, releases, or the claim lapses', async () => {
    await message('M1');
    await flagForStaff(db.connection, 'M1', 'unclear', t0);
    const [first, second] = await Promise.all([
      claimAttention(db.connection, 'M1', { actor: dewi, at: minutes(1) }),
      claimAttention(db.connection, 'M1', { actor: sari, at: minutes(1) }),
    ]);
    expect([first?.ok, second?.ok].filter(Boolean)).toHaveLength(1);
    expect([first, second].find((result) => !result?.ok)).toMatchObject({ code: 'INBOX.ALREADY_CLAIMED' });

    // Released: free again. Not released: free once the claim lapses.
    await releaseAttention(db.connection, 'M1', minutes(1));
    expect(await claimAttention(db.connection, 'M1', { actor: sari, at: minutes(2) })).toMatchObject({
      ok: true,
    });
    const lapse = new Date(minutes(2).getTime() + CLAIM_MS);
    expect(
      await claimAttention(db.connection, 'M1', { actor: dewi, at: new Date(lapse.getTime() - 1) }),
    ).toMatchObject({ code: 'INBOX.ALREADY_CLAIMED', by: 'Sari' });
    expect(await claimAttention(db.connection, 'M1', { actor: dewi, at: lapse })).toMatchObject({ ok: true });

    await resolveAttention(
      db.connection,
      { waId: 'M1', outcome: 'lead', ref: 'L1' },
      { actor: dewi, at: lapse },
    );
    expect((await attentionOf('M1'))?.claim).toBeUndefined();
    expect(await claimAttention(db.connection, 'M1', { actor: sari, at: lapse })).toMatchObject({
      code: 'INBOX.ALREADY_DONE',
    });
  });

  it('resolveChat closes the chat’s open items but leaves one a colleague is acting on', async () => {
    await message('A');
    await message('B');
    await message('HELD');
    await message('OTHER', { chatId: '62855@c.us' });
    for (const waId of ['A', 'B', 'HELD', 'OTHER']) await flagForStaff(db.connection, waId, 'paused', t0);
    await claimAttention(db.connection, 'HELD', { actor: sari, at: minutes(1) });
    const closed = await resolveChat(db.connection, '6281234567890@c.us', 'replied', {
      actor: dewi,
      at: minutes(2),
    });
    expect(closed).toBe(2);
    expect(
      (await openAttention(db.connection, { limit: 10 })).items.map((item) => item.message.waId).sort(),
    ).toEqual(['HELD', 'OTHER']);
    expect(await attentionOf('A')).toMatchObject({ outcome: 'replied', doneBy: dewi });
  });
});
