import type { Connection } from 'mongoose';
import type { Logger } from '../platform/logger.js';
import { dayStart } from '../platform/time-zone.js';
import { type User, userModel } from '../users/user.model.js';
import type { StaffUser } from '../users/user.use-case.js';
import { type Activity, type ActivityKind, type ActivityUser, activityModel } from './activity.model.js';

/** Entries per page of the log. */
export const ACTIVITY_PAGE_SIZE = 50;
/** A User-Agent is kept this short: enough to tell a phone from a laptop. */
export const USER_AGENT_MAX = 160;
const LOGIN_MAX = 64;

/** What a caller records; `at` comes from its clock. */
export interface ActivityInput {
  at: Date;
  kind: ActivityKind;
  user: ActivityUser;
  ip?: string | undefined;
  userAgent?: string | undefined;
  details?: Record<string, unknown>;
}

/** A signed-in user as an activity's user. */
export const activityUser = (user: Pick<StaffUser, '_id' | 'name' | 'login'>): ActivityUser => ({
  id: String(user._id),
  name: user.name,
  login: user.login,
});

/**
 * Add an entry to the staff activity log. The log watches the work, it is not part of it: a failure to
 * write is logged and swallowed, so a sign-in or an export never fails because of its log entry.
 */
export async function recordActivity(
  connection: Connection,
  entry: ActivityInput,
  log: Logger,
): Promise<void> {
  try {
    await activityModel(connection).create({
      at: entry.at,
      kind: entry.kind,
      user: entry.user,
      ...(entry.ip && { ip: entry.ip }),
      ...(entry.userAgent && { userAgent: entry.userAgent.slice(0, USER_AGENT_MAX) }),
      details: entry.details ?? {},
    });
  } catch (error) {
    log.error({ err: error, activity: entry.kind }, 'activity not recorded');
  }
}

/** Why a sign-in failed, as the owner reads it in the log (the person signing in only sees "wrong login or password"). */
export type LoginFailureReason = 'unknown_login' | 'inactive' | 'wrong_password' | 'locked';

/**
 * Record a failed sign-in: the login as typed (never the password) and, when it names an account, who
 * that is and why it failed. Like recordActivity, it never throws.
 */
export async function recordFailedLogin(
  connection: Connection,
  input: {
    at: Date;
    login: string;
    locked: boolean;
    ip?: string | undefined;
    userAgent?: string | undefined;
  },
  log: Logger,
): Promise<void> {
  const login = input.login.trim().toLowerCase().slice(0, LOGIN_MAX);
  let account: Pick<User, '_id' | 'name' | 'login' | 'active'> | null = null;
  try {
    account = await userModel(connection)
      .findOne({ login }, { name: 1, login: 1, active: 1 })
      .lean<Pick<User, '_id' | 'name' | 'login' | 'active'>>();
  } catch (error) {
    log.warn({ err: error }, 'failed sign-in: account not looked up');
  }
  const reason: LoginFailureReason = input.locked
    ? 'locked'
    : !account
      ? 'unknown_login'
      : !account.active
        ? 'inactive'
        : 'wrong_password';
  await recordActivity(
    connection,
    {
      at: input.at,
      kind: 'login_failed',
      user: account ? activityUser(account) : { login },
      ip: input.ip,
      userAgent: input.userAgent,
      details: { reason },
    },
    log,
  );
}

/** Which entries to list or export; days are shop-local YYYY-MM-DD, both included. */
export interface ActivityFilter {
  kind?: ActivityKind | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The day after a YYYY-MM-DD day, as YYYY-MM-DD (calendar arithmetic, no zone involved). Not through
 * toISOString: after 9999-12-31 it writes "+010000-01-01", which no day parser reads (a 500, issue 10).
 */
const nextDay = (day: string) => {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${next.getUTCFullYear()}-${two(next.getUTCMonth() + 1)}-${two(next.getUTCDate())}`;
};

/** The query of the log page and its export: same filter, newest first. */
export function activityQuery(
  filter: ActivityFilter,
  timeZone: string,
): { filter: Record<string, unknown>; sort: Record<string, 1 | -1> } {
  const at = {
    ...(filter.from && { $gte: dayStart(filter.from, timeZone) }),
    ...(filter.to && { $lt: dayStart(nextDay(filter.to), timeZone) }),
  };
  return {
    filter: {
      ...(filter.kind && { kind: filter.kind }),
      ...(filter.userId && { 'user.id': filter.userId }),
      ...(Object.keys(at).length > 0 && { at }),
    },
    sort: { at: -1, _id: -1 },
  };
}

/** One page of the log (ACTIVITY_PAGE_SIZE entries, newest first) and how many match in all. */
export async function listActivity(
  connection: Connection,
  filter: ActivityFilter & { page?: number | undefined },
  timeZone: string,
): Promise<{ items: Activity[]; total: number; page: number; pageSize: number }> {
  const page = filter.page ?? 1;
  const query = activityQuery(filter, timeZone);
  const activities = activityModel(connection);
  const [items, total] = await Promise.all([
    activities
      .find(query.filter)
      .sort(query.sort)
      .skip((page - 1) * ACTIVITY_PAGE_SIZE)
      .limit(ACTIVITY_PAGE_SIZE)
      .lean<Activity[]>(),
    activities.countDocuments(query.filter),
  ]);
  return { items, total, page, pageSize: ACTIVITY_PAGE_SIZE };
}
