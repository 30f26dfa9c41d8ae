import { connect } from 'node:net';
import { type Document, deserialize, serialize } from 'bson';
import {
  type Db,
  Double,
  Int32,
  Long,
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  ObjectId,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './server.js';
import { MessageFramer } from './wire.js';

// Expected results are written by hand from MongoDB's manual, not captured from the emulator.

let emulator: RunningEmulator;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  emulator = await startEmulator();
  client = await MongoClient.connect(`${emulator.uri}/conformance`, { serverSelectionTimeoutMS: 2000 });
  db = client.db();
});

afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

/** The server error a promise rejects with (fails the test if it resolves). */
async function serverError(promise: Promise<unknown>): Promise<MongoServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  return error as MongoServerError;
}

const people = [
  { name: 'Ann', age: 31, city: 'Bandung' },
  { name: 'Budi', age: 25, city: 'Jakarta' },
  { name: 'Citra', age: 40, city: 'Jakarta' },
  { name: 'Dewi', age: 25, city: 'Surabaya' },
  { name: 'Eko', age: 35, city: 'Jakarta' },
];

describe('find', () => {
  beforeAll(async () => {
    await db.collection('people').insertMany(people.map((p) => ({ ...p })));
  });

  it('filters, sorts and projects', async () => {
    const rows = await db
      .collection('people')
      .find({ city: 'Jakarta' })
      .sort({ age: -1 })
      .project({ _id: 0, name: 1 })
      .toArray();
    expect(rows).toEqual([{ name: 'Citra' }, { name: 'Eko' }, { name: 'Budi' }]);
  });

  it('sorts on several keys, skips and limits', async () => {
    const all = await db.collection('people').find().sort({ age: 1, name: -1 }).toArray();
    expect(all.map((p) => p.name)).toEqual(['Dewi', 'Budi', 'Ann', 'Eko', 'Citra']);
    const page = await db
      .collection('people')
      .find({ age: { $gte: 30 } })
      .sort({ name: 1 })
      .skip(1)
      .limit(2)
      .toArray();
    expect(page.map((p) => p.name)).toEqual(['Citra', 'Eko']);
  });

  it('returns natural (insertion) order without a sort, and exclusion projections', async () => {
    const rows = await db
      .collection('people')
      .find({}, { projection: { city: 0, _id: 0 } })
      .toArray();
    expect(rows[0]).toEqual({ name: 'Ann', age: 31 });
    expect(rows.map((p) => p.name)).toEqual(['Ann', 'Budi', 'Citra', 'Dewi', 'Eko']);
  });

  it('answers nothing for a missing document or collection', async () => {
    expect(await db.collection('people').findOne({ name: 'Zed' })).toBeNull();
    expect(await db.collection('no-such-collection').find().toArray()).toEqual([]);
  });

  it('matches with $in, $or, $exists, $regex and $type', async () => {
    const names = async (filter: object) =>
      (await db.collection('people').find(filter).toArray()).map((p) => p.name).sort();
    expect(await names({ name: { $in: ['Ann', 'Eko', 'Nobody'] } })).toEqual(['Ann', 'Eko']);
    expect(await names({ $or: [{ age: 25 }, { city: 'Bandung' }] })).toEqual(['Ann', 'Budi', 'Dewi']);
    expect(await names({ nickname: { $exists: true } })).toEqual([]);
    expect(await names({ name: /^[A-C]/ })).toEqual(['Ann', 'Budi', 'Citra']);
    expect(await names({ _id: { $type: 'objectId' }, age: { $type: 'int' } })).toHaveLength(5);
    expect(await names({ name: { $type: 'objectId' } })).toEqual([]);
    expect(await names({ age: { $type: 'double' } })).toEqual([]);
  });
});

