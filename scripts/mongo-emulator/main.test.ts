import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';

// The CLI contract scripts rely on: one `ready <uri>` line on stdout, exit 0 on SIGTERM, exit 2 on bad input.

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

function run(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(tsx, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, stdout: () => stdout, stderr: () => stderr };
}

describe.concurrent('main.ts', () => {
  it('prints one ready line, serves, and exits 0 on SIGTERM', { timeout: 15_000 }, async () => {
    const { child, stdout } = run(['--port', '0']);
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', () => {
        if (stdout().includes('\n')) resolve(stdout());
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const match = /^ready (mongodb:\/\/127\.0\.0\.1:\d+)\n$/.exec(ready);
    expect(match).not.toBeNull();
    const client = await MongoClient.connect(match?.[1] ?? '');
    expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
    await client.close();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stdout()).toBe(ready);
  });

  it('rejects a bad --port with one line on stderr and exit code 2', { timeout: 15_000 }, async () => {
    const { child, stdout, stderr } = run(['--port', 'http']);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toBe('mongo-emulator: invalid --port: expected a port number\n');
  });
});
