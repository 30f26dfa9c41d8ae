import type { ActivityKind } from '../../domain/activity/activity.model.js';
import { activityUser, recordActivity } from '../../domain/activity/activity.use-case.js';
import type { RouteContext } from './route.js';

/**
 * Record what the signed-in user just did in the staff activity log, with the request's address and
 * browser. Never fails the request (see recordActivity); nothing is recorded on a public route.
 */
export async function logActivity(
  ctx: RouteContext,
  kind: ActivityKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (!ctx.user) return;
  await recordActivity(
    ctx.connection,
    {
      at: ctx.clock.now(),
      kind,
      user: activityUser(ctx.user),
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details,
    },
    ctx.log,
  );
}
