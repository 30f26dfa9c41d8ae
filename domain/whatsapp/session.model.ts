import { Schema } from 'mongoose';
import { defineModel } from '../platform/model.js';

/** The WhatsApp session as the console shows it: one document, written by the bot. */
export interface SessionStatus {
  _id: 'whatsapp';
  state: string;
  detail?: string;
  /** The bot's transport: `whatsapp`, or `simulator` (demo and "try the bot"). */
  transport?: string;
  /** The latest QR code to scan, while the state is `qr`. */
  qr?: string;
  /** When the session was last ready: a QR asked for after that means the link was lost. */
  readyAt?: Date;
  updatedAt: Date;
}

export const sessionSchema = new Schema<SessionStatus>(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true },
    detail: String,
    transport: String,
    qr: String,
    readyAt: Date,
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const sessionModel = defineModel('WhatsAppSession', sessionSchema);
