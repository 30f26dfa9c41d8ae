/**
 * `npm run demo`: the product on a seeded demo shop, to look around the console.
 *
 * The database is MONGODB_URI when set, otherwise the in-memory test server whatever MONGO says (a demo
 * keeps nothing). The bot always runs on the simulator transport, whatever TRANSPORT says, so no real
 * WhatsApp session is touched and no seeded message reaches a real number. The demo shop is seeded first
 * (scripts/seed-demo.ts: a database that already holds the demo is used as it is, one holding another
 * shop is refused with one line), then the bot and the console start as with `npm start`; Ctrl-C stops
 * everything.
 */
import { ensureIndexes } from '../domain/models.js';
import { ConfigError } from '../domain/platform/config.js';
import { openConnection, provideMongo } from '../domain/platform/mongo.js';
import { runProcess } from '../domain/platform/process.js';
import { launchProcesses } from './launch.js';
import {
  DEMO_PASSWORD,
  DEMO_SHOP_NAME,
  DEMO_STAFF,
  describeCounts,
  type SeedDemoResult,
  seedDemo,
} from './seed-demo.js';

const LOOPBACK = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'];

await runProcess('demo', async ({ config, log }) => {
  const { host, port } = config.console;
  const address = `http://${LOOPBACK.includes(host) ? 'localhost' : host}:${port}`;
  const mongo = await provideMongo({ ...config, mongo: { ...config.mongo, fallback: 'emulator' } }, log);
  let result: SeedDemoResult;
  try {
    const connection = await openConnection(mongo.uri);
    try {
      await ensureIndexes(connection);
      result = await seedDemo(connection, { now: new Date(), publicBaseUrl: config.publicBaseUrl });
    } finally {
      await connection.close();
    }
  } catch (error) {
    await mongo.stop();
    throw error;
  }
  if (!result.ok) {
    await mongo.stop();
    throw new ConfigError(
      `MONGODB_URI is not a demo database: ${result.details} (unset MONGODB_URI for an in-memory demo)`,
    );
  }
  log.info(
    `${result.seeded ? 'seeded' : 'reusing'} the demo shop "${DEMO_SHOP_NAME}":\n${describeCounts(result.counts)}`,
  );
  log.info(
    `console ${address}: log in as ${DEMO_STAFF.map((staff) => `${staff.login} (${staff.role})`).join(', ')}, password ${DEMO_PASSWORD}`,
  );
  return launchProcesses({ mongo, log, env: { TRANSPORT: 'simulator' } });
});
