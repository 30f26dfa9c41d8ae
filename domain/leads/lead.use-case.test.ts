import { Types } from 'mongoose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import type { LeadCustomField } from '../settings/settings.model.js';
import { userModel } from '../users/user.model.js';
import { type CreateUserInput, createUser, setUserActive } from '../users/user.use-case.js';
import { type Lead, leadCounterModel, leadModel } from './lead.model.js';
import {
  addActivity,
  changeLeadStage,
  type LeadResult,
  leadById,
  listLeads,
  noteCustomerMessage,
  openLeadForContact,
  restoreActivity,
  restoreLead,
  softDeleteActivity,
  softDeleteLead,
  updateLead,
} from './lead.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const bot: Actor = { kind: 'bot' };
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const unassigned = { leadAssignment: 'unassigned' } as const;

async function newLead(
  contactId = new Types.ObjectId(),
  settings: { leadAssignment: 'owner' | 'round_robin' | 'unassigned' } = unassigned,
  at = t0,
): Promise<Lead> {
  return (
    await openLeadForContact(db.connection, { contactId, channel: 'instagram_ads', at, actor: bot }, settings)
  ).lead;
}

async function staffUser(input: CreateUserInput, minute = 0) {
  const result = await createUser(db.connection, input, { actor: bot, at: minutes(minute) });
  if (!result.ok) throw new Error(result.details);
  return result.user;
}

/** The lead of a result that must have succeeded. */
function leadOf(result: LeadResult): Lead {
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result.lead;
}

beforeAll(async () => {
  // Unique indexes must exist before the races below start.
  await Promise.all([leadModel(db.connection).init(), userModel(db.connection).init()]);
});
beforeEach(async () => {
  await Promise.all([
    leadModel(db.connection).deleteMany({}),
    leadCounterModel(db.connection).deleteMany({}),
    userModel(db.connection).deleteMany({}),
    auditModel(db.connection).deleteMany({}),
  ]);
});

