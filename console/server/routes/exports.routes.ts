import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../domain/audit/audit.use-case.js';
import {
  contactsExport,
  type ExportContext,
  invoicesExport,
  leadsExport,
  materialsExport,
  ordersExport,
  productsExport,
  tasksExport,
} from '../../../domain/exports/list-exports.use-case.js';
import { reportSheets } from '../../../domain/exports/report-sheets.js';
import { type Sheet, writeXlsx } from '../../../domain/exports/xlsx.js';
import { INVOICE_STATUSES } from '../../../domain/invoices/invoice.model.js';
import { localDay } from '../../../domain/invoices/invoice.rules.js';
import { invoiceAgingReport } from '../../../domain/reports/aging.use-case.js';
import { channelReport } from '../../../domain/reports/channel.use-case.js';
import { forecastReport } from '../../../domain/reports/forecast.use-case.js';
import { funnelReport } from '../../../domain/reports/funnel.use-case.js';
import { monthlyReport } from '../../../domain/reports/monthly.use-case.js';
import { productSalesReport } from '../../../domain/reports/product-sales.use-case.js';
import type { ReportRangeInput } from '../../../domain/reports/report-range.rules.js';
import { RFM_SEGMENTS } from '../../../domain/reports/rfm.rules.js';
import { rfmReport } from '../../../domain/reports/rfm.use-case.js';
import { teamReport } from '../../../domain/reports/team.use-case.js';
import { trendReport } from '../../../domain/reports/trend.use-case.js';
import { LOCALES } from '../../../domain/settings/settings.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { logActivity } from '../activity-log.js';
import { defineRoute, type RouteContext } from '../route.js';
import { ContactsQuery } from './contacts.routes.js';
import { LeadsQuery } from './leads.routes.js';
import { OrdersQuery } from './orders.routes.js';
import { checkRange, AsOf as ReportAsOf, ReportDay, reportOf } from './reports.routes.js';
import { TasksQuery, taskFilterOf } from './tasks.routes.js';

/** Exports carry every customer's phone number and the shop's revenue: owners and managers (SPEC §7). */
export const EXPORT_ROLES = ['owner', 'manager'] as const;
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every export also takes `lang` (id or en) for its headers; the shop's language by default. */
const Lang = { lang: z.enum(LOCALES).optional() };
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' });

/**
 * Answer with an .xlsx streamed as it is written: the reply starts while rows are still being read, so a
 * 100k-row export never sits in memory. A failure before the first byte answers as any route does; one
 * after it cuts the download off (an .xlsx cannot carry an error). Each export is audited on the
 * exporting user (action `exported`, with its filters and rows) and recorded in the staff activity log
 * once it ends, complete or not.
 */
export async function sendXlsx(
  reply: FastifyReply,
  ctx: RouteContext,
  spec: {
    name: string;
    filters: Record<string, unknown>;
    lang: ExportContext['lang'] | undefined;
    /** The zone dates are shown in; the shop's by default. */
    timeZone?: string | undefined;
  },
  build: (context: ExportContext) => Promise<Sheet[]>,
): Promise<FastifyReply> {
  const settings = await getSettings(ctx.connection);
  const timeZone = spec.timeZone ?? settings.timeZone;
  const sheets = await build({ timeZone, lang: spec.lang ?? settings.locale });
  const body = new PassThrough();
  const record = async (rows: number[] | null, complete: boolean) => {
    if (!ctx.user) return;
    const details = { export: spec.name, filters: spec.filters, rows, complete };
    await logActivity(ctx, 'export', details);
    await audit(
      ctx.connection,
      { entity: 'user', entityId: ctx.user._id, action: 'exported', actor: ctx.actor, after: details },
      ctx.clock.now(),
    );
  };
  writeXlsx(body, sheets, { timeZone })
    .then(
      ({ rows }) => record(rows, true),
      async (error: unknown) => {
        const cancelled = body.destroyed;
        if (cancelled) ctx.log.info({ export: spec.name }, 'export cancelled by the client');
        else {
          ctx.log.error({ err: error, export: spec.name }, 'export failed');
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        }
        await record(null, false);
      },
    )
    .catch((error: unknown) => ctx.log.error({ err: error, export: spec.name }, 'export audit failed'));
  const filename = `pesanin-${spec.name}-${localDay(ctx.clock.now(), timeZone)}.xlsx`;
  return reply
    .header('Content-Type', XLSX_MIME)
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .send(body);
}

