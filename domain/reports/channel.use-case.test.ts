import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../platform/testing/database.js';
import { channelReport } from './channel.use-case.js';
import { addContact, addLead, addOrder, wib } from './testing/report-data.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
const NOW = wib('2026-12-05T12:00:00');

/**
 * November's leads and their contacts' orders (completed unless said otherwise):
 *   c1 instagram_ads 3 Nov, won    150.000 paid 10 Nov (counts); 99.000 paid 20 Oct (before);
 *                                   40.000 unpaid 12 Nov (not revenue)
 *   c2 instagram_ads 5 Nov, lost   no orders
 *   c3 tiktok_ads 2 Nov, lost, then instagram_ads 20 Nov (open)
 *                                   200.000 paid 21 Nov → tiktok_ads, c3's first lead in the range
 *   c4 referral 15 Oct, won         80.000 paid 5 Nov: the lead is not November's, so nothing
 *   c5 organic 8 Nov, won           50.000 paid 30 Nov 23:30 WIB (counts); 70.000 paid 1 Dec 00:30 WIB (not)
 * instagram_ads: 3 leads, 1 won (0.3333), customers c1 c2, 150.000; tiktok_ads: 1 lead, 0 won, c3,
 * 200.000; organic: 1, 1 won, c5, 50.000. Total 5 leads, 2 won (0.4), 4 customers, 400.000.
 */
beforeAll(async () => {
  const c = db.connection;
  const paid = (
    contactId: (typeof c1)['_id'],
    total: number,
    completedAt: string,
    paymentStatus: 'paid' | 'unpaid' = 'paid',
  ) =>
    addOrder(c, {
      contactId,
      createdAt: wib('2026-10-01T10:00:00'),
      status: 'completed',
      total,
      paymentStatus,
      completedAt: wib(completedAt),
    });
  const c1 = await addContact(c, 'c1');
  await addLead(c, {
    contactId: c1._id,
    channel: 'instagram_ads',
    createdAt: wib('2026-11-03T10:00:00'),
    stage: 'won',
    closedAt: wib('2026-11-09T10:00:00'),
  });
  await paid(c1._id, 150_000, '2026-11-10T10:00:00');
  await paid(c1._id, 99_000, '2026-10-20T10:00:00');
  await paid(c1._id, 40_000, '2026-11-12T10:00:00', 'unpaid');
  const c2 = await addContact(c, 'c2');
  await addLead(c, {
    contactId: c2._id,
    channel: 'instagram_ads',
    createdAt: wib('2026-11-05T10:00:00'),
    stage: 'lost',
    closedAt: wib('2026-11-06T10:00:00'),
  });
  const c3 = await addContact(c, 'c3');
  await addLead(c, {
    contactId: c3._id,
    channel: 'tiktok_ads',
    createdAt: wib('2026-11-02T10:00:00'),
    stage: 'lost',
    closedAt: wib('2026-11-03T10:00:00'),
  });
  await addLead(c, { contactId: c3._id, channel: 'instagram_ads', createdAt: wib('2026-11-20T10:00:00') });
  await paid(c3._id, 200_000, '2026-11-21T10:00:00');
  const c4 = await addContact(c, 'c4');
  await addLead(c, {
    contactId: c4._id,
    channel: 'referral',
    createdAt: wib('2026-10-15T10:00:00'),
    stage: 'won',
    closedAt: wib('2026-10-16T10:00:00'),
  });
  await paid(c4._id, 80_000, '2026-11-05T10:00:00');
  const c5 = await addContact(c, 'c5');
  await addLead(c, {
    contactId: c5._id,
    channel: 'organic',
    createdAt: wib('2026-11-08T10:00:00'),
    stage: 'won',
    closedAt: wib('2026-11-09T10:00:00'),
  });
  await paid(c5._id, 50_000, '2026-11-30T23:30:00');
  await paid(c5._id, 70_000, '2026-12-01T00:30:00');
});

describe('channelReport', () => {
  it('counts leads, wins and first-touch revenue per channel', async () => {
    const result = await channelReport(db.connection, {
      from: '2026-11-01',
      to: '2026-11-30',
      now: NOW,
      timeZone: ZONE,
    });
    if (!result.ok) throw new Error(result.details);
    const zero = { leads: 0, won: 0, conversion: null, customers: 0, revenue: 0 };
    expect(result.report).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      rows: [
        { channel: 'organic', leads: 1, won: 1, conversion: 1, customers: 1, revenue: 50_000 },
        { channel: 'instagram_ads', leads: 3, won: 1, conversion: 0.3333, customers: 2, revenue: 150_000 },
        { channel: 'tiktok_ads', leads: 1, won: 0, conversion: 0, customers: 1, revenue: 200_000 },
        { channel: 'meta_ads', ...zero },
        { channel: 'referral', ...zero },
        { channel: 'event', ...zero },
        { channel: 'website', ...zero },
        { channel: 'other', ...zero },
      ],
      total: { leads: 5, won: 2, conversion: 0.4, customers: 4, revenue: 400_000 },
    });
  });
});
