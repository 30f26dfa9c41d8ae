import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activityModel } from '../../../domain/activity/activity.model.js';
import { ManualClock } from '../../../domain/platform/clock.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { StaffUser } from '../../../domain/users/user.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser, TEST_PASSWORD } from '../testing/app-harness.js';
import { ActivityAnswer } from './activity.routes.js';

const db = useTestDatabase();
/** Friday 4 December 2026, 10:00 WIB. */
const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
const BROWSER = 'Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile';
type Headers = { cookie: string; 'x-csrf-token': string };
type Role = 'owner' | 'manager' | 'admin';
let app: App;
const session: Partial<Record<Role, Headers>> = {};
const users: Partial<Record<Role, StaffUser>> = {};

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection, { clock }));
  for (const role of ['owner', 'manager', 'admin'] as const) {
    users[role] = await staffUser(db.connection, role);
    session[role] = await loginAs(app, role);
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  clock.advance(60_000);
});

const signIn = (login: string, password: string, remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    remoteAddress,
    headers: { 'user-agent': BROWSER },
    payload: { login, password },
  });

/** The log as the owner reads it, parsed with the answer's schema. */
async function activity(query = '') {
  const response = await app.inject({
    method: 'GET',
    url: `/api/activity${query}`,
    headers: session.owner!,
  });
  expect(response.statusCode, response.body).toBe(200);
  return ActivityAnswer.parse(response.json());
}

describe('sign-ins', () => {
  it('a sign-in, with the address and browser', async () => {
    expect((await signIn('manager', TEST_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
    const { items } = await activity('?kind=login');
    expect(items[0]).toMatchObject({
      kind: 'login',
      at: clock.now().toISOString(),
      user: { id: String(users.manager!._id), name: 'Test manager', login: 'manager' },
      ip: '203.0.113.10',
      userAgent: BROWSER,
    });
  });

  it('a failed sign-in: the login typed and the address, never the password', async () => {
    expect((await signIn('Admin', 'salah-sekali', '198.51.100.23')).statusCode).toBe(401);
    expect((await signIn('siapa', 'salah-sekali', '198.51.100.24')).statusCode).toBe(401);
    const { items } = await activity('?kind=login_failed');
    expect(items.slice(0, 2)).toMatchObject([
      {
        user: { id: null, name: null, login: 'siapa' },
        ip: '198.51.100.24',
        details: { reason: 'unknown_login' },
      },
      {
        user: { id: String(users.admin!._id), login: 'admin' },
        ip: '198.51.100.23',
        details: { reason: 'wrong_password' },
      },
    ]);
    expect(JSON.stringify(items)).not.toContain('salah-sekali');
  });

  it('a sign-in still succeeds when its log entry cannot be written', async () => {
    vi.spyOn(activityModel(db.connection), 'create').mockRejectedValue(new Error('disk full'));
    const response = await signIn('owner', TEST_PASSWORD, '203.0.113.11');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { login: 'owner' } });
  });

  it('sign-outs and one’s own password change', async () => {
    const headers = await loginAs(app, 'admin');
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers,
      payload: { current: TEST_PASSWORD, next: TEST_PASSWORD },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers })).statusCode).toBe(204);
    const { items } = await activity(`?userId=${String(users.admin!._id)}`);
    expect(items.slice(0, 2).map((item) => item.kind)).toEqual(['logout', 'password_changed']);
  });
});

describe('exports and imports', () => {
  it('an export, with its filters and rows', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/exports/orders.xlsx?status=pending',
      headers: session.manager!,
    });
    expect(response.statusCode).toBe(200);
    await expect
      .poll(async () => (await activity('?kind=export')).items[0])
      .toMatchObject({
        user: { name: 'Test manager' },
        details: { export: 'orders', filters: { status: 'pending' }, rows: [0], complete: true },
      });
  });

  it('an import, started and finished with its counts', async () => {
    const data = new FormData();
    const text = '\ufeffNama;No HP\r\nBudi;0812-3456-7890\r\nRusak;123\r\n';
    data.append('file', new Blob([text], { type: 'text/csv' }), 'kontak.csv');
    const body = new Response(data);
    const started = await app.inject({
      method: 'POST',
      url: '/api/imports/contacts?dryRun=false',
      headers: { ...session.manager!, 'content-type': body.headers.get('content-type') ?? '' },
      payload: Buffer.from(await body.arrayBuffer()),
    });
    expect(started.statusCode).toBe(202);
    const importId = started.json().importId;
    await expect
      .poll(async () => (await activity('?kind=import')).items.map((item) => item.details))
      .toEqual([
        {
          step: 'finished',
          importId,
          kind: 'contacts',
          filename: 'kontak.csv',
          status: 'done',
          total: 2,
          created: 1,
          updated: 0,
          unchanged: 0,
          errorRows: 1,
        },
        { step: 'started', importId, kind: 'contacts', filename: 'kontak.csv', total: 2 },
      ]);
  });
});