describe('openLeadForContact', () => {
  it('creates a new, open, unassigned lead once and reuses it afterwards', async () => {
    const contactId = new Types.ObjectId();
    const first = await openLeadForContact(
      db.connection,
      { contactId, channel: 'tiktok_ads', interest: ' les privat matematika ', at: t0, actor: bot },
      unassigned,
    );
    expect(first.created).toBe(true);
    expect(first.lead).toMatchObject({
      contactId,
      stage: 'new',
      open: true,
      channel: 'tiktok_ads',
      interest: 'les privat matematika',
      activities: [],
      customFields: {},
      createdAt: t0,
      lastAlertAt: t0,
    });
    expect(first.lead.assignee).toBeUndefined();
    const again = await openLeadForContact(
      db.connection,
      { contactId, channel: 'organic', at: minutes(5), actor: bot },
      unassigned,
    );
    expect(again).toMatchObject({ created: false, lead: { _id: first.lead._id, channel: 'tiktok_ads' } });
    expect(await auditModel(db.connection).countDocuments({ entity: 'lead', action: 'created' })).toBe(1);
  });

  it('makes one lead out of five simultaneous opens for one contact', async () => {
    const contactId = new Types.ObjectId();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        openLeadForContact(db.connection, { contactId, channel: 'organic', at: t0, actor: bot }, unassigned),
      ),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => String(result.lead._id))).size).toBe(1);
    expect(await leadModel(db.connection).countDocuments({ contactId })).toBe(1);
  });

  it('rotates new leads among active admins: 6 leads over 3 admins give 2 each', async () => {
    await staffUser({ name: 'Owner', login: 'owner', role: 'owner' }, 0);
    const admins = [
      await staffUser({ name: 'A1', login: 'admin1', role: 'admin' }, 1),
      await staffUser({ name: 'A2', login: 'admin2', role: 'admin' }, 2),
      await staffUser({ name: 'A3', login: 'admin3', role: 'admin' }, 3),
    ];
    await staffUser({ name: 'M', login: 'manager', role: 'manager' }, 4);
    const gone = await staffUser({ name: 'Gone', login: 'gone', role: 'admin' }, 5);
    await setUserActive(db.connection, gone._id, false, { actor: bot, at: t0 });

    const leads = await Promise.all(
      Array.from({ length: 6 }, () => newLead(new Types.ObjectId(), { leadAssignment: 'round_robin' })),
    );
    const perAdmin = new Map<string, number>();
    for (const lead of leads)
      perAdmin.set(String(lead.assignee), (perAdmin.get(String(lead.assignee)) ?? 0) + 1);
    expect(Object.fromEntries(perAdmin)).toEqual(
      Object.fromEntries(admins.map((admin) => [String(admin._id), 2])),
    );
    const stored = await leadModel(db.connection).find().lean<Lead[]>();
    expect(stored.every((lead) => lead.assignee !== undefined)).toBe(true);
    expect(
      await auditModel(db.connection).findOne({ entity: 'lead', action: 'created' }).lean(),
    ).toMatchObject({
      after: { assignee: expect.any(Types.ObjectId) },
    });
  });

  it('takes admins in turn, oldest account first: three leads go to A1, A2, A3 and the fourth to A1 again', async () => {
    await staffUser({ name: 'Owner', login: 'owner', role: 'owner' }, 0);
    const a1 = await staffUser({ name: 'A1', login: 'admin1', role: 'admin' }, 1);
    const a2 = await staffUser({ name: 'A2', login: 'admin2', role: 'admin' }, 2);
    const a3 = await staffUser({ name: 'A3', login: 'admin3', role: 'admin' }, 3);
    const contacts = Array.from({ length: 4 }, () => new Types.ObjectId());
    const assignees: unknown[] = [];
    for (const contactId of contacts)
      assignees.push((await newLead(contactId, { leadAssignment: 'round_robin' })).assignee);
    expect(assignees).toEqual([a1._id, a2._id, a3._id, a1._id]);
    // A lead that writes again keeps its owner: only a new lead takes a turn.
    const again = await openLeadForContact(
      db.connection,
      { contactId: contacts[1]!, channel: 'organic', at: t0, actor: bot },
      { leadAssignment: 'round_robin' },
    );
    expect(again).toMatchObject({ created: false, lead: { assignee: a2._id } });
    expect((await newLead(new Types.ObjectId(), { leadAssignment: 'round_robin' })).assignee).toEqual(a2._id);
  });

  it('gives new leads to the owner under the owner rule, and to nobody when there is no one', async () => {
    expect((await newLead(undefined, { leadAssignment: 'owner' })).assignee).toBeUndefined();
    expect((await newLead(undefined, { leadAssignment: 'round_robin' })).assignee).toBeUndefined();
    const owner = await staffUser({ name: 'Rina', login: 'rina', role: 'owner' });
    await staffUser({ name: 'A1', login: 'admin1', role: 'admin' });
    expect((await newLead(undefined, { leadAssignment: 'owner' })).assignee).toEqual(owner._id);
    expect((await newLead(undefined, unassigned)).assignee).toBeUndefined();
  });
});

