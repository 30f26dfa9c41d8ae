import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { createUser, setUserActive } from '../users/user.use-case.js';
import { ACTIVITY_RETENTION_DAYS, activityModel } from './activity.model.js';
import {
  ACTIVITY_PAGE_SIZE,
  activityQuery,
  listActivity,
  recordActivity,
  recordFailedLogin,
  USER_AGENT_MAX,
} from './activity.use-case.js';

const db = useTestDatabase();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'activity-test');
const ZONE = 'Asia/Jakarta';
const system = { kind: 'system' as const, name: 'test' };
const siti = { id: 'a'.repeat(24), name: 'Siti', login: 'siti' };
const budi = { id: 'b'.repeat(24), name: 'Budi', login: 'budi' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recordActivity', () => {
  it('keeps the entry, the User-Agent cut short', async () => {
    await recordActivity(
      db.connection,
      {
        at: new Date('2026-11-20T03:00:00Z'),
        kind: 'export',
        user: siti,
        ip: '203.0.113.7',
        userAgent: 'x'.repeat(500),
        details: { export: 'orders', filters: { status: 'pending' }, rows: [3] },
      },
      log,
    );
    const saved = await activityModel(db.connection).findOne({ kind: 'export' }).lean();
    expect(saved).toMatchObject({ user: siti, ip: '203.0.113.7', details: { rows: [3] } });
    expect(saved?.userAgent).toHaveLength(USER_AGENT_MAX);
  });

  it('logs a failed write and returns normally', async () => {
    vi.spyOn(activityModel(db.connection), 'create').mockRejectedValueOnce(new Error('disk full'));
    const error = vi.spyOn(log, 'error');
    await expect(
      recordActivity(db.connection, { at: new Date(), kind: 'logout', user: siti }, log),
    ).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ activity: 'logout' }),
      'activity not recorded',
    );
  });

  it('expires entries after a year (a TTL index on at)', async () => {
    const indexes = await db.connection.collection('activities').indexes();
    expect(indexes).toContainEqual(
      expect.objectContaining({ key: { at: 1 }, expireAfterSeconds: ACTIVITY_RETENTION_DAYS * 86_400 }),
    );
    expect(indexes).toContainEqual(expect.objectContaining({ key: { kind: 1, at: -1 } }));
  });
});

describe('recordFailedLogin', () => {
  beforeAll(async () => {
    const at = new Date('2026-11-01T03:00:00Z');
    for (const [name, login] of [
      ['Rina', 'rina'],
      ['Dodi', 'dodi'],
    ] as const) {
      const created = await createUser(db.connection, { name, login, role: 'admin' }, { actor: system, at });
      if (!created.ok) throw new Error(created.details);
      if (login === 'dodi')
        await setUserActive(db.connection, created.user._id, false, { actor: system, at });
    }
  });

  it('keeps the login typed and says why, naming the account when there is one', async () => {
    const at = new Date('2026-11-21T03:00:00Z');
    const fail = (login: string, locked = false) =>
      recordFailedLogin(db.connection, { at, login, locked, ip: '198.51.100.4' }, log);
    await fail(' Rina ');
    await fail('rina', true);
    await fail('dodi');
    await fail('nobody');
    const entries = await activityModel(db.connection).find({ kind: 'login_failed' }).sort({ _id: 1 }).lean();
    expect(entries.map((entry) => [entry.user.login, entry.user.name, entry.details.reason])).toEqual([
      ['rina', 'Rina', 'wrong_password'],
      ['rina', 'Rina', 'locked'],
      ['dodi', 'Dodi', 'inactive'],
      ['nobody', undefined, 'unknown_login'],
    ]);
    expect(entries.every((entry) => entry.ip === '198.51.100.4')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/"password/);
  });
});

describe('listActivity', () => {
  beforeAll(async () => {
    await activityModel(db.connection).deleteMany({});
    // 60 sign-ins by Siti on 1 December, one an hour from 00:00 WIB; Budi's export late on 2 December WIB.
    for (let hour = 0; hour < 60; hour += 1)
      await activityModel(db.connection).create({
        at: new Date(Date.parse('2026-11-30T17:00:00Z') + hour * 3_600_000),
        kind: 'login',
        user: siti,
      });
    await activityModel(db.connection).create({
      at: new Date('2026-12-02T16:30:00Z'),
      kind: 'export',
      user: budi,
      details: { export: 'contacts' },
    });
  });

  it('pages 50 at a time, newest first', async () => {
    const first = await listActivity(db.connection, {}, ZONE);
    expect(first).toMatchObject({ total: 61, page: 1, pageSize: ACTIVITY_PAGE_SIZE });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.at).toEqual(new Date('2026-12-03T04:00:00Z'));
    const times = first.items.map((item) => item.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await listActivity(db.connection, { page: 2 }, ZONE);
    expect(second.items).toHaveLength(11);
  });

  it('filters by kind, user and shop-local days', async () => {
    expect((await listActivity(db.connection, { kind: 'export' }, ZONE)).total).toBe(1);
    expect((await listActivity(db.connection, { userId: siti.id }, ZONE)).total).toBe(60);
    // 2 December WIB: hours 24–47 of Siti's sign-ins; 23:30 WIB on 2 December is Budi's export.
    expect((await listActivity(db.connection, { from: '2026-12-02', to: '2026-12-02' }, ZONE)).total).toBe(
      25,
    );
    expect((await listActivity(db.connection, { to: '2026-12-01' }, ZONE)).total).toBe(24);
    expect((await listActivity(db.connection, { from: '2026-12-03' }, ZONE)).total).toBe(12);
  });

  it('builds the same query for the page and the export', () => {
    expect(activityQuery({ kind: 'login', userId: siti.id }, ZONE)).toEqual({
      filter: { kind: 'login', 'user.id': siti.id },
      sort: { at: -1, _id: -1 },
    });
  });
});
