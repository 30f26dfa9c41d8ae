import type { Connection } from 'mongoose';
import { z } from 'zod';
import { audit } from '../audit/audit.use-case.js';
import type { InternalNote, Order } from './order.model.js';
import { orderModel } from './order.model.js';
import { parseOrderNumber } from './order.rules.js';
import type { ChangeContext } from './order.use-case.js';

const NoteText = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(2000, { error: 'must be at most 2000 characters' });

export type AddNoteResult =
  | { ok: true; order: Order; note: InternalNote }
  | { ok: false; code: 'ORDER.INVALID'; details: string }
  | { ok: false; code: 'ORDER.INVALID_NUMBER'; details: string }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string };

/**
 * Add a staff-only note to an order (any status: notes about a finished order are still useful). The
 * customer never sees it. One atomic push; audited.
 */
export async function addInternalNote(
  connection: Connection,
  input: { number: string; text: string },
  context: ChangeContext,
): Promise<AddNoteResult> {
  const parsed = parseOrderNumber(input.number);
  if (!parsed.ok) return parsed;
  const text = NoteText.safeParse(input.text);
  if (!text.success)
    return {
      ok: false,
      code: 'ORDER.INVALID',
      details: `note ${text.error.issues[0]?.message ?? 'is invalid'}`,
    };
  const note: InternalNote = { text: text.data, at: context.at, by: context.actor };
  const order = await orderModel(connection)
    .findOneAndUpdate(
      { number: parsed.text },
      { $push: { internalNotes: note }, $set: { updatedAt: context.at } },
      { returnDocument: 'after' },
    )
    .lean<Order>();
  if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${parsed.text}` };
  await audit(
    connection,
    {
      entity: 'order',
      entityId: order._id,
      action: 'note_added',
      actor: context.actor,
      after: { note: note.text },
    },
    context.at,
  );
  return { ok: true, order, note };
}
