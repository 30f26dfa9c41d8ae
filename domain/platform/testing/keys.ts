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
