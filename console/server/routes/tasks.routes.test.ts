import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
let app: App;
let admin: { cookie: string; 'x-csrf-token': string };
let manager: { cookie: string; 'x-csrf-token': string };

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  await staffUser(db.connection, 'manager');
  admin = await loginAs(app, 'admin');
  manager = await loginAs(app, 'manager');
});

const create = (headers: typeof admin, payload: object) =>
  app.inject({ method: 'POST', url: '/api/tasks', headers, payload });

describe('tasks routes', () => {
  it('creates tasks for their author, lists mine or everyone’s by due time, and closes them once', async () => {
    expect(
      (await create(admin, { text: 'telpon Budi', dueAt: '2026-11-24T10:00:00+07:00' })).json().task,
    ).toMatchObject({
      number: 1,
      status: 'open',
      dueAt: '2026-11-24T03:00:00.000Z',
    });
    await create(manager, { text: 'cek stok pita', dueAt: '2026-11-23T15:00:00+07:00' });
    const mine = (await app.inject({ method: 'GET', url: '/api/tasks?mine=true', headers: admin })).json()
      .tasks;
    expect(mine.map((task: { text: string }) => task.text)).toEqual(['telpon Budi']);
    const all = (await app.inject({ method: 'GET', url: '/api/tasks', headers: admin })).json().tasks;
    expect(all.map((task: { number: number }) => task.number)).toEqual([2, 1]);
    const done = await app.inject({ method: 'POST', url: '/api/tasks/1/done', headers: admin });
    expect(done.json()).toMatchObject({ changed: true, task: { status: 'done' } });
    const cancel = await app.inject({ method: 'POST', url: '/api/tasks/1/cancel', headers: admin });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error).toBe('TASK.CLOSED');
  });

  it('refuses a task without a due time, and an unknown task', async () => {
    const bad = await create(admin, { text: 'x', dueAt: 'besok' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.dueAt' });
    expect((await app.inject({ method: 'POST', url: '/api/tasks/99/done', headers: admin })).statusCode).toBe(
      404,
    );
  });
});
