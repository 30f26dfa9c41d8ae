import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { ImportedOrderSchema, importOrders } from '../../../domain/orders/order-import.use-case.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { useTempDirs } from '../../../domain/platform/testing/temp-dir.js';
import { HISTORY, HISTORY_NOW } from '../../../domain/reports/testing/order-history.js';
import {
  addInvoice,
  addLead,
  addMessage,
  addOrder,
  wib,
} from '../../../domain/reports/testing/report-data.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import type { StaffUser } from '../../../domain/users/user.use-case.js';
import { runScript } from '../../../scripts/testing/run-script.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { reportsRoutes } from './reports.routes.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
let app: App;
let file: string;
let manager: StaffUser;
let admin: StaffUser;

/** scripts/report.ts on the same history: its JSON lines. */
async function cli(report: 'rfm' | 'monthly'): Promise<unknown[]> {
  const run = await runScript('report', [report, '--orders', file, '--now', HISTORY_NOW]);
  if (run.code !== 0) throw new Error(`report ${report} exited ${run.code}: ${run.stderr}`);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

beforeAll(async () => {
  file = path.join(tempDir('history'), 'orders.jsonl');
  writeFileSync(file, HISTORY);
  const rows = HISTORY.split('\n').map((line) => ImportedOrderSchema.parse(JSON.parse(line)));
  await importOrders(db.connection, rows, {
    actor: { kind: 'system', name: 'test' },
    at: new Date(HISTORY_NOW),
  });
  ({ app } = await buildTestApp(db.connection));
  manager = await staffUser(db.connection, 'manager');
  admin = await staffUser(db.connection, 'admin');
});

describe('report routes', () => {
  it('give the same RFM figures as scripts/report.ts on the same history', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/reports/rfm?now=${encodeURIComponent(HISTORY_NOW)}`,
      headers: await loginAs(app, 'manager'),
    });
    expect(response.statusCode).toBe(200);
    const rows = response
      .json()
      .rows.map(({ contactId: _id, name: _name, ...row }: Record<string, unknown>) => row);
    expect(rows).toEqual(await cli('rfm'));
    expect(rows).toHaveLength(4);
  });

  it('give the same months as scripts/report.ts', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/reports/monthly?now=${encodeURIComponent(HISTORY_NOW)}&tz=Asia/Jakarta`,
      headers: await loginAs(app, 'manager'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().rows).toEqual(await cli('monthly'));
  });

  it('are not for admins, and refuse a bad time zone by name', async () => {
    const admin = await app.inject({
      method: 'GET',
      url: '/api/reports/rfm',
      headers: await loginAs(app, 'admin'),
    });
    expect(admin.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/reports/monthly?tz=Mars/Olympus',
      headers: await loginAs(app, 'manager'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'query.tz' });
  });
});

/**
 * The range reports on the same order history (HISTORY, read at 23 November 2026 12:00 WIB) plus leads,
 * invoices, chats and two orders with lines. Every figure below is worked out from these by hand.
 *
 * Orders (HISTORY; created → money counted): Citra 120.000 created 31 Aug 23:30 WIB, paid on completion
 * 1 Sep; Budi 100.000 Sep, 200.000 Oct (created 1 Oct 00:30 WIB), 300.000 Nov, one cancelled; Ani
 * 150.000 Oct, 80.000 Nov part-paid; Citra 80.000 Sep; Dodi 90.000 Nov pending; Eka 70.000 created
 * 1 Nov 00:30 WIB, completed without a completion time. Added: Dodi's custom logo (250.000, Oct,
 * unpaid) and catalog order (mawar 2 = 100.000, pita 1 = 5.000; Nov, unpaid).
 * Orders per month: Aug 1, Sep 2, Oct 3, Nov 5. Revenue: Sep 100 + 120 + 80 = 300.000, Oct 200 + 150 =
 * 350.000, Nov 300 + 70 = 370.000. Targets: 4 orders, 400.000, 2 new leads a month.
 * Leads: Budi instagram_ads 5 Sep won 10 Sep (manager, 300.000); Ani organic 10 Oct lost (manager, no
 * history); Dodi instagram_ads 21 Nov qualified (admin, 500.000); Eka referral 1 Nov 00:30 WIB new
 * (unassigned, no value).
 * Chats: Budi writes 20 Nov 09:00, staff answer 09:15 (900 s, the manager's); Dodi writes 21 Nov 10:00,
 * only the bot answers (the admin's, unanswered).
 * Invoices: Budi 300.000 due 23 Nov (today: current); Ani 80.000 with 40.000 paid, due 24 Oct (30 days);
 * Citra 120.000 due 23 Sep (61 days).
 */