describe('changeLeadStage', () => {
  it('moves forward, audits, and treats a repeat as done', async () => {
    const lead = await newLead();
    const moved = await changeLeadStage(db.connection, {
      leadId: lead._id,
      to: 'qualified',
      actor: staff,
      at: minutes(1),
    });
    expect(leadOf(moved)).toMatchObject({ stage: 'qualified', open: true, stageChangedAt: minutes(1) });
    expect(moved).toMatchObject({ changed: true });
    const repeat = await changeLeadStage(db.connection, {
      leadId: lead._id,
      to: 'qualified',
      actor: staff,
      at: minutes(2),
    });
    expect(repeat).toMatchObject({ ok: true, changed: false });
    const entries = await auditModel(db.connection).find({ action: 'stage_changed' }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: staff,
      before: { stage: 'new' },
      after: { stage: 'qualified' },
    });
  });

  it('refuses going backward and reports unknown leads', async () => {
    const lead = await newLead();
    await changeLeadStage(db.connection, { leadId: lead._id, to: 'proposal', actor: staff, at: t0 });
    expect(
      await changeLeadStage(db.connection, { leadId: lead._id, to: 'contacted', actor: staff, at: t0 }),
    ).toMatchObject({
      ok: false,
      code: 'LEAD.ILLEGAL_STAGE_MOVE',
      allowed: ['won', 'lost'],
    });
    expect(
      await changeLeadStage(db.connection, { leadId: new Types.ObjectId(), to: 'won', actor: staff, at: t0 }),
    ).toMatchObject({ code: 'LEAD.NOT_FOUND' });
    expect(
      await changeLeadStage(db.connection, { leadId: 'nope', to: 'won', actor: staff, at: t0 }),
    ).toMatchObject({
      code: 'LEAD.NOT_FOUND',
    });
  });

  it('needs a reason to lose a lead; a lost lead no longer blocks a new one, and reopens only if none is open', async () => {
    const contactId = new Types.ObjectId();
    const lead = await newLead(contactId);
    expect(
      await changeLeadStage(db.connection, { leadId: lead._id, to: 'lost', actor: staff, at: t0 }),
    ).toMatchObject({
      ok: false,
      code: 'LEAD.LOST_REASON_REQUIRED',
    });
    expect((await leadById(db.connection, lead._id))?.stage).toBe('new');

    const lost = leadOf(
      await changeLeadStage(db.connection, {
        leadId: lead._id,
        to: 'lost',
        lostReason: 'pilih bimbel lain',
        actor: staff,
        at: minutes(1),
      }),
    );
    expect(lost).toMatchObject({
      stage: 'lost',
      open: false,
      lostReason: 'pilih bimbel lain',
      closedAt: minutes(1),
    });

    const next = await openLeadForContact(
      db.connection,
      { contactId, channel: 'referral', at: minutes(2), actor: bot },
      unassigned,
    );
    expect(next.created).toBe(true);
    expect(
      await changeLeadStage(db.connection, {
        leadId: lead._id,
        to: 'contacted',
        actor: staff,
        at: minutes(3),
      }),
    ).toMatchObject({
      ok: false,
      code: 'LEAD.OPEN_LEAD_EXISTS',
    });

    await changeLeadStage(db.connection, { leadId: next.lead._id, to: 'won', actor: staff, at: minutes(4) });
    const reopened = leadOf(
      await changeLeadStage(db.connection, {
        leadId: lead._id,
        to: 'contacted',
        actor: staff,
        at: minutes(5),
      }),
    );
    expect(reopened).toMatchObject({ stage: 'contacted', open: true });
    expect(reopened.lostReason).toBeUndefined();
    expect(reopened.closedAt).toBeUndefined();
    expect(
      await auditModel(db.connection).findOne({ entityId: lead._id, 'after.stage': 'contacted' }).lean(),
    ).toMatchObject({
      before: { stage: 'lost', lostReason: 'pilih bimbel lain' },
    });
  });

  it('keeps won final for staff; the owner may correct it', async () => {
    const lead = await newLead();
    await changeLeadStage(db.connection, { leadId: lead._id, to: 'won', actor: staff, at: t0 });
    expect(
      await changeLeadStage(db.connection, {
        leadId: lead._id,
        to: 'proposal',
        role: 'admin',
        actor: staff,
        at: t0,
      }),
    ).toMatchObject({ code: 'LEAD.ILLEGAL_STAGE_MOVE', allowed: [] });
    const corrected = await changeLeadStage(db.connection, {
      leadId: lead._id,
      to: 'proposal',
      role: 'owner',
      actor: staff,
      at: t0,
    });
    expect(leadOf(corrected)).toMatchObject({ stage: 'proposal', open: true });
  });

  it('lets only one of two simultaneous closing moves win', async () => {
    const lead = await newLead();
    const results = await Promise.all([
      changeLeadStage(db.connection, { leadId: lead._id, to: 'won', actor: staff, at: t0 }),
      changeLeadStage(db.connection, {
        leadId: lead._id,
        to: 'lost',
        lostReason: 'batal',
        actor: staff,
        at: t0,
      }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ code: 'LEAD.ILLEGAL_STAGE_MOVE' });
    expect(await auditModel(db.connection).countDocuments({ action: 'stage_changed' })).toBe(1);
  });
});

