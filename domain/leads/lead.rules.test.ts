import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LeadCustomField } from '../settings/settings.model.js';
import type { UserRole } from '../users/user.model.js';
import { LEAD_STAGES, type LeadStage } from './lead.model.js';
import {
  ALERT_THROTTLE_MS,
  alertDue,
  allowedMoves,
  checkCustomFields,
  checkStageMove,
  isOpenStage,
  weightedValue,
} from './lead.rules.js';

const legal = (from: LeadStage, to: LeadStage, role?: UserRole) =>
  checkStageMove(from, to, { lostReason: 'harga', ...(role && { role }) }).ok;

describe('lead stage moves', () => {
  it('goes forward along the funnel, skipping stages when the customer is quick', () => {
    expect(legal('new', 'contacted')).toBe(true);
    expect(legal('contacted', 'qualified')).toBe(true);
    expect(legal('qualified', 'proposal')).toBe(true);
    expect(legal('proposal', 'won')).toBe(true);
    expect(legal('new', 'won')).toBe(true);
    expect(legal('new', 'proposal')).toBe(true);
  });

  it('never goes backward between open stages, and says where it can go', () => {
    expect(checkStageMove('proposal', 'contacted')).toEqual({
      ok: false,
      code: 'LEAD.ILLEGAL_STAGE_MOVE',
      details: 'a lead cannot move from proposal to contacted: it can go to won, lost',
      allowed: ['won', 'lost'],
    });
    expect(legal('qualified', 'new')).toBe(false);
  });

  it('loses any open lead, but only with a reason', () => {
    for (const from of ['new', 'contacted', 'qualified', 'proposal'] as const) {
      expect(checkStageMove(from, 'lost', { lostReason: '  terlalu mahal ' })).toEqual({
        ok: true,
        lostReason: 'terlalu mahal',
      });
      expect(checkStageMove(from, 'lost')).toEqual({
        ok: false,
        code: 'LEAD.LOST_REASON_REQUIRED',
        details: 'say why the lead was lost',
      });
      expect(checkStageMove(from, 'lost', { lostReason: '   ' }).ok).toBe(false);
    }
  });

  it('reopens a lost lead at new or contacted only', () => {
    expect(allowedMoves('lost')).toEqual(['new', 'contacted']);
    expect(legal('lost', 'qualified')).toBe(false);
    expect(legal('lost', 'won')).toBe(false);
  });

  it('keeps won final, except for the owner correcting a mistake', () => {
    expect(allowedMoves('won')).toEqual([]);
    expect(allowedMoves('won', 'admin')).toEqual([]);
    expect(allowedMoves('won', 'manager')).toEqual([]);
    expect(checkStageMove('won', 'proposal', { role: 'admin' })).toMatchObject({
      code: 'LEAD.ILLEGAL_STAGE_MOVE',
      details: 'a lead cannot move from won to proposal: won is final',
    });
    expect(legal('won', 'proposal', 'owner')).toBe(true);
    expect(legal('won', 'lost', 'owner')).toBe(true);
  });

  it('never "moves" a lead to the stage it is in (the use case treats that as done)', () => {
    for (const stage of LEAD_STAGES) expect(legal(stage, stage, 'owner')).toBe(false);
  });

  it('knows which stages are open', () => {
    expect(LEAD_STAGES.filter(isOpenStage)).toEqual(['new', 'contacted', 'qualified', 'proposal']);
  });
});

describe('weightedValue', () => {
  const probabilities = DEFAULT_SETTINGS.stageProbabilities;

  it('weights the estimated value by the stage probability, in whole rupiah', () => {
    expect(weightedValue({ stage: 'proposal', estimatedValue: 2_500_000 }, probabilities)).toBe(1_500_000);
    expect(weightedValue({ stage: 'new', estimatedValue: 333 }, probabilities)).toBe(33);
    expect(weightedValue({ stage: 'won', estimatedValue: 750_000 }, probabilities)).toBe(750_000);
    expect(weightedValue({ stage: 'lost', estimatedValue: 750_000 }, probabilities)).toBe(0);
  });

  it('counts a lead without an estimate as zero, and follows the shop probabilities', () => {
    expect(weightedValue({ stage: 'qualified' }, probabilities)).toBe(0);
    expect(
      weightedValue({ stage: 'qualified', estimatedValue: 1_000_000 }, { ...probabilities, qualified: 0.55 }),
    ).toBe(550_000);
  });
});

describe('alertDue', () => {
  const last = new Date('2026-11-23T03:00:00Z');
  const later = (ms: number) => new Date(last.getTime() + ms);

  it('alerts at most once per 30 minutes', () => {
    expect(alertDue(undefined, last)).toBe(true);
    expect(alertDue(last, later(60_000))).toBe(false);
    expect(alertDue(last, later(ALERT_THROTTLE_MS - 1))).toBe(false);
    expect(alertDue(last, later(ALERT_THROTTLE_MS))).toBe(true);
    expect(alertDue(last, later(-60_000))).toBe(false);
  });
});

describe('checkCustomFields', () => {
  const fields: LeadCustomField[] = [
    { key: 'asal_sekolah', label: 'Asal sekolah', type: 'text' },
    { key: 'kelas', label: 'Kelas', type: 'select', options: ['10', '11', '12'] },
    { key: 'nilai', label: 'Nilai rapor', type: 'number' },
    { key: 'tgl_tes', label: 'Tanggal tes', type: 'date' },
  ];

  it('accepts values of the right type and clears with null or empty text', () => {
    expect(
      checkCustomFields(
        { asal_sekolah: ' SMAN 3 Bandung ', kelas: '12', nilai: '87,5', tgl_tes: '2026-12-05' },
        fields,
      ),
    ).toEqual({
      ok: true,
      set: { asal_sekolah: 'SMAN 3 Bandung', kelas: '12', nilai: 87.5, tgl_tes: '2026-12-05' },
      unset: [],
    });
    expect(checkCustomFields({ asal_sekolah: null, kelas: '' }, fields)).toEqual({
      ok: true,
      set: {},
      unset: ['asal_sekolah', 'kelas'],
    });
  });

  it('names every bad value and unknown key', () => {
    const result = checkCustomFields(
      { kelas: '13', nilai: 'banyak', tgl_tes: '2026-02-30', hobi: 'catur', asal_sekolah: 5 },
      fields,
    );
    expect(result).toEqual({
      ok: false,
      code: 'LEAD.INVALID',
      details:
        'customFields.kelas (Kelas) must be one of 10, 11, 12; customFields.nilai (Nilai rapor) must be a number; ' +
        'customFields.tgl_tes (Tanggal tes) must be a date as YYYY-MM-DD; ' +
        'customFields.hobi is not a field of this shop (known: asal_sekolah, kelas, nilai, tgl_tes); ' +
        'customFields.asal_sekolah (Asal sekolah) must be text of at most 500 characters',
    });
    expect(checkCustomFields({ x: 1 }, [])).toMatchObject({
      details: 'customFields.x is not a field of this shop (known: none)',
    });
  });
});
