import { Schema, type Types } from 'mongoose';
import { defineModel } from '../platform/model.js';

export type PaymentStatus = 'pending' | 'verified' | 'rejected';

/**
 * Money a customer says they paid: a proof (photo or document) or an admin's entry, waiting to be
 * verified. Verification against invoices comes with the admin commands.
 */
export interface Payment {
  _id: Types.ObjectId;
  /** PAY-YYYYMM-NNNN. */
  number: string;
  contactId: Types.ObjectId;
  orderNumber?: string;
  amount?: number;
  method?: string;
  /** The stored proof, relative to the data directory. */
  proofPath?: string;
  messageId?: string;
  status: PaymentStatus;
  createdAt: Date;
}

export const paymentSchema = new Schema<Payment>(
  {
    number: { type: String, required: true, unique: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    orderNumber: String,
    amount: Number,
    method: String,
    proofPath: String,
    messageId: { type: String },
    status: { type: String, enum: ['pending', 'verified', 'rejected'], required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
paymentSchema.index(
  { messageId: 1 },
  { unique: true, partialFilterExpression: { messageId: { $type: 'string' } } },
);
paymentSchema.index({ orderNumber: 1, createdAt: 1 });

export const paymentModel = defineModel('Payment', paymentSchema);
