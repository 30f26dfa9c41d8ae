import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../audit/audit.model.js';
import type { LeadStage } from '../leads/lead.model.js';
import { changeLeadStage, openLeadForContact, softDeleteLead } from '../leads/lead.use-case.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { funnelReport } from './funnel.use-case.js';
import { addContact, addLead, wib } from './testing/report-data.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
const NOW = wib('2026-11-25T12:00:00');
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };

/** A lead opened through the real use case on `day` (November), then moved through `moves` (audited). */
async function lead(name: string, day: string, moves: LeadStage[]) {
  const contact = await addContact(db.connection, name);
  const at = wib(`2026-${day}T09:00:00`);
  const { lead } = await openLeadForContact(
    db.connection,
    { contactId: contact._id, channel: 'organic', at, actor: staff },
    { leadAssignment: 'unassigned' },
  );
  for (const [index, to] of moves.entries()) {
    const moved = await changeLeadStage(db.connection, {
      leadId: lead._id,
      to,
      ...(to === 'lost' && { lostReason: 'harga' }),
      actor: staff,
      at: new Date(at.getTime() + (index + 1) * 3_600_000),
    });
    if (!moved.ok) throw new Error(moved.details);
  }
  return lead;
}

/**
 * Leads created in November, and the steps each reached:
 *   A new → contacted → qualified → proposal → won     all five
 *   B new → won (skipping)                              all five
 *   C new → contacted → qualified → lost                new, contacted, qualified
 *   D new → contacted (open)                            new, contacted
 *   E new (open)                                        new
 *   F new → lost → contacted (reopened) → proposal      new … proposal
 *   G lost, written without history                     new
 * Not counted: H (created in October, won), I (created in November, deleted).
 * reached: new 7, contacted 5 (A B C D F), qualified 4 (A B C F), proposal 3 (A B F), won 2 (A B).
 * from previous: 5/7 = 0.7143, 4/5 = 0.8, 3/4 = 0.75, 2/3 = 0.6667; overall 2/7 = 0.2857.
 */
beforeAll(async () => {
  await lead('A', '11-02', ['contacted', 'qualified', 'proposal', 'won']);
  await lead('B', '11-03', ['won']);
  await lead('C', '11-04', ['contacted', 'qualified', 'lost']);
  await lead('D', '11-05', ['contacted']);
  await lead('E', '11-06', []);
  await lead('F', '11-07', ['lost', 'contacted', 'proposal']);
  const g = await addContact(db.connection, 'G');
  await addLead(db.connection, { contactId: g._id, createdAt: wib('2026-11-08T09:00:00'), stage: 'lost' });
  await lead('H', '10-31', ['won']);
  const i = await lead('I', '11-09', ['contacted']);
  const deleted = await softDeleteLead(db.connection, i._id, {
    actor: staff,
    at: wib('2026-11-10T09:00:00'),
  });
  if (!deleted.ok) throw new Error(deleted.details);
});

describe('funnelReport', () => {
  it('counts each step a lead reached, lost and skipping leads included', async () => {
    expect(
      await funnelReport(db.connection, { from: '2026-11-01', to: '2026-11-30', now: NOW, timeZone: ZONE }),
    ).toEqual({
      ok: true,
      report: {
        from: '2026-11-01',
        to: '2026-11-30',
        leads: 7,
        open: 3, // D, E, F
        lost: 2, // C, G
        steps: [
          { stage: 'new', reached: 7, fromPrevious: null },
          { stage: 'contacted', reached: 5, fromPrevious: 0.7143 },
          { stage: 'qualified', reached: 4, fromPrevious: 0.8 },
          { stage: 'proposal', reached: 3, fromPrevious: 0.75 },
          { stage: 'won', reached: 2, fromPrevious: 0.6667 },
        ],
        overall: 0.2857,
      },
    });
  });

  it('an empty range has no conversions', async () => {
    const result = await funnelReport(db.connection, {
      from: '2026-01-01',
      to: '2026-01-31',
      now: NOW,
      timeZone: ZONE,
    });
    expect(result).toMatchObject({
      ok: true,
      report: {
        leads: 0,
        overall: null,
        steps: expect.arrayContaining([{ stage: 'won', reached: 0, fromPrevious: null }]),
      },
    });
  });
});
