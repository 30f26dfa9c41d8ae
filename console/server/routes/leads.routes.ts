import { z } from 'zod';
import type { Contact } from '../../../domain/contacts/contact.model.js';
import { LEAD_STAGES, type Lead } from '../../../domain/leads/lead.model.js';
import { changeLeadStage } from '../../../domain/leads/lead.use-case.js';
import { leadsWithContacts } from '../../../domain/leads/lead-query.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

/** A lead card on the board: who, from where, what it may be worth, what happens next. */
const card = ({ lead, contact }: { lead: Lead; contact: Contact | null }) => ({
  id: String(lead._id),
  stage: lead.stage,
  customer: contact?.name ?? contact?.pushName ?? null,
  phone: contact?.phone ?? null,
  channel: lead.channel,
  interest: lead.interest ?? null,
  estimatedValue: lead.estimatedValue ?? null,
  nextAction: lead.nextAction
    ? { text: lead.nextAction.text, dueAt: lead.nextAction.dueAt.toISOString() }
    : null,
  updatedAt: lead.updatedAt.toISOString(),
});

/** Leads are everyday work for every role (SPEC §7). */
export const leadsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/leads/board',
    access: 'signed-in',
    summary: 'the pipeline board: leads grouped by stage, most recently changed first (100 per stage)',
    async handler(_input, { connection }) {
      const stages = await Promise.all(
        LEAD_STAGES.map(async (stage) => ({
          stage,
          leads: (await leadsWithContacts(connection, { stage, limit: 100 })).map(card),
        })),
      );
      return { stages };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/leads/:id/stage',
    access: 'signed-in',
    summary: 'move a lead to another stage (a drop on the board); lost needs a reason',
    params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a lead id' }) }),
    body: z.strictObject({ to: z.enum(LEAD_STAGES), reason: z.string().trim().min(1).max(300).optional() }),
    async handler({ params, body }, { connection, clock, actor, user }) {
      const result = await changeLeadStage(connection, {
        leadId: params.id,
        to: body.to,
        ...(body.reason && { lostReason: body.reason }),
        ...(user && { role: user.role }),
        actor,
        at: clock.now(),
      });
      if (!result.ok) return failWith(result);
      return { lead: card({ lead: result.lead, contact: null }), changed: result.changed };
    },
  }),
];
