import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type Connection, Types } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { deductMaterialsForOrder } from '../../materials/material.use-case.js';
import { ALL_MODELS, ensureIndexes } from '../../models.js';
import { orderModel } from '../../orders/order.model.js';
import { createLogger } from '../logger.js';
import { openConnection } from '../mongo.js';
import { useTestDatabase } from '../testing/database.js';
import { MIGRATIONS } from './registry.js';
import { migrationStatus, runMigrations } from './runner.js';

// The product's migrations on a fresh database, on one a release behind, on one from before migrations
// existed, and twice in a row.

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'migrations-test');
const opened: Connection[] = [];
const here = path.dirname(new URL(import.meta.url).pathname);
const LATEST = MIGRATIONS.at(-1)!.id;

afterAll(async () => {
  for (const connection of opened) {
    await connection.dropDatabase();
    await connection.close();
  }
});

async function emptyDatabase(): Promise<Connection> {
  const connection = await openConnection(db.uri, `migrations_${randomBytes(5).toString('hex')}`);
  opened.push(connection);
  return connection;
}

/** Every index a model declares, as `collection: key` strings (the `_id` index aside). */
const declaredIndexes = (connection: Connection) =>
  ALL_MODELS.flatMap((model) => {
    const bound = model(connection);
    return bound.schema.indexes().map(([key]) => `${bound.collection.name}: ${JSON.stringify(key)}`);
  });

/** The indexes the database holds, in the same form. */
async function existingIndexes(connection: Connection): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of await connection.listCollections())
    for (const index of await connection.collection(name).indexes())
      if (index.name !== '_id_') found.push(`${name}: ${JSON.stringify(index.key)}`);
  return found;
}

/** Every collection's documents and index definitions: "changes nothing" compares these. */
async function snapshot(connection: Connection) {
  const collections: Record<string, unknown> = {};
  const names = (await connection.listCollections()).map(({ name }) => name).sort();
  for (const name of names)
    collections[name] = {
      documents: await connection.collection(name).find({}).sort({ _id: 1 }).toArray(),
      indexes: (await connection.collection(name).indexes()).sort((a, b) =>
        String(a.name).localeCompare(String(b.name)),
      ),
    };
  return collections;
}

/** An order as the first releases wrote it: before appliedPayments, materialsDeducted and deliverables. */
const oldOrder = (number: string, extra: Record<string, unknown> = {}) => ({
  _id: new Types.ObjectId(),
  number,
  trackingToken: `token-${number}`,
  contactId: new Types.ObjectId(),
  chatId: '6281234567890@c.us',
  kind: 'catalog',
  items: [],
  fulfilment: {},
  subtotal: 150_000,
  discount: 0,
  shippingFee: 0,
  total: 150_000,
  paymentStatus: 'unpaid',
  paidAmount: 0,
  source: 'whatsapp',
  internalNotes: [],
  messageIds: [],
  status: 'confirmed',
  timeline: [],
  creationRecorded: true,
  countedInStats: false,
  revision: 0,
  createdAt: new Date('2026-11-20T03:00:00Z'),
  updatedAt: new Date('2026-11-20T03:00:00Z'),
  ...extra,
});

/** Old-shaped documents of every backfilled collection, plus ones that already have the fields. */
async function insertOldDocuments(connection: Connection) {
  await connection.collection('orders').insertMany([
    oldOrder('ORD-202611-0001'),
    // Written by a newer release already: its values must survive.
    oldOrder('ORD-202611-0002', {
      appliedPayments: ['PAY-202611-0001'],
      materialsDeducted: true,
      deliverables: [{ _id: new Types.ObjectId(), path: 'media/x.pdf', sha256: 'ab' }],
    }),
  ]);
  await connection.collection('products').insertMany([
    { sku: 'mawar', name: 'Buket mawar', price: 150_000, aliases: [], active: true },
    {
      sku: 'lili',
      name: 'Buket lili',
      price: 200_000,
      aliases: [],
      active: true,
      materials: [{ code: 'lili', qty: 5 }],
    },
  ]);
  await connection
    .collection('users')
    .insertOne({ login: 'sari', name: 'Sari', role: 'owner', active: true });
}

async function expectBackfilled(connection: Connection) {
  const orders = await connection.collection('orders').find({}).sort({ number: 1 }).toArray();
  expect(
    orders.map(({ appliedPayments, materialsDeducted, deliverables }) => ({
      appliedPayments,
      materialsDeducted,
      deliverables,
    })),
  ).toEqual([
    { appliedPayments: [], materialsDeducted: false, deliverables: [] },
    {
      appliedPayments: ['PAY-202611-0001'],
      materialsDeducted: true,
      deliverables: [expect.objectContaining({ path: 'media/x.pdf' })],
    },
  ]);
  const products = await connection.collection('products').find({}).sort({ sku: 1 }).toArray();
  expect(products.map(({ sku, materials }) => ({ sku, materials }))).toEqual([
    { sku: 'lili', materials: [{ code: 'lili', qty: 5 }] },
    { sku: 'mawar', materials: [] },
  ]);
  expect(await connection.collection('users').findOne({ login: 'sari' })).toMatchObject({ failedLogins: 0 });
}

