import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import { auditModel } from '../audit/audit.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { DEFAULT_SETTINGS, settingsModel } from './settings.model.js';
import { getSettings, updateSettings } from './settings.use-case.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const actor: Actor = { kind: 'user', id: 'owner-1', name: 'Bu Rina' };
const ctx = { actor, at };

beforeEach(async () => {
  await Promise.all([settingsModel(db.connection).deleteMany({}), auditModel(db.connection).deleteMany({})]);
});

/** The messages of a refused patch (fails the test when the patch was accepted). */
async function refusal(patch: unknown): Promise<string> {
  const result = await updateSettings(db.connection, patch, ctx);
  if (result.ok) throw new Error('expected the patch to be refused');
  expect(result.code).toBe('SETTINGS.INVALID');
  return result.details;
}

describe('getSettings', () => {
  it('returns every default when nothing was ever saved', async () => {
    const settings = await getSettings(db.connection);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(settings.businessHours[0]).toBeNull();
    expect(settings.businessHours[1]).toEqual({ open: '08:00', close: '20:00' });
    expect(settings.media.maxBytes).toBe(10 * 1024 * 1024);
    expect(settings.stageProbabilities).toEqual({
      new: 0.1,
      contacted: 0.2,
      qualified: 0.4,
      proposal: 0.6,
      won: 1,
      lost: 0,
    });
  });
});

describe('updateSettings', () => {
  it('sets only the named paths, keeps the defaults of the rest, and audits what changed', async () => {
    const result = await updateSettings(
      db.connection,
      {
        shopName: '  Bimbel Cerdas  ',
        orderDetails: { paymentMethod: 'required', notes: 'ask' },
        businessHours: { 0: { open: '09:00', close: '12:00' }, 6: null },
        publicBaseUrl: 'https://bimbel.example.com/',
      },
      ctx,
    );
    expect(result.ok).toBe(true);
    const settings = await getSettings(db.connection);
    expect(settings.shopName).toBe('Bimbel Cerdas');
    expect(settings.publicBaseUrl).toBe('https://bimbel.example.com');
    expect(settings.orderDetails).toEqual({
      ...DEFAULT_SETTINGS.orderDetails,
      paymentMethod: 'required',
      notes: 'ask',
    });
    expect(settings.businessHours).toEqual({
      ...DEFAULT_SETTINGS.businessHours,
      0: { open: '09:00', close: '12:00' },
      6: null,
    });
    if (result.ok) expect(result.settings).toEqual(settings);

    const entries = await auditModel(db.connection).find({ entity: 'settings' }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entityId: 'shop',
      action: 'updated',
      actor,
      at,
      before: {
        shopName: 'Toko Kami',
        orderDetails: { paymentMethod: 'off', notes: 'off' },
        businessHours: { 0: null, 6: { open: '08:00', close: '20:00' } },
        publicBaseUrl: 'http://localhost:3000',
      },
      after: {
        shopName: 'Bimbel Cerdas',
        orderDetails: { paymentMethod: 'required', notes: 'ask' },
        businessHours: { 0: { open: '09:00', close: '12:00' }, 6: null },
        publicBaseUrl: 'https://bimbel.example.com',
      },
    });
  });

  it('replaces lists whole and keeps custom fields and quick replies as given', async () => {
    const leadCustomFields = [
      { key: 'asal_sekolah', label: 'Asal sekolah', type: 'text' as const },
      { key: 'kelas', label: 'Kelas', type: 'select' as const, options: ['10', '11', '12'] },
    ];
    const quickReplies = [{ shortcut: 'rek', text: 'Transfer ke BCA 1234567890 a.n. {nama}, total {total}' }];
    await updateSettings(db.connection, { leadCustomFields, quickReplies }, ctx);
    await updateSettings(
      db.connection,
      { quickReplies: [{ shortcut: 'jam', text: 'Buka 08.00–20.00' }] },
      ctx,
    );
    const settings = await getSettings(db.connection);
    expect(settings.leadCustomFields).toEqual(leadCustomFields);
    expect(settings.quickReplies).toEqual([{ shortcut: 'jam', text: 'Buka 08.00–20.00' }]);
  });

  it('writes no audit entry for a patch that changes nothing', async () => {
    const first = await updateSettings(db.connection, { leadAssignment: 'round_robin' }, ctx);
    expect(first).toMatchObject({ ok: true, changed: ['leadAssignment'] });
    const again = await updateSettings(db.connection, { leadAssignment: 'round_robin', locale: 'id' }, ctx);
    expect(again).toMatchObject({ ok: true, changed: [] });
    expect(await updateSettings(db.connection, {}, ctx)).toMatchObject({ ok: true, changed: [] });
    expect(await auditModel(db.connection).countDocuments({ entity: 'settings' })).toBe(1);
  });

  it('keeps both of two changes to different settings made at the same time', async () => {
    await Promise.all([
      updateSettings(db.connection, { orderDetails: { fulfilment: 'required' } }, ctx),
      updateSettings(db.connection, { orderDetails: { recipient: 'ask' } }, ctx),
      updateSettings(db.connection, { monthlyTargets: { revenue: 50_000_000 } }, ctx),
    ]);
    const settings = await getSettings(db.connection);
    expect(settings.orderDetails).toMatchObject({ fulfilment: 'required', recipient: 'ask', notes: 'off' });
    expect(settings.monthlyTargets).toEqual({ revenue: 50_000_000, newLeads: 0, orders: 0 });
  });

  it('backs up at 03:00 and keeps 14 days by default; either can be changed alone', async () => {
    expect((await getSettings(db.connection)).backups).toEqual({ at: '03:00', keepDays: 14 });
    const result = await updateSettings(db.connection, { backups: { keepDays: 30 } }, ctx);
    expect(result).toMatchObject({ ok: true, changed: ['backups.keepDays'] });
    expect((await getSettings(db.connection)).backups).toEqual({ at: '03:00', keepDays: 30 });
    await updateSettings(db.connection, { backups: { at: '01:30' } }, ctx);
    expect((await getSettings(db.connection)).backups).toEqual({ at: '01:30', keepDays: 30 });
  });

  it('accepts null for the away message (use the catalog text) after a custom one', async () => {
    await updateSettings(db.connection, { awayMessage: 'Maaf kami sedang tutup 🙏' }, ctx);
    expect((await getSettings(db.connection)).awayMessage).toBe('Maaf kami sedang tutup 🙏');
    await updateSettings(db.connection, { awayMessage: null }, ctx);
    expect((await getSettings(db.connection)).awayMessage).toBeNull();
  });
});