describe('activities', () => {
  it('adds, soft-deletes and restores an activity, each audited', async () => {
    const lead = await newLead();
    const by = new Types.ObjectId();
    const added = await addActivity(db.connection, {
      leadId: lead._id,
      kind: 'call',
      text: ' Telepon ibu siswa, minta jadwal tes ',
      by,
      actor: staff,
      at: minutes(1),
    });
    if (!added.ok) throw new Error(added.details);
    expect(added.activity).toMatchObject({
      kind: 'call',
      text: 'Telepon ibu siswa, minta jadwal tes',
      by,
      at: minutes(1),
    });
    expect(added.lead.activities).toHaveLength(1);
    expect(added.lead.updatedAt).toEqual(minutes(1));

    const input = { leadId: lead._id, activityId: added.activity._id, actor: staff, at: minutes(2) };
    const removed = leadOf(await softDeleteActivity(db.connection, input));
    expect(removed.activities[0]?.deletedAt).toEqual(minutes(2));
    expect(await softDeleteActivity(db.connection, input)).toMatchObject({ ok: true, changed: false });
    const restored = leadOf(await restoreActivity(db.connection, { ...input, at: minutes(3) }));
    expect(restored.activities[0]?.deletedAt).toBeUndefined();
    expect(restored.activities[0]?.text).toBe('Telepon ibu siswa, minta jadwal tes');

    const actions = (await auditModel(db.connection).find({ entity: 'lead' }).sort({ at: 1 }).lean()).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['created', 'activity_added', 'activity_deleted', 'activity_restored']);
  });

  it('refuses empty text, unknown activities and deleted leads', async () => {
    const lead = await newLead();
    expect(
      await addActivity(db.connection, { leadId: lead._id, kind: 'note', text: '  ', actor: staff, at: t0 }),
    ).toEqual({ ok: false, code: 'LEAD.INVALID', details: 'text must not be empty' });
    expect(
      await softDeleteActivity(db.connection, {
        leadId: lead._id,
        activityId: new Types.ObjectId(),
        actor: staff,
        at: t0,
      }),
    ).toMatchObject({ code: 'LEAD.ACTIVITY_NOT_FOUND' });
    await softDeleteLead(db.connection, lead._id, { actor: staff, at: t0 });
    expect(
      await addActivity(db.connection, { leadId: lead._id, kind: 'note', text: 'x', actor: staff, at: t0 }),
    ).toMatchObject({ code: 'LEAD.DELETED' });
  });
});

