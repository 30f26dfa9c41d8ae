import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../domain/platform/clock.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { NOW, seedShop } from '../../../domain/reports/testing/shop-fixture.js';
import { teamWorkload } from '../../../domain/reports/workload.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { dashboardRoutes } from './dashboard.routes.js';

const db = useTestDatabase();
let app: App;

beforeAll(async () => {
  await seedShop(db.connection);
  ({ app } = await buildTestApp(db.connection, { clock: new ManualClock(NOW) }));
  await staffUser(db.connection, 'owner');
  await staffUser(db.connection, 'admin');
  await staffUser(db.connection, 'manager');
});

describe('dashboard', () => {
  it('shows the owner the money figures and hides them from an admin', async () => {
    const owner = (
      await app.inject({ method: 'GET', url: '/api/dashboard', headers: await loginAs(app, 'owner') })
    ).json();
    expect(owner).toMatchObject({
      revenueMonth: expect.any(Number),
      overdueInvoices: { count: 1, amount: 70000 },
    });
    const admin = (
      await app.inject({ method: 'GET', url: '/api/dashboard', headers: await loginAs(app, 'admin') })
    ).json();
    expect(admin).toMatchObject({ revenueMonth: null, revenueTarget: null, overdueInvoices: null });
    expect(admin.ordersToday).toBe(owner.ordersToday);
    expect(admin.tasksDue).toBe(owner.tasksDue);
    expect(admin.openLeads).toBe(owner.openLeads);
  });
});

describe('workload', () => {
  it('shows owners and managers every active staff member’s leads and tasks, and what nobody holds', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/workload',
      headers: await loginAs(app, 'manager'),
    });
    expect(response.statusCode).toBe(200);
    const answer = dashboardRoutes[1]!.response!.parse(response.json());
    const expected = await teamWorkload(db.connection, NOW);
    expect(answer).toEqual({
      staff: expected.staff.map((load) => ({ ...load, id: String(load.id) })),
      unassigned: expected.unassigned,
    });
    const roles = response.json().staff.map((row: { role: string }) => row.role);
    expect(roles.slice(0, 2)).toEqual(['owner', 'manager']);
    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/workload',
      headers: await loginAs(app, 'admin'),
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