describe('settings and users', () => {
  it('the keys of a settings change, and accounts created and switched off', async () => {
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: session.owner!,
      payload: { shopName: 'Toko Melati' },
    });
    expect(patched.statusCode).toBe(200);
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: session.owner!,
      payload: { name: 'Rina', login: 'rina', role: 'admin', password: 'rahasia-rina-1' },
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().user.id;
    const off = await app.inject({
      method: 'POST',
      url: `/api/users/${id}/active`,
      headers: session.owner!,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const { items } = await activity(`?userId=${String(users.owner!._id)}`);
    expect(items.slice(0, 3)).toMatchObject([
      { kind: 'user_changed', details: { userId: id, login: 'rina', active: false } },
      { kind: 'user_created', details: { userId: id, login: 'rina', role: 'admin', active: true } },
      { kind: 'settings_changed', details: { keys: ['shopName'] } },
    ]);
    expect(JSON.stringify(items)).not.toContain('rahasia-rina-1');
  });
});

describe('the log page and its export', () => {
  it('is the owner’s: admins and managers are refused', async () => {
    for (const url of ['/api/activity', '/api/exports/activity.xlsx'])
      for (const role of ['admin', 'manager'] as const) {
        const response = await app.inject({ method: 'GET', url, headers: session[role]! });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ error: 'AUTH.FORBIDDEN' });
      }
  });

  it('filters by kind, user and shop days, pages 50 newest first, and refuses a bad filter', async () => {
    const all = await activity();
    expect(all).toMatchObject({ page: 1, pageSize: 50 });
    expect(all.total).toBe(await activityModel(db.connection).countDocuments());
    const times = all.items.map((item) => item.at);
    expect(times).toEqual([...times].sort().reverse());
    const mine = await activity(`?userId=${String(users.manager!._id)}&kind=login`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((item) => item.kind === 'login' && item.user.login === 'manager')).toBe(true);
    // Everything so far happened on 4 December (WIB).
    expect((await activity('?from=2026-12-04&to=2026-12-04')).total).toBe(all.total);
    expect((await activity('?to=2026-12-03')).total).toBe(0);
    expect((await activity('?from=2026-12-05')).total).toBe(0);
    expect((await activity('?page=2')).items).toEqual([]);
    // Issue 10 (fuzzing): the last day of the calendar is a day like any other.
    expect((await activity('?from=0001-01-01&to=9999-12-31')).total).toBe(all.total);
    // Issue 10 (fuzzing): a day of the right shape that is no day answered 500.
    for (const bad of [
      '?kind=hack',
      '?userId=x',
      '?from=4-12-2026',
      '?page=0',
      '?other=1',
      '?to=0000-00-00',
      '?from=2026-02-30',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/activity${bad}`,
        headers: session.owner!,
      });
      expect(response.statusCode, bad).toBe(400);
    }
  });

  it('exports as .xlsx with the same filters, and the export is itself logged', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/exports/activity.xlsx?kind=login_failed&lang=en',
      headers: session.owner!,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="pesanin-activity-2026-12-04.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Activity');
    expect((sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Time',
      'Kind',
      'User',
      'Login',
      'IP',
      'User agent',
      'Details',
    ]);
    const kinds = new Set<ExcelJS.CellValue>();
    sheet.eachRow((row, number) => {
      if (number > 1) kinds.add(row.getCell(2).value);
    });
    expect([...kinds]).toEqual(['login_failed']);
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(5).value).toBe('198.51.100.24');
    await expect
      .poll(async () => (await activity('?kind=export')).items[0]?.details)
      .toMatchObject({ export: 'activity', filters: { kind: 'login_failed' }, rows: [2] });
  });
});
