import type { Connection } from 'mongoose';
import { ManualClock } from '../../../domain/platform/clock.js';
import { createLogger } from '../../../domain/platform/logger.js';
import { setPassword } from '../../../domain/users/password.use-case.js';
import type { UserRole } from '../../../domain/users/user.model.js';
import { createUser, type StaffUser } from '../../../domain/users/user.use-case.js';
import { type App, buildApp } from '../app.js';
import type { AnyRoute } from '../route.js';

export const TEST_PASSWORD = 'rahasia-toko-123';
const system = { kind: 'system' as const, name: 'test' };

/** A console app on the test database with a manual clock. */
export async function buildTestApp(
  connection: Connection,
  options: { clock?: ManualClock; routes?: readonly AnyRoute[]; dataDir?: string; webRoot?: string } = {},
): Promise<{ app: App; clock: ManualClock }> {
  const clock = options.clock ?? new ManualClock(new Date('2026-11-23T03:00:00Z'));
  const app = await buildApp({
    connection,
    log: createLogger({ env: 'test', logLevel: 'silent' }, 'console-test'),
    clock,
    ...(options.routes && { routes: options.routes }),
    ...(options.dataDir && { dataDir: options.dataDir }),
    ...(options.webRoot && { webRoot: options.webRoot }),
  });
  return { app, clock };
}

/** A user of this role (login `<role>`) with TEST_PASSWORD, created once per database. */
export async function staffUser(connection: Connection, role: UserRole): Promise<StaffUser> {
  const at = new Date('2026-11-01T03:00:00Z');
  const created = await createUser(
    connection,
    { name: `Test ${role}`, login: role, role },
    { actor: system, at },
  );
  if (!created.ok) throw new Error(created.details);
  const set = await setPassword(connection, created.user._id, TEST_PASSWORD, { actor: system, at });
  if (!set.ok) throw new Error(set.details);
  return created.user;
}

let address = 0;

/**
 * Headers of a signed-in request as this role: the session cookie and the CSRF token. Each login comes
 * from its own test address, so the login rate limit only bites the tests that are about it.
 */
export async function loginAs(app: App, role: UserRole): Promise<{ cookie: string; 'x-csrf-token': string }> {
  address += 1;
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    remoteAddress: `10.0.${Math.floor(address / 250)}.${address % 250}`,
    payload: { login: role, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200)
    throw new Error(`login as ${role}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === 'pesanin_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `pesanin_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken };
}
