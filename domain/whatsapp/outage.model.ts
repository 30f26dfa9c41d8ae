import { Schema, type Types } from 'mongoose';
import { defineModel } from '../platform/model.js';

/** One e-mail about an outage: claimed by a job run, then sent once (or given up after a few tries). */
export interface MailProgress {
  attempts: number;
  /** A job run is sending it; a claim older than a few minutes belongs to a run that died. */
  claimedAt?: Date;
  sentAt?: Date;
  /** The last sending error, for the log and the operator. */
  error?: string;
}

/**
 * One time the WhatsApp session was lost, from the first bad state to `ready` again. At most one is open
 * (a unique index on `open` where it is true), so however often the state flaps within an outage, there
 * is one document — and one e-mail — per outage.
 */
export interface WhatsAppOutage {
  _id: Types.ObjectId;
  open: boolean;
  openedAt: Date;
  /** The state that opened it: disconnected, auth_failure, logged_out, or qr (asked to scan again). */
  cause: string;
  /** The latest state while it lasts, e.g. qr after logged_out (waiting for a scan), stopped, starting. */
  state: string;
  detail?: string;
  updatedAt: Date;
  closedAt?: Date;
  /** The "WhatsApp is down" e-mail to the owner. */
  downMail: MailProgress;
  /** The "WhatsApp is back" e-mail, only after a down e-mail went out. */
  backMail: MailProgress;
}

const mailProgress = new Schema<MailProgress>(
  { attempts: { type: Number, required: true, default: 0 }, claimedAt: Date, sentAt: Date, error: String },
  { _id: false },
);

export const outageSchema = new Schema<WhatsAppOutage>(
  {
    open: { type: Boolean, required: true },
    openedAt: { type: Date, required: true },
    cause: { type: String, required: true },
    state: { type: String, required: true },
    detail: String,
    updatedAt: { type: Date, required: true },
    closedAt: Date,
    downMail: { type: mailProgress, required: true, default: () => ({ attempts: 0 }) },
    backMail: { type: mailProgress, required: true, default: () => ({ attempts: 0 }) },
  },
  { versionKey: false },
);
// The one open outage: opening a second one is a duplicate key, however the state events interleave.
outageSchema.index({ open: 1 }, { unique: true, partialFilterExpression: { open: true } });
outageSchema.index({ openedAt: -1 });

export const outageModel = defineModel('WhatsAppOutage', outageSchema);
