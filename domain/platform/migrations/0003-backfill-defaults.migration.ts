import type { Migration } from './migration.js';

/**
 * Fields added to a model after its first release, with the default the model gives new documents,
 * written into older documents that lack them. Current code relies on them where mongoose's defaults
 * do not reach: lean reads (`order.appliedPayments.includes(…)` throws on an order without the array)
 * and conditional updates (`{materialsDeducted: false}` never matches a missing field, so such an order
 * was never marked). Each step only touches documents still missing the field, so a rerun after a
 * crash finishes the job and a second run changes nothing.
 */
const BACKFILLS: { collection: string; field: string; value: unknown }[] = [
  // Orders: payments counted once (appliedPayments), stock deducted once (materialsDeducted), and the
  // files made for the customer (deliverables, read as `?? []` by the order page until now).
  { collection: 'orders', field: 'appliedPayments', value: [] },
  { collection: 'orders', field: 'materialsDeducted', value: false },
  { collection: 'orders', field: 'deliverables', value: [] },
  // Products: the bill of materials, read as `?? []` by the catalog and stock use cases until now.
  { collection: 'products', field: 'materials', value: [] },
  // Users: the failed-login counter behind the lockout (declared required).
  { collection: 'users', field: 'failedLogins', value: 0 },
];

export const backfillDefaults: Migration = {
  id: '0003-backfill-defaults',
  description:
    'orders.appliedPayments/materialsDeducted/deliverables, products.materials, users.failedLogins',
  async up(connection, log) {
    for (const { collection, field, value } of BACKFILLS) {
      const result = await connection
        .collection(collection)
        .updateMany({ [field]: { $exists: false } }, { $set: { [field]: value } });
      if (result.modifiedCount > 0)
        log.info({ collection, field, documents: result.modifiedCount }, `backfilled ${collection}.${field}`);
    }
  },
};
