import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestDatabase } from '../platform/testing/database.js';
import { conversationModel } from './conversation.model.js';
import {
  bumpMisunderstood,
  clearConversation,
  expireConversations,
  getConversation,
  MISUNDERSTOOD_TTL_MS,
  resetMisunderstood,
  saveConversation,
} from './conversation.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const chatId = '6281234567890@c.us';
const ttlMs = 30 * 60_000;

const DraftSchema = z.object({ items: z.array(z.object({ sku: z.string(), qty: z.number() })) });
type Draft = z.infer<typeof DraftSchema>;

beforeAll(async () => {
  await conversationModel(db.connection).init();
});
beforeEach(async () => {
  await conversationModel(db.connection).deleteMany({});
});

describe('conversation state', () => {
  it('is there until it expires, judged by the injected now', async () => {
    const draft: Draft = { items: [{ sku: 'BKT-MAWAR', qty: 2 }] };
    const saved = await saveConversation(
      db.connection,
      chatId,
      { kind: 'order_draft', data: draft },
      { now: t0, ttlMs },
    );
    expect(saved).toEqual({
      chatId,
      kind: 'order_draft',
      data: draft,
      misunderstood: 0,
      updatedAt: t0,
      expiresAt: minutes(30),
    });
    expect(await getConversation(db.connection, chatId, minutes(29))).toMatchObject({ data: draft });
    expect(await getConversation(db.connection, chatId, minutes(30))).toBeNull();
    expect(await getConversation(db.connection, chatId, minutes(90))).toBeNull();
    // Expired but not deleted: the emulator never deletes, and real MongoDB may not have yet.
    expect(await conversationModel(db.connection).countDocuments({ chatId })).toBe(1);
    expect(await getConversation(db.connection, 'someone-else@c.us', t0)).toBeNull();
  });

  it('checks the data with the caller’s parser', async () => {
    await saveConversation(
      db.connection,
      chatId,
      { kind: 'order_draft', data: { items: [] } },
      { now: t0, ttlMs },
    );
    const state = await getConversation(db.connection, chatId, t0, DraftSchema.parse);
    expect(state?.data.items).toEqual([]);
    await saveConversation(
      db.connection,
      chatId,
      { kind: 'order_draft', data: { items: 'two' } },
      { now: t0, ttlMs },
    );
    await expect(getConversation(db.connection, chatId, t0, DraftSchema.parse)).rejects.toThrow();
  });

  it('replaces the whole state on save, and gives it a new lifetime', async () => {
    await saveConversation(
      db.connection,
      chatId,
      { kind: 'order_draft', data: { items: [{ sku: 'A', qty: 1 }], address: 'Jl. Melati 5' } },
      { now: t0, ttlMs },
    );
    await bumpMisunderstood(db.connection, chatId, minutes(1));
    await saveConversation(
      db.connection,
      chatId,
      { kind: 'custom_draft', data: { brief: 'logo kopi' } },
      { now: minutes(20), ttlMs },
    );
    expect(await getConversation(db.connection, chatId, minutes(45))).toEqual({
      chatId,
      kind: 'custom_draft',
      data: { brief: 'logo kopi' },
      misunderstood: 0,
      updatedAt: minutes(20),
      expiresAt: minutes(50),
    });
    expect(await conversationModel(db.connection).countDocuments()).toBe(1);
  });

  it('clears a state, saying whether there was one', async () => {
    await saveConversation(
      db.connection,
      chatId,
      { kind: 'awaiting_detail', data: null },
      { now: t0, ttlMs },
    );
    expect(await clearConversation(db.connection, chatId)).toBe(true);
    expect(await clearConversation(db.connection, chatId)).toBe(false);
    expect(await getConversation(db.connection, chatId, t0)).toBeNull();
  });

  it('refuses a lifetime that is not positive (a bug in the caller)', async () => {
    await expect(
      saveConversation(db.connection, chatId, { kind: 'idle', data: null }, { now: t0, ttlMs: 0 }),
    ).rejects.toThrow('ttlMs must be a positive number');
  });

  it('declares a TTL index on expiresAt for real MongoDB', async () => {
    await conversationModel(db.connection).createCollection();
    const indexes = await conversationModel(db.connection).listIndexes();
    expect(indexes).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    expect(indexes).toContainEqual(expect.objectContaining({ key: { chatId: 1 }, unique: true }));
  });

  it('deletes only expired states when asked', async () => {
    await saveConversation(db.connection, 'a@c.us', { kind: 'idle', data: null }, { now: t0, ttlMs: 60_000 });
    await saveConversation(db.connection, 'b@c.us', { kind: 'idle', data: null }, { now: t0, ttlMs });
    expect(await expireConversations(db.connection, minutes(5))).toBe(1);
    expect(await getConversation(db.connection, 'b@c.us', minutes(5))).not.toBeNull();
  });
});

describe('misunderstood counter', () => {
  it('counts consecutive misunderstood messages and restarts on reset', async () => {
    expect(await bumpMisunderstood(db.connection, chatId, t0)).toBe(1);
    expect(await bumpMisunderstood(db.connection, chatId, minutes(1))).toBe(2);
    expect(await getConversation(db.connection, chatId, minutes(1))).toMatchObject({
      kind: 'idle',
      data: null,
      misunderstood: 2,
      expiresAt: new Date(t0.getTime() + MISUNDERSTOOD_TTL_MS),
    });
    await resetMisunderstood(db.connection, chatId, minutes(2));
    expect(await bumpMisunderstood(db.connection, chatId, minutes(3))).toBe(1);
  });

  it('keeps a live draft (kind, data, expiry) while counting on it', async () => {
    const data = { items: [{ sku: 'HAMPERS', qty: 1 }] };
    await saveConversation(db.connection, chatId, { kind: 'order_draft', data }, { now: t0, ttlMs });
    expect(await bumpMisunderstood(db.connection, chatId, minutes(5))).toBe(1);
    expect(await bumpMisunderstood(db.connection, chatId, minutes(6))).toBe(2);
    expect(await getConversation(db.connection, chatId, minutes(6))).toMatchObject({
      kind: 'order_draft',
      data,
      misunderstood: 2,
      expiresAt: minutes(30),
    });
  });

  it('starts again at 1 once the state has expired: old confusion does not count', async () => {
    await bumpMisunderstood(db.connection, chatId, t0);
    expect(await bumpMisunderstood(db.connection, chatId, minutes(31))).toBe(1);
    await saveConversation(
      db.connection,
      chatId,
      { kind: 'order_draft', data: {} },
      { now: minutes(40), ttlMs },
    );
    await bumpMisunderstood(db.connection, chatId, minutes(41));
    expect(await bumpMisunderstood(db.connection, chatId, minutes(71))).toBe(1);
    expect(await getConversation(db.connection, chatId, minutes(71))).toMatchObject({
      kind: 'idle',
      data: null,
    });
  });

  it('counts every one of simultaneous bumps', async () => {
    const counts = await Promise.all(
      Array.from({ length: 5 }, () => bumpMisunderstood(db.connection, chatId, t0)),
    );
    expect([...counts].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await conversationModel(db.connection).countDocuments({ chatId })).toBe(1);
  });
});
