import { beforeAll, describe, expect, it } from 'vitest';
import type { LeadStage } from '../leads/lead.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { updateSettings } from '../settings/settings.use-case.js';
import { forecastReport } from './forecast.use-case.js';
import { addContact, addLead, wib } from './testing/report-data.js';

const db = useTestDatabase();
const NOW = wib('2026-11-25T12:00:00');

/**
 * Open leads (value; probability from settings, proposal changed to 0.65):
 *   new        100.000, 50.000, none  → 150.000 × 0.1  =  15.000 (1 without value)
 *   contacted  200.000                → 200.000 × 0.2  =  40.000
 *   qualified  333.333                → 333.333 × 0.4  = 133.333,2 → 133.333
 *   proposal   1.000.000, 500.001     → 1.500.001 × 0.65 = 975.000,65 → 975.001
 * Not in the pipeline: won 900.000, lost 300.000, a deleted new lead, a lead created after now.
 * Total: 7 leads, 2.183.334 of value, 1.163.334 weighted.
 */
beforeAll(async () => {
  const lead = async (
    stage: LeadStage,
    estimatedValue?: number,
    extra: { deleted?: boolean; createdAt?: Date } = {},
  ) => {
    const contact = await addContact(db.connection, `${stage} ${estimatedValue}`);
    await addLead(db.connection, {
      contactId: contact._id,
      stage,
      createdAt: extra.createdAt ?? wib('2026-11-01T10:00:00'),
      ...(estimatedValue !== undefined && { estimatedValue }),
      ...(extra.deleted && { deletedAt: wib('2026-11-02T10:00:00') }),
      ...((stage === 'won' || stage === 'lost') && { closedAt: wib('2026-11-03T10:00:00') }),
    });
  };
  await lead('new', 100_000);
  await lead('new', 50_000);
  await lead('new');
  await lead('contacted', 200_000);
  await lead('qualified', 333_333);
  await lead('proposal', 1_000_000);
  await lead('proposal', 500_001);
  await lead('won', 900_000);
  await lead('lost', 300_000);
  await lead('new', 10_000, { deleted: true });
  await lead('new', 20_000, { createdAt: wib('2026-11-26T10:00:00') });
  const set = await updateSettings(
    db.connection,
    { stageProbabilities: { proposal: 0.65 } },
    { actor: { kind: 'system', name: 'test' }, at: NOW },
  );
  if (!set.ok) throw new Error(set.details);
});

describe('forecastReport', () => {
  it('weights each open stage by its probability', async () => {
    expect(await forecastReport(db.connection, { now: NOW, timeZone: 'Asia/Jakarta' })).toEqual({
      asOf: NOW,
      stages: [
        { stage: 'new', count: 3, value: 150_000, probability: 0.1, weighted: 15_000, withoutValue: 1 },
        { stage: 'contacted', count: 1, value: 200_000, probability: 0.2, weighted: 40_000, withoutValue: 0 },
        {
          stage: 'qualified',
          count: 1,
          value: 333_333,
          probability: 0.4,
          weighted: 133_333,
          withoutValue: 0,
        },
        {
          stage: 'proposal',
          count: 2,
          value: 1_500_001,
          probability: 0.65,
          weighted: 975_001,
          withoutValue: 0,
        },
      ],
      total: { count: 7, value: 2_183_334, weighted: 1_163_334, withoutValue: 1 },
    });
  });
});
