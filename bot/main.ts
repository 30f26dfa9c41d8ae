import { createMailer } from '../domain/alerts/mailer.js';
import { createScheduler } from '../domain/jobs/scheduler.js';
import { lastInboundSentAt } from '../domain/messages/message.use-case.js';
import { ensureIndexes } from '../domain/models.js';
import { systemClock } from '../domain/platform/clock.js';
import { MIGRATIONS } from '../domain/platform/migrations/registry.js';
import { runMigrations } from '../domain/platform/migrations/runner.js';
import { openConnection, provideMongo, redactUri } from '../domain/platform/mongo.js';
import { runProcess } from '../domain/platform/process.js';
import { applyPublicBaseUrl } from '../domain/settings/settings.use-case.js';
import { buildBot } from './bot.js';
import { botFeatures } from './features.js';
import { createTransport } from './transport/create-transport.js';
import { SimulatorTransport } from './transport/simulator/simulator-transport.js';
import { startTrialFeed } from './trial-feed.js';

/** The bot process: owns the WhatsApp session, the inbox, the outbox sender and the job worker. */
await runProcess('bot', async ({ config, log }) => {
  const mongo = await provideMongo(config, log);
  const connection = await openConnection(mongo.uri);
  // Schema and data changes first: nothing is processed on a database this code does not expect. A
  // failing migration ends start-up with its one line (runProcess), once the database is let go.
  try {
    await runMigrations(connection, { migrations: MIGRATIONS, log });
  } catch (error) {
    await connection.close();
    await mongo.stop();
    throw error;
  }
  // Cheap when nothing is missing; builds an index a model declares without a migration before traffic.
  await ensureIndexes(connection);
  // Every link the bot sends starts with the configured address (see applyPublicBaseUrl).
  await applyPublicBaseUrl(connection, config.publicBaseUrl, systemClock.now());
  const transport = await createTransport(config, log, {
    lastStoredAt: (chatId) => lastInboundSentAt(connection, chatId),
  });
  const bot = buildBot({
    connection,
    transport,
    log,
    config,
    handlers: botFeatures({ dataDir: config.dataDir }),
  });
  await bot.start();
  // Jobs queue messages for the outbox, so they start once the sender runs.
  // The owner hears of a lost WhatsApp session by e-mail when SMTP is configured (the banner needs nothing).
  const ownerMail = config.email && { mailer: createMailer(config.email), to: config.email.to };
  const scheduler = createScheduler({
    connection,
    log,
    clock: systemClock,
    dataDir: config.dataDir,
    ...(ownerMail && { ownerMail }),
  });
  await scheduler.start();
  // On the simulator, staff can chat with the bot from the console ("try the bot").
  const trial =
    transport instanceof SimulatorTransport
      ? startTrialFeed({ connection, transport, log, clock: systemClock })
      : undefined;
  log.info({ mongo: mongo.source, uri: redactUri(mongo.uri), transport: transport.kind }, 'bot ready');
  return {
    async stop() {
      trial?.stop();
      await scheduler.stop();
      ownerMail?.mailer.close();
      await bot.stop();
      await connection.close();
      await mongo.stop();
    },
  };
});
