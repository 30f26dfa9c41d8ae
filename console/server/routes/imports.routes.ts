import { z } from 'zod';
import { readChatExport } from '../../../domain/imports/chat-export.js';
import { importChat, previewChatImport } from '../../../domain/imports/chat-import.use-case.js';
import { contactImport } from '../../../domain/imports/contact-import.js';
import type { ImportDefinition } from '../../../domain/imports/import.definition.js';
import type { ImportJob, ImportKind } from '../../../domain/imports/import.model.js';
import { getImport, previewImport, startImport } from '../../../domain/imports/import.use-case.js';
import { productImport } from '../../../domain/imports/product-import.js';
import { readSheet } from '../../../domain/imports/sheet.js';
import { importTemplate } from '../../../domain/imports/templates.js';
import { cleanFilename } from '../../../domain/media/media.rules.js';
import { logActivity } from '../activity-log.js';
import { failWith } from '../errors.js';
import { defineRoute, defineUploadRoute } from '../route.js';

/** Imports write many records at once: owners and managers, not admins (SPEC §7). */
const MANAGERS = ['owner', 'manager'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest contacts or products sheet: 20,000 rows fit many times over. */
export const SHEET_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Largest chat export: a .txt, or a .zip with the chat's media. */
export const CHAT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** `?dryRun=true|false`, a preview unless told otherwise. */
const DryRun = z.enum(['true', 'false'], { error: 'must be true or false' }).default('true');

const FILE_NAMES: Record<ImportKind, string> = { contacts: 'kontak', products: 'produk' };

/** An import job as the console polls it. */
export const importView = (job: ImportJob) => ({
  id: String(job._id),
  kind: job.kind,
  filename: job.filename,
  status: job.status,
  total: job.total,
  done: job.done,
  created: job.created,
  updated: job.updated,
  unchanged: job.unchanged,
  errorRows: job.errorRows,
  errors: job.rowErrors,
  failure: job.failure ?? null,
  startedBy: job.startedBy.name ?? null,
  startedAt: job.startedAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

/** The upload route of one kind of sheet import: a preview, or an import started in the background. */
function sheetImportRoute<Row, State>(definition: ImportDefinition<Row, State>) {
  const { kind } = definition;
  return defineUploadRoute({
    method: 'POST',
    url: `/api/imports/${kind}`,
    access: MANAGERS,
    summary:
      `import ${kind} from .xlsx or CSV (multipart field "file", at most 10 MB, 20,000 rows): ` +
      'dryRun=true (the default) answers what each row would do and writes nothing; dryRun=false starts ' +
      'the import and answers 202 {importId} to poll',
    query: z.strictObject({ dryRun: DryRun }),
    body: z.strictObject({}),
    upload: { maxBytes: SHEET_IMPORT_MAX_BYTES, accept: [XLSX], acceptText: ['text/csv'] },
    async handler({ query, file }, ctx, reply) {
      const { connection, clock, actor, log } = ctx;
      const format = file.mime === 'text/csv' ? 'csv' : 'xlsx';
      const read = await readSheet(file.data, format);
      if (!read.ok) return failWith(read);
      const filename = cleanFilename(file.filename) ?? `${FILE_NAMES[kind]}.${format}`;
      if (query.dryRun === 'true') {
        const preview = await previewImport(connection, definition, { filename, sheet: read.sheet });
        if (!preview.ok) return failWith(preview);
        const { ok: _ok, ...plan } = preview;
        return { dryRun: true, ...plan };
      }
      const started = await startImport(
        connection,
        definition,
        { filename, sheet: read.sheet },
        { actor, clock, log },
      );
      if (!started.ok) return failWith(started);
      const importId = String(started.job._id);
      await logActivity(ctx, 'import', {
        step: 'started',
        importId,
        kind,
        filename,
        total: started.job.total,
      });
      // The rows are applied in the background of this process; `finished` records its own outcome on
      // the job (it never rejects), and the console polls GET /api/imports/:id. Neither rejects.
      void started.finished.then((job) =>
        logActivity(ctx, 'import', {
          step: 'finished',
          importId,
          kind,
          filename,
          status: job.status,
          total: job.total,
          created: job.created,
          updated: job.updated,
          unchanged: job.unchanged,
          errorRows: job.errorRows,
        }),
      );
      reply.code(202);
      return {
        dryRun: false,
        importId: String(started.job._id),
        status: started.job.status,
        total: started.job.total,
      };
    },
  });
}

function templateRoute(kind: ImportKind) {
  return defineRoute({
    method: 'GET',
    url: `/api/imports/templates/${kind}.xlsx`,
    access: MANAGERS,
    summary: `the ${kind} import template: a header row, an example row and a "Petunjuk" sheet`,
    async handler(_input, _ctx, reply) {
      const bytes = await importTemplate(kind);
      return reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', `attachment; filename="template-${FILE_NAMES[kind]}.xlsx"`)
        .header('Cache-Control', 'no-store')
        .send(bytes);
    },
  });
}

export const importsRoutes = [
  templateRoute('contacts'),
  templateRoute('products'),
  sheetImportRoute(contactImport),
  sheetImportRoute(productImport),
  defineRoute({
    method: 'GET',
    url: '/api/imports/:id',
    access: MANAGERS,
    summary: 'an import: status running|done|failed, rows done, created, updated, unchanged, errors',
    params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be an import id' }) }),
    async handler({ params }, { connection, clock }) {
      const found = await getImport(connection, params.id, clock.now());
      if (!found.ok) return failWith(found);
      return importView(found.job);
    },
  }),
  defineUploadRoute({
    method: 'POST',
    url: '/api/contacts/:id/chat-import',
    access: MANAGERS,
    summary:
      'import a WhatsApp "Export chat" file (.txt, or .zip with media; at most 50 MB) as the contact’s history: ' +
      'dryRun=true (the default) lists the authors, dates and counts; dryRun=false&shopAuthor=<name> imports, ' +
      "that author's messages as the shop's",
    params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a contact id' }) }),
    query: z
      .strictObject({
        dryRun: DryRun,
        shopAuthor: z.string().trim().min(1).max(200).optional(),
      })
      .refine((query) => query.dryRun === 'true' || query.shopAuthor !== undefined, {
        error:
          'is required to import: the name of the shop in the export, one of the authors the preview lists',
        path: ['shopAuthor'],
      }),
    body: z.strictObject({}),
    upload: {
      maxBytes: CHAT_IMPORT_MAX_BYTES,
      accept: ['application/zip'],
      acceptText: ['text/plain'],
    },
    async handler({ params, query, file }, ctx) {
      const { connection, clock, actor, dataDir } = ctx;
      const read = await readChatExport(file.data, file.mime === 'text/plain' ? 'txt' : 'zip');
      if (!read.ok) return failWith(read);
      const input = {
        contactId: params.id,
        filename: cleanFilename(file.filename) ?? 'chat.txt',
        chat: read.export,
      };
      if (query.dryRun === 'true' || query.shopAuthor === undefined) {
        const preview = await previewChatImport(connection, {
          ...input,
          ...(query.shopAuthor !== undefined && { shopAuthor: query.shopAuthor }),
        });
        if (!preview.ok) return failWith(preview);
        const { ok: _ok, ...summary } = preview;
        return { dryRun: true, ...summary };
      }
      const result = await importChat(
        connection,
        { ...input, shopAuthor: query.shopAuthor },
        { actor, at: clock.now(), ...(dataDir && { dataDir }) },
      );
      if (!result.ok) return failWith(result);
      const { ok: _ok, ...summary } = result;
      await logActivity(ctx, 'import', {
        step: 'finished',
        kind: 'chat',
        contactId: params.id,
        filename: input.filename,
        inserted: summary.inserted,
        skipped: summary.skipped,
      });
      return { dryRun: false, ...summary };
    },
  }),
];