describe('soft delete and restore of leads', () => {
  it('hides a deleted lead, frees the contact for a new lead, and restores when that is closed', async () => {
    const contactId = new Types.ObjectId();
    const lead = await newLead(contactId);
    const removed = leadOf(await softDeleteLead(db.connection, lead._id, { actor: staff, at: minutes(1) }));
    expect(removed).toMatchObject({ open: false, deletedAt: minutes(1) });
    expect(await softDeleteLead(db.connection, lead._id, { actor: staff, at: minutes(2) })).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(await listLeads(db.connection, { contactId })).toEqual([]);
    expect((await listLeads(db.connection, { contactId, deleted: true })).map((l) => l._id)).toEqual([
      lead._id,
    ]);
    expect(
      await changeLeadStage(db.connection, { leadId: lead._id, to: 'won', actor: staff, at: t0 }),
    ).toMatchObject({
      code: 'LEAD.DELETED',
    });

    const replacement = await newLead(contactId, unassigned, minutes(3));
    expect(replacement._id).not.toEqual(lead._id);
    expect(await restoreLead(db.connection, lead._id, { actor: staff, at: minutes(4) })).toMatchObject({
      ok: false,
      code: 'LEAD.OPEN_LEAD_EXISTS',
    });
    expect((await leadById(db.connection, lead._id))?.deletedAt).toEqual(minutes(1));

    await softDeleteLead(db.connection, replacement._id, { actor: staff, at: minutes(5) });
    const restored = leadOf(await restoreLead(db.connection, lead._id, { actor: staff, at: minutes(6) }));
    expect(restored).toMatchObject({ open: true, stage: 'new' });
    expect(restored.deletedAt).toBeUndefined();
    expect(await restoreLead(db.connection, lead._id, { actor: staff, at: minutes(7) })).toMatchObject({
      changed: false,
    });
    expect(
      (
        await openLeadForContact(
          db.connection,
          { contactId, channel: 'organic', at: minutes(8), actor: bot },
          unassigned,
        )
      ).lead._id,
    ).toEqual(lead._id);
    const actions = await auditModel(db.connection).find({ entityId: lead._id }).sort({ at: 1 }).lean();
    expect(actions.map((entry) => entry.action)).toEqual(['created', 'deleted', 'restored']);
  });

  it('restores a closed lead as closed', async () => {
    const lead = await newLead();
    await changeLeadStage(db.connection, { leadId: lead._id, to: 'won', actor: staff, at: t0 });
    await softDeleteLead(db.connection, lead._id, { actor: staff, at: t0 });
    expect(leadOf(await restoreLead(db.connection, lead._id, { actor: staff, at: t0 }))).toMatchObject({
      stage: 'won',
      open: false,
    });
  });
});

describe('noteCustomerMessage', () => {
  it('alerts the assignee at most once per 30 minutes, the new-lead alert counting as the first', async () => {
    await staffUser({ name: 'A1', login: 'admin1', role: 'admin' });
    const contactId = new Types.ObjectId();
    await newLead(contactId, { leadAssignment: 'round_robin' }, t0);
    const alertAt = async (minute: number) =>
      (await noteCustomerMessage(db.connection, contactId, minutes(minute))).alert;
    expect(await alertAt(5)).toBe(false);
    expect(await alertAt(29)).toBe(false);
    expect(await alertAt(31)).toBe(true);
    expect(await alertAt(40)).toBe(false);
    expect(await alertAt(60)).toBe(false);
    expect(await alertAt(61)).toBe(true);
    const lead = await leadModel(db.connection).findOne({ contactId }).lean<Lead>();
    expect(lead).toMatchObject({ lastCustomerMessageAt: minutes(61), lastAlertAt: minutes(61) });
  });

  it('alerts once for a burst of simultaneous messages, and keeps the latest message time', async () => {
    await staffUser({ name: 'A1', login: 'admin1', role: 'admin' });
    const contactId = new Types.ObjectId();
    await newLead(contactId, { leadAssignment: 'round_robin' }, t0);
    const results = await Promise.all(
      [100, 101, 102, 103, 104].map((minute) =>
        noteCustomerMessage(db.connection, contactId, minutes(minute)),
      ),
    );
    expect(results.filter((result) => result.alert)).toHaveLength(1);
    expect(
      (await leadModel(db.connection).findOne({ contactId }).lean<Lead>())?.lastCustomerMessageAt,
    ).toEqual(minutes(104));
    // An older message processed late neither alerts nor moves the time back.
    expect((await noteCustomerMessage(db.connection, contactId, minutes(50))).alert).toBe(false);
    expect(
      (await leadModel(db.connection).findOne({ contactId }).lean<Lead>())?.lastCustomerMessageAt,
    ).toEqual(minutes(104));
  });

  it('alerts nobody for an unassigned lead or a contact without an open lead', async () => {
    const contactId = new Types.ObjectId();
    await newLead(contactId);
    expect(await noteCustomerMessage(db.connection, contactId, minutes(90))).toMatchObject({
      alert: false,
      lead: { contactId },
    });
    expect(await noteCustomerMessage(db.connection, new Types.ObjectId(), minutes(90))).toEqual({
      lead: null,
      alert: false,
    });
  });
});

