import { z } from 'zod';
import { CHANNELS } from '../../../domain/contacts/contact.model.js';
import { INVOICE_STATUSES } from '../../../domain/invoices/invoice.model.js';
import { isDay } from '../../../domain/invoices/invoice.rules.js';
import { OPEN_STAGES } from '../../../domain/leads/lead.rules.js';
import { ORDER_KINDS } from '../../../domain/orders/order.model.js';
import { isTimeZone } from '../../../domain/platform/time-zone.js';
import { AGING_BUCKETS } from '../../../domain/reports/aging.rules.js';
import { invoiceAgingReport } from '../../../domain/reports/aging.use-case.js';
import { channelReport } from '../../../domain/reports/channel.use-case.js';
import { forecastReport } from '../../../domain/reports/forecast.use-case.js';
import { FUNNEL_STAGES } from '../../../domain/reports/funnel.rules.js';
import { funnelReport } from '../../../domain/reports/funnel.use-case.js';
import { monthlyReport } from '../../../domain/reports/monthly.use-case.js';
import { productSalesReport } from '../../../domain/reports/product-sales.use-case.js';
import { type ReportRangeInput, rangeProblem } from '../../../domain/reports/report-range.rules.js';
import { RFM_SEGMENTS } from '../../../domain/reports/rfm.rules.js';
import { rfmReport } from '../../../domain/reports/rfm.use-case.js';
import { teamReport } from '../../../domain/reports/team.use-case.js';
import { trendReport } from '../../../domain/reports/trend.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

/**
 * Every report is for the owner and managers: they show revenue, or (funnel, forecast, team) the sales
 * figures SPEC §7 keeps with revenue. Admins see none of them; the authorisation matrix test checks it.
 */
const REPORT_ROLES = ['owner', 'manager'] as const;

export const AsOf = z.strictObject({
  now: z.iso.datetime({ offset: true, error: 'must be an ISO date-time with an offset' }).optional(),
  tz: z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Jakarta' }).optional(),
});

/** YYYY-MM-DD shop-local days, as report ranges take them. */
export const ReportDay = z.string().refine(isDay, { error: 'must be a day written YYYY-MM-DD' });

/**
 * Refuses a `from`..`to` no report reads: given together, `from` ≤ `to` and at most three years apart
 * (rangeProblem, which the use cases check again once the defaults are filled in).
 */
export function checkRange(
  query: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (query.from === undefined || query.to === undefined) return;
  const problem = rangeProblem(query.from, query.to);
  if (problem)
    ctx.addIssue({ code: 'custom', message: problem.details, path: [problem.field.slice('query.'.length)] });
}

/** A report over a range of shop-local days: `from` and `to` (inclusive) default to the last six months up to now. */
const Ranged = z
  .strictObject({ ...AsOf.shape, from: ReportDay.optional(), to: ReportDay.optional() })
  .superRefine(checkRange);

const score = z.number().int().min(1).max(5);
const int = z.number().int();
/** A ratio to four decimals (0.25 = 25 %), null where its base is zero. */
const rate = z.number().nullable();
const sales = z.object({ quantity: int, revenue: int });

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

/** The range input of a report use case; a range the use case refuses answers 400 naming the field. */
async function ranged(
  query: z.output<typeof Ranged>,
  connection: Parameters<typeof getSettings>[0],
  clock: () => Date,
): Promise<ReportRangeInput> {
  return { ...(await asOf(query, connection, clock)), from: query.from, to: query.to };
}

/** A report use case's answer: its report, or its coded failure. */
export function reportOf<T>(
  result: { ok: true; report: T } | { ok: false; code: string; details: string },
): T {
  if (!result.ok) return failWith(result);
  return result.report;
}

