import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';
import { findOrderNumber } from './order-number.js';

const numberIn = (text: string) => findOrderNumber(normalizeText(text))?.orderNumber ?? null;

describe('order numbers', () => {
  it.each([
    ['ORD-202611-0042', 'ORD-202611-0042'],
    ['ord-202611-0042', 'ORD-202611-0042'],
    ['status ORD 202611 0042 kak', 'ORD-202611-0042'],
    ['#ORD202611-0042', 'ORD-202611-0042'],
    ['ORD2026110042', 'ORD-202611-0042'],
    ['ord-202611-42 udah dikirim?', 'ORD-202611-0042'],
    ['ORD_202612_0107', 'ORD-202612-0107'],
    ['pesanan 202611-0042', 'ORD-202611-0042'],
    ['no order: 2026110042', 'ORD-202611-0042'],
    ['202611-0042', 'ORD-202611-0042'],
    ['ord 2026-11-0042', 'ORD-202611-0042'],
  ])('%s → %s', (text, number) => {
    expect(numberIn(text)).toBe(number);
  });

  it.each([
    'ORD-20240127-001',
    'ORD-202613-0042',
    'ORD-202611-0000',
    '0812-3456-7890',
    '2026110042',
    'order 2 buket',
  ])('%s is not one of ours', (text) => {
    expect(numberIn(text)).toBeNull();
  });

  it('reports where it was', () => {
    expect(findOrderNumber('cek ord-202611-0042 ya')).toEqual({
      start: 4,
      end: 19,
      orderNumber: 'ORD-202611-0042',
    });
  });
});
