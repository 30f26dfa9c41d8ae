import { Schema, type Types } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/**
 * What a staff member did that the owner may want to look back on (SPEC §8): signing in and out, failed
 * sign-ins, data leaving the shop (exports) or entering it in bulk (imports), erasures, and changes to
 * settings and accounts. `erasure` is declared for the privacy work (erasing a customer), which records it.
 */
export const ACTIVITY_KINDS = [
  'login',
  'login_failed',
  'logout',
  'password_changed',
  'export',
  'import',
  'erasure',
  'settings_changed',
  'user_created',
  'user_changed',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * Entries are kept a year, then MongoDB's TTL monitor removes them: long enough to look back on a season,
 * short enough that staff addresses are not kept forever.
 */
export const ACTIVITY_RETENTION_DAYS = 365;

/** Who did it, as known then: a failed sign-in has only the login typed (an id too when it names an account). */
export interface ActivityUser {
  id?: string;
  name?: string;
  login?: string;
}

/** One entry of the staff activity log. Never a password, never a file's contents. */
export interface Activity {
  _id: Types.ObjectId;
  at: Date;
  kind: ActivityKind;
  user: ActivityUser;
  /** The client's address as the console saw it (the proxy's X-Forwarded-For when trusted). */
  ip?: string;
  /** The browser's User-Agent, cut short. */
  userAgent?: string;
  /** A small object: an export's name, filters and rows; an import's kind and counts; changed setting keys… */
  details: Record<string, unknown>;
}

export const activitySchema = new Schema<Activity>(
  {
    at: { type: Date, required: true },
    kind: { type: String, enum: ACTIVITY_KINDS, required: true },
    user: {
      type: new Schema<ActivityUser>({ id: String, name: String, login: String }, { _id: false }),
      required: true,
      default: {},
    },
    ip: String,
    userAgent: String,
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);
// Newest first for the log page; the same index expires entries after a year.
activitySchema.index({ at: 1 }, { expireAfterSeconds: ACTIVITY_RETENTION_DAYS * 24 * 3600 });
activitySchema.index({ kind: 1, at: -1 });
activitySchema.index({ 'user.id': 1, at: -1 });

protectFields(activitySchema, { details: 'deep' });

export const activityModel = defineModel('Activity', activitySchema);
