import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { TEST_KEY_ENV } from '../domain/platform/testing/keys.js';

// The CLI contract: one line out, exit 0 created / 1 refused / 2 usage. Each case starts its own process.

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const script = fileURLToPath(new URL('./create-user.ts', import.meta.url));
/** One database for this file's processes, so a second creation sees the first. */
const database = `create_user_${randomBytes(4).toString('hex')}`;
const uri = () => {
  const url = new URL(inject('mongoUri'));
  url.pathname = `/${database}`;
  return url.toString();
};

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(tsx, [script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', MONGODB_URI: uri(), NODE_ENV: 'test', ...TEST_KEY_ENV },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

describe('scripts/create-user.ts', () => {
  it('creates a user from flags, then refuses the same login', async () => {
    const created = await run([
      '--name',
      'Sari',
      '--login',
      'Sari',
      '--role',
      'owner',
      '--whatsapp',
      '0812-3456-7890',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(
      /^created user sari: Sari, owner, WhatsApp \+6281234567890 \(id [0-9a-f]{24}\)/,
    );
    expect(created.stdout.trim().split('\n')).toHaveLength(1);

    const again = await run(['--name', 'Sari 2', '--login', 'sari', '--role', 'admin']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('USER.LOGIN_TAKEN: the login "sari" is already taken\n');
  });

  it('sets the console password, and refuses a weak one before writing anything', async () => {
    const weak = await run([
      '--name',
      'Budi',
      '--login',
      'budi',
      '--role',
      'manager',
      '--password',
      'pendek',
    ]);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toBe('USER.WEAK_PASSWORD: password must be at least 8 characters\n');
    const strong = await run([
      '--name',
      'Budi',
      '--login',
      'budi',
      '--role',
      'manager',
      '--password',
      'rahasia-123',
    ]);
    expect(strong.code).toBe(0);
    expect(strong.stdout).toContain('console password set');
  });

  it('refuses a bad role with its code', async () => {
    const result = await run(['--name', 'Dewi', '--login', 'dewi', '--role', 'boss']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('USER.INVALID: role must be owner, manager or admin\n');
  });

  it('is a usage error when flags are missing and there is no terminal to ask in', async () => {
    const result = await run(['--name', 'Dewi']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing --login, --role');
    expect(result.stderr).toContain('[--password <password>]');
    const unknown = await run(['--password', 'x']);
    expect(unknown.code).toBe(2);
  });
});
