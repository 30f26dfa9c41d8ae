import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Field encryption for customers' personal data (phone numbers, chat ids, addresses, message texts):
 * AES-256-GCM with a random 96-bit nonce per value, so equal values never look equal at rest, and
 * authenticated, so a changed byte is refused rather than read as garbage. Every value names the key
 * that sealed it, so keys can be rotated: old keys stay readable until `scripts/rotate-keys.ts` has
 * re-sealed everything with the newest.
 *
 * Exact look-ups cannot use such values; they go through a blind index instead: HMAC-SHA256 with its
 * own key over the value, the same every time, which reveals only whether two values are equal.
 */

/** One data key: a short id stored with every value it seals, and its 32 bytes. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The keys a process holds: the first data key seals new values; all of them open old ones. */
export interface Keyring {
  dataKeys: readonly DataKey[];
  /** The blind-index key; it never rotates (every stored index would have to be recomputed). */
  indexKey: Buffer;
}

export const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const SEALED = 'enc1:';
const HASHED = 'h1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A value that cannot be opened: tampered with, truncated, or sealed with a key this process lacks. */
export class DecryptError extends Error {
  override name = 'DecryptError';
}

export const isSealed = (value: string): boolean => value.startsWith(SEALED);
export const isHashed = (value: string): boolean => value.startsWith(HASHED);

/** `enc1:<key id>:<base64url of nonce, ciphertext and tag>`. */
export function seal(keyring: Keyring, plain: string): string {
  const current = keyring.dataKeys[0];
  if (!current) throw new Error('no data key to encrypt with');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
  // The key id is authenticated too: a value cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(current.id));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([nonce, body, cipher.getAuthTag()]);
  return `${SEALED}${current.id}:${sealed.toString('base64url')}`;
}

/** The key id a sealed value names, or undefined for anything else. */
export function sealedWith(value: string): string | undefined {
  if (!isSealed(value)) return undefined;
  const end = value.indexOf(':', SEALED.length);
  return end > SEALED.length ? value.slice(SEALED.length, end) : undefined;
}

/** Open a sealed value; throws DecryptError when it was altered or its key is unknown. */
export function open(keyring: Keyring, value: string): string {
  const id = sealedWith(value);
  if (id === undefined) throw new DecryptError('not an encrypted value');
  const key = keyring.dataKeys.find((candidate) => candidate.id === id);
  if (!key) throw new DecryptError(`encrypted with key "${id}", which is not configured (DATA_KEYS)`);
  const sealed = Buffer.from(value.slice(SEALED.length + id.length + 1), 'base64url');
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DecryptError('encrypted value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new DecryptError('encrypted value was altered or belongs to another key');
  }
}

/** The blind index of a value: `h1:<base64url HMAC-SHA256>`. Idempotent on an index. */
export function blindIndex(keyring: Keyring, value: string): string {
  if (isHashed(value)) return value;
  return `${HASHED}${createHmac('sha256', keyring.indexKey).update(value, 'utf8').digest('base64url')}`;
}

let installed: Keyring | undefined;

/** Give this process its keys (at start-up, once the configuration is read). */
export function useKeyring(keyring: Keyring): void {
  installed = keyring;
}

/** The process's keys; a process that stores customer data without them is a programming error. */
export function keyring(): Keyring {
  if (!installed) {
    throw new Error('data keys are not loaded: call loadDataKeys() at start-up before using the database');
  }
  return installed;
}
