import { z } from 'zod';
import type { Contact } from '../../../domain/contacts/contact.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { ACTIVITY_KINDS, LEAD_STAGES, type Lead } from '../../../domain/leads/lead.model.js';
import { addActivity, changeLeadStage, leadById, updateLead } from '../../../domain/leads/lead.use-case.js';
import { leadsWithContacts, searchLeads } from '../../../domain/leads/lead-query.use-case.js';
import type { LeadCustomField } from '../../../domain/settings/settings.model.js';
import { getSettings } from '../../../domain/settings/settings.use-case.js';
import { userModel } from '../../../domain/users/user.model.js';
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

const IdParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}$/, { error: 'must be a lead id' }) });

/** The leads list's stage or state, and page (the leads export takes the same but the page). */
export const LeadsQuery = z.strictObject({
  stage: z.enum(LEAD_STAGES).optional(),
  state: z.enum(['open', 'closed', 'all']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** The shop's custom lead fields as forms and lists show them (settings.leadCustomFields). */
const fieldsView = (fields: readonly LeadCustomField[]) =>
  fields.map((field) => ({
    key: field.key,
    label: field.label,
    type: field.type,
    ...(field.options && { options: field.options }),
  }));

/**
 * One lead as its page shows it: the card, plus the assignee, lost reason, custom field values (by key)
 * and the shop's field definitions, and activities.
 */
async function leadDetail(connection: Parameters<typeof leadById>[0], lead: Lead) {
  const [contact, users, settings] = await Promise.all([
    contactModel(connection).findById(lead.contactId).lean<Contact>(),
    userModel(connection).find({}, { name: 1 }).lean<{ _id: unknown; name: string }[]>(),
    getSettings(connection),
  ]);
  const nameOf = (id: unknown) => users.find((user) => String(user._id) === String(id))?.name ?? null;
  return {
    lead: {
      ...card({ lead, contact }),
      contactId: String(lead.contactId),
      assignee: lead.assignee ? { id: String(lead.assignee), name: nameOf(lead.assignee) } : null,
      lostReason: lead.lostReason ?? null,
      customFields: lead.customFields ?? {},
      createdAt: lead.createdAt.toISOString(),
      activities: lead.activities
        .filter((activity) => !activity.deletedAt)
        .map((activity) => ({
          id: String(activity._id),
          kind: activity.kind,
          text: activity.text,
          at: activity.at.toISOString(),
          by: activity.by ? nameOf(activity.by) : null,
        }))
        .reverse(),
    },
    assignees: users.map((user) => ({ id: String(user._id), name: user.name })),
    fields: fieldsView(settings.leadCustomFields),
  };
}

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
    method: 'GET',
    url: '/api/leads',
    access: 'signed-in',
    summary:
      "the leads list: one stage, or open / closed / all, most recently changed first, 25 per page, with custom field values and the shop's field definitions",
    query: LeadsQuery,
    async handler({ query }, { connection }) {
      const [found, settings] = await Promise.all([searchLeads(connection, query), getSettings(connection)]);
      return {
        ...found,
        items: found.items.map((item) => ({ ...card(item), customFields: item.lead.customFields ?? {} })),
        fields: fieldsView(settings.leadCustomFields),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/leads/:id',
    access: 'signed-in',
    summary: 'one lead with its contact, assignee, custom fields and activities (newest first)',
    params: IdParams,
    async handler({ params }, { connection }) {
      const lead = await leadById(connection, params.id);
      if (!lead || lead.deletedAt)
        return failWith({ code: 'LEAD.NOT_FOUND', details: `there is no lead ${params.id}` });
      return leadDetail(connection, lead);
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/leads/:id',
    access: 'signed-in',
    summary:
      'edit a lead: interest, estimated value, assignee, next action, channel, custom fields (null clears)',
    params: IdParams,
    body: z.record(z.string(), z.unknown()),
    async handler({ params, body }, { connection, clock, actor }) {
      const settings = await getSettings(connection);
      const result = await updateLead(connection, params.id, body, { actor, at: clock.now() }, settings);
      if (!result.ok) return failWith(result);
      return { ...(await leadDetail(connection, result.lead)), changed: result.changed };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/leads/:id/activities',
    access: 'signed-in',
    summary: 'log a chat, call, meeting or note on a lead',
    params: IdParams,
    body: z.strictObject({ kind: z.enum(ACTIVITY_KINDS), text: z.string().max(2000) }),
    async handler({ params, body }, { connection, clock, actor, user }) {
      const result = await addActivity(connection, {
        leadId: params.id,
        ...body,
        ...(user && { by: user._id }),
        actor,
        at: clock.now(),
      });
      if (!result.ok) return failWith(result);
      return leadDetail(connection, result.lead);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/leads/:id/stage',
    access: 'signed-in',
    summary: 'move a lead to another stage (a drop on the board); lost needs a reason',
    params: IdParams,
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
