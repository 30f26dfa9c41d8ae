import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A process the soak started: its PID is the node process itself, so a signal reaches it, not a wrapper. */
export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

export interface StartOptions {
  /** Project root: tsx is resolved from here. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Ready when a line of stdout matches; the match is returned. */
  ready: RegExp;
  timeoutMs?: number;
}

/** Every child ever started, so that whatever happens none is left behind. */
const started = new Set<Child>();

/** Run `node --import tsx <file> <args>` and wait for its ready line. */
export async function startChild(
  name: string,
  file: string,
  args: string[],
  options: StartOptions,
): Promise<{ child: Child; ready: RegExpMatchArray }> {
  const spawned = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (spawned.pid === undefined) throw new Error(`${name} did not start`);
  const exited = new Promise<number | string>((resolve) =>
    spawned.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const child: Child = { name, pid: spawned.pid, process: spawned, exited };
  started.add(child);
  void exited.then(() => started.delete(child));

  const log = createWriteStream(options.logFile, { flags: 'a' });
  spawned.stderr.pipe(log, { end: false });
  let pending = '';
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`${name} not ready within ${options.timeoutMs ?? 120_000} ms (see ${options.logFile})`),
        ),
      options.timeoutMs ?? 120_000,
    );
    spawned.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = line.match(options.ready);
        if (match) {
          clearTimeout(timer);
          pending = '';
          resolve(match);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready (see ${options.logFile})`));
    });
  });
  return { child, ready };
}

/** SIGKILL: no handler runs, nothing is flushed. Resolves once the process is gone. */
export async function killHard(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}

/** SIGTERM, then SIGKILL if it has not ended within `graceMs`. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (!isAlive(child.pid)) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Kill every child still running (by the PIDs started here) and say which, if any, survived. */
export async function killAll(): Promise<number[]> {
  const running = [...started];
  for (const child of running) child.process.kill('SIGKILL');
  await Promise.all(running.map((child) => Promise.race([child.exited, sleep(5_000)])));
  return running.filter((child) => isAlive(child.pid)).map((child) => child.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: no such process (EPERM cannot happen for our own children).
    return false;
  }
}

/** Peak resident memory of a running process (VmHWM), in bytes; undefined once it is gone. */
export async function peakRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(path.join('/proc', String(pid), 'status'), 'utf8');
    const kb = status.match(/^VmHWM:\s+(\d+)\s+kB/m)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    // The process ended between two samples: its last sample stands.
    return undefined;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
