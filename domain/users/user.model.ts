import { Schema, type Types } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/** owner: everything; manager: everything but users and settings; admin: day-to-day work (SPEC §7). */
export const USER_ROLES = ['owner', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A console and WhatsApp-command account. */
export interface User {
  _id: Types.ObjectId;
  name: string;
  /** Unique, lowercase. */
  login: string;
  /** argon2 hash, set by the console's password flow; never returned by this module's use cases. */
  passwordHash?: string;
  role: UserRole;
  /** E.164; the number the user sends commands from and receives alerts and reminders on. Unique. */
  whatsapp?: string;
  active: boolean;
  /** Wrong passwords in a row; reset by a successful login. */
  failedLogins: number;
  /** Logins are refused until then after too many wrong passwords. */
  lockedUntil?: Date;
  createdAt: Date;
}

export const userSchema = new Schema<User>(
  {
    name: { type: String, required: true },
    login: { type: String, required: true, lowercase: true, trim: true },
    passwordHash: String,
    role: { type: String, required: true, enum: USER_ROLES },
    whatsapp: String,
    active: { type: Boolean, required: true, default: true },
    failedLogins: { type: Number, required: true, default: 0 },
    lockedUntil: Date,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
userSchema.index({ login: 1 }, { unique: true });
// Unique only where present: many users have no WhatsApp number.
userSchema.index(
  { whatsapp: 1 },
  { unique: true, partialFilterExpression: { whatsapp: { $type: 'string' } } },
);
userSchema.index({ active: 1, role: 1, createdAt: 1 });

protectFields(userSchema, { whatsapp: 'lookup' });

export const userModel = defineModel('User', userSchema);
