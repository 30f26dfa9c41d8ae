import { open } from 'node:fs/promises';
import { z } from 'zod';
import type { Deliverable } from '../../../domain/orders/order.model.js';
import {
  DELIVERABLE_MAX_BYTES,
  DELIVERABLE_TYPES,
  storedFilePath,
} from '../../../domain/orders/order-deliverable.rules.js';
import { addDeliverable, findDeliverable } from '../../../domain/orders/order-deliverable.use-case.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute, defineUploadRoute } from '../route.js';

/** Deliverables are everyday order work: every role (SPEC §7). */
const STAFF = 'signed-in' as const;
const NumberParams = z.strictObject({ number: z.string().min(1).max(40) });

/** A deliverable as the console shows it: where to fetch it and, for images, a small preview. */
export function deliverableView(orderNumber: string, deliverable: Deliverable) {
  const url = `/api/orders/${encodeURIComponent(orderNumber)}/deliverables/${String(deliverable._id)}`;
  return {
    id: String(deliverable._id),
    name: deliverable.name,
    mime: deliverable.mime,
    kind: deliverable.kind,
    size: deliverable.size,
    uploadedBy: deliverable.uploadedBy.name ?? null,
    uploadedAt: deliverable.uploadedAt.toISOString(),
    url,
    previewUrl: deliverable.thumbnailPath ? `${url}?variant=preview` : null,
  };
}

/** The store the app was built with; a console without one cannot keep or serve files (a set-up bug). */
function requireDataDir(dataDir: string | undefined): string {
  if (!dataDir) throw new Error('the console was built without a data directory (AppDeps.dataDir)');
  return dataDir;
}

/** `attachment; filename=…` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const deliverablesRoutes = [
  defineUploadRoute({
    method: 'POST',
    url: '/api/orders/:number/deliverables',
    access: STAFF,
    summary:
      'upload a file for an order (multipart field "file": image, PDF, office document or ZIP, at most 10 MB); ' +
      'kept on the order and sent to the customer on WhatsApp once per file',
    params: NumberParams,
    body: z.strictObject({}),
    upload: { maxBytes: DELIVERABLE_MAX_BYTES, accept: DELIVERABLE_TYPES },
    async handler({ params, file }, { connection, clock, actor, dataDir }, reply) {
      const { timeZone } = await getSettings(connection);
      const result = await addDeliverable(
        connection,
        { number: params.number, file: { data: file.data, mimetype: file.mime, filename: file.filename } },
        { actor, at: clock.now(), dataDir: requireDataDir(dataDir), timeZone },
      );
      if (!result.ok) return failWith({ ...result });
      reply.code(result.added ? 201 : 200);
      return {
        deliverable: deliverableView(result.order.number, result.deliverable),
        added: result.added,
        queued: result.queued,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/orders/:number/deliverables/:id',
    access: STAFF,
    summary: "one deliverable's file (images inline, anything else as a download), or an image's preview",
    params: z.strictObject({
      number: z.string().min(1).max(40),
      id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a deliverable id' }),
    }),
    query: z.strictObject({ variant: z.enum(['original', 'preview']).optional() }),
    async handler({ params, query }, { connection, dataDir }, reply) {
      const found = await findDeliverable(connection, params);
      if (!found.ok) return failWith(found);
      const { deliverable } = found;
      const preview = query.variant === 'preview';
      if (preview && !deliverable.thumbnailPath)
        failWith({ code: 'DELIVERABLE.PREVIEW_NOT_FOUND', details: `${deliverable.name} has no preview` });
      const relative = preview && deliverable.thumbnailPath ? deliverable.thumbnailPath : deliverable.path;
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(storedFilePath(requireDataDir(dataDir), relative));
      } catch (error) {
        // The record outlived its file (a restored database, a cleaned disk): say so rather than 500.
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
          return failWith({
            code: 'DELIVERABLE.FILE_NOT_FOUND',
            details: `the stored file of ${deliverable.name} is missing`,
          });
        throw error;
      }
      const { size } = await handle.stat();
      const inline = preview || deliverable.kind === 'image';
      return reply
        .header('Content-Type', preview ? 'image/webp' : deliverable.mime)
        .header('Content-Length', size)
        .header('X-Content-Type-Options', 'nosniff')
        .header(
          'Content-Disposition',
          contentDisposition(
            inline ? 'inline' : 'attachment',
            preview ? `preview-${deliverable.name}` : deliverable.name,
          ),
        )
        .header('Cache-Control', 'private, max-age=3600')
        .send(handle.createReadStream());
    },
  }),
];
