import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureIndexes } from '../../models.js';
import { openConnection } from '../mongo.js';

/** A fresh database for the calling test file, with every index in place, dropped when the file is done. */
export function useTestDatabase(): { readonly connection: Connection; readonly uri: string } {
  let connection: Connection | undefined;
  beforeAll(async () => {
    connection = await openConnection(inject('mongoUri'), `test_${randomBytes(6).toString('hex')}`);
    // As at start-up in production: the unique indexes exist before the first write.
    await ensureIndexes(connection);
  });
  afterAll(async () => {
    await connection?.dropDatabase();
    await connection?.close();
  });
  return {
    get connection() {
      if (!connection) throw new Error('useTestDatabase(): the connection exists only inside tests');
      return connection;
    },
    get uri() {
      return inject('mongoUri');
    },
  };
}
