import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentWith } from '../domain/platform/config.js';
import type { Logger } from '../domain/platform/logger.js';
import type { MongoServer } from '../domain/platform/mongo.js';
import type { Running } from '../domain/platform/process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// .ts under tsx (npm run dev), .js from dist/ (npm start): the children run the same way.
const extension = path.extname(fileURLToPath(import.meta.url));
const entries = { bot: 'bot/main', console: 'console/server/main' } as const;

/**
 * Run the bot and the console as two child processes on one database (`npm start`, `npm run demo`).
 * `env` adds to the children's environment. If either child exits on its own, everything stops;
 * stopping ends both children, then the database when the launcher started it.
 */
export function launchProcesses(input: {
  mongo: MongoServer;
  log: Logger;
  env?: Record<string, string>;
}): Running {
  const { mongo, log } = input;
  let stopping = false;
  const exits: Promise<number | null>[] = [];
  const children: ChildProcess[] = [];

  for (const [name, entry] of Object.entries(entries)) {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(here, '..', `${entry}${extension}`)],
      {
        stdio: 'inherit',
        env: environmentWith({ ...input.env, MONGODB_URI: mongo.uri }),
      },
    );
    children.push(child);
    exits.push(
      new Promise((resolve) =>
        child.once('exit', (code) => {
          if (!stopping) {
            log.error({ code }, `${name} exited unexpectedly; stopping everything`);
            process.kill(process.pid, 'SIGTERM');
          }
          resolve(code);
        }),
      ),
    );
  }

  return {
    async stop() {
      stopping = true;
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      const codes = await Promise.all(exits);
      await mongo.stop();
      if (codes.some((code) => code !== 0)) process.exitCode = 1;
    },
  };
}
