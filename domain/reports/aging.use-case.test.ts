import { beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceStatus } from '../invoices/invoice.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { invoiceAgingReport } from './aging.use-case.js';
import { addContact, addInvoice, wib } from './testing/report-data.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
/** 00:30 WIB on the 23rd: UTC still says the 22nd, the shop's day is the 23rd. */
const NOW = wib('2026-11-23T00:30:00');

/**
 * Invoices (amount, paid; due) as of Monday 23 November:
 *   0001 100.000        due 23 Nov  0 days   current   outstanding 100.000
 *   0002 200.000 50.000 due 30 Nov  −7       current   150.000
 *   0003 300.000        due 22 Nov  1        1–30      300.000
 *   0004 400.000 100.000 due 24 Oct 30       1–30      300.000
 *   0005 500.000        due 23 Oct  31       31–60     500.000
 *   0006 600.000        due 24 Sep  60       31–60     600.000
 *   0007 700.000 200.000 due 23 Sep 61       60+       500.000
 * Left out: a paid, a cancelled and a draft invoice, and one created after now.
 * Buckets: current 2 / 250.000, 1–30 2 / 600.000, 31–60 2 / 1.100.000, 60+ 1 / 500.000; 7 / 2.450.000.
 */
beforeAll(async () => {
  const ani = await addContact(db.connection, 'Ani');
  const invoice = (
    n: number,
    amount: number,
    dueDate: string,
    status: InvoiceStatus,
    paidAmount = 0,
    createdAt?: Date,
  ) =>
    addInvoice(db.connection, {
      number: `INV-202609-${String(n).padStart(4, '0')}`,
      contactId: ani._id,
      amount,
      paidAmount,
      dueDate,
      status,
      ...(createdAt && { createdAt }),
    });
  await invoice(1, 100_000, '2026-11-23', 'sent');
  await invoice(2, 200_000, '2026-11-30', 'partial', 50_000);
  await invoice(3, 300_000, '2026-11-22', 'overdue');
  await invoice(4, 400_000, '2026-10-24', 'overdue', 100_000);
  await invoice(5, 500_000, '2026-10-23', 'overdue');
  await invoice(6, 600_000, '2026-09-24', 'overdue');
  await invoice(7, 700_000, '2026-09-23', 'overdue', 200_000);
  await invoice(8, 800_000, '2026-09-01', 'paid', 800_000);
  await invoice(9, 900_000, '2026-09-01', 'cancelled');
  await invoice(10, 1_000_000, '2026-09-01', 'draft');
  await invoice(11, 1_100_000, '2026-11-01', 'sent', 0, wib('2026-11-23T08:00:00'));
});

const row = (
  n: number,
  amount: number,
  outstanding: number,
  dueDate: string,
  daysOverdue: number,
  status: InvoiceStatus,
) => ({
  number: `INV-202609-${String(n).padStart(4, '0')}`,
  orderNumber: `ORD-202609-${String(n).padStart(4, '0')}`,
  contactId: expect.any(String),
  customer: 'Ani',
  dueDate,
  amount,
  outstanding,
  daysOverdue,
  status,
});

describe('invoiceAgingReport', () => {
  it('buckets open invoices by shop-local days overdue, longest overdue first', async () => {
    expect(await invoiceAgingReport(db.connection, { now: NOW, timeZone: ZONE })).toEqual({
      asOf: NOW,
      today: '2026-11-23',
      buckets: [
        {
          bucket: 'current',
          count: 2,
          outstanding: 250_000,
          invoices: [
            row(1, 100_000, 100_000, '2026-11-23', 0, 'sent'),
            row(2, 200_000, 150_000, '2026-11-30', -7, 'partial'),
          ],
        },
        {
          bucket: '1-30',
          count: 2,
          outstanding: 600_000,
          invoices: [
            row(4, 400_000, 300_000, '2026-10-24', 30, 'overdue'),
            row(3, 300_000, 300_000, '2026-11-22', 1, 'overdue'),
          ],
        },
        {
          bucket: '31-60',
          count: 2,
          outstanding: 1_100_000,
          invoices: [
            row(6, 600_000, 600_000, '2026-09-24', 60, 'overdue'),
            row(5, 500_000, 500_000, '2026-10-23', 31, 'overdue'),
          ],
        },
        {
          bucket: '60+',
          count: 1,
          outstanding: 500_000,
          invoices: [row(7, 700_000, 500_000, '2026-09-23', 61, 'overdue')],
        },
      ],
      total: { count: 7, outstanding: 2_450_000 },
    });
  });

  it('an invoice due the 22nd is still current at 23:30 WIB that day', async () => {
    const report = await invoiceAgingReport(db.connection, {
      now: wib('2026-11-22T23:30:00'),
      timeZone: ZONE,
    });
    expect(report.today).toBe('2026-11-22');
    expect(
      report.buckets[0]!.invoices.map((invoice) => [invoice.number, invoice.daysOverdue]),
    ).toContainEqual(['INV-202609-0003', 0]);
  });
});
