import { Schema, type Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../orders/order.model.js';
import { protectFields } from '../platform/field-encryption.js';
import { defineModel } from '../platform/model.js';

export const PAYMENT_STATES = ['pending', 'verifying', 'verified', 'rejected'] as const;
/**
 * pending (a proof waits for an admin) → verifying (claimed by one verification; its amount and order
 * are fixed) → verified (counted on the order and invoice) | rejected (only from pending).
 */
export type PaymentStatus = (typeof PAYMENT_STATES)[number];

/**
 * Money a customer says they paid (a proof: photo, document or "sudah transfer") or an admin recorded
 * (`pay`). Counted on its order once verified, idempotently by its number.
 */
export interface Payment {
  _id: Types.ObjectId;
  /** PAY-YYYYMM-NNNN. */
  number: string;
  contactId: Types.ObjectId;
  orderNumber?: string;
  /** Integer rupiah; fixed when verification starts. */
  amount?: number;
  method?: PaymentMethod;
  /** The stored proof, relative to the data directory. */
  proofPath?: string;
  messageId?: string;
  status: PaymentStatus;
  verifiedAt?: Date;
  verifiedBy?: Actor;
  rejectedAt?: Date;
  rejectedBy?: Actor;
  rejectReason?: string;
  createdAt: Date;
  updatedAt?: Date;
}

const actorSchema = new Schema<Actor>(
  { kind: { type: String, required: true }, id: String, name: String },
  { _id: false },
);

export const paymentSchema = new Schema<Payment>(
  {
    number: { type: String, required: true, unique: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    orderNumber: String,
    amount: Number,
    method: { type: String, enum: PAYMENT_METHODS },
    proofPath: String,
    messageId: { type: String },
    status: { type: String, enum: PAYMENT_STATES, required: true },
    verifiedAt: Date,
    verifiedBy: { type: actorSchema, default: undefined },
    rejectedAt: Date,
    rejectedBy: { type: actorSchema, default: undefined },
    rejectReason: String,
    createdAt: { type: Date, required: true },
    updatedAt: Date,
  },
  { versionKey: false },
);
paymentSchema.index(
  { messageId: 1 },
  { unique: true, partialFilterExpression: { messageId: { $type: 'string' } } },
);
paymentSchema.index({ orderNumber: 1, createdAt: 1 });
// The admins' queue of proofs to check, and revenue by verification time.
paymentSchema.index({ status: 1, createdAt: 1 });
paymentSchema.index({ verifiedAt: 1 });

protectFields(paymentSchema, { messageId: 'lookup', proofPath: 'secret' });

export const paymentModel = defineModel('Payment', paymentSchema);
