/**
 * Re-encrypt every protected field with the newest data key (the first in DATA_KEYS), after a new key
 * was put in front of the old ones. Safe to stop and run again: documents already on the newest key are
 * skipped, each document is rewritten by one conditional update, and the bot may keep running meanwhile.
 * When it reports `0 left on older keys`, the old keys can be removed from DATA_KEYS.
 *
 *   npm run keys                       print fresh keys (DATA_KEYS, DATA_INDEX_KEY)
 *   npm run keys -- --add <id>         print DATA_KEYS with a new key <id> in front of the current ones
 *   npx tsx scripts/rotate-keys.ts     re-encrypt; one progress line per thousand documents
 *
 * The blind-index key (DATA_INDEX_KEY) is not rotated: every stored index would change with it.
 * Exit codes: 0 done; 1 failed (configuration, database, a value that cannot be decrypted); 2 usage.
 */
import { parseArgs } from 'node:util';
import { ALL_MODELS } from '../domain/models.js';
import { ConfigError, loadConfig } from '../domain/platform/config.js';
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';
import { fieldSpecOf } from '../domain/platform/field-encryption.js';
import { sealCollection } from '../domain/platform/key-rotation.js';
import { createLogger } from '../domain/platform/logger.js';
import { MongoUnavailableError, openConnection, provideMongo } from '../domain/platform/mongo.js';

const USAGE = 'usage: npx tsx scripts/rotate-keys.ts';
try {
  const { values } = parseArgs({
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
} catch (error) {
  process.stderr.write(`${describeError(error)}\n${USAGE}\n`);
  process.exit(2);
}

const print = (line: string) => process.stdout.write(`${line}\n`);
let code = 1;
try {
  const config = loadConfig();
  const log = createLogger({ env: config.env, logLevel: 'warn' }, 'rotate-keys');
  const ring = loadDataKeys(config, log);
  const mongo = await provideMongo(config, log);
  const connection = await openConnection(mongo.uri);
  try {
    const current = ring.dataKeys[0]?.id;
    print(`re-encrypting with key ${current}`);
    let rewritten = 0;
    for (const model of ALL_MODELS.map((define) => define(connection))) {
      const spec = fieldSpecOf(model.schema);
      if (!spec) continue;
      const done = await sealCollection(connection, ring, model.collection.collectionName, spec, (step) =>
        print(`${step.collection}: ${step.scanned} scanned, ${step.rewritten} re-encrypted`),
      );
      rewritten += done.rewritten;
    }
    print(`done: ${rewritten} documents re-encrypted, 0 left on older keys`);
    code = 0;
  } finally {
    await connection.close();
    await mongo.stop();
  }
} catch (error) {
  const operator = error instanceof ConfigError || error instanceof MongoUnavailableError;
  process.stderr.write(
    `${operator ? describeError(error) : `rotate-keys failed: ${describeError(error)}`}\n`,
  );
}
process.exit(code);
