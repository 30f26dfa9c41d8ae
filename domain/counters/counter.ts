import type { Connection } from 'mongoose';
import { type OrderCounter, orderCounterModel } from '../orders/order.model.js';
import { isDuplicateKey } from '../platform/model.js';

/**
 * Take the next number of a never-reused counter (`ORD-202611`, `PAY-202611`, `INV-202611`, `TASK`):
 * one atomic `$inc` upsert per number, so concurrent callers get consecutive numbers and a number once
 * taken is never handed out again.
 */
export async function takeNumber(connection: Connection, counterId: string): Promise<number> {
  const take = () =>
    orderCounterModel(connection)
      .findOneAndUpdate({ _id: counterId }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean<OrderCounter>();
  // A counter's first two numbers can race to insert it; the loser increments the winner's.
  const counter = await take().catch((error: unknown) => {
    if (isDuplicateKey(error)) return take();
    throw error;
  });
  if (!counter) throw new Error(`the counter ${counterId} was not returned`);
  return counter.seq;
}
