import { describe, expect, it } from 'vitest';
import {
  computeTotals,
  formatOrderNumber,
  looksLikeTrackingToken,
  monthKey,
  newTrackingToken,
  parseMoney,
  parseOrderNumber,
  paymentStatusFor,
} from './order.rules.js';

const rose = { sku: 'buket-mawar', name: 'Buket Mawar', qty: 2, unitPrice: 150_000 };
const card = { sku: 'kartu', name: 'Kartu Ucapan', qty: 1, unitPrice: 5_000 };

describe('computeTotals', () => {
  it('adds catalog lines, recomputing each line subtotal', () => {
    expect(
      computeTotals({
        kind: 'catalog',
        items: [{ ...rose, subtotal: 1 }, card],
        discount: 10_000,
        shippingFee: 20_000,
      }),
    ).toEqual({
      ok: true,
      items: [
        { ...rose, subtotal: 300_000 },
        { ...card, subtotal: 5_000 },
      ],
      subtotal: 305_000,
      discount: 10_000,
      shippingFee: 20_000,
      total: 315_000,
    });
  });

  it('prices a custom order at its agreed price, or 0 before one is agreed', () => {
    expect(
      computeTotals({ kind: 'custom', items: [], discount: 0, shippingFee: 0, agreedPrice: 750_000 }),
    ).toMatchObject({ ok: true, subtotal: 750_000, total: 750_000 });
    expect(computeTotals({ kind: 'custom', items: [], discount: 0, shippingFee: 15_000 })).toMatchObject({
      ok: true,
      subtotal: 0,
      total: 15_000,
    });
  });

  it('never lets a discount push the total below zero', () => {
    expect(
      computeTotals({ kind: 'catalog', items: [card], discount: 50_000, shippingFee: 10_000 }),
    ).toMatchObject({ ok: true, subtotal: 5_000, total: 0 });
  });

  it('refuses quantities below 1 or fractional, naming the line', () => {
    for (const qty of [0, -1, 1.5, Number.NaN]) {
      expect(
        computeTotals({ kind: 'catalog', items: [card, { ...rose, qty }], discount: 0, shippingFee: 0 }),
      ).toMatchObject({ ok: false, code: 'ORDER.INVALID_ITEM', index: 1 });
    }
  });

  it('refuses negative, fractional or non-finite money with MONEY.INVALID and the field', () => {
    const base = { kind: 'catalog' as const, items: [card], discount: 0, shippingFee: 0 };
    expect(computeTotals({ ...base, discount: -1 })).toMatchObject({
      ok: false,
      code: 'MONEY.INVALID',
      field: 'discount',
    });
    expect(computeTotals({ ...base, shippingFee: 1000.5 })).toMatchObject({
      code: 'MONEY.INVALID',
      field: 'shippingFee',
    });
    expect(
      computeTotals({ ...base, items: [{ ...card, unitPrice: Number.POSITIVE_INFINITY }] }),
    ).toMatchObject({ code: 'MONEY.INVALID', field: 'items.0.unitPrice' });
    expect(
      computeTotals({ kind: 'custom', items: [], discount: 0, shippingFee: 0, agreedPrice: -5 }),
    ).toMatchObject({ code: 'MONEY.INVALID', field: 'agreedPrice' });
  });

  it('refuses sums beyond exact integers', () => {
    expect(
      computeTotals({
        kind: 'catalog',
        items: [{ ...rose, qty: 1_000_000, unitPrice: Number.MAX_SAFE_INTEGER }],
        discount: 0,
        shippingFee: 0,
      }),
    ).toMatchObject({ ok: false, code: 'MONEY.INVALID', field: 'items.0.subtotal' });
    expect(
      computeTotals({
        kind: 'catalog',
        items: [
          { ...rose, qty: 1, unitPrice: Number.MAX_SAFE_INTEGER },
          { ...card, qty: 1, unitPrice: Number.MAX_SAFE_INTEGER },
        ],
        discount: 0,
        shippingFee: 0,
      }),
    ).toMatchObject({ ok: false, code: 'MONEY.INVALID', field: 'subtotal' });
  });
});

