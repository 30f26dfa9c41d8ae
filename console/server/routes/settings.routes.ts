import { z } from 'zod';
import { getSettings, updateSettings } from '../../../domain/settings/settings.use-case.js';
import { PasswordSchema, setPassword } from '../../../domain/users/password.use-case.js';
import { userModel } from '../../../domain/users/user.model.js';
import { createUser, type StaffUser, setUserActive } from '../../../domain/users/user.use-case.js';
import { logActivity } from '../activity-log.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

/** Settings and users are the owner's alone (SPEC §7). */
const OWNER = ['owner'] as const;
const IdParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a user id' }) });

/** A user as the users page shows it: never the password hash. */
const view = (user: StaffUser) => ({
  id: String(user._id),
  name: user.name,
  login: user.login,
  role: user.role,
  whatsapp: user.whatsapp ?? null,
  active: user.active,
});

/** An account as an activity's details: who it is, never its password. */
const accountDetails = (user: StaffUser) => ({
  userId: String(user._id),
  name: user.name,
  login: user.login,
  role: user.role,
  active: user.active,
});

export const settingsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/settings',
    access: OWNER,
    summary: "the shop's settings, complete (defaults filled in)",
    async handler(_input, { connection }) {
      return { settings: await getSettings(connection) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/settings',
    access: OWNER,
    summary: 'change some settings; unknown keys are refused by name',
    body: z.record(z.string(), z.unknown()),
    async handler({ body }, ctx) {
      const { connection, clock, actor } = ctx;
      // The shop's address is configuration (see applyPublicBaseUrl): an edit here would silently be
      // undone at the next start, so it is refused with where to change it instead.
      if ('publicBaseUrl' in body) {
        const message = 'publicBaseUrl is set by PUBLIC_BASE_URL in the server configuration (.env)';
        return failWith({
          code: 'SETTINGS.INVALID',
          details: message,
          issues: [{ path: 'publicBaseUrl', message }],
        });
      }
      const result = await updateSettings(connection, body, { actor, at: clock.now() });
      if (!result.ok) return failWith(result);
      if (result.changed.length > 0) await logActivity(ctx, 'settings_changed', { keys: result.changed });
      return { settings: result.settings, changed: result.changed };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/users',
    access: OWNER,
    summary: 'staff accounts, oldest first',
    async handler(_input, { connection }) {
      const users = await userModel(connection)
        .find({}, { passwordHash: 0 })
        .sort({ createdAt: 1 })
        .lean<StaffUser[]>();
      return { users: users.map(view) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users',
    access: OWNER,
    summary: 'a new staff account with its first password',
    body: z.strictObject({
      name: z.string(),
      login: z.string(),
      role: z.string(),
      whatsapp: z.string().optional(),
      password: z.string().max(200),
    }),
    async handler({ body }, ctx) {
      const { connection, clock, actor } = ctx;
      const { password, ...fields } = body;
      // The password is checked before the account exists, so a weak one leaves no account behind.
      const strong = PasswordSchema.safeParse(password);
      if (!strong.success)
        return failWith({
          code: 'USER.WEAK_PASSWORD',
          details: `password ${strong.error.issues[0]?.message}`,
        });
      const created = await createUser(connection, fields, { actor, at: clock.now() });
      if (!created.ok) return failWith(created);
      const set = await setPassword(connection, created.user._id, password, { actor, at: clock.now() });
      if (!set.ok) return failWith(set);
      await logActivity(ctx, 'user_created', accountDetails(created.user));
      return { user: view(created.user) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/active',
    access: OWNER,
    summary: 'switch an account on or off (off: no login, commands, alerts or leads)',
    params: IdParams,
    body: z.strictObject({ active: z.boolean() }),
    async handler({ params, body }, ctx) {
      const { connection, clock, actor, user } = ctx;
      if (user && String(user._id) === params.id && !body.active)
        return failWith({ code: 'USER.INVALID', details: 'you cannot switch off your own account' });
      const result = await setUserActive(connection, params.id, body.active, { actor, at: clock.now() });
      if (!result.ok) return failWith(result);
      await logActivity(ctx, 'user_changed', accountDetails(result.user));
      return { user: view(result.user) };
    },
  }),
];