/** The reports' own queries (reports.routes.ts), plus `lang` for the headers. */
const AsOf = ReportAsOf.extend(Lang);
const Ranged = AsOf.extend({ from: ReportDay.optional(), to: ReportDay.optional() }).superRefine(checkRange);

/** Every report the reports page shows (plus the monthly one), exported through reportSheets. */
const REPORT_EXPORTS: {
  name: string;
  title: { id: string; en: string };
  ranged: boolean;
  run(connection: RouteContext['connection'], input: ReportRangeInput): Promise<unknown>;
}[] = [
  {
    name: 'trend',
    title: { id: 'Tren', en: 'Trend' },
    ranged: true,
    run: async (connection, input) => reportOf(await trendReport(connection, input)),
  },
  {
    name: 'funnel',
    title: { id: 'Corong', en: 'Funnel' },
    ranged: true,
    run: async (connection, input) => reportOf(await funnelReport(connection, input)),
  },
  {
    name: 'channels',
    title: { id: 'Kanal', en: 'Channels' },
    ranged: true,
    run: async (connection, input) => reportOf(await channelReport(connection, input)),
  },
  {
    name: 'forecast',
    title: { id: 'Proyeksi', en: 'Forecast' },
    ranged: false,
    run: (connection, input) => forecastReport(connection, input),
  },
  {
    name: 'team',
    title: { id: 'Tim', en: 'Team' },
    ranged: true,
    run: async (connection, input) => reportOf(await teamReport(connection, input)),
  },
  {
    name: 'aging',
    title: { id: 'Umur tagihan', en: 'Invoice aging' },
    ranged: false,
    run: (connection, input) => invoiceAgingReport(connection, input),
  },
  {
    name: 'products',
    title: { id: 'Penjualan produk', en: 'Product sales' },
    ranged: true,
    run: async (connection, input) => reportOf(await productSalesReport(connection, input)),
  },
  {
    name: 'monthly',
    title: { id: 'Bulanan', en: 'Monthly' },
    ranged: false,
    run: (connection, { now, timeZone }) => monthlyReport(connection, { now, timeZone }),
  },
];

/** Read a report as of the query's `now` and zone, and send it as sheets. */
async function sendReport(
  reply: FastifyReply,
  ctx: RouteContext,
  spec: { name: string; title: { id: string; en: string }; query: z.output<typeof Ranged> },
  run: (input: ReportRangeInput) => Promise<unknown>,
): Promise<FastifyReply> {
  const { lang, now, tz, from, to, ...rest } = spec.query;
  const timeZone = tz ?? (await getSettings(ctx.connection)).timeZone;
  const input = { now: now ? new Date(now) : ctx.clock.now(), timeZone, from, to };
  // Read before the reply starts, so a refused range answers 400 rather than a broken download.
  const report = await run(input);
  return sendXlsx(
    reply,
    ctx,
    { name: `report-${spec.name}`, filters: { now, tz, from, to, ...rest }, lang, timeZone },
    async (context) => reportSheets(spec.title[context.lang], report, context.lang),
  );
}

