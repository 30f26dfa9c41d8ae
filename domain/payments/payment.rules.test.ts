import { describe, expect, it } from 'vitest';
import { formatPaymentNumber, parsePaymentNumber } from './payment.rules.js';

describe('payment numbers', () => {
  it('formats PAY-YYYYMM-NNNN and reads what staff type', () => {
    expect(formatPaymentNumber('202611', 3)).toBe('PAY-202611-0003');
    expect(parsePaymentNumber(' pay-202611-0003 ')).toBe('PAY-202611-0003');
    expect(parsePaymentNumber('PAY-202611-10000')).toBe('PAY-202611-10000');
    for (const text of ['PAY-202613-0001', 'PAY-202611-0000', 'PAY-202611-12', 'ORD-202611-0001', ''])
      expect(parsePaymentNumber(text), text).toBeNull();
  });
});
