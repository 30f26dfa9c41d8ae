import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageAuthor } from '../messages/message.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { trialChatId } from '../trial/trial.use-case.js';
import { teamReport } from './team.use-case.js';
import { addContact, addLead, addMessage, addOrder, addUser, wib } from './testing/report-data.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
const NOW = wib('2026-12-05T12:00:00');
const ids: Record<string, string> = {};

/**
 * November, for Dewi, Eko, Gita (active) and Fajar (inactive, nothing to show: left out).
 * Leads:
 *   Dewi  k1 created 2 Nov, won 10 Nov                → handled, won
 *         k2 created 1 Oct, activity 15 Nov           → handled
 *         k3 created 1 Oct, deleted activity 15 Nov   → not handled
 *   Eko   k4 created 1 Oct, won 30 Nov 23:30 WIB      → handled, won
 *         k5 created 1 Oct, won 1 Dec 00:30 WIB       → neither
 *   Gita  k6 created 20 Nov                           → handled
 *   —     k7 created 21 Nov                           → unassigned, handled
 * Revenue (completed, paid, by order assignee): Dewi 100.000 (an unpaid 50.000 does not count); Eko
 * 200.000 completed 30 Nov 23:30 WIB (300.000 on 1 Dec 00:30 WIB does not); unassigned 70.000.
 * First responses (seconds), conversations opened in November:
 *   Dewi  k1: 600, 1800 (a bot reply in between does not answer); k2: 1200, 3600
 *         → 600 1200 1800 3600, median (1200 + 1800) / 2 = 1500
 *   Eko   k4: opened 31 Oct 22:30 (before the range; the customer's 1 Nov 01:00 message is 2 h after the
 *         bot's, so it opens nothing); 10 Nov 300; 12 Nov 1860; 30 Nov 22:00 answered 1 Dec 08:00: 36000
 *         k8 (merged into k4): 30 → 30 300 1860 36000, median (300 + 1860) / 2 = 1080
 *   Gita  k6: one conversation, only the bot answered → median null
 *   —     k7: 120; a chat without a contact: 60 → median 90
 * Dewi's own WhatsApp chat and Eko's console test chat are not customer chats.
 */
