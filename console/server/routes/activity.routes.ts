import { z } from 'zod';
import { ACTIVITY_KINDS, type Activity } from '../../../domain/activity/activity.model.js';
import { listActivity } from '../../../domain/activity/activity.use-case.js';
import { activityExport } from '../../../domain/exports/list-exports.use-case.js';
import { isDay } from '../../../domain/invoices/invoice.rules.js';
import { LOCALES } from '../../../domain/settings/settings.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { defineRoute } from '../route.js';
import { sendXlsx } from './exports.routes.js';

/** Who signed in from where, and what left or entered the shop: the owner's alone (SPEC §8). */
const OWNER = ['owner'] as const;
// A day of the calendar, not just its shape: "0000-00-00" made the query's day arithmetic throw (a 500).
const day = z.string().refine(isDay, { error: 'must be a date as YYYY-MM-DD' });

/** The log's filters: kind, one user's id, shop-local days (both included). */
export const ActivityQuery = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  userId: z
    .string()
    .regex(/^[0-9a-f]{24}$/, { error: 'must be a user id' })
    .optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const ActivityAnswer = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.iso.datetime(),
      kind: z.enum(ACTIVITY_KINDS),
      user: z.object({
        id: z.string().nullable(),
        name: z.string().nullable(),
        login: z.string().nullable(),
      }),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const view = (entry: Activity) => ({
  id: String(entry._id),
  at: entry.at.toISOString(),
  kind: entry.kind,
  user: { id: entry.user.id ?? null, name: entry.user.name ?? null, login: entry.user.login ?? null },
  ip: entry.ip ?? null,
  userAgent: entry.userAgent ?? null,
  details: entry.details ?? {},
});

/** The staff activity log and its .xlsx export (owner only). */
export const activityRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/activity',
    access: OWNER,
    summary:
      'the staff activity log, 50 per page newest first: sign-ins (failed too, with the address), sign-outs, ' +
      'exports, imports, settings and user changes; kind, userId, from/to (shop days)',
    query: ActivityQuery,
    response: ActivityAnswer,
    async handler({ query }, { connection }) {
      const { timeZone } = await getSettings(connection);
      const found = await listActivity(connection, query, timeZone);
      return { ...found, items: found.items.map(view) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/activity.xlsx',
    access: OWNER,
    summary: 'the staff activity log as .xlsx: the same filters as GET /api/activity, every page',
    query: ActivityQuery.omit({ page: true }).extend({ lang: z.enum(LOCALES).optional() }),
    async handler({ query }, ctx, reply) {
      const { lang, ...filters } = query;
      return sendXlsx(reply, ctx, { name: 'activity', filters, lang }, async (context) =>
        activityExport(ctx.connection, filters, context),
      );
    },
  }),
];
