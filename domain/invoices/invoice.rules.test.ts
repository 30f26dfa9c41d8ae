import { describe, expect, it } from 'vitest';
import {
  addDaysToDay,
  defaultDueDate,
  formatDay,
  formatInvoiceNumber,
  invoiceStatusFor,
  isDay,
  isPastDue,
  localDay,
  parseInvoiceNumber,
  reminderDue,
} from './invoice.rules.js';

const ZONE = 'Asia/Jakarta';
const wib = (local: string) => new Date(`${local}+07:00`);

describe('invoice numbers', () => {
  it('formats INV-YYYYMM-NNNN and reads what staff type', () => {
    expect(formatInvoiceNumber('202611', 7)).toBe('INV-202611-0007');
    expect(formatInvoiceNumber('202611', 12345)).toBe('INV-202611-12345');
    expect(() => formatInvoiceNumber('202613', 1)).toThrow(RangeError);
    expect(() => formatInvoiceNumber('202611', 0)).toThrow(RangeError);
    expect(parseInvoiceNumber(' inv-202611-0007 ')).toBe('INV-202611-0007');
    expect(parseInvoiceNumber('INV-202611-7')).toBeNull();
    expect(parseInvoiceNumber('ORD-202611-0007')).toBeNull();
  });
});

describe('days', () => {
  it('accepts only real calendar days written YYYY-MM-DD', () => {
    expect(isDay('2026-11-20')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    for (const text of ['2026-02-30', '2026-13-01', '20/11/2026', '2026-1-5', ''])
      expect(isDay(text), text).toBe(false);
  });

  it("takes today and the default due date from the shop's zone", () => {
    // 18:30 UTC on 30 November is 01:30 on 1 December in Jakarta.
    const at = new Date('2026-11-30T18:30:00Z');
    expect(localDay(at, ZONE)).toBe('2026-12-01');
    expect(localDay(at, 'UTC')).toBe('2026-11-30');
    expect(defaultDueDate(at, ZONE, 3)).toBe('2026-12-04');
    expect(addDaysToDay('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('is overdue from the local day after the due date', () => {
    expect(isPastDue('2026-11-20', wib('2026-11-20T23:30:00'), ZONE)).toBe(false);
    expect(isPastDue('2026-11-20', wib('2026-11-21T00:30:00'), ZONE)).toBe(true);
    // Still the 20th in UTC, already the 21st in Jakarta.
    expect(isPastDue('2026-11-20', new Date('2026-11-20T17:30:00Z'), ZONE)).toBe(true);
    expect(isPastDue('2026-11-20', new Date('2026-11-20T17:30:00Z'), 'UTC')).toBe(false);
  });

  it('writes a due date as the customer reads it', () => {
    expect(formatDay('2026-11-20', 'id')).toBe('20 November 2026');
    expect(formatDay('2026-08-17', 'id')).toBe('17 Agustus 2026');
    expect(formatDay('2026-08-17', 'en')).toBe('17 August 2026');
  });
});

describe('invoiceStatusFor', () => {
  it('follows the money, keeps overdue until paid, and never reopens a cancelled invoice', () => {
    expect(invoiceStatusFor(300, 0, 'sent')).toBe('sent');
    expect(invoiceStatusFor(300, 100, 'sent')).toBe('partial');
    expect(invoiceStatusFor(300, 300, 'partial')).toBe('paid');
    expect(invoiceStatusFor(300, 100, 'overdue')).toBe('overdue');
    expect(invoiceStatusFor(300, 300, 'overdue')).toBe('paid');
    expect(invoiceStatusFor(300, 300, 'cancelled')).toBe('cancelled');
    expect(invoiceStatusFor(300, 100, 'draft')).toBe('draft');
  });
});

describe('reminderDue', () => {
  const policy = { maxReminders: 3, reminderEveryDays: 2 };

  it('allows the first reminder at once, then waits whole local days, up to the maximum', () => {
    const now = wib('2026-11-23T09:00:00');
    expect(reminderDue({ remindersSent: 0 }, now, ZONE, policy)).toBe(true);
    expect(
      reminderDue({ remindersSent: 1, lastReminderAt: wib('2026-11-22T09:00:00') }, now, ZONE, policy),
    ).toBe(false);
    // Two calendar days, even though a few seconds short of 48 hours.
    expect(
      reminderDue({ remindersSent: 1, lastReminderAt: wib('2026-11-21T09:00:30') }, now, ZONE, policy),
    ).toBe(true);
    expect(
      reminderDue({ remindersSent: 3, lastReminderAt: wib('2026-11-01T09:00:00') }, now, ZONE, policy),
    ).toBe(false);
  });

  it('never sends two reminders on the same local day, even with a spacing of zero', () => {
    const now = wib('2026-11-23T09:00:00');
    const last = { remindersSent: 1, lastReminderAt: wib('2026-11-23T08:00:00') };
    expect(reminderDue(last, now, ZONE, { maxReminders: 5, reminderEveryDays: 0 })).toBe(false);
  });
});
