import { beforeAll, describe, expect, it } from 'vitest';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { leadById, openLeadForContact } from '../../../domain/leads/lead.use-case.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const at = new Date('2026-11-20T03:00:00Z');
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };
let leadId: string;

beforeAll(async () => {
  const contact = await contactModel(db.connection).create({
    chatId: '6281234567890@c.us',
    phone: '+6281234567890',
    pushName: 'Budi',
    createdAt: at,
  });
  const { lead } = await openLeadForContact(
    db.connection,
    { contactId: contact._id, channel: 'instagram_ads', at, actor: { kind: 'bot' } },
    { leadAssignment: 'unassigned' },
  );
  leadId = String(lead._id);
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

const move = (id: string, payload: object) =>
  app.inject({ method: 'POST', url: `/api/leads/${id}/stage`, headers, payload });

describe('leads routes', () => {
  it('shows the board by stage, and a drop moves the lead for good', async () => {
    const board = (await app.inject({ method: 'GET', url: '/api/leads/board', headers })).json();
    expect(board.stages.map((column: { stage: string }) => column.stage)).toEqual([
      'new',
      'contacted',
      'qualified',
      'proposal',
      'won',
      'lost',
    ]);
    expect(board.stages[0].leads).toMatchObject([{ id: leadId, customer: 'Budi', channel: 'instagram_ads' }]);
    const moved = await move(leadId, { to: 'contacted' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ changed: true, lead: { stage: 'contacted' } });
    expect((await leadById(db.connection, leadId))?.stage).toBe('contacted');
  });

  it('asks a reason before losing a lead, and 404s an unknown one', async () => {
    const noReason = await move(leadId, { to: 'lost' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toBe('LEAD.LOST_REASON_REQUIRED');
    expect((await move(leadId, { to: 'lost', reason: 'harga terlalu mahal' })).json().lead.stage).toBe(
      'lost',
    );
    const unknown = await move('0123456789abcdef01234567', { to: 'won' });
    expect(unknown.statusCode).toBe(404);
  });

  it('lists leads by state with pages, and shows one with its activities newest first', async () => {
    // The test before lost the only lead.
    const open = (await app.inject({ method: 'GET', url: '/api/leads?state=open', headers })).json();
    expect(open).toMatchObject({ total: 0, items: [] });
    const closed = (await app.inject({ method: 'GET', url: '/api/leads?state=closed', headers })).json();
    expect(closed).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    expect(closed.items[0]).toMatchObject({ id: leadId, customer: 'Budi', channel: 'instagram_ads' });
    const log = (text: string) =>
      app.inject({
        method: 'POST',
        url: `/api/leads/${leadId}/activities`,
        headers,
        payload: { kind: 'call', text },
      });
    expect((await log('Telepon pertama, minta katalog')).statusCode).toBe(200);
    const second = (await log('Kirim penawaran')).json();
    expect(second.lead.activities.map((activity: { text: string }) => activity.text).slice(0, 2)).toEqual([
      'Kirim penawaran',
      'Telepon pertama, minta katalog',
    ]);
    expect(second.lead.activities[0].by).toBe('Test admin');
    const empty = await log('   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details).toContain('text');
    const detail = (await app.inject({ method: 'GET', url: `/api/leads/${leadId}`, headers })).json();
    expect(detail.lead.activities.length).toBe(second.lead.activities.length);
  });

  it('edits a lead and names a bad field; an unknown lead is 404', async () => {
    const edit = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/leads/${leadId}`, headers, payload });
    const edited = await edit({ interest: 'Dekorasi nikahan', estimatedValue: 5_000_000 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      changed: true,
      lead: { interest: 'Dekorasi nikahan', estimatedValue: 5_000_000 },
    });
    const bad = await edit({ budget: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toContain('budget');
    const unknown = await app.inject({ method: 'GET', url: '/api/leads/0123456789abcdef01234567', headers });
    expect(unknown.statusCode).toBe(404);
  });

  it("shows custom field values and the shop's field definitions on the list and the lead", async () => {
    const saved = await updateSettings(
      db.connection,
      {
        leadCustomFields: [
          { key: 'asal_sekolah', label: 'Asal sekolah', type: 'text' },
          { key: 'kelas', label: 'Kelas', type: 'select', options: ['10', '11', '12'] },
          { key: 'anggaran', label: 'Anggaran', type: 'number' },
        ],
      },
      { actor: { kind: 'system', name: 'test' }, at },
    );
    expect(saved.ok).toBe(true);
    const fields = [
      { key: 'asal_sekolah', label: 'Asal sekolah', type: 'text' },
      { key: 'kelas', label: 'Kelas', type: 'select', options: ['10', '11', '12'] },
      { key: 'anggaran', label: 'Anggaran', type: 'number' },
    ];
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/leads/${leadId}`,
      headers,
      payload: { customFields: { asal_sekolah: 'SMAN 3 Bandung', kelas: '11', anggaran: '1500000' } },
    });
    expect(edited.statusCode).toBe(200);
    const customFields = { asal_sekolah: 'SMAN 3 Bandung', kelas: '11', anggaran: 1_500_000 };
    expect(edited.json()).toMatchObject({ lead: { customFields }, fields });
    const list = (await app.inject({ method: 'GET', url: '/api/leads', headers })).json();
    expect(list.fields).toEqual(fields);
    expect(list.items).toMatchObject([{ id: leadId, customFields }]);
    const detail = (await app.inject({ method: 'GET', url: `/api/leads/${leadId}`, headers })).json();
    expect(detail.lead.customFields).toEqual(customFields);
    expect(detail.fields).toEqual(fields);
  });
});
