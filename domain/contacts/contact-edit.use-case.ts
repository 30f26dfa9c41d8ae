import { isDeepStrictEqual } from 'node:util';
import { type Connection, isValidObjectId, type Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { type Contact, type ContactAddress, contactModel } from './contact.model.js';
import { followMerged } from './contact.use-case.js';
import { isErasedChatId } from './contact-erasure.rules.js';
import { chatIdOfPhone, type PhoneNumber, parsePhone } from './phone.js';

/** Who made a change, and when. */
export interface ContactChangeContext {
  actor: Actor;
  at: Date;
}

/** Another contact, as a failure names it (so the console can offer a merge). */
export interface OtherContact {
  id: string;
  name: string | null;
  phone: string | null;
}

export type ContactEditFailure =
  | { ok: false; code: 'CONTACT.INVALID'; details: string; field?: string }
  | { ok: false; code: 'CONTACT.NOT_FOUND'; details: string }
  | { ok: false; code: 'CONTACT.ALREADY_MERGED'; details: string; mergedInto: string }
  | { ok: false; code: 'CONTACT.ALREADY_ERASED'; details: string }
  | { ok: false; code: 'CONTACT.PHONE_TAKEN'; details: string; contact: OtherContact };

export type ContactEditResult = { ok: true; contact: Contact; changed: boolean } | ContactEditFailure;

/** `""` and `null` both clear an optional text. */
const clearable = (text: z.ZodString) => text.nullable().transform((value) => (value === '' ? null : value));

const isEmail = (value: string) => value === '' || z.email().safeParse(value).success;

const ContactPatch = z
  .strictObject(
    {
      name: z
        .string({ error: 'must be text' })
        .trim()
        .min(1, { error: 'must not be empty' })
        .max(120, { error: 'must be at most 120 characters' }),
      email: clearable(
        z
          .string({ error: 'must be an email address or null' })
          .trim()
          .toLowerCase()
          .max(254, { error: 'must be at most 254 characters' })
          .refine(isEmail, { error: 'must be an email address' }),
      ),
      notes: clearable(
        z
          .string({ error: 'must be text or null' })
          .trim()
          .max(4000, { error: 'must be at most 4000 characters' }),
      ),
      tags: z
        .array(
          z
            .string({ error: 'must be text' })
            .trim()
            .toLowerCase()
            .min(1, { error: 'must not be empty' })
            .max(40, { error: 'must be at most 40 characters' }),
          { error: 'must be a list of tags' },
        )
        .max(30, { error: 'must be at most 30 tags' })
        .transform((tags) => [...new Set(tags)]),
      addresses: z
        .array(
          z.strictObject(
            {
              label: z
                .string({ error: 'must be text' })
                .trim()
                .max(40, { error: 'must be at most 40 characters' })
                .optional(),
              text: z
                .string({ error: 'must be text' })
                .trim()
                .min(1, { error: 'must not be empty' })
                .max(500, { error: 'must be at most 500 characters' }),
            },
            { error: 'must be an object with text and an optional label' },
          ),
          { error: 'must be a list of addresses' },
        )
        .max(10, { error: 'must be at most 10 addresses' }),
      optOut: z.boolean({ error: 'must be true or false' }),
      phone: z.string({ error: 'must be a phone number' }).max(40, { error: 'must be a phone number' }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
          : issue.code === 'invalid_type'
            ? 'must be an object of contact fields to change'
            : undefined,
    },
  )
  .partial();
export type ContactPatch = z.input<typeof ContactPatch>;

/** The field a zod issue is about: its path, or the unknown key it names. */
function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  if (issue.path.length > 0) return issue.path.join('.');
  return issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
}

/** Addresses as stored: a blank label is no label. */
const cleanAddresses = (
  addresses: readonly { label?: string | undefined; text: string }[],
): ContactAddress[] => addresses.map(({ label, text }) => ({ ...(label && { label }), text }));

export const describeContact = (contact: Contact): OtherContact => ({
  id: String(contact._id),
  name: contact.name ?? contact.pushName ?? null,
  phone: contact.phone ?? null,
});

/**
 * The live contact other than `selfId` that holds this phone (as its phone, or as its WhatsApp chat), if
 * any. A tombstone holding it counts as the contact it was merged into.
 */
export async function phoneHolder(
  connection: Connection,
  phone: PhoneNumber,
  selfId: Types.ObjectId,
): Promise<Contact | null> {
  const holders = await contactModel(connection)
    .find({ $or: [{ phone }, { chatId: chatIdOfPhone(phone) }], _id: { $ne: selfId } })
    .limit(10)
    .lean<Contact[]>();
  for (const holder of holders) {
    const live = await followMerged(connection, holder);
    if (!live._id.equals(selfId)) return live;
  }
  return null;
}

/**
 * Staff edit a contact: confirmed name (sets `nameConfirmed`), email, notes, tags (trimmed, lowercase,
 * each once), addresses, opt-out, phone (any Indonesian form, stored E.164; refused with
 * `CONTACT.PHONE_TAKEN` naming the other contact when someone else has it — the console then offers a
 * merge). `null` or `""` clears email and notes. Audited with before → after of what changed; a patch
 * that changes nothing writes nothing.
 */
export async function updateContact(
  connection: Connection,
  input: { id: string; patch: unknown },
  context: ContactChangeContext,
): Promise<ContactEditResult> {
  const parsed = ContactPatch.safeParse(input.patch ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && fieldOf(issue);
    return {
      ok: false,
      code: 'CONTACT.INVALID',
      details: parsed.error.issues.map((each) => `${each.path.join('.')} ${each.message}`.trim()).join('; '),
      ...(field && { field }),
    };
  }
  const patch = parsed.data;
  let phone: PhoneNumber | undefined;
  if (patch.phone !== undefined) {
    const result = parsePhone(patch.phone);
    if (!result.ok)
      return { ok: false, code: 'CONTACT.INVALID', details: `phone ${result.details}`, field: 'phone' };
    phone = result.phone;
  }

  const notFound: ContactEditFailure = {
    ok: false,
    code: 'CONTACT.NOT_FOUND',
    details: `no contact with id ${input.id}`,
  };
  if (!isValidObjectId(input.id)) return notFound;
  const contact = await contactModel(connection).findById(input.id).lean<Contact>();
  if (!contact) return notFound;
  if (contact.mergedInto) return alreadyMerged(contact);
  // What is kept of an erased customer is for the books: no name, number or details go back onto it.
  if (isErasedChatId(contact.chatId))
    return { ok: false, code: 'CONTACT.ALREADY_ERASED', details: `contact ${input.id} was erased` };

  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (field: keyof Contact, value: unknown) => {
    const old = contact[field];
    if (isDeepStrictEqual(old, value) || (old === undefined && value === null)) return;
    before[field] = old ?? null;
    after[field] = value;
    if (value === null) unset[field] = 1;
    else set[field] = value;
  };
  if (patch.name !== undefined) {
    change('name', patch.name);
    change('nameConfirmed', true);
  }
  if (patch.email !== undefined) change('email', patch.email);
  if (patch.notes !== undefined) change('notes', patch.notes);
  if (patch.tags !== undefined) change('tags', patch.tags);
  if (patch.addresses !== undefined) change('addresses', cleanAddresses(patch.addresses));
  if (patch.optOut !== undefined) change('optOut', patch.optOut);
  if (phone !== undefined) change('phone', phone);
  if (Object.keys(after).length === 0) return { ok: true, contact, changed: false };

  if (phone !== undefined && 'phone' in after) {
    const holder = await phoneHolder(connection, phone, contact._id);
    if (holder)
      return {
        ok: false,
        code: 'CONTACT.PHONE_TAKEN',
        details: `${phone} already belongs to ${describeContact(holder).name ?? 'another contact'}; merge the two contacts instead`,
        contact: describeContact(holder),
      };
  }

  const updated = await contactModel(connection)
    .findOneAndUpdate(
      // A merge that finished meanwhile wins: its tombstone is not edited.
      { _id: contact._id, mergedInto: { $exists: false } },
      { $set: set, ...(Object.keys(unset).length > 0 && { $unset: unset }) },
      { returnDocument: 'after' },
    )
    .lean<Contact>();
  if (!updated) {
    const now = await contactModel(connection).findById(contact._id).lean<Contact>();
    return now ? alreadyMerged(now) : notFound;
  }
  await audit(
    connection,
    { entity: 'contact', entityId: contact._id, action: 'updated', actor: context.actor, before, after },
    context.at,
  );
  return { ok: true, contact: updated, changed: true };
}

function alreadyMerged(contact: Contact): ContactEditFailure {
  const into = String(contact.mergedInto);
  return {
    ok: false,
    code: 'CONTACT.ALREADY_MERGED',
    details: `contact ${String(contact._id)} was merged into ${into}; edit that contact instead`,
    mergedInto: into,
  };
}
