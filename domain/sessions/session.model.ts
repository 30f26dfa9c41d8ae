import { Schema, type Types } from 'mongoose';
import { defineModel } from '../platform/model.js';

/** A signed-in console session. Only the token's hash is stored: a database dump opens no session. */
export interface Session {
  /** sha256 of the cookie's token, hex. */
  _id: string;
  userId: Types.ObjectId;
  /** Sent back in the x-csrf-token header on every change. */
  csrfToken: string;
  createdAt: Date;
  /** Idle expiry, moved forward by use. */
  expiresAt: Date;
}

export const sessionSchema = new Schema<Session>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// MongoDB deletes expired sessions by itself.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ userId: 1 });

export const consoleSessionModel = defineModel('ConsoleSession', sessionSchema);
