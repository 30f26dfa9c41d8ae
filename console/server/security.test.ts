import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { setPassword } from '../../domain/users/password.use-case.js';
import { USER_ROLES, type UserRole, userModel } from '../../domain/users/user.model.js';
import type { App } from './app.js';
import { allows, defineRoute } from './route.js';
import { ALL_ROUTES } from './routes/index.js';
import { buildTestApp, loginAs, staffUser, TEST_PASSWORD } from './testing/app-harness.js';

const db = useTestDatabase();

/** A made-up change route, so the CSRF, injection and strict-body checks have something to refuse. */
const echo = defineRoute({
  method: 'POST',
  url: '/api/test/echo',
  access: 'signed-in',
  summary: 'test only: echoes its body',
  body: z.strictObject({ name: z.string().max(20), tags: z.array(z.string()).optional() }),
  async handler({ body }) {
    return body;
  },
});

let app: App;
const session: Partial<Record<UserRole, { cookie: string; 'x-csrf-token': string }>> = {};

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection, { routes: [...ALL_ROUTES, echo] }));
  for (const role of USER_ROLES) {
    await staffUser(db.connection, role);
    session[role] = await loginAs(app, role);
  }
});

/** A concrete URL for a route pattern: every `:param` gets a harmless value. */
const concrete = (url: string) => url.replace(/:(\w+)/g, 'X');

describe('the authorisation matrix: every route × anonymous, admin, manager, owner', () => {
  const cases = ALL_ROUTES.flatMap((route) =>
    (['anonymous', ...USER_ROLES] as const).map(
      (who) => [`${route.method} ${route.url}`, who, route] as const,
    ),
  );
  it.each(cases)('%s as %s', async (_name, who, route) => {
    // A fresh session per case: signing out (DELETE /api/session) is one of the routes.
    const headers = who === 'anonymous' ? {} : await loginAs(app, who);
    const response = await app.inject({
      method: route.method,
      url: concrete(route.url),
      headers,
      ...(route.method !== 'GET' && route.method !== 'DELETE' && { payload: {} }),
    });
    const role = who === 'anonymous' ? undefined : who;
    if (allows(route.access, role)) expect([401, 403]).not.toContain(response.statusCode);
    else {
      expect(response.statusCode).toBe(role ? 403 : 401);
      expect(response.json().error).toBe(role ? 'AUTH.FORBIDDEN' : 'AUTH.REQUIRED');
    }
  });
});

describe('changes need the CSRF token of the session', () => {
  it('refuses a change without it, or with another session’s, and accepts the right one', async () => {
    const { cookie } = session.admin!;
    const bare = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { cookie },
      payload: { name: 'a' },
    });
    expect(bare.statusCode).toBe(403);
    expect(bare.json()).toMatchObject({ error: 'AUTH.CSRF' });
    const stolen = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { cookie, 'x-csrf-token': session.owner!['x-csrf-token'] },
      payload: { name: 'a' },
    });
    expect(stolen.statusCode).toBe(403);
    const right = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: session.admin!,
      payload: { name: 'a' },
    });
    expect(right.statusCode).toBe(200);
  });
});

describe('upload routes: signed-in only, access and CSRF checked before the file is read', () => {
  const uploads = ALL_ROUTES.filter((route) => route.upload);
  it.each(uploads.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s',
    async (_name, route) => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n'))], { type: 'application/pdf' }),
        'a.pdf',
      );
      const body = new Response(form);
      const payload = Buffer.from(await body.arrayBuffer());
      const multipart = { 'content-type': body.headers.get('content-type') ?? '' };
      const send = (headers: Record<string, string>) =>
        app.inject({
          method: route.method,
          url: concrete(route.url),
          headers: { ...headers, ...multipart },
          payload,
        });
      expect(route.access).not.toBe('public');
      expect((await send({})).json()).toMatchObject({ error: 'AUTH.REQUIRED' });
      expect((await send({ cookie: session.owner!.cookie })).json()).toMatchObject({ error: 'AUTH.CSRF' });
    },
  );
});

describe('input', () => {
  it('refuses MongoDB operators anywhere in the input, starting with the login', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: { $ne: null }, password: { $ne: null } },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ error: 'REQUEST.INVALID' });
    const nested = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: session.admin!,
      payload: { name: 'a', tags: [{ $gt: '' }] },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().details).toContain('$gt');
  });

  it('refuses unknown fields by name instead of ignoring them', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: session.admin!,
      payload: { name: 'a', role: 'owner' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'REQUEST.INVALID' });
    expect(response.json().details).toContain('role');
  });
});

describe('signing in', () => {
  it('answers a wrong password and an unknown login alike, and never says which', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'admin', password: 'salah' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'siapa', password: 'salah' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks an account after five wrong passwords, even for the right one, until the lockout ends', async () => {
    await userModel(db.connection).create({
      name: 'Lock',
      login: 'lock',
      role: 'admin',
      active: true,
      createdAt: new Date(),
    });
    const user = await userModel(db.connection).findOne({ login: 'lock' }).lean();
    await setPassword(db.connection, user!._id, TEST_PASSWORD, { actor: { kind: 'system' }, at: new Date() });
    const { app: fresh, clock } = await buildTestApp(db.connection);
    const attempt = (password: string) =>
      fresh.inject({ method: 'POST', url: '/api/session', payload: { login: 'lock', password } });
    for (let i = 0; i < 4; i++) expect((await attempt('salah')).statusCode).toBe(401);
    const locked = await attempt('salah');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('AUTH.LOCKED');
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(429);
    clock.advance(16 * 60_000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('limits login attempts per address', async () => {
    const { app: fresh } = await buildTestApp(db.connection);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(
        (
          await fresh.inject({
            method: 'POST',
            url: '/api/session',
            payload: { login: 'nobody', password: 'x' },
          })
        ).statusCode,
      );
    expect(codes.slice(0, 10).every((code) => code === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('signs out: the cookie stops working at once', async () => {
    const headers = await loginAs(app, 'manager');
    expect((await app.inject({ method: 'GET', url: '/api/session', headers })).json().user.role).toBe(
      'manager',
    );
    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/session', headers })).statusCode).toBe(401);
  });

  it('sets an HttpOnly, SameSite cookie, Secure when the request came over HTTPS through the proxy', async () => {
    const plain = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { login: 'owner', password: TEST_PASSWORD },
    });
    const cookie = plain.cookies[0]!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie.secure).toBeFalsy();
    const proxied = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '127.0.0.1',
      payload: { login: 'owner', password: TEST_PASSWORD },
    });
    expect(proxied.cookies[0]!.secure).toBe(true);
  });
});