describe('parseMoney', () => {
  it('accepts whole non-negative rupiah only', () => {
    expect(parseMoney(0, 'x')).toEqual({ ok: true, value: 0 });
    expect(parseMoney(125_000, 'x')).toEqual({ ok: true, value: 125_000 });
    for (const bad of [-1, 0.5, Number.NaN, '1000', null, undefined]) {
      expect(parseMoney(bad, 'budget')).toMatchObject({ ok: false, code: 'MONEY.INVALID', field: 'budget' });
    }
  });
});

describe('order numbers', () => {
  it('formats with a four-digit sequence, longer past 9999', () => {
    expect(formatOrderNumber('202611', 42)).toBe('ORD-202611-0042');
    expect(formatOrderNumber('202611', 12_345)).toBe('ORD-202611-12345');
    expect(() => formatOrderNumber('202613', 1)).toThrow(RangeError);
    expect(() => formatOrderNumber('202611', 0)).toThrow(RangeError);
  });

  it('parses what people type, lowercase and padded with spaces included', () => {
    expect(parseOrderNumber('ORD-202611-0042')).toEqual({
      ok: true,
      yyyymm: '202611',
      seq: 42,
      text: 'ORD-202611-0042',
    });
    expect(parseOrderNumber('  ord-202611-0042 ')).toMatchObject({ ok: true, text: 'ORD-202611-0042' });
    expect(parseOrderNumber('ORD-202611-12345')).toMatchObject({ ok: true, seq: 12_345 });
  });

  it('round-trips', () => {
    for (const seq of [1, 9, 10, 999, 9999, 10_000]) {
      const parsed = parseOrderNumber(formatOrderNumber('202701', seq));
      expect(parsed).toMatchObject({ ok: true, yyyymm: '202701', seq });
    }
  });

  it('refuses anything else with ORDER.INVALID_NUMBER', () => {
    for (const bad of [
      '',
      'ORD-2026-0042',
      'ORD-202613-0001',
      'ORD-202611-0000',
      'ORD-202611-42',
      'INV-202611-0001',
    ]) {
      expect(parseOrderNumber(bad)).toMatchObject({ ok: false, code: 'ORDER.INVALID_NUMBER' });
    }
  });
});

describe('monthKey', () => {
  it("buckets by the shop's time zone, not UTC", () => {
    const instant = new Date('2026-11-30T18:00:00Z');
    expect(monthKey(instant, 'Asia/Jakarta')).toBe('202612');
    expect(monthKey(instant, 'UTC')).toBe('202611');
    expect(monthKey(new Date('2026-11-30T16:59:59Z'), 'Asia/Jakarta')).toBe('202611');
    expect(monthKey(new Date('2026-11-30T17:00:00Z'), 'Asia/Jakarta')).toBe('202612');
  });

  it('rolls over the year in the shop zone', () => {
    expect(monthKey(new Date('2026-12-31T17:00:00Z'), 'Asia/Jakarta')).toBe('202701');
    expect(monthKey(new Date('2026-12-31T16:59:59Z'), 'Asia/Jakarta')).toBe('202612');
    expect(monthKey(new Date('2027-01-01T02:00:00Z'), 'America/New_York')).toBe('202612');
  });
});

describe('paymentStatusFor', () => {
  it('reads unpaid, partial and paid from the amount received', () => {
    expect(paymentStatusFor(100_000, 0)).toBe('unpaid');
    expect(paymentStatusFor(100_000, 40_000)).toBe('partial');
    expect(paymentStatusFor(100_000, 100_000)).toBe('paid');
    expect(paymentStatusFor(100_000, 120_000)).toBe('paid');
    // A custom order not priced yet is not paid.
    expect(paymentStatusFor(0, 0)).toBe('unpaid');
  });
});

describe('newTrackingToken', () => {
  it('is 24 URL-safe characters (144 bits) and unique over 1000 tokens', () => {
    const tokens = Array.from({ length: 1000 }, () => newTrackingToken());
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(18);
      expect(looksLikeTrackingToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(1000);
  });

  it('tells tokens from other text', () => {
    expect(looksLikeTrackingToken('ORD-202611-0001')).toBe(false);
    expect(looksLikeTrackingToken(`${newTrackingToken()}x`)).toBe(false);
    expect(looksLikeTrackingToken('abc+def/ghi=jklmnopqrstu')).toBe(false);
  });
});
