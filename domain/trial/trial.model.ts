import { Schema } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/**
 * A message a staff member typed on the console's "try the bot" page, waiting for the bot process to
 * feed it to its simulator transport as if a customer had sent it on WhatsApp.
 */
export interface TrialMessage {
  chatId: string;
  pushName: string;
  body: string;
  at: Date;
  /** Set once the bot handed it to its transport. */
  deliveredAt?: Date;
}

export const trialMessageSchema = new Schema<TrialMessage>(
  {
    chatId: { type: String, required: true },
    pushName: { type: String, required: true },
    body: { type: String, required: true },
    at: { type: Date, required: true },
    deliveredAt: Date,
  },
  { versionKey: false },
);
// The bot's feed asks for undelivered messages, oldest first; a week later they are gone.
trialMessageSchema.index({ deliveredAt: 1, at: 1 });
trialMessageSchema.index({ at: 1 }, { expireAfterSeconds: 7 * 24 * 3600 });

protectFields(trialMessageSchema, { chatId: 'lookup', body: 'secret' });

export const trialMessageModel = defineModel('TrialMessage', trialMessageSchema);
