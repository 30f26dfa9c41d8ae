import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../platform/testing/database.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { monthlyReport } from './monthly.use-case.js';
import { addContact, addLead, addOrder, wib } from './testing/report-data.js';
import { trendReport } from './trend.use-case.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
const NOW = wib('2026-11-23T12:00:00');

/**
 * Orders (total; created → completed):
 *   O1 100.000 paid      20 Aug → 31 Aug 23:30 WIB   Aug order, Aug revenue (UTC: 31 Aug)
 *   O2 200.000 paid      25 Aug → 1 Sep 00:30 WIB    Aug order, Sep revenue (UTC still says 31 Aug)
 *   O3  50.000 cancelled 31 Aug 23:30 WIB            nothing
 *   O4  70.000 unpaid    1 Sep 00:30 WIB → 2 Sep     Sep order, no revenue (completed, unpaid)
 *   O5  80.000 partial   10 Sep → 12 Sep             Sep order, no revenue
 *   O6  90.000 pending   31 Oct 23:30 WIB            Oct order
 *   O7  40.000 paid      5 Oct, no completedAt       Oct order, Oct revenue (creation stands in)
 *   O8  30.000 paid      20 Jul → 2 Aug              Jul order, Aug revenue
 *   O9  60.000 paid      1 Nov 00:30 WIB → 1 Nov     Nov order, Nov revenue
 *   O10 10.000 confirmed 15 Oct                      Oct order
 *   O11  5.000 paid      20 Nov → 25 Nov, after now  Nov order, Nov revenue (completion not seen yet:
 *                                                    creation stands in, as in monthlyReport)
 * Leads: 31 Aug 23:30 WIB (Aug), 1 Sep 00:30 WIB (Sep), 15 Sep deleted (none), 10 Oct and 20 Oct (Oct).
 * Targets: revenue 200.000, new leads 2, orders 0 (none set).
 */
beforeAll(async () => {
  const budi = await addContact(db.connection, 'Budi');
  const order = (
    createdAt: string,
    status: 'completed' | 'cancelled' | 'pending' | 'confirmed',
    total: number,
    paymentStatus: 'paid' | 'unpaid' | 'partial',
    completedAt?: string,
  ) =>
    addOrder(db.connection, {
      contactId: budi._id,
      createdAt: wib(createdAt),
      status,
      total,
      paymentStatus,
      ...(completedAt && { completedAt: wib(completedAt) }),
    });
  await order('2026-08-20T10:00:00', 'completed', 100_000, 'paid', '2026-08-31T23:30:00');
  await order('2026-08-25T10:00:00', 'completed', 200_000, 'paid', '2026-09-01T00:30:00');
  await order('2026-08-31T23:30:00', 'cancelled', 50_000, 'unpaid');
  await order('2026-09-01T00:30:00', 'completed', 70_000, 'unpaid', '2026-09-02T10:00:00');
  await order('2026-09-10T10:00:00', 'completed', 80_000, 'partial', '2026-09-12T10:00:00');
  await order('2026-10-31T23:30:00', 'pending', 90_000, 'unpaid');
  await order('2026-10-05T10:00:00', 'completed', 40_000, 'paid');
  await order('2026-07-20T10:00:00', 'completed', 30_000, 'paid', '2026-08-02T10:00:00');
  await order('2026-11-01T00:30:00', 'completed', 60_000, 'paid', '2026-11-01T09:00:00');
  await order('2026-10-15T10:00:00', 'confirmed', 10_000, 'unpaid');
  await order('2026-11-20T10:00:00', 'completed', 5_000, 'paid', '2026-11-25T10:00:00');
  for (const [at, deleted] of [
    ['2026-08-31T23:30:00', false],
    ['2026-09-01T00:30:00', false],
    ['2026-09-15T10:00:00', true],
    ['2026-10-10T10:00:00', false],
    ['2026-10-20T10:00:00', false],
  ] as const) {
    const contact = await addContact(db.connection, `Lead ${at}`);
    await addLead(db.connection, {
      contactId: contact._id,
      createdAt: wib(at),
      ...(deleted && { deletedAt: wib('2026-09-16T10:00:00') }),
    });
  }
  const set = await updateSettings(
    db.connection,
    { monthlyTargets: { revenue: 200_000, newLeads: 2, orders: 0 } },
    { actor: { kind: 'system', name: 'test' }, at: NOW },
  );
  if (!set.ok) throw new Error(set.details);
});

const target = { orders: 0, revenue: 200_000, newLeads: 2 };

describe('trendReport', () => {
  it('buckets by the shop-local month and compares with the targets', async () => {
    const result = await trendReport(db.connection, {
      from: '2026-08-01',
      to: '2026-10-31',
      now: NOW,
      timeZone: ZONE,
    });
    expect(result).toEqual({
      ok: true,
      report: {
        from: '2026-08-01',
        to: '2026-10-31',
        months: [
          // Aug: O1, O2; revenue O1 + O8 = 130.000 (0.65 of 200.000); 1 lead of 2.
          {
            month: '2026-08',
            orders: 2,
            revenue: 130_000,
            newLeads: 1,
            target,
            ratio: { orders: null, revenue: 0.65, newLeads: 0.5 },
          },
          // Sep: O4, O5; revenue O2; 1 lead (the deleted one does not count).
          {
            month: '2026-09',
            orders: 2,
            revenue: 200_000,
            newLeads: 1,
            target,
            ratio: { orders: null, revenue: 1, newLeads: 0.5 },
          },
          // Oct: O6, O7, O10; revenue O7; 2 leads. O9 (1 Nov 00:30 WIB) is past the range.
          {
            month: '2026-10',
            orders: 3,
            revenue: 40_000,
            newLeads: 2,
            target,
            ratio: { orders: null, revenue: 0.2, newLeads: 1 },
          },
        ],
        total: { orders: 7, revenue: 370_000, newLeads: 4 },
      },
    });
  });

  it('defaults to the six months up to now, and agrees with monthlyReport month by month', async () => {
    const result = await trendReport(db.connection, { now: NOW, timeZone: ZONE });
    if (!result.ok) throw new Error(result.details);
    const months = result.report.months.map(({ month, orders, revenue }) => ({ month, orders, revenue }));
    expect(months).toEqual([
      { month: '2026-06', orders: 0, revenue: 0 },
      { month: '2026-07', orders: 1, revenue: 0 }, // O8 created
      { month: '2026-08', orders: 2, revenue: 130_000 },
      { month: '2026-09', orders: 2, revenue: 200_000 },
      { month: '2026-10', orders: 3, revenue: 40_000 },
      { month: '2026-11', orders: 2, revenue: 65_000 }, // O9, O11
    ]);
    // monthlyReport starts at the first order's month (July).
    expect(await monthlyReport(db.connection, { now: NOW, timeZone: ZONE })).toEqual(months.slice(1));
  });

  it('refuses an inverted range', async () => {
    expect(
      await trendReport(db.connection, { from: '2026-10-01', to: '2026-09-01', now: NOW, timeZone: ZONE }),
    ).toMatchObject({ ok: false, code: 'REPORT.INVALID_RANGE' });
  });
});
