import { Schema, type Types } from 'mongoose';
import { protectFields } from '../platform/field-encryption.js';
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
  /** RFM scores and segment as of `at`, stored nightly (domain/reports/rfm-segments.use-case.ts). */
  rfm?: { r: number; f: number; m: number; segment: string; at: Date };
  stats: {
    orders: number;
    /** Rupiah on orders that are completed and paid. */
    totalSpent: number;
    lastOrderAt?: Date;
    lastMessageAt?: Date;
  };
  /**
   * Other WhatsApp chats of the same person, from contacts merged into this one: their messages stay
   * keyed by those chat ids, and the contact's chat shows them all.
   */
  otherChatIds?: string[];
  /** A merge into another contact has started and not finished (see contact-merge.use-case.ts). */
  merging?: { into: Types.ObjectId; at: Date };
  /**
   * This contact was merged into another: a tombstone kept so its chat id still resolves (to that
   * contact). Hidden from lists; everything it had now belongs to the other contact.
   */
  mergedInto?: Types.ObjectId;
  /** When the customer's personal data was erased (contact-erasure.use-case.ts): a nameless record left for the books. */
  erasedAt?: Date;
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
    rfm: {
      type: new Schema({ r: Number, f: Number, m: Number, segment: String, at: Date }, { _id: false }),
    },
    stats: {
      orders: { type: Number, default: 0 },
      totalSpent: { type: Number, default: 0 },
      lastOrderAt: Date,
      lastMessageAt: Date,
    },
    otherChatIds: { type: [String], default: undefined },
    merging: {
      type: new Schema(
        { into: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true } },
        { _id: false },
      ),
      default: undefined,
    },
    mergedInto: { type: Schema.Types.ObjectId, ref: 'Contact' },
    erasedAt: Date,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
contactSchema.index({ phone: 1 });
// Tombstones pointing at a contact, repointed when that contact is merged in turn.
contactSchema.index({ mergedInto: 1 }, { sparse: true });

protectFields(contactSchema, {
  chatId: 'lookup',
  phone: 'lookup',
  otherChatIds: 'lookup',
  'addresses.text': 'secret',
});

export const contactModel = defineModel('Contact', contactSchema);
