/**
 * Print field-encryption keys for .env (see README, "Privacy").
 *
 *   npm run keys                   fresh DATA_KEYS and DATA_INDEX_KEY for a new shop
 *   npm run keys -- --add k2       DATA_KEYS with a new key k2 in front of the current DATA_KEYS
 *
 * Keep them apart from the database backups: whoever has both reads the customers' data.
 */
import { parseArgs } from 'node:util';
import { KEY_ID } from '../domain/platform/crypto.js';
import { generateKeys } from '../domain/platform/data-keys.js';

const USAGE = 'usage: npm run keys [-- --add <key id>]';
let add: string | undefined;
try {
  const { values } = parseArgs({ options: { add: { type: 'string' } }, allowPositionals: false });
  add = values.add;
} catch {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

if (add === undefined) {
  const keys = generateKeys();
  process.stdout.write(`DATA_KEYS=${keys.dataKeys}\nDATA_INDEX_KEY=${keys.indexKey}\n`);
} else {
  const current = process.env.DATA_KEYS?.trim();
  if (!KEY_ID.test(add) || !current || current.split(',').some((pair) => pair.trim().startsWith(`${add}:`))) {
    process.stderr.write(
      `--add needs a new key id (letters, digits, - or _) and the current DATA_KEYS in the environment\n${USAGE}\n`,
    );
    process.exit(2);
  }
  process.stdout.write(`DATA_KEYS=${generateKeys(add).dataKeys},${current}\n`);
  process.stdout.write('then run: npx tsx scripts/rotate-keys.ts\n');
}
