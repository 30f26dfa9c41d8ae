import { describe, expect, it } from 'vitest';
import { blindIndex, DecryptError, type Keyring, open, seal, sealedWith } from './crypto.js';

const key = (fill: number) => Buffer.alloc(32, fill);
const oldRing: Keyring = { dataKeys: [{ id: 'k1', key: key(1) }], indexKey: key(9) };
const newRing: Keyring = {
  dataKeys: [
    { id: 'k2', key: key(2) },
    { id: 'k1', key: key(1) },
  ],
  indexKey: key(9),
};

describe('field encryption', () => {
  it('round-trips any text, with a fresh nonce each time and the key id inside', () => {
    for (const plain of [
      '+6281234567890',
      'Jl. Melati No. 5, Bandung 40123',
      '',
      'emoji 🌸 dan \u0000 kontrol',
    ]) {
      const sealed = seal(newRing, plain);
      expect(open(newRing, sealed)).toBe(plain);
      expect(sealedWith(sealed)).toBe('k2');
      expect(sealed).not.toContain(plain || '\u0001');
    }
    expect(seal(newRing, '+6281234567890')).not.toBe(seal(newRing, '+6281234567890'));
  });

  it('refuses a tampered value, a truncated one and one relabelled to another key', () => {
    const sealed = seal(newRing, 'Jl. Melati No. 5');
    const body = Buffer.from(sealed.slice('enc1:k2:'.length), 'base64url');
    for (const index of [0, 14, body.length - 1]) {
      const changed = Buffer.from(body);
      changed[index] = (changed[index] ?? 0) ^ 1;
      expect(() => open(newRing, `enc1:k2:${changed.toString('base64url')}`)).toThrow(DecryptError);
    }
    expect(() => open(newRing, `enc1:k2:${body.subarray(0, 20).toString('base64url')}`)).toThrow(
      DecryptError,
    );
    expect(() => open(newRing, sealed.replace('enc1:k2:', 'enc1:k1:'))).toThrow(DecryptError);
    expect(() => open(newRing, 'Jl. Melati No. 5')).toThrow('not an encrypted value');
  });

  it('still reads a value sealed with an old key once a new key is added, and names a missing key', () => {
    const sealedOld = seal(oldRing, '+6281234567890');
    expect(sealedWith(sealedOld)).toBe('k1');
    expect(open(newRing, sealedOld)).toBe('+6281234567890');
    expect(() => open(oldRing, seal(newRing, 'x'))).toThrow(
      'encrypted with key "k2", which is not configured',
    );
  });

  it('gives a blind index that is stable, keyed and idempotent', () => {
    const index = blindIndex(newRing, '+6281234567890');
    expect(index).toMatch(/^h1:[\w-]{43}$/);
    expect(blindIndex(oldRing, '+6281234567890')).toBe(index);
    expect(blindIndex(newRing, index)).toBe(index);
    expect(blindIndex({ ...newRing, indexKey: key(8) }, '+6281234567890')).not.toBe(index);
    expect(blindIndex(newRing, '+6281234567891')).not.toBe(index);
  });
});