beforeAll(async () => {
  const c = db.connection;
  const dewi = await addUser(c, 'Dewi', { whatsapp: '+6281300000001' });
  const eko = await addUser(c, 'Eko', { role: 'manager' });
  const gita = await addUser(c, 'Gita');
  await addUser(c, 'Fajar', { active: false });
  Object.assign(ids, { dewi: String(dewi._id), eko: String(eko._id), gita: String(gita._id) });

  const k = async (name: string) => addContact(c, name, { chatId: `${name}@c.us` });
  const [k1, k2, k3, k4, k5, k6, k7] = await Promise.all(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'].map(k));
  await addContact(c, 'k8', { chatId: 'k8@c.us', mergedInto: k4!._id });
  const oct1 = wib('2026-10-01T10:00:00');
  await addLead(c, {
    contactId: k1!._id,
    assignee: dewi._id,
    createdAt: wib('2026-11-02T10:00:00'),
    stage: 'won',
    closedAt: wib('2026-11-10T10:00:00'),
  });
  await addLead(c, {
    contactId: k2!._id,
    assignee: dewi._id,
    createdAt: oct1,
    stage: 'contacted',
    stageChangedAt: wib('2026-10-05T10:00:00'),
    activities: [{ at: wib('2026-11-15T10:00:00') }],
  });
  await addLead(c, {
    contactId: k3!._id,
    assignee: dewi._id,
    createdAt: oct1,
    stageChangedAt: wib('2026-10-02T10:00:00'),
    activities: [{ at: wib('2026-11-15T10:00:00'), deletedAt: wib('2026-11-16T10:00:00') }],
  });
  await addLead(c, {
    contactId: k4!._id,
    assignee: eko._id,
    createdAt: oct1,
    stage: 'won',
    closedAt: wib('2026-11-30T23:30:00'),
  });
  await addLead(c, {
    contactId: k5!._id,
    assignee: eko._id,
    createdAt: oct1,
    stage: 'won',
    closedAt: wib('2026-12-01T00:30:00'),
  });
  await addLead(c, { contactId: k6!._id, assignee: gita._id, createdAt: wib('2026-11-20T10:00:01') });
  await addLead(c, { contactId: k7!._id, createdAt: wib('2026-11-21T10:00:00') });

  const order = (
    assignee: typeof dewi._id | undefined,
    total: number,
    completedAt: string,
    paymentStatus: 'paid' | 'unpaid' = 'paid',
  ) =>
    addOrder(c, {
      contactId: k1!._id,
      createdAt: oct1,
      status: 'completed',
      total,
      paymentStatus,
      completedAt: wib(completedAt),
      ...(assignee && { assignee }),
    });
  await order(dewi._id, 100_000, '2026-11-05T10:00:00');
  await order(dewi._id, 50_000, '2026-11-06T10:00:00', 'unpaid');
  await order(eko._id, 200_000, '2026-11-30T23:30:00');
  await order(eko._id, 300_000, '2026-12-01T00:30:00');
  await order(undefined, 70_000, '2026-11-07T10:00:00');

  const chat = async (chatId: string, ...lines: [string, MessageAuthor][]) => {
    for (const [at, author] of lines) await addMessage(c, chatId, author, wib(at));
  };
  await chat(
    'k1@c.us',
    ['2026-11-03T09:00:00', 'customer'],
    ['2026-11-03T09:10:00', 'staff'],
    ['2026-11-04T09:00:00', 'customer'],
    ['2026-11-04T09:00:05', 'bot'],
    ['2026-11-04T09:30:00', 'phone'],
  );
  await chat(
    'k2@c.us',
    ['2026-11-16T10:00:00', 'customer'],
    ['2026-11-16T10:20:00', 'staff'],
    ['2026-11-20T10:00:00', 'customer'],
    ['2026-11-20T11:00:00', 'staff'],
  );
  await chat(
    'k4@c.us',
    ['2026-10-31T22:30:00', 'customer'],
    ['2026-10-31T23:00:00', 'bot'],
    ['2026-11-01T01:00:00', 'customer'],
    ['2026-11-01T01:30:00', 'staff'],
    ['2026-11-10T10:00:00', 'customer'],
    ['2026-11-10T10:05:00', 'staff'],
    ['2026-11-12T10:00:00', 'customer'],
    ['2026-11-12T10:01:00', 'customer'],
    ['2026-11-12T10:31:00', 'staff'],
    ['2026-11-30T22:00:00', 'customer'],
    ['2026-12-01T08:00:00', 'staff'],
  );
  await chat('k8@c.us', ['2026-11-25T09:00:00', 'customer'], ['2026-11-25T09:00:30', 'staff']);
  await chat('k6@c.us', ['2026-11-20T10:00:00', 'customer'], ['2026-11-20T10:00:05', 'bot']);
  await chat('k7@c.us', ['2026-11-21T10:00:00', 'customer'], ['2026-11-21T10:02:00', 'staff']);
  await chat('stranger@c.us', ['2026-11-22T10:00:00', 'customer'], ['2026-11-22T10:01:00', 'staff']);
  await chat('6281300000001@c.us', ['2026-11-22T10:00:00', 'customer'], ['2026-11-22T10:00:01', 'bot']);
  await chat(trialChatId(eko._id), ['2026-11-22T10:00:00', 'customer'], ['2026-11-22T20:00:00', 'staff']);
});

describe('teamReport', () => {
  it('gives each assignee their leads, wins, revenue and median first response', async () => {
    const result = await teamReport(db.connection, {
      from: '2026-11-01',
      to: '2026-11-30',
      now: NOW,
      timeZone: ZONE,
    });
    if (!result.ok) throw new Error(result.details);
    expect(result.report).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      rows: [
        {
          userId: ids.dewi,
          name: 'Dewi',
          leadsHandled: 2,
          won: 1,
          revenue: 100_000,
          conversations: 4,
          answered: 4,
          medianFirstResponseSeconds: 1500,
        },
        {
          userId: ids.eko,
          name: 'Eko',
          leadsHandled: 1,
          won: 1,
          revenue: 200_000,
          conversations: 4,
          answered: 4,
          medianFirstResponseSeconds: 1080,
        },
        {
          userId: ids.gita,
          name: 'Gita',
          leadsHandled: 1,
          won: 0,
          revenue: 0,
          conversations: 1,
          answered: 0,
          medianFirstResponseSeconds: null,
        },
        {
          userId: null,
          name: null,
          leadsHandled: 1,
          won: 0,
          revenue: 70_000,
          conversations: 2,
          answered: 2,
          medianFirstResponseSeconds: 90,
        },
      ],
    });
  });

  it('does not look for a reply after now', async () => {
    // Read at 07:00 WIB on 1 December: Eko's 30 November conversation is not answered yet.
    const result = await teamReport(db.connection, {
      from: '2026-11-01',
      to: '2026-11-30',
      now: wib('2026-12-01T07:00:00'),
      timeZone: ZONE,
    });
    if (!result.ok) throw new Error(result.details);
    expect(result.report.rows[1]).toMatchObject({
      name: 'Eko',
      conversations: 4,
      answered: 3,
      medianFirstResponseSeconds: 300,
    });
  });
});
