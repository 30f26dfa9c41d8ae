import { baselineIndexes } from './0001-baseline-indexes.migration.js';
import { reportIndexes } from './0002-report-indexes.migration.js';
import { backfillDefaults } from './0003-backfill-defaults.migration.js';
import { encryptPersonalFields } from './0004-encrypt-personal-fields.migration.js';
import type { Migration } from './migration.js';

/**
 * Every migration, in the order they run; a new one is appended with the next number and never
 * renumbered or edited once released (registry.test.ts checks the list against the files).
 */
export const MIGRATIONS: readonly Migration[] = [
  baselineIndexes,
  reportIndexes,
  backfillDefaults,
  encryptPersonalFields,
];
