import type { Connection } from 'mongoose';
import { z } from 'zod';
import {
  activityUser,
  recordActivity,
  recordFailedLogin,
} from '../../../domain/activity/activity.use-case.js';
import { endSession, SESSION_IDLE_MS, startSession } from '../../../domain/sessions/session.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { setPassword, verifyLogin } from '../../../domain/users/password.use-case.js';
import { USER_ROLES } from '../../../domain/users/user.model.js';
import { activeStaff, type StaffUser } from '../../../domain/users/user.use-case.js';
import { failWith } from '../errors.js';
import { SESSION_COOKIE } from '../register.js';
import { defineRoute } from '../route.js';

const Me = z.object({
  user: z.object({ id: z.string(), name: z.string(), login: z.string(), role: z.enum(USER_ROLES) }),
  csrfToken: z.string(),
  shop: z.object({ name: z.string(), timeZone: z.string(), locale: z.enum(['id', 'en']) }),
});
/** Who is signed in, their CSRF token, and what the console needs to show the shop's name, days and language. */
const me = async (connection: Connection, user: StaffUser, csrfToken: string) => {
  const settings = await getSettings(connection);
  return {
    user: { id: String(user._id), name: user.name, login: user.login, role: user.role },
    csrfToken,
    shop: { name: settings.shopName, timeZone: settings.timeZone, locale: settings.locale },
  };
};

/** Sign in, see who is signed in, sign out, change one's own password. */
export const sessionRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/session',
    access: 'public',
    summary: 'sign in with login and password',
    rateLimit: 10,
    body: z.strictObject({ login: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
    response: Me,
    async handler({ body }, { connection, clock, log, ip, userAgent }, reply) {
      const result = await verifyLogin(connection, body, clock.now());
      if (!result.ok) {
        const locked = result.code === 'AUTH.LOCKED';
        await recordFailedLogin(
          connection,
          { at: clock.now(), login: body.login, locked, ip, userAgent },
          log,
        );
        return failWith(result);
      }
      const { token, csrfToken } = await startSession(connection, result.user._id, clock.now());
      const user = activityUser(result.user);
      await recordActivity(connection, { at: clock.now(), kind: 'login', user, ip, userAgent }, log);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        maxAge: SESSION_IDLE_MS / 1000,
      });
      return me(connection, result.user, csrfToken);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/session',
    access: 'signed-in',
    summary: 'the signed-in user and the CSRF token',
    response: Me,
    async handler(_input, { connection, user, csrfToken }) {
      if (!user || !csrfToken) return failWith({ code: 'AUTH.REQUIRED', details: 'sign in first' });
      return me(connection, user, csrfToken);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/session',
    access: 'signed-in',
    summary: 'sign out',
    async handler(_input, { connection, sessionToken, user, clock, log, ip, userAgent }, reply) {
      if (sessionToken) await endSession(connection, sessionToken);
      if (user)
        await recordActivity(
          connection,
          { at: clock.now(), kind: 'logout', user: activityUser(user), ip, userAgent },
          log,
        );
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.code(204);
      return null;
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/me/password',
    access: 'signed-in',
    summary: "change one's own password",
    body: z.strictObject({ current: z.string().min(1).max(200), next: z.string().max(200) }),
    async handler({ body }, { connection, clock, user, actor, log, ip, userAgent }, reply) {
      if (!user) return failWith({ code: 'AUTH.REQUIRED', details: 'sign in first' });
      const checked = await verifyLogin(
        connection,
        { login: user.login, password: body.current },
        clock.now(),
      );
      if (!checked.ok) failWith(checked);
      const result = await setPassword(connection, user._id, body.next, { actor, at: clock.now() });
      if (!result.ok) failWith(result);
      await recordActivity(
        connection,
        { at: clock.now(), kind: 'password_changed', user: activityUser(user), ip, userAgent },
        log,
      );
      reply.code(204);
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/staff',
    access: 'signed-in',
    summary: 'active colleagues (id, name, role) for assignee pickers and filters',
    async handler(_input, { connection }) {
      const staff = await activeStaff(connection);
      return { staff: staff.map((user) => ({ id: String(user._id), name: user.name, role: user.role })) };
    },
  }),
];
