import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/platform/logger.js';
import { openConnection } from '../../domain/platform/mongo.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { useTempDirs } from '../../domain/platform/testing/temp-dir.js';
import { buildApp } from './app.js';

const db = useTestDatabase();
const tempDir = useTempDirs();
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'console-test');

describe('console app', () => {
  it('reports a healthy database', async () => {
    const app = await buildApp({ connection: db.connection, log });
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', mongo: 'up', whatsapp: 'unknown' });
    await app.close();
  });

  it('reports 503 when the database connection is gone', async () => {
    const connection = await openConnection(db.uri, 'health_down');
    await connection.close();
    const app = await buildApp({ connection, log });
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'degraded', mongo: 'down', whatsapp: 'unknown' });
    await app.close();
  });

  it('serves the single-page app with history fallback, and JSON 404 under /api', async () => {
    const webRoot = tempDir('web');
    await writeFile(path.join(webRoot, 'index.html'), '<pesanin-app></pesanin-app>');
    const app = await buildApp({ connection: db.connection, log, webRoot });
    const page = await app.inject({ method: 'GET', url: '/orders/ORD-202611-0001' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<pesanin-app>');
    const missing = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'NOT_FOUND', details: 'GET /api/nope' });
    await app.close();
  });
});
