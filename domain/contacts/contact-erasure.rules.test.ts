import { describe, expect, it } from 'vitest';
import { mentions, redactText, redactValue, traitPattern } from './contact-erasure.rules.js';

const pattern = traitPattern({
  phones: ['+6281234567890'],
  chatIds: ['6281234567890@c.us', '207654321098765@lid'],
  names: ['Budi Santoso', 'Al'],
  texts: ['Jl. Melati No. 5, Bandung', 'budi@example.com'],
});
const redact = (text: string) => redactText(text, pattern, '[x]');

describe('traitPattern and redactText', () => {
  it('finds the number in every way people write it', () => {
    for (const written of [
      '+6281234567890',
      '6281234567890',
      '081234567890',
      '81234567890',
      '+62 812-3456-7890',
      '0812 3456 7890',
    ])
      expect(redact(`telp ${written} ya`), written).toBe('telp [x] ya');
  });

  it('finds chat ids, whole names in any case, addresses and e-mails', () => {
    expect(redact('chat 6281234567890@c.us')).toBe('chat [x]@c.us');
    expect(redact('dari 207654321098765@lid')).toBe('dari [x]@lid');
    expect(redact('Pak BUDI  santoso minta')).toBe('Pak [x] minta');
    expect(redact('kirim ke jl. melati no. 5, bandung')).toBe('kirim ke [x]');
    expect(redact('mail budi@example.com')).toBe('mail [x]');
  });

  it('leaves other words alone: names inside words, names too short to be safe, other numbers', () => {
    expect(redact('Budi Santosonya')).toBe('Budi Santosonya');
    expect(redact('Al datang')).toBe('Al datang');
    expect(redact('total 150000, rek 1234567890')).toBe('total 150000, rek 1234567890');
  });

  it('has nothing to look for when nothing is known', () => {
    expect(traitPattern({ phones: [], chatIds: [], names: ['', 'A'], texts: [] })).toBeUndefined();
    expect(redactText('apa saja', undefined, '[x]')).toBe('apa saja');
  });
});

describe('redactValue and mentions', () => {
  it('redacts strings at any depth and keeps numbers, dates and ids as they are', () => {
    const at = new Date('2026-11-23T03:00:00Z');
    const value = { total: 5, at, notes: [{ text: 'Budi Santoso' }], nested: { phone: '081234567890' } };
    expect(mentions(value, pattern)).toBe(true);
    const clean = redactValue(value, pattern, '[x]');
    expect(clean).toEqual({ total: 5, at, notes: [{ text: '[x]' }], nested: { phone: '[x]' } });
    expect(clean.at).toBe(at);
    expect(mentions(clean, pattern)).toBe(false);
  });
});
