import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../domain/platform/paths.js';

/**
 * Issue 10 item 4 in the normal run: a tiny kill -9 soak (8 customers, one kill mid-burst) must lose
 * nothing and double nothing. The full one is `npx tsx scripts/soak/kill9.ts` (see README).
 */
describe('kill -9 soak', () => {
  it('loses no message and doubles no reply or order across a kill', { timeout: 180_000 }, async () => {
    const soak = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/soak/kill9.ts',
        '--contacts',
        '8',
        '--messages',
        '32',
        '--rate',
        '4',
        '--kills',
        '0',
        '--seed',
        '7',
      ],
      { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    soak.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    soak.stderr.on('data', (chunk: Buffer) => (stdout += chunk));
    // Should the test time out, the soak still stops the processes it started (its SIGINT handler).
    const timer = setTimeout(() => soak.kill('SIGINT'), 170_000);
    const code = await new Promise<number | null>((resolve) => soak.once('exit', resolve));
    clearTimeout(timer);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1), stdout).toMatch(
      /^messages 32, lost 0, duplicate replies 0, duplicate orders 0, restarts 1$/,
    );
    expect(stdout).toMatch(/processes left 0/);
    expect(code).toBe(0);
  });
});