describe('range report routes', () => {
  const range = 'from=2026-08-01&to=2026-11-30';
  const get = async (report: string, query = range) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/reports/${report}?${query}${query ? '&' : ''}now=${encodeURIComponent(HISTORY_NOW)}`,
      headers: await loginAs(app, 'manager'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const route = reportsRoutes.find((candidate) => candidate.url === `/api/reports/${report}`)!;
    // The answer has the shape the route declares.
    route.response!.parse(response.json());
    return response.json();
  };

  beforeAll(async () => {
    const c = db.connection;
    const contact = async (phone: string) => (await contactModel(c).findOne({ phone }).lean())!;
    const [budi, ani, citra, dodi, eka] = await Promise.all(
      ['+6281234567890', '+6281311112222', '+6281355556666', '+6281377778888', '+6281399990000'].map(contact),
    );
    await addOrder(c, {
      contactId: dodi!._id,
      createdAt: wib('2026-10-18T10:00:00'),
      status: 'completed',
      completedAt: wib('2026-10-20T10:00:00'),
      kind: 'custom',
      category: 'logo',
      subtotal: 250_000,
    });
    await addOrder(c, {
      contactId: dodi!._id,
      createdAt: wib('2026-11-14T10:00:00'),
      status: 'completed',
      completedAt: wib('2026-11-15T10:00:00'),
      items: [
        { sku: 'mawar', name: 'Buket Mawar', qty: 2, subtotal: 100_000 },
        { sku: 'pita', name: 'Pita', qty: 1, subtotal: 5_000 },
      ],
    });
    await addLead(c, {
      contactId: budi!._id,
      channel: 'instagram_ads',
      createdAt: wib('2026-09-05T10:00:00'),
      stage: 'won',
      closedAt: wib('2026-09-10T10:00:00'),
      assignee: manager._id,
      estimatedValue: 300_000,
    });
    await addLead(c, {
      contactId: ani!._id,
      channel: 'organic',
      createdAt: wib('2026-10-10T10:00:00'),
      stage: 'lost',
      closedAt: wib('2026-10-20T10:00:00'),
      assignee: manager._id,
    });
    await addLead(c, {
      contactId: dodi!._id,
      channel: 'instagram_ads',
      createdAt: wib('2026-11-21T10:00:00'),
      stage: 'qualified',
      assignee: admin._id,
      estimatedValue: 500_000,
    });
    await addLead(c, { contactId: eka!._id, channel: 'referral', createdAt: wib('2026-11-01T00:30:00') });
    await addMessage(c, budi!.chatId, 'customer', wib('2026-11-20T09:00:00'));
    await addMessage(c, budi!.chatId, 'staff', wib('2026-11-20T09:15:00'));
    await addMessage(c, dodi!.chatId, 'customer', wib('2026-11-21T10:00:00'));
    await addMessage(c, dodi!.chatId, 'bot', wib('2026-11-21T10:00:03'));
    await addInvoice(c, {
      number: 'INV-202611-0001',
      contactId: budi!._id,
      amount: 300_000,
      dueDate: '2026-11-23',
      status: 'sent',
    });
    await addInvoice(c, {
      number: 'INV-202610-0001',
      contactId: ani!._id,
      amount: 80_000,
      paidAmount: 40_000,
      dueDate: '2026-10-24',
      status: 'overdue',
    });
    await addInvoice(c, {
      number: 'INV-202609-0001',
      contactId: citra!._id,
      amount: 120_000,
      dueDate: '2026-09-23',
      status: 'overdue',
    });
    const set = await updateSettings(
      c,
      { monthlyTargets: { orders: 4, revenue: 400_000, newLeads: 2 } },
      { actor: { kind: 'system', name: 'test' }, at: new Date(HISTORY_NOW) },
    );
    if (!set.ok) throw new Error(set.details);
  });

  it('trend', async () => {
    const target = { orders: 4, revenue: 400_000, newLeads: 2 };
    expect(await get('trend')).toEqual({
      from: '2026-08-01',
      to: '2026-11-30',
      months: [
        {
          month: '2026-08',
          orders: 1,
          revenue: 0,
          newLeads: 0,
          target,
          ratio: { orders: 0.25, revenue: 0, newLeads: 0 },
        },
        {
          month: '2026-09',
          orders: 2,
          revenue: 300_000,
          newLeads: 1,
          target,
          ratio: { orders: 0.5, revenue: 0.75, newLeads: 0.5 },
        },
        {
          month: '2026-10',
          orders: 3,
          revenue: 350_000,
          newLeads: 1,
          target,
          ratio: { orders: 0.75, revenue: 0.875, newLeads: 0.5 },
        },
        {
          month: '2026-11',
          orders: 5,
          revenue: 370_000,
          newLeads: 2,
          target,
          ratio: { orders: 1.25, revenue: 0.925, newLeads: 1 },
        },
      ],
      total: { orders: 11, revenue: 1_020_000, newLeads: 4 },
    });
  });

  it('funnel', async () => {
    // Budi won (all steps), Ani lost without history (new), Dodi qualified (three), Eka new.
    expect(await get('funnel')).toEqual({
      from: '2026-08-01',
      to: '2026-11-30',
      leads: 4,
      open: 2,
      lost: 1,
      steps: [
        { stage: 'new', reached: 4, fromPrevious: null },
        { stage: 'contacted', reached: 2, fromPrevious: 0.5 },
        { stage: 'qualified', reached: 2, fromPrevious: 1 },
        { stage: 'proposal', reached: 1, fromPrevious: 0.5 },
        { stage: 'won', reached: 1, fromPrevious: 1 },
      ],
      overall: 0.25,
    });
  });

  it('channels', async () => {
    const zero = { leads: 0, won: 0, conversion: null, customers: 0, revenue: 0 };
    expect(await get('channels')).toEqual({
      from: '2026-08-01',
      to: '2026-11-30',
      rows: [
        // Ani: 150.000 paid in October (her part-paid 80.000 is not revenue).
        { channel: 'organic', leads: 1, won: 0, conversion: 0, customers: 1, revenue: 150_000 },
        // Budi 100.000 + 200.000 + 300.000; Dodi's orders are unpaid.
        { channel: 'instagram_ads', leads: 2, won: 1, conversion: 0.5, customers: 2, revenue: 600_000 },
        { channel: 'tiktok_ads', ...zero },
        { channel: 'meta_ads', ...zero },
        { channel: 'referral', leads: 1, won: 0, conversion: 0, customers: 1, revenue: 70_000 },
        { channel: 'event', ...zero },
        { channel: 'website', ...zero },
        { channel: 'other', ...zero },
      ],
      total: { leads: 4, won: 1, conversion: 0.25, customers: 4, revenue: 820_000 },
    });
  });

  it('forecast (no range)', async () => {
    expect(await get('forecast', '')).toEqual({
      asOf: '2026-11-23T05:00:00.000Z',
      stages: [
        { stage: 'new', count: 1, value: 0, probability: 0.1, weighted: 0, withoutValue: 1 },
        { stage: 'contacted', count: 0, value: 0, probability: 0.2, weighted: 0, withoutValue: 0 },
        {
          stage: 'qualified',
          count: 1,
          value: 500_000,
          probability: 0.4,
          weighted: 200_000,
          withoutValue: 0,
        },
        { stage: 'proposal', count: 0, value: 0, probability: 0.6, weighted: 0, withoutValue: 0 },
      ],
      total: { count: 2, value: 500_000, weighted: 200_000, withoutValue: 1 },
    });
  });

  it('team', async () => {
    expect(await get('team')).toEqual({
      from: '2026-08-01',
      to: '2026-11-30',
      rows: [
        {
          userId: String(admin._id),
          name: 'Test admin',
          leadsHandled: 1,
          won: 0,
          revenue: 0,
          conversations: 1,
          answered: 0,
          medianFirstResponseSeconds: null,
        },
        {
          userId: String(manager._id),
          name: 'Test manager',
          leadsHandled: 2,
          won: 1,
          revenue: 0,
          conversations: 1,
          answered: 1,
          medianFirstResponseSeconds: 900,
        },
        // No order has an assignee: all revenue is unassigned.
        {
          userId: null,
          name: null,
          leadsHandled: 1,
          won: 0,
          revenue: 1_020_000,
          conversations: 0,
          answered: 0,
          medianFirstResponseSeconds: null,
        },
      ],
    });
  });

  it('aging (no range)', async () => {
    const invoice = (
      number: string,
      customer: string,
      dueDate: string,
      amount: number,
      outstanding: number,
      daysOverdue: number,
      status: string,
    ) => ({
      number,
      orderNumber: number.replace('INV', 'ORD'),
      contactId: expect.any(String),
      customer,
      dueDate,
      amount,
      outstanding,
      daysOverdue,
      status,
    });
    expect(await get('aging', '')).toEqual({
      asOf: '2026-11-23T05:00:00.000Z',
      today: '2026-11-23',
      buckets: [
        {
          bucket: 'current',
          count: 1,
          outstanding: 300_000,
          invoices: [invoice('INV-202611-0001', 'Budi', '2026-11-23', 300_000, 300_000, 0, 'sent')],
        },
        {
          bucket: '1-30',
          count: 1,
          outstanding: 40_000,
          invoices: [invoice('INV-202610-0001', 'Ani', '2026-10-24', 80_000, 40_000, 30, 'overdue')],
        },
        { bucket: '31-60', count: 0, outstanding: 0, invoices: [] },
        {
          bucket: '60+',
          count: 1,
          outstanding: 120_000,
          invoices: [invoice('INV-202609-0001', 'Citra', '2026-09-23', 120_000, 120_000, 61, 'overdue')],
        },
      ],
      total: { count: 3, outstanding: 460_000 },
    });
  });

  it('products', async () => {
    // November against 2–31 October; the imported orders have no lines, so only Dodi's two count.
    const sales = (quantity: number, revenue: number) => ({ quantity, revenue });
    expect(await get('products', 'from=2026-11-01&to=2026-11-30')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      previous: { from: '2026-10-02', to: '2026-10-31' },
      products: [
        // 100.000 / 105.000 = 0.9524; 5.000 / 105.000 = 0.0476
        {
          sku: 'mawar',
          kind: 'catalog',
          name: 'Buket Mawar',
          category: null,
          ...sales(2, 100_000),
          share: 0.9524,
          previous: sales(0, 0),
          change: null,
        },
        {
          sku: 'pita',
          kind: 'catalog',
          name: 'Pita',
          category: null,
          ...sales(1, 5_000),
          share: 0.0476,
          previous: sales(0, 0),
          change: null,
        },
        {
          sku: null,
          kind: 'custom',
          name: 'logo',
          category: 'logo',
          ...sales(0, 0),
          share: 0,
          previous: sales(1, 250_000),
          change: -1,
        },
      ],
      categories: [
        { category: null, ...sales(3, 105_000), share: 1, previous: sales(0, 0), change: null },
        { category: 'logo', ...sales(0, 0), share: 0, previous: sales(1, 250_000), change: -1 },
      ],
      // (105.000 − 250.000) / 250.000 = −0.58
      total: { ...sales(3, 105_000), previous: sales(1, 250_000), change: -0.58 },
    });
  });

  it('answer with the default range (the six months up to now) when none is given', async () => {
    for (const report of ['trend', 'funnel', 'channels', 'team', 'products'])
      expect(await get(report, ''), report).toMatchObject({ from: '2026-06-01', to: '2026-11-23' });
  });

  it('refuse a bad range by field, and a range on the snapshot reports', async () => {
    const headers = await loginAs(app, 'manager');
    const answer = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers });
      return { status: response.statusCode, ...response.json() };
    };
    expect(await answer('/api/reports/trend?from=2026-11-02&to=2026-11-01')).toMatchObject({
      status: 400,
      error: 'REQUEST.INVALID',
      field: 'query.from',
    });
    expect(await answer('/api/reports/funnel?from=2023-01-01&to=2026-01-01')).toMatchObject({
      status: 400,
      field: 'query.to',
    });
    expect(await answer('/api/reports/team?to=2026-02-30')).toMatchObject({ status: 400, field: 'query.to' });
    // Only `from`, 26 years back: too long once `to` defaults to today; the use case says so.
    expect(await answer('/api/reports/channels?from=2000-01-01')).toMatchObject({
      status: 400,
      error: 'REPORT.INVALID_RANGE',
      field: 'query.to',
    });
    expect(await answer('/api/reports/forecast?from=2026-11-01')).toMatchObject({
      status: 400,
      error: 'REQUEST.INVALID',
    });
  });
});
