/**
 * Restore a nightly backup (DATA_DIR/backups/<day>/, see domain/backups) into the database of MONGODB_URI
 * and its media files into DATA_DIR/media.
 *
 *   npm run restore -- data/backups/2026-11-24            into an empty database
 *   npm run restore -- data/backups/2026-11-24 --force    over one that holds data: the collections the
 *                                                         backup holds are dropped first
 *
 * Stop the bot and the console first. Every file's sha256 is checked against the manifest before
 * anything is written; a database holding documents (other than the migrations record) is refused
 * without --force. Prints one line per collection (restored/expected) and a final line on stdout.
 * Exit codes: 0 restored and every count matches; 1 refused (damaged backup, non-empty database), a count
 * mismatch, or a failure; 2 usage or configuration (no MONGODB_URI: restore never guesses a database).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type RestoreProgress, restoreBackup } from '../domain/backups/restore.use-case.js';
import { ConfigError, loadConfig } from '../domain/platform/config.js';
import { describeError } from '../domain/platform/errors.js';
import { openConnection, redactUri } from '../domain/platform/mongo.js';

const USAGE = 'usage: npm run restore -- <backup folder> [--force]   (the database is MONGODB_URI)';

const usageError = (message: string): never => {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
};

let positionals: string[] = [];
let values: { force?: boolean; help?: boolean } = {};
try {
  ({ positionals, values } = parseArgs({
    options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  }));
} catch (error) {
  usageError(describeError(error));
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length !== 1) usageError('give exactly one backup folder');

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const uri = config.mongo.uri;
if (!uri) {
  process.stderr.write(
    'MONGODB_URI is not set: restore writes only into a database you name, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/pesanin\n',
  );
  process.exit(2);
}

const dir = path.resolve(positionals[0]!);
const started = Date.now();
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const show = (progress: RestoreProgress): void => {
  const line =
    progress.step === 'verified'
      ? `checked ${dir}: ${progress.collections} collections, ${progress.documents} documents, ${progress.mediaFiles} media files, every sha256 matches`
      : progress.step === 'collection'
        ? `${progress.name}: ${progress.restored}/${progress.expected}${progress.ok ? '' : '  MISMATCH'}`
        : `media: ${progress.files} files, ${megabytes(progress.bytes)}${progress.ok ? '' : '  MISMATCH'}`;
  process.stdout.write(`${line}\n`);
};

let code = 1;
try {
  const connection = await openConnection(uri);
  try {
    const database = connection.db?.databaseName ?? '?';
    const result = await restoreBackup(connection, {
      dir,
      dataDir: config.dataDir,
      force: values.force === true,
      onProgress: show,
    });
    if (result.ok) {
      process.stdout.write(
        `restored ${result.documents} documents in ${result.collections} collections and ${result.mediaFiles} media files into ${database} (${redactUri(uri)}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      code = 0;
    } else {
      const hint =
        result.code === 'RESTORE.NOT_EMPTY'
          ? '; restore into an empty database, or add --force to drop and replace the collections the backup holds'
          : '';
      process.stderr.write(`${result.code}: ${result.details}${hint}\n`);
    }
  } finally {
    await connection.close();
  }
} catch (error) {
  process.stderr.write(`restore failed: ${describeError(error)}\n`);
}
process.exit(code);
