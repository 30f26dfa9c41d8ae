import { isDeepStrictEqual } from 'node:util';
import { type Connection, isValidObjectId, Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { CHANNELS, type Channel } from '../contacts/contact.model.js';
import { isDuplicateKey } from '../platform/model.js';
import type { Settings } from '../settings/settings.model.js';
import type { UserRole } from '../users/user.model.js';
import { activeStaff } from '../users/user.use-case.js';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type Lead,
  type LeadActivity,
  type LeadStage,
  leadCounterModel,
  leadModel,
} from './lead.model.js';
import { ALERT_THROTTLE_MS, checkCustomFields, checkStageMove, isOpenStage } from './lead.rules.js';

type Id = Types.ObjectId | string;
/** Who made a change, and when. */
export interface ChangeContext {
  actor: Actor;
  at: Date;
}

export type LeadFailure =
  | { ok: false; code: 'LEAD.NOT_FOUND'; details: string }
  | { ok: false; code: 'LEAD.DELETED'; details: string }
  | { ok: false; code: 'LEAD.INVALID'; details: string }
  | { ok: false; code: 'LEAD.ILLEGAL_STAGE_MOVE'; details: string; allowed: LeadStage[] }
  | { ok: false; code: 'LEAD.LOST_REASON_REQUIRED'; details: string }
  | { ok: false; code: 'LEAD.OPEN_LEAD_EXISTS'; details: string }
  | { ok: false; code: 'LEAD.ACTIVITY_NOT_FOUND'; details: string };

/** A change's outcome: the lead as it is now, and whether anything changed (repeats are harmless no-ops). */
export type LeadResult = { ok: true; lead: Lead; changed: boolean } | LeadFailure;

const notFound = (id: Id): LeadFailure => ({
  ok: false,
  code: 'LEAD.NOT_FOUND',
  details: `no lead with id ${String(id)}`,
});
const deleted = (id: Id): LeadFailure => ({
  ok: false,
  code: 'LEAD.DELETED',
  details: `lead ${String(id)} is deleted; restore it first`,
});
const openExists: LeadFailure = {
  ok: false,
  code: 'LEAD.OPEN_LEAD_EXISTS',
  details: 'the contact already has another open lead; close or delete that one first',
};

/** A lead by id, deleted or not; null for an unknown or malformed id. */
export async function leadById(connection: Connection, id: Id): Promise<Lead | null> {
  if (!isValidObjectId(id)) return null;
  return leadModel(connection).findById(id).lean<Lead>();
}

/** The contact's open lead, if any. */
export async function openLeadOfContact(connection: Connection, contactId: Id): Promise<Lead | null> {
  return leadModel(connection).findOne({ contactId, open: true }).lean<Lead>();
}

/** Leads for lists and the pipeline board, most recently changed first; deleted ones only when asked. */
export async function listLeads(
  connection: Connection,
  filter: {
    stage?: LeadStage;
    assignee?: Id;
    contactId?: Id;
    deleted?: boolean;
    limit?: number;
    skip?: number;
  } = {},
): Promise<Lead[]> {
  return leadModel(connection)
    .find({
      ...(filter.stage && { stage: filter.stage }),
      ...(filter.assignee && { assignee: filter.assignee }),
      ...(filter.contactId && { contactId: filter.contactId }),
      deletedAt: { $exists: filter.deleted === true },
    })
    .sort({ updatedAt: -1, _id: -1 })
    .skip(filter.skip ?? 0)
    .limit(filter.limit ?? 50)
    .lean<Lead[]>();
}

