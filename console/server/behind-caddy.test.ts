import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../domain/platform/config.js';
import { projectRoot } from '../../domain/platform/paths.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import type { App } from './app.js';
import { CHAT_IMPORT_MAX_BYTES } from './routes/imports.routes.js';
import { buildTestApp, staffUser, TEST_PASSWORD } from './testing/app-harness.js';

/**
 * Issue 13 item 1: the console behind Caddy on the same VPS. Caddy connects from loopback and sends the
 * real client in X-Forwarded-For and "https" in X-Forwarded-Proto; the console believes those headers
 * from loopback only (trustProxy: 'loopback'), and from nowhere else.
 */
const db = useTestDatabase();
const CADDY = '127.0.0.1';
const CUSTOMER = '203.0.113.7';
const OTHER_CUSTOMER = '203.0.113.8';
let app: App;

beforeAll(async () => {
  await staffUser(db.connection, 'owner');
});

afterEach(async () => {
  await app.close();
});

/** A fresh app per test: the login rate limit counts in memory, per app. */
const freshApp = async () => {
  ({ app } = await buildTestApp(db.connection));
  return app;
};

const login = (
  remoteAddress: string,
  headers: Record<string, string>,
  password = 'salah-sandi-123',
  login = 'owner',
) =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    remoteAddress,
    headers,
    payload: { login, password },
  });

describe('the console behind a reverse proxy on the same host', () => {
  it('rate-limits logins per forwarded client when the request comes from Caddy on loopback', async () => {
    await freshApp();
    const fromCustomer = { 'x-forwarded-for': CUSTOMER, 'x-forwarded-proto': 'https' };
    // An unknown login: wrong tries must not lock the owner's account for the other tests.
    for (let attempt = 0; attempt < 10; attempt += 1)
      expect((await login(CADDY, fromCustomer, 'salah', 'tidak-ada')).statusCode).toBe(401);
    expect((await login(CADDY, fromCustomer, 'salah', 'tidak-ada')).statusCode).toBe(429);
    // Another customer through the same Caddy is a different client, not limited by the first one's tries.
    const other = await login(CADDY, { 'x-forwarded-for': OTHER_CUSTOMER }, 'salah', 'tidak-ada');
    expect(other.statusCode).toBe(401);
  });

  it('ignores X-Forwarded-For from anywhere but loopback, so a client cannot dodge the limit', async () => {
    await freshApp();
    const direct = '198.51.100.9';
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const spoofed = { 'x-forwarded-for': `192.0.2.${attempt}` };
      expect((await login(direct, spoofed, 'salah', 'tidak-ada')).statusCode).toBe(401);
    }
    const again = await login(direct, { 'x-forwarded-for': '192.0.2.200' }, 'salah', 'tidak-ada');
    expect(again.statusCode).toBe(429);
  });

  it('makes the session cookie Secure when Caddy says the client used https, and only then', async () => {
    await freshApp();
    const cookieOf = async (remoteAddress: string, headers: Record<string, string>) => {
      const response = await login(remoteAddress, headers, TEST_PASSWORD);
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((candidate) => candidate.name === 'pesanin_session');
      return { secure: cookie?.secure === true, httpOnly: cookie?.httpOnly === true };
    };
    const https = { 'x-forwarded-for': CUSTOMER, 'x-forwarded-proto': 'https' };
    expect(await cookieOf(CADDY, https)).toEqual({ secure: true, httpOnly: true });
    // Plain http on the loopback (a developer's machine, no proxy): a Secure cookie would never come back.
    expect(await cookieOf(CADDY, {})).toEqual({ secure: false, httpOnly: true });
    // Someone else claiming https is not believed.
    expect(await cookieOf('198.51.100.9', https)).toEqual({ secure: false, httpOnly: true });
  });
});

describe('deploy/Caddyfile', () => {
  const file = path.join(projectRoot(), 'deploy/Caddyfile');
  const text = readFileSync(file, 'utf8');
  // Directives and addresses, without comments and blank lines.
  const lines = text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter(Boolean);

  it('serves the domain placeholder of the README and hands everything to the console on loopback', () => {
    const defaults = parseConfig({});
    expect(lines[0]).toBe('toko.example.com {');
    expect(lines.filter((line) => line.endsWith('{')).map((line) => line.split(' ')[0])).toEqual([
      'toko.example.com',
      'request_body',
    ]);
    expect(lines).toContain(`reverse_proxy ${defaults.console.host}:${defaults.console.port}`);
    // Balanced blocks, the site block closing last.
    let depth = 0;
    for (const line of lines) {
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
    expect(readme).toContain('toko.example.com');
    expect(readme).toContain('caddy validate');
  });

  it('lets the largest upload (a chat export) through', () => {
    const size = /^max_size (\d+)MB$/.exec(lines.find((line) => line.startsWith('max_size')) ?? '');
    // Caddy reads MB as 1000 × 1000 bytes; the multipart envelope needs a little room too.
    expect(Number(size?.[1]) * 1_000_000).toBeGreaterThan(CHAT_IMPORT_MAX_BYTES + 1_000_000);
  });

  // Debian's caddy, installed by .ci/run like Chromium, checks the file as the VPS would.
  it('is valid for Caddy itself (caddy validate)', () => {
    if (!existsSync('/usr/bin/caddy'))
      throw new Error('/usr/bin/caddy is missing: install it (apt-get install -y caddy), as .ci/run does');
    const output = execFileSync('/usr/bin/caddy', ['validate', '--config', file, '--adapter', 'caddyfile'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toContain('Valid configuration');
  });
});
