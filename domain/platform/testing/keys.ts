import type { Keyring } from '../crypto.js';

const bytes = (fill: number) => Buffer.alloc(32, fill);

/** Fixed keys for tests: a current data key, an older one still readable, and the blind-index key. */
export const TEST_KEYRING: Keyring = {
  dataKeys: [
    { id: 't2', key: bytes(2) },
    { id: 't1', key: bytes(1) },
  ],
  indexKey: bytes(9),
};

/** The same keys as environment variables, for scripts and processes the tests start. */
export const TEST_KEY_ENV: Readonly<Record<string, string>> = {
  DATA_KEYS: TEST_KEYRING.dataKeys
    .map((dataKey) => `${dataKey.id}:${dataKey.key.toString('base64')}`)
    .join(','),
  DATA_INDEX_KEY: TEST_KEYRING.indexKey.toString('base64'),
};