describe('the migrations', () => {
  it('are listed once each, in order, under their file names', () => {
    const files = readdirSync(here)
      .filter((file) => file.endsWith('.migration.ts'))
      .sort()
      .map((file) => file.replace(/\.migration\.ts$/, ''));
    expect(MIGRATIONS.map(({ id }) => id)).toEqual(files);
    for (const { description } of MIGRATIONS) expect(description.length).toBeGreaterThan(10);
  });

  it('bring a fresh database to the latest, with every index the models declare', async () => {
    const connection = await emptyDatabase();
    const run = await runMigrations(connection, { migrations: MIGRATIONS, log });
    expect(run.applied.map(({ id }) => id)).toEqual(MIGRATIONS.map(({ id }) => id));
    expect(run.latest).toBe(LATEST);
    expect(await existingIndexes(connection)).toEqual(expect.arrayContaining(declaredIndexes(connection)));
    expect((await migrationStatus(connection, MIGRATIONS)).pending).toEqual([]);
  });

  it('bring a database from before the backfills to the latest, fixing and encrypting its old documents', async () => {
    const connection = await emptyDatabase();
    const backfills = MIGRATIONS.findIndex(({ id }) => id === '0003-backfill-defaults');
    await runMigrations(connection, { migrations: MIGRATIONS.slice(0, backfills), log });
    await insertOldDocuments(connection);

    const run = await runMigrations(connection, { migrations: MIGRATIONS, log });
    expect(run.applied.map(({ id }) => id)).toEqual(MIGRATIONS.slice(backfills).map(({ id }) => id));
    expect(run.alreadyApplied).toBe(backfills);
    await expectBackfilled(connection);
    // 0004: the chat ids written in clear are now blind indexes, their values encrypted beside them.
    const orders = await connection.db!.collection('orders').find({}).toArray();
    expect(orders.every((order) => /^h1:/.test(order.chatId) && /^enc1:/.test(order.chatIdEnc))).toBe(true);
  });

  it('bring a database from before migrations existed to the latest: report indexes added, documents fixed', async () => {
    const connection = await emptyDatabase();
    // What the last release without migrations left: ensureIndexes at start, without the report indexes.
    await ensureIndexes(connection);
    await connection.collection('leads').dropIndex('createdAt_-1');
    await connection.collection('orders').dropIndex('status_1_completedAt_-1');
    await insertOldDocuments(connection);

    const run = await runMigrations(connection, { migrations: MIGRATIONS, log });
    expect(run.applied).toHaveLength(MIGRATIONS.length);
    const indexes = await existingIndexes(connection);
    expect(indexes).toContain('leads: {"createdAt":-1}');
    expect(indexes).toContain('orders: {"status":1,"completedAt":-1}');
    await expectBackfilled(connection);
  });

  it('change nothing when run a second time', async () => {
    const connection = await emptyDatabase();
    await insertOldDocuments(connection);
    await runMigrations(connection, { migrations: MIGRATIONS, log });
    const before = await snapshot(connection);

    const again = await runMigrations(connection, { migrations: MIGRATIONS, log });
    expect(again).toMatchObject({ applied: [], alreadyApplied: MIGRATIONS.length, latest: LATEST });
    expect(await snapshot(connection)).toEqual(before);
  });

  it('let current code finish what older orders could not: stock deduction is marked once migrated', async () => {
    const connection = await emptyDatabase();
    await ensureIndexes(connection);
    await insertOldDocuments(connection);
    const ctx = { actor: { kind: 'system' as const, name: 'test' }, at: new Date('2026-12-05T03:00:00Z') };
    // Before: the conditional `{materialsDeducted: false}` never matches an order without the field.
    await deductMaterialsForOrder(connection, 'ORD-202611-0001', ctx);
    expect(
      (await orderModel(connection).findOne({ number: 'ORD-202611-0001' }).lean())?.materialsDeducted,
    ).toBeUndefined();

    await runMigrations(connection, { migrations: MIGRATIONS, log });
    expect(await deductMaterialsForOrder(connection, 'ORD-202611-0001', ctx)).toMatchObject({
      ok: true,
      changed: true,
    });
    expect(
      (await orderModel(connection).findOne({ number: 'ORD-202611-0001' }).lean())?.materialsDeducted,
    ).toBe(true);
  });
});
