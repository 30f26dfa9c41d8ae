import type { Connection } from 'mongoose';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { chatIdOfPhone, type PhoneNumber } from '../contacts/phone.js';
import { type Lead, type LeadStage, leadModel } from './lead.model.js';
import { OPEN_STAGES } from './lead.rules.js';

/** A lead with the contact it belongs to, for lists staff read. */
export interface LeadWithContact {
  lead: Lead;
  contact: Contact | null;
}

/**
 * Leads for a quick list, most recently changed first: those in `stage`, or every open one when no
 * stage is given; deleted leads never. `limit` is clamped to 1–100.
 */
export async function leadsWithContacts(
  connection: Connection,
  filter: { stage?: LeadStage; limit?: number } = {},
): Promise<LeadWithContact[]> {
  const limit = Math.min(100, Math.max(1, Math.trunc(filter.limit ?? 20)));
  const leads = await leadModel(connection)
    .find({ stage: filter.stage ?? { $in: OPEN_STAGES }, deletedAt: { $exists: false } })
    .sort({ updatedAt: -1, _id: -1 })
    .limit(limit)
    .lean<Lead[]>();
  return withContacts(connection, leads);
}

/** Each lead with its contact (one query for all of them). */
export async function withContacts(connection: Connection, leads: Lead[]): Promise<LeadWithContact[]> {
  const contacts = await contactModel(connection)
    .find({ _id: { $in: leads.map((lead) => lead.contactId) } })
    .lean<Contact[]>();
  const byId = new Map(contacts.map((contact) => [String(contact._id), contact]));
  return leads.map((lead) => ({ lead, contact: byId.get(String(lead.contactId)) ?? null }));
}

export type LeadOfPhoneResult =
  | { ok: true; lead: Lead; contact: Contact }
  | { ok: false; code: 'LEAD.NOT_FOUND'; details: string; phone: string };

/** The lead of the contact with this phone: their open lead, else their latest one. */
export async function leadOfPhone(connection: Connection, phone: PhoneNumber): Promise<LeadOfPhoneResult> {
  const contact = await contactModel(connection)
    .findOne({ $or: [{ phone }, { chatId: chatIdOfPhone(phone) }] })
    .sort({ createdAt: 1 })
    .lean<Contact>();
  const lead = contact
    ? await leadModel(connection)
        .findOne({ contactId: contact._id, deletedAt: { $exists: false } })
        .sort({ open: -1, createdAt: -1 })
        .lean<Lead>()
    : null;
  if (!contact || !lead)
    return { ok: false, code: 'LEAD.NOT_FOUND', details: `no lead for the phone number ${phone}`, phone };
  return { ok: true, lead, contact };
}

export const LEADS_PAGE_SIZE = 25;

/** A leads list's filter: one stage, or open / closed / all leads. */
export interface LeadFilter {
  stage?: LeadStage;
  state?: 'open' | 'closed' | 'all';
}

/**
 * What a leads search asks the database: deleted leads never, most recently changed first. The console
 * list and the leads export both build their query here.
 */
export function leadQuery(filter: LeadFilter): {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
} {
  const state = filter.state ?? 'all';
  return {
    filter: {
      deletedAt: { $exists: false },
      ...(filter.stage ? { stage: filter.stage } : state !== 'all' && { open: state === 'open' }),
    },
    sort: { updatedAt: -1, _id: -1 },
  };
}

/** The leads list of the console (see leadQuery), 25 per page, with their contacts. */
export async function searchLeads(
  connection: Connection,
  filter: LeadFilter & { page?: number },
): Promise<{ items: LeadWithContact[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.trunc(filter.page ?? 1));
  const { filter: query, sort } = leadQuery(filter);
  const model = leadModel(connection);
  const [leads, total] = await Promise.all([
    model
      .find(query)
      .sort(sort)
      .skip((page - 1) * LEADS_PAGE_SIZE)
      .limit(LEADS_PAGE_SIZE)
      .lean<Lead[]>(),
    model.countDocuments(query),
  ]);
  return {
    items: await withContacts(connection, leads),
    total,
    page,
    pageSize: LEADS_PAGE_SIZE,
  };
}