describe('equality fast path', () => {
  // Same data in an indexed field `k` and an unindexed copy `u`: both must select the same documents.
  const values = [1, 2, 'a', [1, 2], [3, 'a'], { a: 1 }, null, new Double(1), [[1, 2]]];

  beforeAll(async () => {
    const docs = db.collection('fast-path');
    // A compound index: its leading field answers equality lookups too.
    await docs.createIndex({ k: 1, i: -1 });
    await docs.insertMany(values.map((v, i) => ({ i, k: v, u: v })));
    await docs.insertOne({ i: values.length });
  });

  it.each([
    [1, [0, 3, 7]],
    [2, [1, 3]],
    ['a', [2, 4]],
    [
      [1, 2],
      [3, 8],
    ],
    [{ a: 1 }, [5]],
    [{ $eq: 2 }, [1, 3]],
    [{ $in: ['a', 2] }, [1, 2, 3, 4]],
    [{ $in: [] }, []],
    [{ $in: [1, 'a'], $nin: [2] }, [0, 2, 4, 7]],
    [{ $in: [1, 2], $size: 2 }, [3]],
    [null, [6, 9]],
  ])('selects the same documents for %j with and without an index', async (condition, expected) => {
    const ids = async (filter: object) =>
      (await db.collection('fast-path').find(filter).toArray()).map((doc) => doc.i);
    expect(await ids({ k: condition })).toEqual(expected);
    expect(await ids({ u: condition })).toEqual(expected);
    expect(await ids({ $and: [{ k: condition }, { i: { $gte: 0 } }] })).toEqual(expected);
  });
});

describe('cursors', () => {
  beforeAll(async () => {
    await db.collection('batches').insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  });

  it('hands out several batches through getMore with int64 cursor ids', async () => {
    const first = await db.command({ find: 'batches', batchSize: 100 }, { promoteLongs: false });
    expect(first.cursor.firstBatch).toHaveLength(100);
    expect(first.cursor.id).toBeInstanceOf(Long);
    expect(first.cursor.ns).toBe('conformance.batches');
    const id = first.cursor.id as Long;
    const second = await db.command(
      { getMore: id, collection: 'batches', batchSize: 100 },
      { promoteLongs: false },
    );
    expect(second.cursor.nextBatch.map((d: { i: number }) => d.i)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 100),
    );
    const third = await db.command(
      { getMore: id, collection: 'batches', batchSize: 100 },
      { promoteLongs: false },
    );
    expect(third.cursor.nextBatch).toHaveLength(50);
    expect((third.cursor.id as Long).isZero()).toBe(true);
  });

  it('lets the driver iterate a whole cursor batch by batch, and close one early', async () => {
    const getMores: number[] = [];
    const killed: unknown[] = [];
    const monitored = await MongoClient.connect(`${emulator.uri}/conformance`, { monitorCommands: true });
    monitored.on('commandStarted', (event) => {
      if (event.commandName === 'getMore') getMores.push(event.requestId);
    });
    monitored.on('commandSucceeded', (event) => {
      const reply = event.reply as { cursorsKilled?: unknown[] };
      if (event.commandName === 'killCursors') killed.push(...(reply.cursorsKilled ?? []));
    });
    const batches = monitored.db().collection('batches');
    const docs = await batches.find().batchSize(100).toArray();
    expect(docs.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(getMores).toHaveLength(2);
    const cursor = batches.find().batchSize(5);
    expect((await cursor.next())?.i).toBe(0);
    await cursor.close();
    await monitored.close();
    expect(killed).toHaveLength(1);
    const limited = await db.collection('batches').find().limit(150).batchSize(100).toArray();
    expect(limited).toHaveLength(150);
  });

  it('kills cursors, after which getMore fails with CursorNotFound', async () => {
    const first = await db.command({ find: 'batches', batchSize: 10 }, { promoteLongs: false });
    const id = first.cursor.id as Long;
    const killed = await db.command({ killCursors: 'batches', cursors: [id] }, { promoteLongs: false });
    expect(killed.cursorsKilled.map(String)).toEqual([id.toString()]);
    const error = await serverError(db.command({ getMore: id, collection: 'batches' }));
    expect(error.code).toBe(43);
  });
});

