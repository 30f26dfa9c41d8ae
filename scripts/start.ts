import { provideMongo } from '../domain/platform/mongo.js';
import { runProcess } from '../domain/platform/process.js';
import { launchProcesses } from './launch.js';

/**
 * `npm start` for a newcomer, without pm2: provide one database (MONGODB_URI, or the embedded mongod,
 * or MONGO=emulator) and run the bot and the console as two child processes sharing it.
 */
await runProcess('start', async ({ config, log }) =>
  launchProcesses({ mongo: await provideMongo(config, log), log }),
);
