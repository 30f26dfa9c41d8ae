import { ALL_MODELS } from '../../models.js';
import type { Migration } from './migration.js';

/**
 * The baseline: every collection's indexes as the models declare them (domain/models.ts), which is what
 * `ensureIndexes` built at every start before migrations existed. The one migration that reads today's
 * models rather than frozen shapes: createIndex never drops or changes an index, so on a database of any
 * earlier release it only adds what is missing. A unique index over duplicate data fails here, naming
 * the collection and the duplicate key, and the bot does not start on that database.
 */
export const baselineIndexes: Migration = {
  id: '0001-baseline-indexes',
  description: "every model's indexes (what ensureIndexes built before migrations existed)",
  async up(connection) {
    // createIndexes, not init(): init() is cached per model, so it would do nothing on a second call.
    for (const model of ALL_MODELS) await model(connection).createIndexes();
  },
};
