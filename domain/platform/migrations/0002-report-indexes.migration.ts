import type { Migration } from './migration.js';

/**
 * Indexes the reports asked for: leads by creation (trend, funnel, channels and the summary select
 * leads created in a range) and completed orders by completion (revenue, monthly and product sales
 * select orders completed in a range). The same keys are declared on the models; the names are the
 * ones MongoDB and mongoose derive from the keys, so the models' own index builds find them in place.
 */
export const reportIndexes: Migration = {
  id: '0002-report-indexes',
  description: 'leads by createdAt, completed orders by completedAt (reports)',
  async up(connection, log) {
    const leads = await connection.collection('leads').createIndex({ createdAt: -1 });
    const orders = await connection.collection('orders').createIndex({ status: 1, completedAt: -1 });
    log.debug({ leads, orders }, 'report indexes in place');
  },
};