/** Who a new lead goes to under the shop's rule; undefined = nobody (no rule, or nobody to give it to). */
async function pickAssignee(
  connection: Connection,
  rule: Settings['leadAssignment'],
): Promise<Types.ObjectId | undefined> {
  if (rule === 'owner') return (await activeStaff(connection, ['owner']))[0]?._id;
  if (rule !== 'round_robin') return undefined;
  const admins = await activeStaff(connection, ['admin']);
  if (admins.length === 0) return undefined;
  // One atomic $inc per new lead: concurrent leads take consecutive turns, never the same one.
  const counter = await leadCounterModel(connection)
    .findOneAndUpdate({ _id: 'round_robin' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
    .lean<{ seq: number }>();
  return admins[((counter?.seq ?? 1) - 1) % admins.length]?._id;
}

/**
 * The contact's open lead, created when there is none (assigned by the shop's rule). Many messages at
 * once still make one lead: the upsert finds the open lead or inserts it, and the unique index on the
 * open lead's contact turns a lost insert race into a second, finding upsert. Only the creator takes a
 * round-robin turn.
 */
export async function openLeadForContact(
  connection: Connection,
  input: { contactId: Id; channel: Channel; interest?: string; at: Date; actor: Actor },
  settings: Pick<Settings, 'leadAssignment'>,
): Promise<{ lead: Lead; created: boolean }> {
  const model = leadModel(connection);
  const interest = input.interest?.trim();
  const upsert = () =>
    model.findOneAndUpdate(
      { contactId: input.contactId, open: true },
      {
        $setOnInsert: {
          stage: 'new',
          channel: input.channel,
          ...(interest && { interest }),
          activities: [],
          customFields: {},
          createdAt: input.at,
          updatedAt: input.at,
          stageChangedAt: input.at,
          // The new-lead alert is the first alert: the throttle starts here.
          lastAlertAt: input.at,
        },
      },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true },
    );
  const result = await upsert().catch((error: unknown) => {
    if (isDuplicateKey(error)) return upsert();
    throw error;
  });
  let lead = result.value as Lead;
  const created = result.lastErrorObject?.updatedExisting === false;
  if (!created) return { lead, created };

  const assignee = await pickAssignee(connection, settings.leadAssignment);
  if (assignee) {
    lead =
      (await model
        .findOneAndUpdate(
          { _id: lead._id, assignee: { $exists: false } },
          { $set: { assignee } },
          { returnDocument: 'after' },
        )
        .lean<Lead>()) ?? lead;
  }
  await audit(
    connection,
    {
      entity: 'lead',
      entityId: lead._id,
      action: 'created',
      actor: input.actor,
      after: {
        contactId: lead.contactId,
        stage: lead.stage,
        channel: lead.channel,
        ...(lead.interest && { interest: lead.interest }),
        ...(lead.assignee && { assignee: lead.assignee }),
      },
    },
    input.at,
  );
  return { lead, created };
}

/**
 * Move a lead along the funnel (rules in lead.rules.ts). The write is conditional on the stage it was
 * read in, so two people moving the same lead at once cannot both pass a check made on the old stage.
 * Reopening a lost lead fails with `LEAD.OPEN_LEAD_EXISTS` when the contact has a newer open lead.
 */
export async function changeLeadStage(
  connection: Connection,
  input: { leadId: Id; to: LeadStage; lostReason?: string; role?: UserRole } & ChangeContext,
): Promise<LeadResult> {
  const model = leadModel(connection);
  for (let attempt = 0; attempt < 3; attempt++) {
    const lead = await leadById(connection, input.leadId);
    if (!lead) return notFound(input.leadId);
    if (lead.deletedAt) return deleted(input.leadId);
    if (lead.stage === input.to) return { ok: true, lead, changed: false };
    const check = checkStageMove(lead.stage, input.to, {
      ...(input.lostReason !== undefined && { lostReason: input.lostReason }),
      ...(input.role !== undefined && { role: input.role }),
    });
    if (!check.ok) return check;

    const open = isOpenStage(input.to);
    const unset = {
      ...(check.lostReason === undefined && lead.lostReason !== undefined && { lostReason: 1 }),
      ...(open && lead.closedAt !== undefined && { closedAt: 1 }),
    };
    let updated: Lead | null;
    try {
      updated = await model
        .findOneAndUpdate(
          { _id: lead._id, stage: lead.stage, deletedAt: { $exists: false } },
          {
            $set: {
              stage: input.to,
              open,
              stageChangedAt: input.at,
              updatedAt: input.at,
              ...(check.lostReason !== undefined && { lostReason: check.lostReason }),
              ...(!open && { closedAt: input.at }),
            },
            ...(Object.keys(unset).length > 0 && { $unset: unset }),
          },
          { returnDocument: 'after' },
        )
        .lean<Lead>();
    } catch (error) {
      if (isDuplicateKey(error)) return openExists;
      throw error;
    }
    // Someone changed it between the read and the write: judge the move again on the new stage.
    if (!updated) continue;
    await audit(
      connection,
      {
        entity: 'lead',
        entityId: lead._id,
        action: 'stage_changed',
        actor: input.actor,
        before: { stage: lead.stage, ...(lead.lostReason !== undefined && { lostReason: lead.lostReason }) },
        after: {
          stage: updated.stage,
          ...(updated.lostReason !== undefined && { lostReason: updated.lostReason }),
        },
      },
      input.at,
    );
    return { ok: true, lead: updated, changed: true };
  }
  throw new Error(`lead ${String(input.leadId)} kept changing while its stage was being moved`);
}

const ActivityInput = z.object({
  kind: z.enum(ACTIVITY_KINDS, { error: 'must be chat, call, meeting or note' }),
  text: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(2000, { error: 'must be at most 2000 characters' }),
});

/** Why a conditional write on a lead matched nothing: it does not exist, or it is deleted. */
async function missingOrDeleted(connection: Connection, leadId: Id): Promise<LeadFailure> {
  const lead = await leadById(connection, leadId);
  return lead ? deleted(leadId) : notFound(leadId);
}

const zodDetails = (issues: readonly z.core.$ZodIssue[]): string =>
  issues.map((issue) => `${issue.path.join('.')} ${issue.message}`.trim()).join('; ');

/** Record a follow-up step (chat, call, meeting) or a note on a lead that is not deleted. */
export async function addActivity(
  connection: Connection,
  input: { leadId: Id; kind: ActivityKind; text: string; by?: Id } & ChangeContext,
): Promise<{ ok: true; lead: Lead; activity: LeadActivity } | LeadFailure> {
  const parsed = ActivityInput.safeParse({ kind: input.kind, text: input.text });
  if (!parsed.success) return { ok: false, code: 'LEAD.INVALID', details: zodDetails(parsed.error.issues) };
  if (!isValidObjectId(input.leadId)) return notFound(input.leadId);
  const activity: LeadActivity = {
    _id: new Types.ObjectId(),
    ...parsed.data,
    at: input.at,
    ...(input.by !== undefined && { by: new Types.ObjectId(String(input.by)) }),
  };
  const lead = await leadModel(connection)
    .findOneAndUpdate(
      { _id: input.leadId, deletedAt: { $exists: false } },
      { $push: { activities: activity }, $set: { updatedAt: input.at } },
      { returnDocument: 'after' },
    )
    .lean<Lead>();
  if (!lead) return missingOrDeleted(connection, input.leadId);
  await audit(
    connection,
    {
      entity: 'lead',
      entityId: lead._id,
      action: 'activity_added',
      actor: input.actor,
      after: { activityId: activity._id, kind: activity.kind, text: activity.text },
    },
    input.at,
  );
  return { ok: true, lead, activity };
}

/** Ids compare by their hex string; everything else by value. */
const comparable = (value: unknown): unknown =>
  value instanceof Types.ObjectId ? value.toHexString() : value;

/** `{'customFields.kelas': 1}` → `{customFields: {kelas: 1}}`: audit entries keep no dotted keys. */
function nest(paths: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(paths)) {
    const [head, sub] = path.split('.') as [string, string | undefined];
    if (sub === undefined) out[head] = value;
    else out[head] = { ...(out[head] as Record<string, unknown> | undefined), [sub]: value };
  }
  return out;
}