describe('updateLead', () => {
  const fields: LeadCustomField[] = [
    { key: 'asal_sekolah', label: 'Asal sekolah', type: 'text' },
    { key: 'kelas', label: 'Kelas', type: 'select', options: ['10', '11', '12'] },
  ];
  const settings = { leadCustomFields: fields };

  it('edits details and custom fields one key at a time, clears with null, and audits what changed', async () => {
    const admin = await staffUser({ name: 'A1', login: 'admin1', role: 'admin' });
    const lead = await newLead();
    const ctx = { actor: staff, at: minutes(1) };
    const first = leadOf(
      await updateLead(
        db.connection,
        lead._id,
        {
          estimatedValue: 1_500_000,
          assignee: String(admin._id),
          nextAction: { text: 'Kirim jadwal tes', dueAt: '2026-11-24T02:00:00Z' },
          customFields: { asal_sekolah: 'SMAN 3 Bandung', kelas: '12' },
        },
        ctx,
        settings,
      ),
    );
    expect(first).toMatchObject({
      estimatedValue: 1_500_000,
      assignee: admin._id,
      nextAction: { text: 'Kirim jadwal tes', dueAt: new Date('2026-11-24T02:00:00Z') },
      customFields: { asal_sekolah: 'SMAN 3 Bandung', kelas: '12' },
      updatedAt: minutes(1),
    });
    const second = leadOf(
      await updateLead(
        db.connection,
        lead._id,
        { nextAction: null, customFields: { kelas: '11' } },
        ctx,
        settings,
      ),
    );
    expect(second.nextAction).toBeUndefined();
    expect(second.customFields).toEqual({ asal_sekolah: 'SMAN 3 Bandung', kelas: '11' });
    expect(
      await updateLead(
        db.connection,
        lead._id,
        { assignee: String(admin._id), customFields: { kelas: '11' } },
        ctx,
        settings,
      ),
    ).toMatchObject({ ok: true, changed: false });
    const entries = await auditModel(db.connection).find({ action: 'updated' }).sort({ _id: 1 }).lean();
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      before: { nextAction: { text: 'Kirim jadwal tes' }, customFields: { kelas: '12' } },
      after: { nextAction: null, customFields: { kelas: '11' } },
    });
  });

  it('refuses unknown fields, bad custom values and assignees who are not active users', async () => {
    const lead = await newLead();
    const ctx = { actor: staff, at: t0 };
    expect(
      await updateLead(db.connection, lead._id, { stage: 'won', estimatedValue: -5 }, ctx, settings),
    ).toEqual({
      ok: false,
      code: 'LEAD.INVALID',
      details: 'estimatedValue must not be negative; unknown field "stage"',
    });
    expect(
      await updateLead(db.connection, lead._id, { customFields: { kelas: '9' } }, ctx, settings),
    ).toMatchObject({
      code: 'LEAD.INVALID',
      details: 'customFields.kelas (Kelas) must be one of 10, 11, 12',
    });
    expect(
      await updateLead(db.connection, lead._id, { assignee: String(new Types.ObjectId()) }, ctx, settings),
    ).toMatchObject({ code: 'LEAD.INVALID', details: 'assignee must be an active user' });
    expect(
      await updateLead(db.connection, new Types.ObjectId(), { interest: 'x' }, ctx, settings),
    ).toMatchObject({
      code: 'LEAD.NOT_FOUND',
    });
  });
});
