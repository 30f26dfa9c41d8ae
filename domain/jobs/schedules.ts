import { backupJob } from './backup.job.js';
import { conversationExpiryJob } from './conversation-expiry.job.js';
import { invoiceOverdueJob } from './invoice-overdue.job.js';
import type { Job } from './job.js';
import { lowStockJob } from './low-stock.job.js';
import { outboxRetryJob } from './outbox-retry.job.js';
import { ownerDigestJob } from './owner-digest.job.js';
import { rfmSegmentsJob } from './rfm-segments.job.js';
import { taskRemindersJob } from './task-reminders.job.js';
import { whatsappAlertsJob } from './whatsapp-alerts.job.js';

/**
 * Every scheduled job and how often agenda runs it, in the order `runDue` runs them. The daily jobs
 * (invoice check, digest every minute; RFM scoring, backup every 15 minutes) look often and act once per
 * shop day at their local time, so a changed setting or a bot that was down takes effect without
 * rescheduling anything.
 */
export const ALL_JOBS: readonly Job[] = [
  { ...taskRemindersJob, every: '1 minute' },
  { ...invoiceOverdueJob, every: '1 minute' },
  { ...ownerDigestJob, every: '1 minute' },
  { ...lowStockJob, every: '1 hour' },
  { ...outboxRetryJob, every: '1 minute' },
  { ...conversationExpiryJob, every: '15 minutes' },
  { ...rfmSegmentsJob, every: '15 minutes' },
  { ...backupJob, every: '15 minutes' },
  { ...whatsappAlertsJob, every: '1 minute' },
];