describe('update', () => {
  it('applies $set, $inc, $push, $addToSet, $pull and $unset', async () => {
    const items = db.collection<{
      _id: number;
      n?: number;
      tags?: string[];
      rm?: string;
      nested?: { v: number };
      s?: string;
    }>('update-ops');
    await items.insertOne({ _id: 1, n: 1, tags: ['a'], rm: 'x', nested: { v: 1 } });
    await items.updateOne(
      { _id: 1 },
      { $set: { 'nested.v': 2, s: 'y' }, $inc: { n: 2 }, $unset: { rm: '' } },
    );
    await items.updateOne({ _id: 1 }, { $push: { tags: 'b' } });
    await items.updateOne({ _id: 1 }, { $addToSet: { tags: { $each: ['a', 'c'] } } });
    expect(await items.findOne({ _id: 1 })).toEqual({
      _id: 1,
      n: 3,
      tags: ['a', 'b', 'c'],
      nested: { v: 2 },
      s: 'y',
    });
    await items.updateOne({ _id: 1 }, { $pull: { tags: { $in: ['a', 'c'] } } });
    expect((await items.findOne({ _id: 1 }))?.tags).toEqual(['b']);
  });

  it('applies $setOnInsert only when the upsert inserts', async () => {
    const items = db.collection<{ _id: number; a?: number; created?: boolean }>('set-on-insert');
    await items.insertOne({ _id: 1 });
    const existing = await items.updateOne(
      { _id: 1 },
      { $set: { a: 1 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(existing).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await items.findOne({ _id: 1 })).toEqual({ _id: 1, a: 1 });
    const inserted = await items.updateOne(
      { _id: 2 },
      { $set: { a: 1 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(inserted).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: 2 });
    expect(await items.findOne({ _id: 2 })).toEqual({ _id: 2, a: 1, created: true });
    const onlyOnInsert = await items.updateOne(
      { _id: 1 },
      { $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(onlyOnInsert).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('seeds an upsert from equality fields, dotted paths and $and, not from other operators', async () => {
    const leads = db.collection('upsert-seed');
    await leads.updateOne(
      {
        'profile.phone': '0812',
        status: { $eq: 'lead' },
        $and: [{ shop: 'A' }, { score: { $gt: 5 } }],
        name: /bu/,
      },
      { $set: { seen: true } },
      { upsert: true },
    );
    const [doc] = await leads.find({}, { projection: { _id: 0 } }).toArray();
    expect(doc).toEqual({ profile: { phone: '0812' }, status: 'lead', shop: 'A', seen: true });
    await leads.updateOne(
      { _id: 'ORD-202611' as unknown as ObjectId },
      { $inc: { seq: 1 } },
      { upsert: true },
    );
    expect(await leads.findOne({ _id: 'ORD-202611' as unknown as ObjectId })).toEqual({
      _id: 'ORD-202611',
      seq: 1,
    });
  });

  it('reports n, nModified and upserted like mongod', async () => {
    const flags = db.collection('update-counts');
    await flags.insertMany([{ flag: true }, { flag: false }, { flag: false }]);
    const reply = await db.command({
      update: 'update-counts',
      updates: [
        { q: { k: 'none' }, u: { $set: { x: 1 } }, upsert: true },
        { q: { flag: { $exists: true } }, u: { $set: { flag: true } }, multi: true },
      ],
    });
    expect(reply.n).toBe(4);
    expect(reply.nModified).toBe(2);
    expect(reply.upserted).toEqual([{ index: 0, _id: expect.any(ObjectId) }]);
    const noop = await flags.updateMany({ flag: true }, { $set: { flag: true } });
    expect(noop).toMatchObject({ matchedCount: 3, modifiedCount: 0 });
  });

  it('replaces whole documents, keeping _id; a replacement upsert takes only _id from the filter', async () => {
    const docs = db.collection<{ _id: number; name?: string; extra?: boolean; other?: number }>('replace');
    await docs.insertOne({ _id: 1, name: 'old', extra: true });
    await docs.replaceOne({ _id: 1 }, { name: 'new' });
    expect(await docs.findOne({ _id: 1 })).toEqual({ _id: 1, name: 'new' });
    await docs.replaceOne({ _id: 9, name: 'ignored' }, { other: 1 }, { upsert: true });
    expect(await docs.findOne({ _id: 9 })).toEqual({ _id: 9, other: 1 });
  });

  it('updates array elements with arrayFilters and the positional $', async () => {
    // Both examples are from the MongoDB manual.
    const students = db.collection<{ _id: number; grades: number[] }>('students');
    await students.insertMany([
      { _id: 1, grades: [95, 102, 90, 150] },
      { _id: 2, grades: [85, 80, 80] },
    ]);
    await students.updateOne(
      { _id: 1 },
      { $set: { 'grades.$[el]': 100 } },
      { arrayFilters: [{ el: { $gte: 100 } }] },
    );
    await students.updateOne({ _id: 2, grades: 80 }, { $set: { 'grades.$': 82 } });
    expect(await students.find().toArray()).toEqual([
      { _id: 1, grades: [95, 100, 90, 100] },
      { _id: 2, grades: [85, 82, 80] },
    ]);
  });

  it('refuses to change _id', async () => {
    const docs = db.collection<{ _id: number }>('immutable-id');
    await docs.insertOne({ _id: 1 });
    const error = await serverError(docs.updateOne({ _id: 1 }, { $set: { _id: 2 } }));
    expect(error.code).toBe(66);
  });

  it('answers unknown update operators with FailedToParse', async () => {
    const error = await serverError(
      db.collection('immutable-id').updateOne({}, { $frob: { a: 1 } } as object),
    );
    expect(error.code).toBe(9);
  });
});

describe('delete', () => {
  it('deletes the first match with limit 1 and all matches with limit 0', async () => {
    const docs = db.collection('delete');
    await docs.insertMany([
      { k: 1, i: 0 },
      { k: 1, i: 1 },
      { k: 1, i: 2 },
      { k: 2, i: 3 },
    ]);
    expect((await docs.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await docs.find().toArray()).map((d) => d.i)).toEqual([1, 2, 3]);
    expect((await docs.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect((await docs.deleteMany({ k: 9 })).deletedCount).toBe(0);
    expect(await docs.countDocuments()).toBe(1);
  });
});

describe('findAndModify', () => {
  const jobs = () =>
    db.collection<{ _id: string; priority?: number; name?: string; picked?: boolean; x?: number }>('jobs');

  beforeAll(async () => {
    await jobs().insertMany([
      { _id: 'a', priority: 1, name: 'low' },
      { _id: 'b', priority: 5, name: 'high' },
      { _id: 'c', priority: 3, name: 'mid' },
    ]);
  });

  it('returns the document before or after the update', async () => {
    const before = await jobs().findOneAndUpdate({ _id: 'a' }, { $inc: { priority: 1 } });
    expect(before).toEqual({ _id: 'a', priority: 1, name: 'low' });
    const after = await jobs().findOneAndUpdate(
      { _id: 'a' },
      { $inc: { priority: 1 } },
      { returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 'a', priority: 3, name: 'low' });
  });

  it('picks the first document in sort order and applies the projection', async () => {
    const picked = await jobs().findOneAndUpdate(
      {},
      { $set: { picked: true } },
      { sort: { priority: -1 }, projection: { _id: 0, name: 1, picked: 1 }, returnDocument: 'after' },
    );
    expect(picked).toEqual({ name: 'high', picked: true });
  });

  it('upserts, reporting lastErrorObject', async () => {
    const result = await jobs().findOneAndUpdate(
      { _id: 'new' },
      { $set: { priority: 0 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(result.value).toEqual({ _id: 'new', priority: 0 });
    expect(result.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 'new' });
    const updated = await jobs().findOneAndUpdate(
      { _id: 'new' },
      { $set: { priority: 1 } },
      { includeResultMetadata: true },
    );
    expect(updated.lastErrorObject).toEqual({ n: 1, updatedExisting: true });
    expect(updated.value).toEqual({ _id: 'new', priority: 0 });
  });

  it('removes and returns the removed document; null when nothing matches', async () => {
    expect(await jobs().findOneAndDelete({ _id: 'new' })).toEqual({ _id: 'new', priority: 1 });
    expect(await jobs().findOneAndDelete({ _id: 'new' })).toBeNull();
    expect(await jobs().findOneAndUpdate({ _id: 'nope' }, { $set: { x: 1 } })).toBeNull();
    const replaced = await jobs().findOneAndReplace(
      { _id: 'c' },
      { name: 'mid2' },
      { returnDocument: 'after' },
    );
    expect(replaced).toEqual({ _id: 'c', name: 'mid2' });
  });
});

describe('count, distinct and aggregate', () => {
  beforeAll(async () => {
    await db.collection('people2').insertMany(people.map((p) => ({ ...p, tags: [p.city, 'all'] })));
    await db
      .collection('customers')
      .insertMany([{ _id: 'A', name: 'Ann' } as never, { _id: 'B', name: 'Budi' } as never]);
    await db.collection('orders').insertMany([
      { customer: 'A', total: 10 },
      { customer: 'B', total: 5 },
      { customer: 'A', total: 7 },
    ]);
  });

  it('counts with a filter, skip and limit', async () => {
    expect(await db.collection('people2').countDocuments({ city: 'Jakarta' })).toBe(3);
    expect(await db.collection('people2').estimatedDocumentCount()).toBe(5);
    expect((await db.command({ count: 'people2', query: {}, skip: 1, limit: 2 })).n).toBe(2);
    expect(await db.collection('people2').countDocuments({ city: 'Nowhere' })).toBe(0);
  });

  it('lists distinct values, unwinding arrays', async () => {
    expect((await db.collection('people2').distinct('city')).sort()).toEqual([
      'Bandung',
      'Jakarta',
      'Surabaya',
    ]);
    expect(await db.collection('people2').distinct('name', { age: 25 })).toEqual(['Budi', 'Dewi']);
    expect((await db.collection('people2').distinct('tags')).sort()).toEqual([
      'Bandung',
      'Jakarta',
      'Surabaya',
      'all',
    ]);
  });

  it('groups, sorts and looks up another collection', async () => {
    const totals = await db
      .collection('orders')
      .aggregate([
        { $match: { total: { $gt: 0 } } },
        { $group: { _id: '$customer', total: { $sum: '$total' }, orders: { $sum: 1 } } },
        { $sort: { total: -1 } },
        { $lookup: { from: 'customers', localField: '_id', foreignField: '_id', as: 'customer' } },
        { $project: { _id: 0, name: { $first: '$customer.name' }, total: 1, orders: 1 } },
      ])
      .toArray();
    expect(totals).toEqual([
      { total: 17, orders: 2, name: 'Ann' },
      { total: 5, orders: 1, name: 'Budi' },
    ]);
  });

  it('$count yields no document on empty input', async () => {
    expect(
      await db
        .collection('orders')
        .aggregate([{ $match: { total: 999 } }, { $count: 'n' }])
        .toArray(),
    ).toEqual([]);
    expect(
      await db
        .collection('orders')
        .aggregate([{ $count: 'n' }])
        .toArray(),
    ).toEqual([{ n: 3 }]);
  });

  it('$bucket puts a boundary value in the bucket it opens', async () => {
    await db.collection('buckets').insertMany([{ v: 0 }, { v: 10 }, { v: 15 }, { v: 20 }]);
    const buckets = await db
      .collection('buckets')
      .aggregate([{ $bucket: { groupBy: '$v', boundaries: [0, 10, 20], default: 'other' } }])
      .toArray();
    expect(buckets).toEqual([
      { _id: 0, count: 1 },
      { _id: 10, count: 2 },
      { _id: 'other', count: 1 },
    ]);
  });

  it('$dateTrunc truncates in the given time zone', async () => {
    // 2026-11-23T20:30Z is 2026-11-24 03:30 in Jakarta (UTC+7): that day starts at 2026-11-23T17:00Z.
    await db.collection('dates').insertOne({ at: new Date('2026-11-23T20:30:00Z') });
    const [row] = await db
      .collection('dates')
      .aggregate([
        {
          $project: {
            _id: 0,
            day: { $dateTrunc: { date: '$at', unit: 'day', timezone: 'Asia/Jakarta' } },
            month: { $dateTrunc: { date: '$at', unit: 'month', timezone: '+07:00' } },
            utcDay: { $dateTrunc: { date: '$at', unit: 'day' } },
          },
        },
      ])
      .toArray();
    expect(row).toEqual({
      day: new Date('2026-11-23T17:00:00Z'),
      month: new Date('2026-10-31T17:00:00Z'),
      utcDay: new Date('2026-11-23T00:00:00Z'),
    });
  });
});

describe('unique indexes', () => {
  const users = () => db.collection('users');

  beforeAll(async () => {
    await users().createIndex({ email: 1 }, { unique: true });
    await users().createIndex({ shop: 1, sku: 1 }, { unique: true });
    await users().insertOne({ email: 'a@x', shop: 'A', sku: '1' });
  });

  it('rejects a duplicate on a single-field index with the E11000 shape', async () => {
    const error = await serverError(users().insertOne({ email: 'a@x', shop: 'A', sku: '2' }));
    expect(error.code).toBe(11000);
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'a@x' });
    expect(error.message).toBe(
      'E11000 duplicate key error collection: conformance.users index: email_1 dup key: { email: "a@x" }',
    );
  });

  it('rejects a duplicate on a compound index', async () => {
    const error = await serverError(users().insertOne({ email: 'b@x', shop: 'A', sku: '1' }));
    expect(error.keyPattern).toEqual({ shop: 1, sku: 1 });
    expect(error.keyValue).toEqual({ shop: 'A', sku: '1' });
    await users().insertOne({ email: 'b@x', shop: 'B', sku: '1' });
  });

  it('stops an ordered insertMany at the first error; an unordered one continues', async () => {
    const ordered = await users()
      .insertMany([
        { email: 'c@x', sku: 'c' },
        { email: 'a@x', sku: 'd' },
        { email: 'e@x', sku: 'e' },
      ])
      .catch((e: unknown) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    const bulk = ordered as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(1);
    expect(bulk.writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
    expect(await users().findOne({ email: 'e@x' })).toBeNull();
    const unordered = await users()
      .insertMany(
        [
          { email: 'f@x', sku: 'f' },
          { email: 'a@x', sku: 'g' },
          { email: 'h@x', sku: 'h' },
        ],
        { ordered: false },
      )
      .catch((e: unknown) => e as MongoBulkWriteError);
    expect(unordered.insertedCount).toBe(2);
    expect(await users().findOne({ email: 'h@x' })).not.toBeNull();
  });

  it('reports a duplicate from findOneAndUpdate and updateOne as MongoServerError 11000', async () => {
    const viaFindAndModify = await serverError(
      users().findOneAndUpdate({ email: 'b@x' }, { $set: { email: 'a@x' } }),
    );
    expect(viaFindAndModify.code).toBe(11000);
    expect(viaFindAndModify.keyValue).toEqual({ email: 'a@x' });
    const viaUpdate = await serverError(users().updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } }));
    expect(viaUpdate.code).toBe(11000);
    expect(await users().findOne({ email: 'b@x' })).not.toBeNull();
  });

  it('always enforces _id', async () => {
    await db.collection('ids').insertOne({ _id: 1 } as never);
    const error = await serverError(db.collection('ids').insertOne({ _id: 1 } as never));
    expect(error.keyPattern).toEqual({ _id: 1 });
    expect(error.keyValue).toEqual({ _id: 1 });
  });

  it('honours sparse and partial unique indexes', async () => {
    const sparse = db.collection('sparse');
    await sparse.createIndex({ code: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ x: 1 }, { x: 2 }]);
    await serverError(sparse.insertMany([{ code: 'a' }, { code: 'a' }]));
    const partial = db.collection('partial');
    await partial.createIndex({ phone: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await partial.insertMany([
      { phone: '1', active: false },
      { phone: '1', active: false },
      { phone: '1', active: true },
    ]);
    expect((await serverError(partial.insertOne({ phone: '1', active: true }))).code).toBe(11000);
  });

  it('fails to build a unique index over existing duplicates', async () => {
    const dupes = db.collection('dupes');
    await dupes.insertMany([{ v: 1 }, { v: 1 }]);
    expect((await serverError(dupes.createIndex({ v: 1 }, { unique: true }))).code).toBe(11000);
    expect((await dupes.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('lists and drops indexes', async () => {
    const indexed = db.collection('indexed');
    await indexed.createIndex({ a: 1 }, { unique: true });
    await indexed.createIndex({ b: -1, c: 1 });
    expect(await indexed.createIndex({ a: 1 }, { unique: true })).toBe('a_1');
    expect(await indexed.listIndexes().toArray()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1 }, name: 'a_1', unique: true },
      { v: 2, key: { b: -1, c: 1 }, name: 'b_-1_c_1' },
    ]);
    expect((await serverError(indexed.createIndex({ a: 1 }, { name: 'other' }))).code).toBe(85);
    await indexed.dropIndex('a_1');
    expect((await serverError(indexed.dropIndex('a_1'))).code).toBe(27);
    await indexed.dropIndexes();
    expect((await indexed.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('namespaces and server', () => {
  it('answers NamespaceNotFound (26) and NamespaceExists (48)', async () => {
    expect((await serverError(db.command({ drop: 'missing' }))).code).toBe(26);
    expect((await serverError(db.command({ listIndexes: 'missing' }))).code).toBe(26);
    await db.createCollection('made');
    const exists = await serverError(db.createCollection('made'));
    expect(exists.code).toBe(48);
    expect(exists.codeName).toBe('NamespaceExists');
  });

  it('lists collections by name, renames, drops collections and databases', async () => {
    await db.createCollection('to-rename');
    expect(await db.listCollections({ name: 'made' }, { nameOnly: true }).toArray()).toEqual([
      { name: 'made', type: 'collection' },
    ]);
    await db.renameCollection('to-rename', 'renamed');
    const names = (await db.listCollections().toArray()).map((c) => c.name);
    expect(names).toContain('renamed');
    expect(names).not.toContain('to-rename');
    expect(await db.collection('renamed').drop()).toBe(true);
    const other = client.db('other-db');
    await other.collection('x').insertOne({ a: 1 });
    expect((await client.db().admin().listDatabases()).databases.map((d) => d.name)).toContain('other-db');
    await other.dropDatabase();
    expect((await client.db().admin().listDatabases()).databases.map((d) => d.name)).not.toContain(
      'other-db',
    );
  });

  it('answers unknown commands with CommandNotFound', async () => {
    const error = await serverError(db.command({ frobnicate: 1 }));
    expect(error.code).toBe(59);
    expect(error.codeName).toBe('CommandNotFound');
    expect(error.message).toBe("no such command: 'frobnicate'");
  });

  it('describes a standalone 7.0 server', async () => {
    const hello = await db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      maxWireVersion: 21,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(hello.setName).toBeUndefined();
    expect((await db.admin().command({ buildInfo: 1 })).version).toMatch(/^7\.0\./);
    expect((await db.admin().command({ ping: 1 })).ok).toBe(1);
  });

  it('rejects transactions like a standalone mongod', async () => {
    const session = client.startSession();
    session.startTransaction();
    // The driver turns code 20 into its "retryable writes" advice, as it does with a real standalone.
    const error = await serverError(db.collection('tx').insertOne({ a: 1 }, { session }));
    expect(error.message).toMatch(/does not support retryable writes/);
    expect(error.errorResponse.originalError).toMatchObject({ code: 20, codeName: 'IllegalOperation' });
    await session.endSession();
    const raw = await serverError(db.admin().command({ commitTransaction: 1 }));
    expect(raw.code).toBe(20);
    expect(raw.message).toBe('Transaction numbers are only allowed on a replica set member or mongos');
    expect(await db.collection('tx').countDocuments()).toBe(0);
  });
});

describe('BSON types', () => {
  it('keeps ints, doubles and longs as the client sent them', async () => {
    const numbers = db.collection('numbers');
    await numbers.insertOne({
      _id: 1,
      a: 1,
      b: 1.5,
      c: new Double(2),
      d: Long.fromNumber(5),
      e: new Int32(7),
    } as never);
    const raw = await numbers.findOne({ _id: 1 } as never, { promoteValues: false });
    expect(raw?.a).toBeInstanceOf(Int32);
    expect(raw?.b).toBeInstanceOf(Double);
    expect(raw?.c).toBeInstanceOf(Double);
    expect(raw?.c.valueOf()).toBe(2);
    expect(raw?.d).toBeInstanceOf(Long);
    expect(raw?.e).toBeInstanceOf(Int32);
    const projected = await numbers.findOne({ _id: 1 } as never, {
      promoteValues: false,
      projection: { c: 1 },
    });
    expect(projected?.c).toBeInstanceOf(Double);
  });

  it('compares and increments wrapped numbers by value and keeps their type', async () => {
    const numbers = db.collection('numbers');
    expect(await numbers.countDocuments({ c: 2, d: 5 })).toBe(1);
    await numbers.updateOne({ _id: 1 } as never, { $inc: { c: 1, a: 1 } });
    const raw = await numbers.findOne({ _id: 1 } as never, { promoteValues: false });
    expect(raw?.c).toBeInstanceOf(Double);
    expect(raw?.c.valueOf()).toBe(3);
    expect(raw?.a).toBeInstanceOf(Int32);
    expect(raw?.a.valueOf()).toBe(2);
  });

  it('round-trips dates, ObjectIds and nested arrays', async () => {
    const id = new ObjectId();
    const when = new Date('2026-11-23T01:02:03.456Z');
    const doc = {
      _id: id,
      when,
      ref: new ObjectId(),
      nested: [[1, [2, 'x']], { deep: [{ when }] }],
      empty: [],
      nil: null,
    };
    await db.collection('round-trip').insertOne(doc);
    expect(await db.collection('round-trip').findOne({ _id: id })).toEqual(doc);
    expect(await db.collection('round-trip').findOne({ when })).toEqual(doc);
    expect(await db.collection('round-trip').findOne({ 'nested.deep.when': when })).toEqual(doc);
  });
});

describe('wire protocol', () => {
  let nextRequestId = 100;

  /** An OP_MSG with a body, optional kind-1 document sequences, flag bits and a (dummy) checksum. */
  function opMsg(
    body: Document,
    options: { sequences?: Record<string, Document[]>; flags?: number } = {},
  ): Buffer {
    const sections: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
    for (const [identifier, docs] of Object.entries(options.sequences ?? {})) {
      const payload = Buffer.concat([
        Buffer.from(`${identifier}\0`),
        ...docs.map((d) => Buffer.from(serialize(d))),
      ]);
      const size = Buffer.alloc(4);
      size.writeInt32LE(payload.length + 4);
      sections.push(Buffer.from([1]), size, payload);
    }
    const flags = options.flags ?? 0;
    const checksum = flags & 1 ? [Buffer.alloc(4)] : [];
    const head = Buffer.alloc(20);
    const length = 20 + sections.reduce((sum, s) => sum + s.length, 0) + checksum.length * 4;
    head.writeInt32LE(length, 0);
    head.writeInt32LE(nextRequestId++, 4);
    head.writeInt32LE(2013, 12);
    head.writeUInt32LE(flags, 16);
    return Buffer.concat([head, ...sections, ...checksum]);
  }

  function opQuery(namespace: string, query: Document): Buffer {
    const ns = Buffer.from(`${namespace}\0`);
    const doc = Buffer.from(serialize(query));
    const head = Buffer.alloc(20);
    head.writeInt32LE(20 + ns.length + 8 + doc.length, 0);
    head.writeInt32LE(nextRequestId++, 4);
    head.writeInt32LE(2004, 12);
    const skipAndReturn = Buffer.alloc(8);
    skipAndReturn.writeInt32LE(-1, 4);
    return Buffer.concat([head, ns, skipAndReturn, doc]);
  }

  /** Sends raw bytes (each write separately) and resolves with the first `count` replies' documents. */
  async function exchange(writes: Buffer[], count: number): Promise<{ opCode: number; doc: Document }[]> {
    const socket = connect(emulator.port, '127.0.0.1');
    socket.setNoDelay(true);
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const framer = new MessageFramer();
    const replies: { opCode: number; doc: Document }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        for (const message of framer.push(chunk)) {
          const opCode = message.readInt32LE(12);
          replies.push({ opCode, doc: deserialize(message.subarray(opCode === 1 ? 36 : 21)) });
        }
        if (replies.length >= count) resolve();
      });
    });
    for (const bytes of writes) {
      await new Promise<void>((resolve) => socket.write(bytes, () => resolve()));
    }
    await done;
    socket.destroy();
    return replies;
  }

  it('reassembles split messages and separates several messages in one chunk', () => {
    const framer = new MessageFramer();
    const first = opMsg({ ping: 1, $db: 'admin' });
    const second = opMsg({ ping: 1, $db: 'admin' });
    expect(framer.push(first.subarray(0, 7))).toEqual([]);
    expect(framer.push(first.subarray(7, 30))).toEqual([]);
    const both = framer.push(Buffer.concat([first.subarray(30), second]));
    expect(both.map((m) => m.length)).toEqual([first.length, second.length]);
  });

  it('answers split writes and two messages in one write over a socket', async () => {
    const ping = opMsg({ ping: 1, $db: 'admin' });
    const replies = await exchange(
      [
        ping.subarray(0, 10),
        ping.subarray(10),
        Buffer.concat([opMsg({ ping: 1, $db: 'admin' }), opMsg({ hello: 1, $db: 'admin' })]),
      ],
      3,
    );
    expect(replies.map((r) => r.opCode)).toEqual([2013, 2013, 2013]);
    expect(replies.map((r) => r.doc.ok)).toEqual([1, 1, 1]);
    expect(replies[2]?.doc.isWritablePrimary).toBe(true);
  });

  it('answers a legacy OP_QUERY ismaster with OP_REPLY', async () => {
    const [reply] = await exchange([opQuery('admin.$cmd', { ismaster: 1, helloOk: true })], 1);
    expect(reply?.opCode).toBe(1);
    expect(reply?.doc).toMatchObject({ ismaster: true, helloOk: true, maxWireVersion: 21, ok: 1 });
  });

  it('merges kind-1 document sequences, skips checksums and does not answer moreToCome', async () => {
    const insert = opMsg(
      { insert: 'raw', $db: 'conformance' },
      { sequences: { documents: [{ _id: 1 }, { _id: 2 }] }, flags: 1 },
    );
    const unacknowledged = opMsg(
      { insert: 'raw', $db: 'conformance', documents: [{ _id: 3 }] },
      { flags: 2 },
    );
    const count = opMsg({ count: 'raw', $db: 'conformance' });
    const replies = await exchange([insert, unacknowledged, count], 2);
    expect(replies.map((r) => r.doc)).toEqual([
      { n: 2, ok: 1 },
      { n: 3, ok: 1 },
    ]);
  });
});
