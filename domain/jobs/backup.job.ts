import { createBackup, pruneBackups } from '../backups/backup.use-case.js';
import { getSettings } from '../settings/settings.use-case.js';
import { runOncePerDay } from './daily.js';
import type { JobDeps, JobHandler } from './job.js';

export const BACKUP = 'backup';

/**
 * Once a shop night at `backups.at`, every collection and the media folder to DATA_DIR/backups/<day>/,
 * then backups older than `backups.keepDays` days are deleted (never the newest). Without a data
 * directory (simulations) there is nowhere to write: nothing runs and the day is not claimed.
 */
export const backupJob: JobHandler = {
  name: BACKUP,
  async run(deps: JobDeps) {
    const { dataDir } = deps;
    if (!dataDir) return;
    const { timeZone, backups } = await getSettings(deps.connection);
    await runOncePerDay(deps, { job: BACKUP, at: backups.at, timeZone }, async (day) => {
      const made = await createBackup(deps.connection, { dataDir, day, now: deps.now });
      const deleted = await pruneBackups(dataDir, { keepDays: backups.keepDays, today: day });
      if (made.skipped.length > 0)
        deps.log.warn(
          { job: BACKUP, skipped: made.skipped },
          'backup: media entries that are not files were left out',
        );
      deps.log.info(
        {
          job: BACKUP,
          dir: made.dir,
          collections: made.manifest.collections.length,
          documents: made.documents,
          mediaFiles: made.manifest.media.length,
          bytes: made.bytes,
          deleted,
        },
        'backup written',
      );
    });
  },
};
