import { hash, verify } from '@node-rs/argon2';
import { type Connection, isValidObjectId, type Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type User, userModel } from './user.model.js';
import type { StaffUser } from './user.use-case.js';

/** Wrong passwords in a row before the account is locked… */
export const MAX_FAILED_LOGINS = 5;
/** …for this long. */
export const LOCKOUT_MS = 15 * 60_000;

export const PasswordSchema = z
  .string({ error: 'must be text' })
  .min(8, { error: 'must be at least 8 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export type PasswordFailure =
  | { ok: false; code: 'USER.NOT_FOUND'; details: string }
  | { ok: false; code: 'USER.WEAK_PASSWORD'; details: string };

/** Set a user's password (argon2id hash; the password itself is never stored). Audited without it. */
export async function setPassword(
  connection: Connection,
  userId: Types.ObjectId | string,
  password: string,
  ctx: { actor: Actor; at: Date },
): Promise<{ ok: true } | PasswordFailure> {
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success)
    return { ok: false, code: 'USER.WEAK_PASSWORD', details: `password ${checked.error.issues[0]?.message}` };
  const missing = {
    ok: false,
    code: 'USER.NOT_FOUND',
    details: `no user with id ${String(userId)}`,
  } as const;
  if (!isValidObjectId(userId)) return missing;
  const passwordHash = await hash(checked.data);
  const updated = await userModel(connection).updateOne(
    { _id: userId },
    { $set: { passwordHash, failedLogins: 0 }, $unset: { lockedUntil: 1 } },
  );
  if (updated.matchedCount === 0) return missing;
  await audit(
    connection,
    { entity: 'user', entityId: String(userId), action: 'password_set', actor: ctx.actor },
    ctx.at,
  );
  return { ok: true };
}

export type LoginResult =
  | { ok: true; user: StaffUser }
  | { ok: false; code: 'AUTH.INVALID'; details: string }
  | { ok: false; code: 'AUTH.LOCKED'; details: string; until: Date };

const INVALID = { ok: false, code: 'AUTH.INVALID', details: 'wrong login or password' } as const;

/**
 * Check a login. The same answer for an unknown login, an inactive user and a wrong password, so the
 * answer does not tell which logins exist. After MAX_FAILED_LOGINS wrong passwords in a row the account
 * is locked for LOCKOUT_MS (counted atomically, so parallel guesses cannot slip past the limit).
 */
export async function verifyLogin(
  connection: Connection,
  input: { login: string; password: string },
  at: Date,
): Promise<LoginResult> {
  const users = userModel(connection);
  const user = await users.findOne({ login: input.login.trim().toLowerCase(), active: true }).lean<User>();
  if (!user?.passwordHash) return INVALID;
  if (user.lockedUntil && user.lockedUntil > at)
    return {
      ok: false,
      code: 'AUTH.LOCKED',
      details: 'too many wrong passwords; try again later',
      until: user.lockedUntil,
    };
  if (await verify(user.passwordHash, input.password)) {
    if (user.failedLogins > 0 || user.lockedUntil)
      await users.updateOne({ _id: user._id }, { $set: { failedLogins: 0 }, $unset: { lockedUntil: 1 } });
    const { passwordHash: _hash, ...staff } = user;
    return { ok: true, user: staff };
  }
  const counted = await users
    .findOneAndUpdate({ _id: user._id }, { $inc: { failedLogins: 1 } }, { returnDocument: 'after' })
    .lean<User>();
  if ((counted?.failedLogins ?? 0) >= MAX_FAILED_LOGINS) {
    const until = new Date(at.getTime() + LOCKOUT_MS);
    await users.updateOne({ _id: user._id }, { $set: { lockedUntil: until, failedLogins: 0 } });
    return { ok: false, code: 'AUTH.LOCKED', details: 'too many wrong passwords; try again later', until };
  }
  return INVALID;
}