const LeadPatch = z
  .strictObject(
    {
      channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }),
      interest: z
        .string({ error: 'must be text or null' })
        .trim()
        .max(500, { error: 'must be at most 500 characters' })
        .nullable(),
      estimatedValue: z
        .number({ error: 'must be a whole number of rupiah or null' })
        .int({ error: 'must be a whole number of rupiah' })
        .min(0, { error: 'must not be negative' })
        .nullable(),
      assignee: z
        .string({ error: 'must be a user id or null' })
        .refine((id) => isValidObjectId(id), { error: 'must be a user id' })
        .nullable(),
      nextAction: z
        .strictObject({
          text: z
            .string({ error: 'must be text' })
            .trim()
            .min(1, { error: 'must not be empty' })
            .max(500, { error: 'must be at most 500 characters' }),
          dueAt: z.coerce.date({ error: 'must be a date and time' }),
        })
        .nullable(),
      customFields: z.record(z.string(), z.unknown(), { error: 'must be an object of field values' }),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
          : issue.code === 'invalid_type'
            ? 'must be an object of lead fields to change'
            : undefined,
    },
  )
  .partial();
export type LeadPatch = z.input<typeof LeadPatch>;

/**
 * Edit a lead's details: channel, interest, estimated value, assignee (an active user), next action,
 * custom fields (checked against the shop's definitions, changed one key at a time). `null` clears a
 * field. Stage changes go through `changeLeadStage`. Audited with what changed.
 */
