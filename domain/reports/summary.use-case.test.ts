import { beforeAll, describe, expect, it } from 'vitest';
import { ORDER_STATUSES, type OrderStatus } from '../orders/order-status.rules.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { periodBounds, periodSummary } from './summary.use-case.js';
import { NOW, seedShop, wib, ZONE } from './testing/shop-fixture.js';

const db = useTestDatabase();

const statuses = (counts: Partial<Record<OrderStatus, number>>) => ({
  ...Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])),
  ...counts,
});

describe('periodBounds', () => {
  it('cuts days, Monday weeks and months at shop-local midnight', () => {
    expect(periodBounds('today', NOW, ZONE)).toEqual({
      from: wib('2026-11-25T00:00:00'),
      to: wib('2026-11-26T00:00:00'),
    });
    expect(periodBounds('yesterday', NOW, ZONE)).toEqual({
      from: wib('2026-11-24T00:00:00'),
      to: wib('2026-11-25T00:00:00'),
    });
    expect(periodBounds('week', NOW, ZONE)).toEqual({
      from: wib('2026-11-23T00:00:00'),
      to: wib('2026-11-30T00:00:00'),
    });
    expect(periodBounds('month', NOW, ZONE)).toEqual({
      from: wib('2026-11-01T00:00:00'),
      to: wib('2026-12-01T00:00:00'),
    });
  });

  it('takes the local day, not the UTC one, near midnight', () => {
    // 2026-11-29T18:00Z is Monday 30 November 01:00 WIB: a new week and, in WIB, still November.
    const lateSunday = new Date('2026-11-29T18:00:00Z');
    expect(periodBounds('today', lateSunday, ZONE).from).toEqual(wib('2026-11-30T00:00:00'));
    expect(periodBounds('week', lateSunday, ZONE).from).toEqual(wib('2026-11-30T00:00:00'));
    // 2026-11-30T17:30Z is already 1 December 00:30 WIB.
    expect(periodBounds('month', new Date('2026-11-30T17:30:00Z'), ZONE).from).toEqual(
      wib('2026-12-01T00:00:00'),
    );
    // A Sunday belongs to the week that began the Monday before.
    expect(periodBounds('week', wib('2026-11-29T23:00:00'), ZONE).from).toEqual(wib('2026-11-23T00:00:00'));
  });
});

describe('periodSummary', () => {
  beforeAll(async () => {
    await seedShop(db.connection);
  });

  const summary = (period: 'today' | 'yesterday' | 'week' | 'month') =>
    periodSummary(db.connection, { period, now: NOW, timeZone: ZONE });
  const now = { overdue: { count: 1, amount: 70_000 }, pendingPayments: 1 };

  it('today', async () => {
    expect(await summary('today')).toMatchObject({
      period: 'today',
      orders: { count: 1, value: 100_000, byStatus: statuses({ pending: 1 }) },
      revenue: 50_000,
      newLeads: 0,
      wonLeads: 0,
      tasksDue: 2,
      ...now,
    });
  });

  it('yesterday', async () => {
    expect(await summary('yesterday')).toMatchObject({
      period: 'yesterday',
      from: wib('2026-11-24T00:00:00'),
      to: wib('2026-11-25T00:00:00'),
      orders: { count: 1, value: 200_000, byStatus: statuses({ pending: 1, cancelled: 1 }) },
      revenue: 200_000,
      newLeads: 1,
      wonLeads: 1,
      tasksDue: 1,
      ...now,
    });
  });

  it('week (from Monday)', async () => {
    expect(await summary('week')).toMatchObject({
      orders: { count: 3, value: 450_000, byStatus: statuses({ pending: 3, cancelled: 1 }) },
      revenue: 250_000,
      newLeads: 2,
      wonLeads: 1,
      tasksDue: 3,
      ...now,
    });
  });

  it('month', async () => {
    expect(await summary('month')).toMatchObject({
      orders: { count: 4, value: 550_000, byStatus: statuses({ pending: 4, cancelled: 1 }) },
      revenue: 280_000,
      newLeads: 2,
      wonLeads: 1,
      tasksDue: 3,
      ...now,
    });
  });
});
