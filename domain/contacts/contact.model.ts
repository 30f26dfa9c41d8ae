import { Schema, type Types } from 'mongoose';
import { defineModel } from '../platform/model.js';

export const CHANNELS = [
  'organic',
  'instagram_ads',
  'tiktok_ads',
  'meta_ads',
  'referral',
  'event',
  'website',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface ContactAddress {
  label?: string;
  text: string;
}

/** One person who chats with the shop, keyed by their WhatsApp chat id. */
export interface Contact {
  _id: Types.ObjectId;
  /** `628…@c.us`, or `…@lid` when WhatsApp hides the number; for imported customers, their phone's c.us id. */
  chatId: string;
  /** E.164, when known. */
  phone?: string;
  /** The name WhatsApp shows (temporary until staff confirm a real one). */
  pushName?: string;
  /** The real name staff confirmed. */
  name?: string;
  nameConfirmed: boolean;
  addresses: ContactAddress[];
  email?: string;
  tags: string[];
  notes?: string;
  firstChannel?: Channel;
  optOut: boolean;
  stats: {
    orders: number;
    /** Rupiah on orders that are completed and paid. */
    totalSpent: number;
    lastOrderAt?: Date;
    lastMessageAt?: Date;
  };
  createdAt: Date;
}

export const contactSchema = new Schema<Contact>(
  {
    chatId: { type: String, required: true, unique: true },
    phone: String,
    pushName: String,
    name: String,
    nameConfirmed: { type: Boolean, default: false },
    addresses: [
      new Schema<ContactAddress>({ label: String, text: { type: String, required: true } }, { _id: false }),
    ],
    email: String,
    tags: { type: [String], default: [] },
    notes: String,
    firstChannel: { type: String, enum: CHANNELS },
    optOut: { type: Boolean, default: false },
    stats: {
      orders: { type: Number, default: 0 },
      totalSpent: { type: Number, default: 0 },
      lastOrderAt: Date,
      lastMessageAt: Date,
    },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
contactSchema.index({ phone: 1 });

export const contactModel = defineModel('Contact', contactSchema);
