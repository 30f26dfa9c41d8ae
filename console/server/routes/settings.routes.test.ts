import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
let app: App;
let owner: { cookie: string; 'x-csrf-token': string };
let ownerId: string;

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  ownerId = String((await staffUser(db.connection, 'owner'))._id);
  owner = await loginAs(app, 'owner');
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, headers: owner, ...(payload && { payload }) });

describe('settings and users routes', () => {
  it('reads and changes settings, naming an unknown key instead of ignoring it', async () => {
    expect((await call('GET', '/api/settings')).json().settings).toMatchObject({
      timeZone: 'Asia/Jakarta',
      locale: 'id',
    });
    const changed = await call('PATCH', '/api/settings', {
      shopName: 'Toko Bunga Melati',
      invoices: { dueDays: 5 },
    });
    expect(changed.json()).toMatchObject({
      settings: { shopName: 'Toko Bunga Melati', invoices: { dueDays: 5, checkAt: '09:00' } },
    });
    const typo = await call('PATCH', '/api/settings', { shopname: 'x' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ error: 'SETTINGS.INVALID' });
    expect(typo.json().details).toContain('"shopname"');
  });

  it('creates an account that can sign in, refuses a weak password before creating anything, and switches accounts off', async () => {
    const weak = await call('POST', '/api/users', {
      name: 'Dewi',
      login: 'dewi',
      role: 'admin',
      password: 'pendek',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toBe('USER.WEAK_PASSWORD');
    const created = await call('POST', '/api/users', {
      name: 'Dewi',
      login: 'dewi',
      role: 'admin',
      whatsapp: '0812-1111-2222',
      password: 'rahasia-dewi-1',
    });
    expect(created.json().user).toMatchObject({
      login: 'dewi',
      role: 'admin',
      whatsapp: '+6281211112222',
      active: true,
    });
    const signIn = () =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '10.9.9.9',
        payload: { login: 'dewi', password: 'rahasia-dewi-1' },
      });
    expect((await signIn()).statusCode).toBe(200);
    const off = await call('POST', `/api/users/${created.json().user.id}/active`, { active: false });
    expect(off.json().user.active).toBe(false);
    expect((await signIn()).statusCode).toBe(401);
    const self = await call('POST', `/api/users/${ownerId}/active`, { active: false });
    expect(self.statusCode).toBe(400);
    expect(
      (await call('GET', '/api/users')).json().users.map((user: { login: string }) => user.login),
    ).toEqual(['owner', 'dewi']);
  });
});
