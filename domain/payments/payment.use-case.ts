import type { Connection, Types } from 'mongoose';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { orderCounterModel } from '../orders/order.model.js';
import { monthKey } from '../orders/order.rules.js';
import { isDuplicateKey } from '../platform/model.js';
import { type Payment, paymentModel } from './payment.model.js';

/** PAY-YYYYMM-NNNN from the same never-reused monthly counters as order numbers. */
async function nextPaymentNumber(connection: Connection, at: Date, timeZone: string): Promise<string> {
  const month = monthKey(at, timeZone);
  const counter = await orderCounterModel(connection)
    .findOneAndUpdate(
      { _id: `PAY-${month}` },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    )
    .lean<{ seq: number }>();
  return `PAY-${month}-${String(counter!.seq).padStart(4, '0')}`;
}

/**
 * A customer sent a payment proof (photo, document or "sudah transfer"): a pending payment for admins
 * to verify. One per WhatsApp message, so a redelivered message records nothing new.
 */
export async function recordPaymentProof(
  connection: Connection,
  input: {
    contactId: Types.ObjectId;
    orderNumber?: string;
    amount?: number;
    proofPath?: string;
    messageId: string;
  },
  context: { actor: Actor; at: Date; timeZone: string },
): Promise<{ payment: Payment; created: boolean }> {
  const existing = await paymentModel(connection).findOne({ messageId: input.messageId }).lean<Payment>();
  if (existing) return { payment: existing, created: false };
  const number = await nextPaymentNumber(connection, context.at, context.timeZone);
  try {
    const created = await paymentModel(connection).create({
      ...input,
      number,
      status: 'pending',
      createdAt: context.at,
    });
    const payment = created.toObject() as Payment;
    await audit(
      connection,
      {
        entity: 'payment',
        entityId: payment._id,
        action: 'proof_received',
        actor: context.actor,
        after: { number, ...input },
      },
      context.at,
    );
    return { payment, created: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const payment = await paymentModel(connection).findOne({ messageId: input.messageId }).lean<Payment>();
    if (!payment) throw error;
    return { payment, created: false };
  }
}
