import { z } from 'zod';
import { isTimeZone } from '../../../domain/platform/time-zone.js';
import { monthlyReport } from '../../../domain/reports/monthly.use-case.js';
import { RFM_SEGMENTS } from '../../../domain/reports/rfm.rules.js';
import { rfmReport } from '../../../domain/reports/rfm.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { defineRoute } from '../route.js';

/** Revenue reports are for the owner and managers (SPEC §7). */
const REPORT_ROLES = ['owner', 'manager'] as const;

const AsOf = z.strictObject({
  now: z.iso.datetime({ offset: true, error: 'must be an ISO date-time with an offset' }).optional(),
  tz: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Jakarta' }).optional(),
});

const score = z.number().int().min(1).max(5);

/** When and where a report is read: `now` defaults to the present, `tz` to the shop's zone. */
async function asOf(
  query: z.output<typeof AsOf>,
  connection: Parameters<typeof getSettings>[0],
  clock: () => Date,
) {
  return {
    now: query.now ? new Date(query.now) : clock(),
    timeZone: query.tz ?? (await getSettings(connection)).timeZone,
  };
}

/** The reports the console shows; scripts/report.ts prints the same use cases' rows. */
export const reportsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/reports/rfm',
    access: REPORT_ROLES,
    summary: 'RFM scores and segment of every customer with a completed order',
    query: AsOf,
    response: z.object({
      rows: z.array(
        z.object({
          contactId: z.string(),
          customer: z.string(),
          name: z.string().nullable(),
          recency: z.number().int(),
          frequency: z.number().int(),
          monetary: z.number().int(),
          r: score,
          f: score,
          m: score,
          segment: z.enum(RFM_SEGMENTS),
        }),
      ),
    }),
    async handler({ query }, { connection, clock }) {
      return { rows: await rfmReport(connection, await asOf(query, connection, () => clock.now())) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/monthly',
    access: REPORT_ROLES,
    summary: 'orders and revenue per calendar month in the shop zone',
    query: AsOf,
    response: z.object({
      rows: z.array(z.object({ month: z.string(), orders: z.number().int(), revenue: z.number().int() })),
    }),
    async handler({ query }, { connection, clock }) {
      return { rows: await monthlyReport(connection, await asOf(query, connection, () => clock.now())) };
    },
  }),
];
