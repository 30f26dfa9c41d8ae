import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './paths.js';
import { useTempDirs } from './testing/temp-dir.js';

/** Process-level behaviour of the entry points, run as real processes through tsx. */
const root = projectRoot();
const tempDir = useTempDirs();
const tsx = path.join(root, 'node_modules/.bin/tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(entry: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [entry], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('entry points', () => {
  it('stop on a bad variable with one line naming it', async () => {
    const result = await run(path.join(root, 'console/server/main.ts'), { PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT must be a port number (got "abc")');
    expect(result.stdout).toBe('');
  });

  it('stop in production without an https PUBLIC_BASE_URL with one line naming it (issue 13)', async () => {
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:9/pesanin',
      CONSOLE_SECRET: 'x'.repeat(32),
      DATA_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      DATA_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
    };
    // The three start-ups run side by side: each is a tsx process that stops before opening anything.
    const [consoleRun, botRun, plain] = await Promise.all([
      run(path.join(root, 'console/server/main.ts'), production),
      run(path.join(root, 'bot/main.ts'), production),
      run(path.join(root, 'console/server/main.ts'), {
        ...production,
        PUBLIC_BASE_URL: 'http://toko.example.com',
      }),
    ]);
    for (const missing of [consoleRun, botRun]) {
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe(
        "Configuration error: PUBLIC_BASE_URL is required in production: the shop's https:// address, e.g. https://toko.example.com\n",
      );
      expect(missing.stdout).toBe('');
    }
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe(
      'Configuration error: PUBLIC_BASE_URL must be an https:// address in production, e.g. https://toko.example.com (got "http://toko.example.com")\n',
    );
  });

  it('stop with the ways out when no MongoDB can be had', async () => {
    const result = await run(path.join(root, 'bot/main.ts'), {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: tempDir('data'),
      // A version no cache holds, and a download host that never resolves: the offline machine's situation.
      MONGOMS_VERSION: '0.0.1',
      MONGOMS_DOWNLOAD_MIRROR: 'https://mongod.invalid',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^No MongoDB available: MONGODB_URI is not set/);
    expect(result.stderr).toContain('MONGODB_URI=mongodb://');
    expect(result.stderr).toContain('MONGOMS_SYSTEM_BINARY');
    expect(result.stderr).toContain('MONGO=emulator');
    noStackTrace(result.stderr);
  });

  it('npm start with MONGO=emulator runs bot and console, which stop cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const child = spawn(tsx, [path.join(root, 'scripts/start.ts')], {
      cwd: tempDir('start'),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', MONGO: 'emulator', PORT: String(port) },
    });
    const messages: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const ready = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        messages.push((JSON.parse(line) as { name: string; msg: string }).msg);
        if (messages.includes('bot ready') && messages.includes('console ready')) resolve();
      });
    });
    await ready;
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', mongo: 'up', whatsapp: expect.any(String) });

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(messages).toEqual(expect.arrayContaining(['bot stopped', 'console stopped', 'start stopped']));
    expect(stderr).toBe('');
  }, 30_000);
});
