import { createHash, randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { userModel } from '../users/user.model.js';
import type { StaffUser } from '../users/user.use-case.js';
import { consoleSessionModel, type Session } from './session.model.js';

/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Start a session for a signed-in user: the cookie's token (shown once) and the CSRF token. */
export async function startSession(
  connection: Connection,
  userId: Types.ObjectId,
  at: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await consoleSessionModel(connection).create({
    _id: digest(token),
    userId,
    csrfToken,
    createdAt: at,
    expiresAt: new Date(at.getTime() + SESSION_IDLE_MS),
  });
  return { token, csrfToken };
}

/**
 * The active user and CSRF token of a session token, moving its idle expiry forward; null when the
 * token is unknown, expired, or its user was switched off.
 */
export async function resumeSession(
  connection: Connection,
  token: string,
  at: Date,
): Promise<{ user: StaffUser; csrfToken: string } | null> {
  const session = await consoleSessionModel(connection)
    .findOneAndUpdate(
      { _id: digest(token), expiresAt: { $gt: at } },
      { $set: { expiresAt: new Date(at.getTime() + SESSION_IDLE_MS) } },
      { returnDocument: 'after' },
    )
    .lean<Session>();
  if (!session) return null;
  const user = await userModel(connection)
    .findOne({ _id: session.userId, active: true }, { passwordHash: 0 })
    .lean<StaffUser>();
  return user ? { user, csrfToken: session.csrfToken } : null;
}

/** Log out: the token stops working at once. */
export async function endSession(connection: Connection, token: string): Promise<void> {
  await consoleSessionModel(connection).deleteOne({ _id: digest(token) });
}
