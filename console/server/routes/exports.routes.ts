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
import { type Sheet, writeXlsx } from '../../../domain/exports/xlsx.js';
import { INVOICE_STATUSES } from '../../../domain/invoices/invoice.model.js';
import { localDay } from '../../../domain/invoices/invoice.rules.js';
import { LOCALES } from '../../../domain/settings/settings.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { defineRoute, type RouteContext } from '../route.js';
import { ContactsQuery } from './contacts.routes.js';
import { LeadsQuery } from './leads.routes.js';
import { OrdersQuery } from './orders.routes.js';
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
 * exporting user (action `exported`, with its filters and rows) once it ends, complete or not.
 */
async function sendXlsx(
  reply: FastifyReply,
  ctx: RouteContext,
  spec: { name: string; filters: Record<string, unknown>; lang: ExportContext['lang'] | undefined },
  build: (context: ExportContext) => Promise<Sheet[]>,
): Promise<FastifyReply> {
  const settings = await getSettings(ctx.connection);
  const { timeZone } = settings;
  const sheets = await build({ timeZone, lang: spec.lang ?? settings.locale });
  const body = new PassThrough();
  const record = (rows: number[] | null, complete: boolean) =>
    ctx.user
      ? audit(
          ctx.connection,
          {
            entity: 'user',
            entityId: ctx.user._id,
            action: 'exported',
            actor: ctx.actor,
            after: { export: spec.name, filters: spec.filters, rows, complete },
          },
          ctx.clock.now(),
        )
      : Promise.resolve();
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
];
