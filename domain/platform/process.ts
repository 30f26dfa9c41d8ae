import { type Config, ConfigError, loadConfig } from './config.js';
import { loadDataKeys } from './data-keys.js';
import { describeError } from './errors.js';
import { createLogger, type Logger } from './logger.js';
import { MigrationError } from './migrations/migration.js';
import { MongoUnavailableError } from './mongo.js';

/** What a started process hands back so it can be stopped gracefully. */
export interface Running {
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;

/** Failures an operator fixes by reading one message; anything else is a bug and is logged in full. */
const isOperatorError = (error: unknown): error is Error =>
  error instanceof ConfigError || error instanceof MongoUnavailableError || error instanceof MigrationError;

/**
 * Run a long-lived entry point: read the configuration once, start, log readiness, and stop gracefully
 * on SIGINT/SIGTERM. Configuration and database problems end the process with their message, no stack.
 */
export async function runProcess(
  name: string,
  start: (context: { config: Config; log: Logger }) => Promise<Running>,
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const log = createLogger(config, name);

  let running: Running;
  try {
    loadDataKeys(config, log);
    running = await start({ config, log });
  } catch (error) {
    if (isOperatorError(error)) process.stderr.write(`${error.message}\n`);
    else log.fatal({ err: error }, `${name} failed to start`);
    log.flush();
    process.exitCode = 1;
    // Let the log transport drain, then leave even if a half-started resource holds the loop open.
    setTimeout(() => process.exit(1), 200).unref();
    return;
  }

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${name} stopping`);
    const force = setTimeout(() => {
      log.error(`${name} did not stop within ${STOP_GRACE_MS / 1000} s; exiting`);
      process.exit(1);
    }, STOP_GRACE_MS);
    force.unref();
    try {
      await running.stop();
      log.info(`${name} stopped`);
    } catch (error) {
      log.error({ err: error }, `${name} stopped with an error: ${describeError(error)}`);
      process.exitCode = 1;
    }
    log.flush();
  };
  // `on`, not `once`: a second Ctrl-C while stopping must not kill the process half-way.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