/** The reports the console shows; scripts/report.ts prints the RFM and monthly use cases' rows too. */
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
  defineRoute({
    method: 'GET',
    url: '/api/reports/trend',
    access: REPORT_ROLES,
    summary: 'orders, revenue and new leads per month of the range against the monthly targets',
    query: Ranged,
    response: z.object({
      from: z.string(),
      to: z.string(),
      months: z.array(
        z.object({
          month: z.string(),
          orders: int,
          revenue: int,
          newLeads: int,
          target: z.object({ orders: int, revenue: int, newLeads: int }),
          ratio: z.object({ orders: rate, revenue: rate, newLeads: rate }),
        }),
      ),
      total: z.object({ orders: int, revenue: int, newLeads: int }),
    }),
    async handler({ query }, { connection, clock }) {
      return reportOf(await trendReport(connection, await ranged(query, connection, () => clock.now())));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/funnel',
    access: REPORT_ROLES,
    summary: 'leads created in the range: how many reached each stage, and the conversions',
    query: Ranged,
    response: z.object({
      from: z.string(),
      to: z.string(),
      leads: int,
      open: int,
      lost: int,
      steps: z.array(z.object({ stage: z.enum(FUNNEL_STAGES), reached: int, fromPrevious: rate })),
      overall: rate,
    }),
    async handler({ query }, { connection, clock }) {
      return reportOf(await funnelReport(connection, await ranged(query, connection, () => clock.now())));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/channels',
    access: REPORT_ROLES,
    summary: 'leads, wins, conversion and revenue per lead channel',
    query: Ranged,
    response: z.object({
      from: z.string(),
      to: z.string(),
      rows: z.array(
        z.object({
          channel: z.enum(CHANNELS),
          leads: int,
          won: int,
          conversion: rate,
          customers: int,
          revenue: int,
        }),
      ),
      total: z.object({ leads: int, won: int, conversion: rate, customers: int, revenue: int }),
    }),
    async handler({ query }, { connection, clock }) {
      return reportOf(await channelReport(connection, await ranged(query, connection, () => clock.now())));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/forecast',
    access: REPORT_ROLES,
    summary: 'the weighted pipeline of open leads now (a snapshot: no date range)',
    query: AsOf,
    response: z.object({
      asOf: z.iso.datetime(),
      stages: z.array(
        z.object({
          stage: z.enum(OPEN_STAGES),
          count: int,
          value: int,
          probability: z.number().min(0).max(1),
          weighted: int,
          withoutValue: int,
        }),
      ),
      total: z.object({ count: int, value: int, weighted: int, withoutValue: int }),
    }),
    async handler({ query }, { connection, clock }) {
      const report = await forecastReport(connection, await asOf(query, connection, () => clock.now()));
      return { ...report, asOf: report.asOf.toISOString() };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/team',
    access: REPORT_ROLES,
    summary: 'per assignee: leads handled, won, revenue and median first staff response',
    query: Ranged,
    response: z.object({
      from: z.string(),
      to: z.string(),
      rows: z.array(
        z.object({
          userId: z.string().nullable(),
          name: z.string().nullable(),
          leadsHandled: int,
          won: int,
          revenue: int,
          conversations: int,
          answered: int,
          medianFirstResponseSeconds: z.number().nullable(),
        }),
      ),
    }),
    async handler({ query }, { connection, clock }) {
      return reportOf(await teamReport(connection, await ranged(query, connection, () => clock.now())));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/aging',
    access: REPORT_ROLES,
    summary: 'invoices waiting for money now, by days overdue (a snapshot: no date range)',
    query: AsOf,
    response: z.object({
      asOf: z.iso.datetime(),
      today: z.string(),
      buckets: z.array(
        z.object({
          bucket: z.enum(AGING_BUCKETS),
          count: int,
          outstanding: int,
          invoices: z.array(
            z.object({
              number: z.string(),
              orderNumber: z.string(),
              contactId: z.string(),
              customer: z.string(),
              dueDate: z.string(),
              amount: int,
              outstanding: int,
              daysOverdue: int,
              status: z.enum(INVOICE_STATUSES),
            }),
          ),
        }),
      ),
      total: z.object({ count: int, outstanding: int }),
    }),
    async handler({ query }, { connection, clock }) {
      const report = await invoiceAgingReport(connection, await asOf(query, connection, () => clock.now()));
      return { ...report, asOf: report.asOf.toISOString() };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/reports/products',
    access: REPORT_ROLES,
    summary: 'quantity and sales per product and category, against the period before',
    query: Ranged,
    response: z.object({
      from: z.string(),
      to: z.string(),
      previous: z.object({ from: z.string(), to: z.string() }),
      products: z.array(
        sales.extend({
          sku: z.string().nullable(),
          kind: z.enum(ORDER_KINDS),
          name: z.string(),
          category: z.string().nullable(),
          share: rate,
          previous: sales,
          change: rate,
        }),
      ),
      categories: z.array(
        sales.extend({ category: z.string().nullable(), share: rate, previous: sales, change: rate }),
      ),
      total: sales.extend({ previous: sales, change: rate }),
    }),
    async handler({ query }, { connection, clock }) {
      return reportOf(
        await productSalesReport(connection, await ranged(query, connection, () => clock.now())),
      );
    },
  }),
];
