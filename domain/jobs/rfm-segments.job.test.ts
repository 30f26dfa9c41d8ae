import { describe, expect, it } from 'vitest';
import { contactModel } from '../contacts/contact.model.js';
import { ImportedOrderSchema, importOrders } from '../orders/order-import.use-case.js';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { rfmSegmentsJob } from './rfm-segments.job.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'rfm-job-test');
const order = (number: string, customer: string, completedAt: string | null, total: number) =>
  ImportedOrderSchema.parse({
    number,
    customer,
    createdAt: completedAt ?? '2026-11-01T03:00:00Z',
    status: completedAt ? 'completed' : 'pending',
    total,
    paymentStatus: completedAt ? 'paid' : 'unpaid',
    completedAt,
  });

describe('the nightly RFM scoring', () => {
  it('stores each buyer’s segment on the contact once a shop night, after 02:00 WIB', async () => {
    await importOrders(
      db.connection,
      [
        order('ORD-202611-0001', '081200000001', '2026-11-20T03:00:00Z', 900_000),
        order('ORD-202611-0002', '081200000001', '2026-11-22T03:00:00Z', 900_000),
        order('ORD-202610-0001', '081200000002', '2026-10-01T03:00:00Z', 50_000),
        order('ORD-202611-0003', '081200000003', null, 70_000),
      ],
      { actor: { kind: 'system', name: 'test' }, at: new Date('2026-11-23T00:00:00Z') },
    );
    // 01:00 WIB on the 24th: not yet.
    await rfmSegmentsJob.run({ connection: db.connection, log, now: new Date('2026-11-23T18:00:00Z') });
    expect(await contactModel(db.connection).countDocuments({ rfm: { $exists: true } })).toBe(0);
    // 02:30 WIB: the two buyers get a segment, the one with only a pending order none.
    const night = new Date('2026-11-23T19:30:00Z');
    await rfmSegmentsJob.run({ connection: db.connection, log, now: night });
    const scored = (await contactModel(db.connection).find({}, { phone: 1, rfm: 1 }).lean()).sort((a, b) =>
      String(a.phone).localeCompare(String(b.phone)),
    );
    expect(scored.map((contact) => contact.rfm?.segment ?? null)).toEqual([
      expect.any(String),
      expect.any(String),
      null,
    ]);
    // The better customer (more recent, more often, more money) scores higher on every axis.
    const [best, other] = scored;
    expect(best?.rfm?.r).toBeGreaterThan(other?.rfm?.r ?? 5);
    expect(best?.rfm?.at).toEqual(night);
    // Later the same night nothing is recomputed.
    await rfmSegmentsJob.run({ connection: db.connection, log, now: new Date('2026-11-23T21:00:00Z') });
    expect((await contactModel(db.connection).findById(best?._id).lean())?.rfm?.at).toEqual(night);
  });
});
