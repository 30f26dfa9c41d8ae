import { describe, expect, it } from 'vitest';
import { createLogger } from '../../domain/platform/logger.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { buildApp } from './app.js';
import { redactUrl } from './request-log.js';

const db = useTestDatabase();

describe('redactUrl', () => {
  it('hides the tracking token and query values, keeps the rest of the path', () => {
    expect(redactUrl('/track/Zx9_secret-token')).toBe('/track/[token]');
    expect(redactUrl('/api/contacts?q=budi&page=2')).toBe('/api/contacts?q=…&page=…');
    expect(redactUrl('/api/orders/65a0f1e2d3c4b5a697887766')).toBe('/api/orders/65a0f1e2d3c4b5a697887766');
  });
});

describe("the console's request lines (issue 11 item 4: redacted logs)", () => {
  it('carry no tracking token, search words or phone numbers', async () => {
    const lines: string[] = [];
    const log = createLogger({ env: 'production', logLevel: 'info' }, 'console-test', {
      write: (line: string) => void lines.push(line),
    });
    const app = await buildApp({ connection: db.connection, log });
    try {
      await app.inject({ method: 'GET', url: '/track/Zx9secrettoken' });
      await app.inject({ method: 'GET', url: '/api/contacts?q=081234567890' });
      await app.inject({ method: 'GET', url: '/api/chats/6281234567890%40c.us/messages' });
    } finally {
      await app.close();
    }
    const requests = lines.filter((line) => line.includes('incoming request'));
    expect(requests).toHaveLength(3);
    expect(requests.map((line) => JSON.parse(line).req.url)).toEqual([
      '/track/[token]',
      '/api/contacts?q=…',
      '/api/chats/***7890%40c.us/messages',
    ]);
    for (const line of lines) expect(line).not.toMatch(/Zx9secrettoken|8123456|budi/);
  });
});
