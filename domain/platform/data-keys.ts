import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from './config.js';
import { type Keyring, useKeyring } from './crypto.js';
import type { Logger } from './logger.js';

/** Where a development machine keeps the keys it generated for itself. */
export const DEV_KEYS_FILE = 'data-keys.json';

const base64Key = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, { error: 'must be 32 bytes in base64' });

const DevKeysFile = z.object({
  dataKeys: z.array(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/), key: base64Key })).min(1),
  indexKey: base64Key,
});

/** Fresh keys: a data key with the given id and a blind-index key. */
export function generateKeys(id = 'k1'): { dataKeys: string; indexKey: string } {
  return {
    dataKeys: `${id}:${randomBytes(32).toString('base64')}`,
    indexKey: randomBytes(32).toString('base64'),
  };
}

/**
 * Load this process's field-encryption keys and install them: DATA_KEYS and DATA_INDEX_KEY when set
 * (required in production, checked with the configuration); otherwise keys generated once under the
 * data directory, with a warning, so a development machine works out of the box and keeps reading its
 * own data across restarts.
 */
export function loadDataKeys(config: Pick<Config, 'keyring' | 'dataDir'>, log?: Logger): Keyring {
  const keyring = config.keyring ?? developmentKeys(config.dataDir, log);
  useKeyring(keyring);
  return keyring;
}

function developmentKeys(dataDir: string, log?: Logger): Keyring {
  const file = path.join(dataDir, DEV_KEYS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const fresh = generateKeys('dev1');
    const [id = 'dev1', key = ''] = fresh.dataKeys.split(':');
    text = `${JSON.stringify({ dataKeys: [{ id, key }], indexKey: fresh.indexKey }, null, 2)}\n`;
    mkdirSync(dataDir, { recursive: true });
    // `wx`: two processes starting together never overwrite each other's keys; the loser reads them.
    try {
      writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    } catch {
      text = readFileSync(file, 'utf8');
    }
  }
  const parsed = DevKeysFile.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${file} is not a valid keys file: ${parsed.error.issues[0]?.message}`);
  log?.warn(
    { file },
    'DATA_KEYS is not set: customer data is encrypted with development keys kept beside the data; set DATA_KEYS and DATA_INDEX_KEY for real use',
  );
  return parsed.data;
}