const reportRoutes = [
  ...REPORT_EXPORTS.map((spec) =>
    defineRoute({
      method: 'GET',
      url: `/api/exports/reports/${spec.name}.xlsx`,
      access: EXPORT_ROLES,
      summary: `the ${spec.name} report as .xlsx, with the same ${spec.ranged ? 'range' : 'as-of'} as GET /api/reports/${spec.name}`,
      query: spec.ranged ? Ranged : AsOf,
      async handler({ query }, ctx, reply) {
        return sendReport(reply, ctx, { ...spec, query }, (input) => spec.run(ctx.connection, input));
      },
    }),
  ),
  defineRoute({
    method: 'GET',
    url: '/api/exports/reports/rfm.xlsx',
    access: EXPORT_ROLES,
    summary: 'the RFM report as .xlsx: every scored customer, or one segment',
    query: AsOf.extend({ segment: z.enum(RFM_SEGMENTS).optional() }),
    async handler({ query }, ctx, reply) {
      const { segment, ...asOf } = query;
      return sendReport(
        reply,
        ctx,
        { name: 'rfm', title: { id: 'RFM', en: 'RFM' }, query: { ...asOf, ...(segment && { segment }) } },
        async (input) => {
          const rows = await rfmReport(ctx.connection, input);
          return segment ? rows.filter((row) => row.segment === segment) : rows;
        },
      );
    },
  }),
];

export const exportsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/exports/orders.xlsx',
    access: EXPORT_ROLES,
    summary: 'the orders list as .xlsx: the same filters, search and sort as GET /api/orders, every page',
    query: OrdersQuery.omit({ page: true }).extend(Lang),
    async handler({ query }, ctx, reply) {
      const { lang, ...search } = query;
      return sendXlsx(reply, ctx, { name: 'orders', filters: search, lang }, async (context) =>
        ordersExport(ctx.connection, search, context),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/contacts.xlsx',
    access: EXPORT_ROLES,
    summary: 'the contacts list as .xlsx (same view and search as GET /api/contacts), phones in full',
    query: ContactsQuery.omit({ page: true }).extend(Lang),
    async handler({ query }, ctx, reply) {
      const { lang, ...filters } = query;
      return sendXlsx(reply, ctx, { name: 'contacts', filters, lang }, async (context) =>
        contactsExport(ctx.connection, { ...filters, now: ctx.clock.now() }, context),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/leads.xlsx',
    access: EXPORT_ROLES,
    summary: 'the leads list as .xlsx (same stage or state as GET /api/leads)',
    query: LeadsQuery.omit({ page: true }).extend(Lang),
    async handler({ query }, ctx, reply) {
      const { lang, ...filters } = query;
      return sendXlsx(reply, ctx, { name: 'leads', filters, lang }, async (context) =>
        leadsExport(ctx.connection, filters, context),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/tasks.xlsx',
    access: EXPORT_ROLES,
    summary: 'tasks as .xlsx (same filters as GET /api/tasks: open by default, mine, until), no limit',
    query: TasksQuery.extend(Lang),
    async handler({ query }, ctx, reply) {
      const { lang, ...filters } = query;
      return sendXlsx(reply, ctx, { name: 'tasks', filters, lang }, async (context) =>
        tasksExport(ctx.connection, taskFilterOf(filters, ctx.user), context),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/products.xlsx',
    access: EXPORT_ROLES,
    summary: 'the catalog as .xlsx, inactive products included, by name',
    query: z.strictObject(Lang),
    async handler({ query }, ctx, reply) {
      return sendXlsx(reply, ctx, { name: 'products', filters: {}, lang: query.lang }, async (context) =>
        productsExport(ctx.connection, context),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/materials.xlsx',
    access: EXPORT_ROLES,
    summary: 'stock as .xlsx: materials, and products with tracked stock (two sheets)',
    query: z.strictObject(Lang),
    async handler({ query }, ctx, reply) {
      return sendXlsx(reply, ctx, { name: 'materials', filters: {}, lang: query.lang }, async (context) =>
        materialsExport(ctx.connection, context),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exports/invoices.xlsx',
    access: EXPORT_ROLES,
    summary: 'invoices as .xlsx, newest first: one status, issued from/to (shop days)',
    query: z.strictObject({
      status: z.enum(INVOICE_STATUSES).optional(),
      from: day.optional(),
      to: day.optional(),
      ...Lang,
    }),
    async handler({ query }, ctx, reply) {
      const { lang, ...filters } = query;
      return sendXlsx(reply, ctx, { name: 'invoices', filters, lang }, async (context) =>
        invoicesExport(ctx.connection, filters, context),
      );
    },
  }),
  ...reportRoutes,
];
