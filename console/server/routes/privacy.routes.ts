import { Types } from 'mongoose';
import { z } from 'zod';
import { audit } from '../../../domain/audit/audit.use-case.js';
import { eraseContact } from '../../../domain/contacts/contact-erasure.use-case.js';
import { exportContact } from '../../../domain/contacts/contact-export.use-case.js';
import { logActivity } from '../activity-log.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

/** A customer's whole record leaving the shop, or being wiped for good: the owner's decision alone. */
const OWNER = ['owner'] as const;

const IdParams = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a contact id' }),
});

/** Customer rights (issue 11): export everything stored about one customer, or erase it. */
export const privacyRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/contacts/:id/export.zip',
    access: OWNER,
    summary: 'everything stored about one customer as a zip: JSON per kind of record, plus their files',
    params: IdParams,
    async handler({ params }, ctx, reply) {
      const result = await exportContact(
        ctx.connection,
        { contactId: params.id },
        { at: ctx.clock.now(), dataDir: ctx.dataDir },
      );
      if (!result.ok) return failWith(result);
      const details = { export: 'contact', contactId: params.id, counts: result.counts };
      await audit(
        ctx.connection,
        {
          entity: 'contact',
          entityId: new Types.ObjectId(params.id),
          action: 'exported',
          actor: ctx.actor,
          after: details,
        },
        ctx.clock.now(),
      );
      await logActivity(ctx, 'export', details);
      return reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', `attachment; filename="${result.filename}"`)
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(result.zip);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/contacts/:id/erase',
    access: OWNER,
    summary:
      "erase a customer's personal data (orders kept, anonymised); confirm with HAPUS or their name or number",
    params: IdParams,
    body: z.strictObject({ confirm: z.string().max(200) }),
    async handler({ params, body }, ctx) {
      const result = await eraseContact(
        ctx.connection,
        { contactId: params.id, confirm: body.confirm },
        { actor: ctx.actor, at: ctx.clock.now(), dataDir: ctx.dataDir },
      );
      if (!result.ok) return failWith(result);
      if (result.changed) await logActivity(ctx, 'erasure', { contactId: params.id, counts: result.counts });
      return { contactId: result.contactId, changed: result.changed, counts: result.counts };
    },
  }),
];
