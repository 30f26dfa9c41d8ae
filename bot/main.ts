import { openConnection, provideMongo, redactUri } from '../domain/platform/mongo.js';
import { runProcess } from '../domain/platform/process.js';

/** The bot process: owns the WhatsApp session, the inbox, the outbox sender and the job worker. */
await runProcess('bot', async ({ config, log }) => {
  const mongo = await provideMongo(config, log);
  const connection = await openConnection(mongo.uri);
  log.info({ mongo: mongo.source, uri: redactUri(mongo.uri), transport: config.transport }, 'bot ready');
  return {
    async stop() {
      await connection.close();
      await mongo.stop();
    },
  };
});
