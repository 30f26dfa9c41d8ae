import mongoose, { type Connection, Schema } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './server.js';

// Real mongoose 9 against the emulator, on the paths Pesanin uses.

let emulator: RunningEmulator;
let connection: Connection;

const contactSchema = new Schema({
  phone: { type: String, required: true, unique: true, match: /^62\d{8,13}$/ },
  name: { type: String, required: true },
  tags: [String],
});

const orderSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    contact: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    total: { type: Number, required: true, min: 0 },
    status: { type: String, enum: ['new', 'paid', 'shipped'], default: 'new' },
    placedAt: { type: Date, required: true },
  },
  { timestamps: true },
);

const counterSchema = new Schema({ _id: String, seq: { type: Number, default: 0 } }, { versionKey: false });

function models(conn: Connection) {
  return {
    Contact: conn.model('Contact', contactSchema),
    Order: conn.model('Order', orderSchema),
    Counter: conn.model('Counter', counterSchema),
  };
}

let Contact: ReturnType<typeof models>['Contact'];
let Order: ReturnType<typeof models>['Order'];
let Counter: ReturnType<typeof models>['Counter'];

beforeAll(async () => {
  emulator = await startEmulator();
  connection = await mongoose
    .createConnection(`${emulator.uri}/pesanin-test`, { serverSelectionTimeoutMS: 2000 })
    .asPromise();
  ({ Contact, Order, Counter } = models(connection));
  await Promise.all([Contact.init(), Order.init(), Counter.init()]);
});

afterAll(async () => {
  await connection?.close();
  await emulator?.close();
});

describe('mongoose 9 on the emulator', () => {
  it('validates documents before they reach the server', async () => {
    await expect(Contact.create({ phone: 'not-a-phone', name: 'X' })).rejects.toBeInstanceOf(
      mongoose.Error.ValidationError,
    );
    const error = await new Order({ number: 'ORD-1', total: -5 }).validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(mongoose.Error.ValidationError);
    expect(Object.keys((error as mongoose.Error.ValidationError).errors).sort()).toEqual([
      'contact',
      'placedAt',
      'total',
    ]);
  });

  it('creates the schema indexes and syncs them', async () => {
    const names = async () => (await Contact.listIndexes()).map((index) => index.name);
    expect(await names()).toEqual(['_id_', 'phone_1']);
    await Contact.collection.createIndex({ name: 1 });
    expect(await names()).toEqual(['_id_', 'phone_1', 'name_1']);
    expect(await Contact.syncIndexes()).toEqual(['name_1']);
    expect(await names()).toEqual(['_id_', 'phone_1']);
  });

  it('surfaces a unique-index violation as MongoServerError 11000 with keyValue', async () => {
    await Contact.create({ phone: '6281234567890', name: 'Budi' });
    const error = await Contact.create({ phone: '6281234567890', name: 'Budi again' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyValue: { phone: '6281234567890' } });
  });

  it('hands out a monthly order counter without gaps or duplicates under concurrency', async () => {
    // `returnDocument: 'after'` is mongoose 9's spelling of the deprecated `new: true`.
    const next = () =>
      Counter.findOneAndUpdate(
        { _id: 'ORD-202611' },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
    const results = await Promise.all(Array.from({ length: 50 }, next));
    expect(results.map((counter) => counter?.seq).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await Counter.countDocuments()).toBe(1);
  });

  describe('with orders', () => {
    let ani: InstanceType<typeof Contact>;
    const placedAt = new Date('2026-11-20T03:04:05.678Z');

    beforeAll(async () => {
      ani = await Contact.create({ phone: '6285700000001', name: 'Ani', tags: ['vip'] });
      const citra = await Contact.create({ phone: '6285700000002', name: 'Citra' });
      await Order.create([
        { number: 'ORD-202611-0001', contact: ani._id, total: 150_000, placedAt },
        { number: 'ORD-202611-0002', contact: ani._id, total: 50_000, placedAt, status: 'paid' },
        { number: 'ORD-202611-0003', contact: citra._id, total: 75_500.5, placedAt },
      ]);
    });

    it('populates references and round-trips Dates and ObjectIds', async () => {
      const order = await Order.findOne({ number: 'ORD-202611-0001' }).populate<{
        contact: { name: string };
      }>('contact');
      expect(order?.contact.name).toBe('Ani');
      const lean = await Order.findOne({ number: 'ORD-202611-0001' }).lean();
      expect(lean?.placedAt).toEqual(placedAt);
      expect(lean?.contact).toBeInstanceOf(mongoose.Types.ObjectId);
      expect(lean?.contact.equals(ani._id)).toBe(true);
      expect(lean?.createdAt).toBeInstanceOf(Date);
      expect(lean).not.toBeInstanceOf(mongoose.Document);
    });

    it('aggregates with $group and $lookup', async () => {
      const totals = await Order.aggregate<{ name: string; total: number; orders: number }>([
        { $group: { _id: '$contact', total: { $sum: '$total' }, orders: { $sum: 1 } } },
        { $lookup: { from: 'contacts', localField: '_id', foreignField: '_id', as: 'contact' } },
        { $unwind: '$contact' },
        { $project: { _id: 0, name: '$contact.name', total: 1, orders: 1 } },
        { $sort: { total: -1 } },
      ]);
      expect(totals).toEqual([
        { total: 200_000, orders: 2, name: 'Ani' },
        { total: 75_500.5, orders: 1, name: 'Citra' },
      ]);
    });

    it('counts, updates many and deletes many', async () => {
      expect(await Order.countDocuments({ status: 'new' })).toBe(2);
      const updated = await Order.updateMany({ status: 'new' }, { $set: { status: 'paid' } });
      expect(updated).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
      expect(await Order.countDocuments({ status: 'paid' })).toBe(3);
      const lean = await Order.find({ contact: ani._id }).sort({ total: 1 }).lean();
      expect(lean.map((order) => order.number)).toEqual(['ORD-202611-0002', 'ORD-202611-0001']);
      const deleted = await Order.deleteMany({ total: { $lt: 100_000 } });
      expect(deleted.deletedCount).toBe(2);
      expect(await Order.countDocuments()).toBe(1);
    });
  });
});
