import { type Connection, isValidObjectId, Types } from 'mongoose';
import { audit } from '../audit/audit.use-case.js';
import { activeStaff } from '../users/user.use-case.js';
import { type Order, orderModel } from './order.model.js';
import type { ChangeContext } from './order.use-case.js';

export type AssignOrderResult =
  | { ok: true; order: Order; changed: boolean }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string }
  | { ok: false; code: 'ORDER.INVALID_ASSIGNEE'; details: string };

/**
 * Give an order to a staff member (an active user) to follow up, or to nobody (`null`). One atomic
 * update; audited with who had it before.
 */
export async function assignOrder(
  connection: Connection,
  input: { number: string; assigneeId: string | null },
  context: ChangeContext,
): Promise<AssignOrderResult> {
  if (input.assigneeId !== null) {
    const staff = isValidObjectId(input.assigneeId) ? await activeStaff(connection) : [];
    if (!staff.some((user) => String(user._id) === input.assigneeId))
      return {
        ok: false,
        code: 'ORDER.INVALID_ASSIGNEE',
        details: `${input.assigneeId} is not an active user`,
      };
  }
  const number = input.number.trim().toUpperCase();
  const model = orderModel(connection);
  const before = await model.findOne({ number }).lean<Order>();
  if (!before) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${number}` };
  const assignee = input.assigneeId === null ? null : new Types.ObjectId(input.assigneeId);
  if (String(before.assignee ?? '') === String(assignee ?? ''))
    return { ok: true, order: before, changed: false };
  const order = await model
    .findOneAndUpdate(
      { _id: before._id },
      assignee
        ? { $set: { assignee, updatedAt: context.at } }
        : { $unset: { assignee: 1 }, $set: { updatedAt: context.at } },
      { returnDocument: 'after' },
    )
    .lean<Order>();
  if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${number}` };
  await audit(
    connection,
    {
      entity: 'order',
      entityId: before._id,
      action: 'assigned',
      actor: context.actor,
      before: { assignee: before.assignee ?? null },
      after: { assignee },
    },
    context.at,
  );
  return { ok: true, order, changed: true };
}
