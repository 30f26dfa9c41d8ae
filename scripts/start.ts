import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentWith } from '../domain/platform/config.js';
import { provideMongo } from '../domain/platform/mongo.js';
import { runProcess } from '../domain/platform/process.js';

/**
 * `npm start` for a newcomer, without pm2: provide one database (MONGODB_URI, or the embedded mongod,
 * or MONGO=emulator) and run the bot and the console as two child processes sharing it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.extname(fileURLToPath(import.meta.url));
const entries = { bot: 'bot/main', console: 'console/server/main' } as const;

await runProcess('start', async ({ config, log }) => {
  const mongo = await provideMongo(config, log);
  let stopping = false;
  const exits: Promise<number | null>[] = [];
  const children: ChildProcess[] = [];

  for (const [name, entry] of Object.entries(entries)) {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(here, '..', `${entry}${extension}`)],
      {
        stdio: 'inherit',
        env: environmentWith({ MONGODB_URI: mongo.uri }),
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
});