describe('updateSettings refuses bad patches with a clear message and writes nothing', () => {
  it('names unknown settings instead of ignoring them', async () => {
    const details = await refusal({ shopName: 'Toko Baru', colour: 'red', fontSize: 3 });
    expect(details).toContain('unknown settings "colour", "fontSize"');
    expect(details).toContain('known: shopName, locale, timeZone');
    expect(await getSettings(db.connection)).toEqual(DEFAULT_SETTINGS);
    expect(await auditModel(db.connection).countDocuments()).toBe(0);
  });

  it('names unknown keys inside nested settings', async () => {
    expect(await refusal({ orderDetails: { greetingCard: 'ask' } })).toBe(
      'unknown key "greetingCard" in orderDetails (known: fulfilment, dateTime, deliveryAddress, recipient, paymentMethod, notes)',
    );
    expect(await refusal({ businessHours: { 7: null } })).toContain('unknown key "7" in businessHours');
    expect(await refusal({ quickReplies: [{ shortcut: 'rek', text: 'x', body: 'y' }] })).toContain(
      'unknown key "body" in quickReplies.0',
    );
  });

  it('requires HH:MM times, and an open different from the close', async () => {
    expect(await refusal({ businessHours: { 1: { open: '8:00', close: '20:00' } } })).toBe(
      'businessHours.1.open must be a time as HH:MM (00:00–23:59), e.g. 08:00',
    );
    expect(await refusal({ businessHours: { 2: { open: '08:00', close: '25:00' } } })).toContain(
      'businessHours.2.close must be a time as HH:MM (00:00–24:00)',
    );
    expect(await refusal({ businessHours: { 3: { open: '08:00', close: '08:00' } } })).toBe(
      'businessHours.3.close must differ from open',
    );
    expect(await refusal({ businessHours: { 4: 'tutup' } })).toBe(
      'businessHours.4 must be {open, close} or null (closed)',
    );
  });

  it('keeps probabilities between 0 and 1', async () => {
    expect(await refusal({ stageProbabilities: { won: 1.5, proposal: -0.1 } })).toBe(
      'stageProbabilities.proposal must be a number from 0 to 1; stageProbabilities.won must be a number from 0 to 1',
    );
    expect(await refusal({ stageProbabilities: { won: '1' } })).toBe(
      'stageProbabilities.won must be a number from 0 to 1',
    );
  });

  it('checks quick-reply shortcuts and their uniqueness', async () => {
    expect(await refusal({ quickReplies: [{ shortcut: 'Rek!', text: 'BCA 123' }] })).toBe(
      'quickReplies.0.shortcut must be 1–20 lowercase letters, digits, _ or - (e.g. rek)',
    );
    expect(
      await refusal({
        quickReplies: [
          { shortcut: 'rek', text: 'BCA 123' },
          { shortcut: 'rek', text: 'BRI 456' },
        ],
      }),
    ).toBe('quickReplies.1 repeats the shortcut "rek"');
    expect(await refusal({ quickReplies: [{ shortcut: 'a'.repeat(21), text: 'x' }] })).toContain(
      'quickReplies.0.shortcut must be 1–20',
    );
    expect(await refusal({ quickReplies: [{ shortcut: 'rek bca', text: 'BCA 123' }] })).toBe(
      'quickReplies.0.shortcut must be 1–20 lowercase letters, digits, _ or - (e.g. rek)',
    );
    expect(await refusal({ quickReplies: [{ shortcut: '/', text: 'BCA 123' }] })).toContain(
      'quickReplies.0.shortcut must be 1–20',
    );
  });

  it('stores a shortcut without its slash and in lowercase, so "/Rek" and "rek" are one shortcut', async () => {
    const saved = await updateSettings(
      db.connection,
      {
        quickReplies: [
          { shortcut: ' /Rek ', text: 'BCA 123' },
          { shortcut: 'jam', text: 'Buka 08.00–20.00' },
        ],
      },
      ctx,
    );
    expect(saved.ok).toBe(true);
    expect((await getSettings(db.connection)).quickReplies.map((reply) => reply.shortcut)).toEqual([
      'rek',
      'jam',
    ]);
    expect(
      await refusal({
        quickReplies: [
          { shortcut: 'rek', text: 'BCA 123' },
          { shortcut: '/REK', text: 'BRI 456' },
        ],
      }),
    ).toBe('quickReplies.1 repeats the shortcut "rek"');
  });

  it('checks custom fields, the other enums, numbers and the time zone', async () => {
    expect(await refusal({ leadCustomFields: [{ key: 'kelas', label: 'Kelas', type: 'select' }] })).toBe(
      'leadCustomFields.0.options is required for a select field',
    );
    expect(
      await refusal({ leadCustomFields: [{ key: 'Asal Sekolah', label: 'Asal', type: 'text' }] }),
    ).toContain('leadCustomFields.0.key must be 1–30 lowercase letters');
    expect(await refusal({ locale: 'fr' })).toBe('locale must be id or en');
    expect(await refusal({ leadAssignment: 'random' })).toBe(
      'leadAssignment must be owner, round_robin or unassigned',
    );
    expect(await refusal({ orderDetails: { notes: 'yes' } })).toBe(
      'orderDetails.notes must be off, ask or required',
    );
    expect(await refusal({ timeZone: 'Asia/Bandung' })).toBe(
      'timeZone must be an IANA time zone such as Asia/Jakarta',
    );
    expect(await refusal({ monthlyTargets: { revenue: 1.5 } })).toBe(
      'monthlyTargets.revenue must be a whole number of rupiah',
    );
    expect(await refusal({ handoverTimeoutMinutes: 0 })).toContain(
      'handoverTimeoutMinutes must be between 1',
    );
    expect(await refusal({ publicBaseUrl: 'ftp://toko.example.com' })).toContain(
      'publicBaseUrl must be an http:// or https:// address',
    );
    expect(await refusal({ backups: { keepDays: 0 } })).toBe(
      'backups.keepDays must be between 1 and 365 days',
    );
    expect(await refusal({ backups: { keepDays: 2.5 } })).toBe(
      'backups.keepDays must be a whole number of days',
    );
    expect(await refusal({ backups: { at: '3:00' } })).toContain('backups.at must be a time as HH:MM');
    expect(await refusal({ backups: { every: 'day' } })).toBe(
      'unknown key "every" in backups (known: at, keepDays)',
    );
    expect(await refusal({ shopName: '   ' })).toBe('shopName must not be empty');
  });

  it('refuses something that is not a patch at all', async () => {
    expect(await refusal(null)).toBe('settings must be an object of settings to change');
    expect(await refusal({ orderDetails: 'required' })).toBe(
      'orderDetails must be an object of order details (off, ask or required)',
    );
    expect(await auditModel(db.connection).countDocuments()).toBe(0);
  });
});
