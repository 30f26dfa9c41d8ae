import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverableName, storedFilePath } from './order-deliverable.rules.js';

const SHA = 'ab'.repeat(32);

describe('deliverableName', () => {
  it('keeps the uploaded name with the extension of the stored type', () => {
    expect(deliverableName('Logo final.png', { mime: 'image/jpeg', sha256: SHA }, 'ORD-202611-0001')).toBe(
      'Logo final.jpg',
    );
    expect(deliverableName('desain.pdf', { mime: 'application/pdf', sha256: SHA }, 'ORD-202611-0001')).toBe(
      'desain.pdf',
    );
  });

  it('drops folders and falls back to the order number and hash when there is no name', () => {
    expect(deliverableName('C:\\Users\\x\\proof.PDF', { mime: 'application/pdf', sha256: SHA }, 'N')).toBe(
      'proof.pdf',
    );
    expect(deliverableName(undefined, { mime: 'image/png', sha256: SHA }, 'ORD-202611-0001')).toBe(
      'ORD-202611-0001-abababab.png',
    );
    expect(deliverableName('.png', { mime: 'image/png', sha256: SHA }, 'ORD-202611-0001')).toBe(
      'ORD-202611-0001-abababab.png',
    );
  });
});

describe('storedFilePath', () => {
  it('joins a stored path under the data directory', () => {
    expect(storedFilePath('/data', `media/2026/11/24/${SHA}.pdf`)).toBe(
      path.join('/data', `media/2026/11/24/${SHA}.pdf`),
    );
    expect(storedFilePath('/data', `media/2026/11/24/${SHA}.thumb.webp`)).toContain('.thumb.webp');
  });

  it('refuses anything that is not a stored file’s path', () => {
    for (const bad of [
      '../../etc/passwd',
      `media/2026/11/24/../../../${SHA}.pdf`,
      '/etc/passwd',
      'media/x.pdf',
    ])
      expect(() => storedFilePath('/data', bad)).toThrow(/not a stored media path/);
  });
});
