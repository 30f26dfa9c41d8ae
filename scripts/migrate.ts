/**
 * Bring the database to the latest migration (domain/platform/migrations/registry.ts), as the bot does
 * before it processes anything; or show where the database stands.
 *
 *   npm run migrate                  apply what is pending
 *   npm run migrate -- --status      list applied and pending migrations, change nothing
 *
 * The database is MONGODB_URI (from .env or the environment), else the embedded one under DATA_DIR, as
 * the bot uses. While the bot or another `npm run migrate` holds the migrations lock this waits for it.
 * Prints one line per migration and a summary on stdout; a failure is one line on stderr.
 * Exit codes: 0 the database is at the latest (or --status); 1 a migration failed or the database could
 * not be reached; 2 usage error.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../domain/platform/config.js';
import { loadDataKeys } from '../domain/platform/data-keys.js';
import { describeError } from '../domain/platform/errors.js';
import { createLogger } from '../domain/platform/logger.js';
import { MigrationError } from '../domain/platform/migrations/migration.js';
import { MIGRATIONS } from '../domain/platform/migrations/registry.js';
import { type MigrationEvent, migrationStatus, runMigrations } from '../domain/platform/migrations/runner.js';
import { MongoUnavailableError, openConnection, provideMongo } from '../domain/platform/mongo.js';

const USAGE = 'usage: npm run migrate [-- --status]';

let status = false;
try {
  const { values } = parseArgs({
    options: { status: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  status = values.status === true;
} catch (error) {
  process.stderr.write(`${describeError(error)}\n${USAGE}\n`);
  process.exit(2);
}

const print = (line: string) => process.stdout.write(`${line}\n`);

/** One line per thing the runner reports. */
function report(event: MigrationEvent): void {
  if (event.type === 'applied') print(`applied ${event.id}: ${event.description} (${event.durationMs} ms)`);
  else if (event.type === 'waiting')
    print(`waiting: ${event.holder} has been running the migrations since ${event.since.toISOString()}`);
  else
    print(
      `took over the migrations lock of ${event.from}: no sign of it since ${event.heartbeatAt.toISOString()}`,
    );
}

const latest = MIGRATIONS.at(-1)?.id ?? 'none';
let code = 1;
try {
  const config = loadConfig();
  loadDataKeys(config);
  // Only failures are logged: stdout carries the result lines.
  const log = createLogger({ env: config.env, logLevel: 'error' }, 'migrate');
  const mongo = await provideMongo(config, log);
  const connection = await openConnection(mongo.uri);
  try {
    if (status) {
      const found = await migrationStatus(connection, MIGRATIONS);
      for (const record of found.applied)
        print(`applied ${record._id} at ${record.appliedAt.toISOString()} (${record.durationMs} ms)`);
      for (const migration of found.pending) print(`pending ${migration.id}: ${migration.description}`);
      for (const record of found.unknown)
        print(`unknown ${record._id} at ${record.appliedAt.toISOString()} (from a newer release)`);
      print(
        found.pending.length === 0
          ? `${found.applied.length} applied, none pending: the database is at ${latest}`
          : `${found.applied.length} applied, ${found.pending.length} pending: npm run migrate applies them`,
      );
    } else {
      const run = await runMigrations(connection, { migrations: MIGRATIONS, log, onEvent: report });
      if (run.unknown.length > 0)
        print(`note: the database also has ${run.unknown.join(', ')}, from a newer release of Pesanin`);
      print(
        run.applied.length > 0
          ? `migrated: ${run.applied.length} applied, ${run.alreadyApplied} already applied; the database is at ${latest}`
          : `up to date: ${run.alreadyApplied} already applied; the database is at ${latest}`,
      );
    }
    code = 0;
  } finally {
    await connection.close();
    await mongo.stop();
  }
} catch (error) {
  const operator =
    error instanceof MigrationError || error instanceof ConfigError || error instanceof MongoUnavailableError;
  process.stderr.write(`${operator ? describeError(error) : `migrate failed: ${describeError(error)}`}\n`);
}
process.exit(code);