export async function updateLead(
  connection: Connection,
  leadId: Id,
  patch: unknown,
  ctx: ChangeContext,
  settings: Pick<Settings, 'leadCustomFields'>,
): Promise<LeadResult> {
  const parsed = LeadPatch.safeParse(patch);
  if (!parsed.success) return { ok: false, code: 'LEAD.INVALID', details: zodDetails(parsed.error.issues) };
  const { customFields, ...fields } = parsed.data;
  const custom = checkCustomFields(customFields ?? {}, settings.leadCustomFields);
  if (!custom.ok) return custom;
  if (fields.assignee) {
    const staff = await activeStaff(connection);
    if (!staff.some((user) => String(user._id) === fields.assignee))
      return { ok: false, code: 'LEAD.INVALID', details: 'assignee must be an active user' };
  }

  const lead = await leadById(connection, leadId);
  if (!lead) return notFound(leadId);
  if (lead.deletedAt) return deleted(leadId);

  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (path: string, old: unknown, value: unknown) => {
    if (isDeepStrictEqual(comparable(old), comparable(value)) || (old === undefined && value === null))
      return;
    before[path] = old ?? null;
    after[path] = value;
    if (value === null) unset[path] = 1;
    else set[path] = value;
  };
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
    if (value === undefined) continue;
    if (key === 'assignee')
      change(key, lead.assignee, value === null ? null : new Types.ObjectId(String(value)));
    else change(key, lead[key], value);
  }
  for (const [key, value] of Object.entries(custom.set))
    change(`customFields.${key}`, lead.customFields[key], value);
  for (const key of custom.unset) change(`customFields.${key}`, lead.customFields[key], null);
  if (Object.keys(after).length === 0) return { ok: true, lead, changed: false };

  const updated = await leadModel(connection)
    .findOneAndUpdate(
      { _id: lead._id, deletedAt: { $exists: false } },
      {
        $set: { ...set, updatedAt: ctx.at },
        ...(Object.keys(unset).length > 0 && { $unset: unset }),
      },
      { returnDocument: 'after' },
    )
    .lean<Lead>();
  if (!updated) return missingOrDeleted(connection, leadId);
  await audit(
    connection,
    {
      entity: 'lead',
      entityId: lead._id,
      action: 'updated',
      actor: ctx.actor,
      before: nest(before),
      after: nest(after),
    },
    ctx.at,
  );
  return { ok: true, lead: updated, changed: true };
}

/** Soft-delete a lead: hidden from lists, no longer the contact's open lead, restorable. */
export async function softDeleteLead(
  connection: Connection,
  leadId: Id,
  ctx: ChangeContext,
): Promise<LeadResult> {
  if (!isValidObjectId(leadId)) return notFound(leadId);
  const lead = await leadModel(connection)
    .findOneAndUpdate(
      { _id: leadId, deletedAt: { $exists: false } },
      { $set: { deletedAt: ctx.at, open: false, updatedAt: ctx.at } },
      { returnDocument: 'after' },
    )
    .lean<Lead>();
  if (!lead) {
    const existing = await leadById(connection, leadId);
    return existing ? { ok: true, lead: existing, changed: false } : notFound(leadId);
  }
  await audit(
    connection,
    {
      entity: 'lead',
      entityId: lead._id,
      action: 'deleted',
      actor: ctx.actor,
      before: { deletedAt: null },
      after: { deletedAt: ctx.at },
    },
    ctx.at,
  );
  return { ok: true, lead, changed: true };
}

/**
 * Bring a deleted lead back. An open-stage lead becomes the contact's open lead again, which fails
 * with `LEAD.OPEN_LEAD_EXISTS` when the contact has had a new one meanwhile.
 */
