import path from 'node:path';
import { ensureIndexes } from '../../domain/models.js';
import { openConnection, provideMongo, redactUri } from '../../domain/platform/mongo.js';
import { projectRoot } from '../../domain/platform/paths.js';
import { runProcess } from '../../domain/platform/process.js';
import { applyPublicBaseUrl } from '../../domain/settings/settings.use-case.js';
import { buildApp } from './app.js';

/** The console process: the managers' web console and the public tracking page. */
await runProcess('console', async ({ config, log }) => {
  const mongo = await provideMongo(config, log);
  const connection = await openConnection(mongo.uri);
  await ensureIndexes(connection);
  // Replies, notices and invoices sent from the console carry the configured address too.
  await applyPublicBaseUrl(connection, config.publicBaseUrl, new Date());
  const app = await buildApp({
    connection,
    log,
    dataDir: config.dataDir,
    webRoot: path.join(projectRoot(), 'console/web/dist'),
  });
  const address = await app.listen({ host: config.console.host, port: config.console.port });
  // `url`, not `address`: address fields are customers' and redacted (domain/platform/logger.ts).
  log.info({ mongo: mongo.source, uri: redactUri(mongo.uri), url: address }, 'console ready');
  return {
    async stop() {
      await app.close();
      await connection.close();
      await mongo.stop();
    },
  };
});
