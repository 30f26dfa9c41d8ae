import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportedOrderSchema, importOrders } from '../../../domain/orders/order-import.use-case.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { useTempDirs } from '../../../domain/platform/testing/temp-dir.js';
import { HISTORY, HISTORY_NOW } from '../../../domain/reports/testing/order-history.js';
import { runScript } from '../../../scripts/testing/run-script.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
let app: App;
let file: string;

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
  await staffUser(db.connection, 'manager');
  await staffUser(db.connection, 'admin');
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
