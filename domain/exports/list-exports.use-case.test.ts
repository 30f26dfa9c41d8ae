import { describe, expect, it } from 'vitest';
import { contactModel } from '../contacts/contact.model.js';
import { leadModel } from '../leads/lead.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { leadsExport } from './list-exports.use-case.js';
import type { Sheet } from './xlsx.js';

const db = useTestDatabase();
const at = new Date('2026-11-20T03:00:00Z');

/** A sheet's rows as objects by header. */
async function rowsOf(sheet: Sheet): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const cells of sheet.rows)
    rows.push(Object.fromEntries(sheet.columns.map((column, index) => [column.header, cells[index]])));
  return rows;
}

async function lead(name: string, customFields: Record<string, string | number>, minutes: number) {
  const contact = await contactModel(db.connection).create({
    chatId: `${name.toLowerCase()}@c.us`,
    pushName: name,
    createdAt: at,
  });
  const when = new Date(at.getTime() + minutes * 60_000);
  await leadModel(db.connection).create({
    contactId: contact._id,
    stage: 'new',
    open: true,
    channel: 'organic',
    customFields,
    createdAt: when,
    updatedAt: when,
    stageChangedAt: when,
  });
}

describe('leadsExport', () => {
  it("adds one column per custom lead field, headed by its label and typed by the field's type", async () => {
    const saved = await updateSettings(
      db.connection,
      {
        leadCustomFields: [
          { key: 'asal_sekolah', label: 'Asal sekolah', type: 'text' },
          { key: 'kelas', label: 'Kelas', type: 'select', options: ['10', '11', '12'] },
          { key: 'anggaran', label: 'Anggaran', type: 'number' },
          { key: 'mulai', label: 'Mulai les', type: 'date' },
        ],
      },
      { actor: { kind: 'system', name: 'test' }, at },
    );
    expect(saved.ok).toBe(true);
    await lead('Rina', { asal_sekolah: 'SMAN 3', kelas: '11', anggaran: 1_500_000, mulai: '2027-01-04' }, 2);
    // Written before the field became a number, and a key the shop no longer has.
    await lead('Dodi', { anggaran: 'sejutaan', lama: 'x' }, 1);

    const [sheet] = await leadsExport(
      db.connection,
      { state: 'open' },
      { timeZone: 'Asia/Jakarta', lang: 'id' },
    );
    expect(sheet!.columns.slice(-4)).toEqual([
      { header: 'Asal sekolah', type: 'text' },
      { header: 'Kelas', type: 'text' },
      { header: 'Anggaran', type: 'number' },
      { header: 'Mulai les', type: 'date' },
    ]);
    const rows = await rowsOf(sheet!);
    expect(rows.map((row) => row.Pelanggan)).toEqual(['Rina', 'Dodi']);
    expect(rows[0]).toMatchObject({
      'Asal sekolah': 'SMAN 3',
      Kelas: '11',
      Anggaran: 1_500_000,
      'Mulai les': '2027-01-04',
    });
    expect(rows[1]).toMatchObject({
      'Asal sekolah': undefined,
      Kelas: undefined,
      Anggaran: undefined,
      'Mulai les': undefined,
    });
    expect(Object.keys(rows[1]!)).not.toContain('lama');
  });
});
