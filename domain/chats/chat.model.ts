import { Schema } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

/** Why the bot is quiet in a chat. */
export type PauseReason = 'phone' | 'handover' | 'staff';

/** One WhatsApp chat's running state: unread count and whether the bot may answer. */
export interface Chat {
  chatId: string;
  /** Customer messages no staff member has seen or answered yet: only ever $inc'd or $set to 0. */
  unread: number;
  /** When the customer last wrote (the chats list's order, newest first). */
  lastMessageAt?: Date;
  /** The bot stays quiet until then (human takeover). */
  pausedUntil?: Date;
  pauseReason?: PauseReason;
  /** The shop day the away message was last sent (at most once a day). */
  awaySentOn?: string;
}

export const chatSchema = new Schema<Chat>(
  {
    chatId: { type: String, required: true, unique: true },
    unread: { type: Number, default: 0 },
    lastMessageAt: Date,
    pausedUntil: Date,
    pauseReason: { type: String, enum: ['phone', 'handover', 'staff'] },
    awaySentOn: String,
  },
  { versionKey: false },
);
// The console's chats list, newest first, and the unread total (only chats with something unread).
chatSchema.index({ lastMessageAt: -1, _id: -1 });
chatSchema.index({ unread: 1 }, { partialFilterExpression: { unread: { $gt: 0 } } });

protectFields(chatSchema, { chatId: 'lookup' });

export const chatModel = defineModel('Chat', chatSchema);