export async function restoreLead(
  connection: Connection,
  leadId: Id,
  ctx: ChangeContext,
): Promise<LeadResult> {
  const existing = await leadById(connection, leadId);
  if (!existing) return notFound(leadId);
  if (!existing.deletedAt) return { ok: true, lead: existing, changed: false };
  let lead: Lead | null;
  try {
    lead = await leadModel(connection)
      .findOneAndUpdate(
        // A deleted lead's stage cannot change, so `open` computed from it stays right.
        { _id: existing._id, deletedAt: { $exists: true } },
        { $set: { open: isOpenStage(existing.stage), updatedAt: ctx.at }, $unset: { deletedAt: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Lead>();
  } catch (error) {
    if (isDuplicateKey(error)) return openExists;
    throw error;
  }
  if (!lead) return { ok: true, lead: (await leadById(connection, leadId)) ?? existing, changed: false };
  await audit(
    connection,
    {
      entity: 'lead',
      entityId: lead._id,
      action: 'restored',
      actor: ctx.actor,
      before: { deletedAt: existing.deletedAt },
      after: { deletedAt: null },
    },
    ctx.at,
  );
  return { ok: true, lead, changed: true };
}

/** Soft-delete (`deleted: true`) or restore one activity of a lead. */
async function markActivity(
  connection: Connection,
  input: { leadId: Id; activityId: Id; deleted: boolean } & ChangeContext,
): Promise<LeadResult> {
  if (!isValidObjectId(input.leadId)) return notFound(input.leadId);
  if (!isValidObjectId(input.activityId)) return activityMissing(input.activityId);
  const lead = await leadModel(connection)
    .findOneAndUpdate(
      {
        _id: input.leadId,
        activities: { $elemMatch: { _id: input.activityId, deletedAt: { $exists: !input.deleted } } },
      },
      input.deleted
        ? { $set: { 'activities.$.deletedAt': input.at, updatedAt: input.at } }
        : { $unset: { 'activities.$.deletedAt': 1 }, $set: { updatedAt: input.at } },
      { returnDocument: 'after' },
    )
    .lean<Lead>();
  if (!lead) {
    const existing = await leadById(connection, input.leadId);
    if (!existing) return notFound(input.leadId);
    const found = existing.activities.some((activity) => String(activity._id) === String(input.activityId));
    return found ? { ok: true, lead: existing, changed: false } : activityMissing(input.activityId);
  }
  await audit(
    connection,
    {
      entity: 'lead',
      entityId: lead._id,
      action: input.deleted ? 'activity_deleted' : 'activity_restored',
      actor: input.actor,
      after: { activityId: input.activityId, deleted: input.deleted },
    },
    input.at,
  );
  return { ok: true, lead, changed: true };
}

const activityMissing = (activityId: Id): LeadFailure => ({
  ok: false,
  code: 'LEAD.ACTIVITY_NOT_FOUND',
  details: `the lead has no activity ${String(activityId)}`,
});

/** Soft-delete an activity: hidden, restorable. */
export function softDeleteActivity(
  connection: Connection,
  input: { leadId: Id; activityId: Id } & ChangeContext,
): Promise<LeadResult> {
  return markActivity(connection, { ...input, deleted: true });
}

/** Restore a soft-deleted activity. */
export function restoreActivity(
  connection: Connection,
  input: { leadId: Id; activityId: Id } & ChangeContext,
): Promise<LeadResult> {
  return markActivity(connection, { ...input, deleted: false });
}

/**
 * The contact wrote at `at`: note it on their open lead and say whether to alert its assignee that
 * their lead wrote again. Throttled to one alert per lead per 30 minutes (the new-lead alert counts),
 * claimed atomically so two messages at once alert once. No open lead or no assignee: no alert.
 */
export async function noteCustomerMessage(
  connection: Connection,
  contactId: Id,
  at: Date,
): Promise<{ lead: Lead | null; alert: boolean }> {
  const model = leadModel(connection);
  const lead = await model
    .findOneAndUpdate(
      { contactId, open: true },
      { $max: { lastCustomerMessageAt: at } },
      { returnDocument: 'after' },
    )
    .lean<Lead>();
  if (!lead?.assignee) return { lead, alert: false };
  const claimed = await model
    .findOneAndUpdate(
      {
        _id: lead._id,
        open: true,
        $or: [
          { lastAlertAt: { $exists: false } },
          { lastAlertAt: { $lte: new Date(at.getTime() - ALERT_THROTTLE_MS) } },
        ],
      },
      { $set: { lastAlertAt: at } },
      { returnDocument: 'after' },
    )
    .lean<Lead>();
  return claimed ? { lead: claimed, alert: true } : { lead, alert: false };
}
