import { spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../domain/platform/paths.js';
import { TEST_KEY_ENV } from '../../domain/platform/testing/keys.js';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `scripts/<name>.ts` through tsx as a user would, on the tests' MongoDB; its exit code and output.
 * `env` adds or overrides variables (e.g. DATA_DIR, or a MONGODB_URI naming a database).
 */
export function runScript(
  name: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ScriptRun> {
  const root = projectRoot();
  return new Promise((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(root, `scripts/${name}.ts`), ...args],
      {
        // The tests' own keys: what a script writes, the test reads, and the other way round.
        env: { PATH: process.env.PATH ?? '', MONGODB_URI: inject('mongoUri'), ...TEST_KEY_ENV, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
