import { type Connection, isValidObjectId } from 'mongoose';
import { audit } from '../audit/audit.use-case.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { recomputeOrderStats } from '../contacts/contact-merge.use-case.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { paymentModel } from '../payments/payment.model.js';
import { type ContactMove, type Order, orderModel } from './order.model.js';
import { type OrderNumberFailure, parseOrderNumber } from './order.rules.js';
import type { ChangeContext } from './order.use-case.js';

export type MoveOrderFailure =
  | OrderNumberFailure
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string }
  | { ok: false; code: 'ORDER.CONTACT_NOT_FOUND'; details: string }
  /** The contact is a merge tombstone: the order belongs with the contact it was merged into. */
  | { ok: false; code: 'CONTACT.ALREADY_MERGED'; details: string; mergedInto: string }
  /** The contact is being merged into another one right now. */
  | { ok: false; code: 'CONTACT.MERGE_CONFLICT'; details: string };

export type MoveOrderResult =
  | {
      ok: true;
      order: Order;
      /** False when the order already belonged to the contact (and no move of it was left unfinished). */
      changed: boolean;
      /** The contact the order came from, as it is now; null when nothing moved. */
      from: Contact | null;
      /** The contact the order belongs to, as it is now. */
      to: Contact;
    }
  | MoveOrderFailure;

/** Retries of the conditional move that lost to a concurrent change of the order. */
const ATTEMPTS = 5;

const contactNotFound = (id: string): MoveOrderFailure => ({
  ok: false,
  code: 'ORDER.CONTACT_NOT_FOUND',
  details: `there is no contact ${id}`,
});

/**
 * The steps after the order itself moved, each idempotent: its invoice and payments follow (by order
 * number), both contacts' stats are recomputed from their orders, then the `contactMove` mark is taken
 * off — whoever takes it off writes the audit entries. Run again after an interruption, it finishes the
 * move without counting anything twice.
 */
async function finishMove(
  connection: Connection,
  order: Order & { contactMove: ContactMove },
): Promise<{ order: Order; finished: boolean }> {
  const { from, to, at, actor, before } = order.contactMove;
  await invoiceModel(connection).updateMany(
    { orderNumber: order.number, $or: [{ contactId: { $ne: to } }, { chatId: { $ne: order.chatId } }] },
    { $set: { contactId: to, chatId: order.chatId } },
  );
  await paymentModel(connection).updateMany(
    { orderNumber: order.number, contactId: { $ne: to } },
    { $set: { contactId: to } },
  );
  const fromStats = await recomputeOrderStats(connection, from);
  const toStats = await recomputeOrderStats(connection, to);
  const finished = await orderModel(connection)
    .findOneAndUpdate(
      { _id: order._id, 'contactMove.from': from, 'contactMove.to': to },
      { $unset: { contactMove: 1 } },
      { returnDocument: 'after' },
    )
    .lean<Order>();
  if (!finished) {
    const now = await orderModel(connection).findById(order._id).lean<Order>();
    if (!now) throw new Error(`order ${order.number} vanished while being moved`);
    return { order: now, finished: false };
  }
  await audit(
    connection,
    {
      entity: 'order',
      entityId: order._id,
      action: 'contact_changed',
      actor,
      before: { contactId: from, chatId: before.chatId, customerName: before.customerName ?? null },
      after: { contactId: to, chatId: finished.chatId, customerName: finished.customerName ?? null },
    },
    at,
  );
  await audit(
    connection,
    {
      entity: 'contact',
      entityId: from,
      action: 'order_moved_out',
      actor,
      before: { order: order.number },
      after: { order: order.number, movedTo: to, stats: fromStats },
    },
    at,
  );
  await audit(
    connection,
    {
      entity: 'contact',
      entityId: to,
      action: 'order_moved_in',
      actor,
      before: { movedFrom: from },
      after: { order: order.number, stats: toStats },
    },
    at,
  );
  return { order: finished, finished: true };
}

const hasMove = (order: Order): order is Order & { contactMove: ContactMove } =>
  order.contactMove !== undefined;

/**
 * Staff move an order to another contact (it was taken for the wrong person, or a phone order belongs
 * to a colleague's customer): the order points at the contact and its chat (status messages go there
 * from now on), its invoice and payments follow, and the stats of both contacts are recomputed from
 * their orders. Audited on the order and on both contacts.
 *
 * No transactions: the order is moved by a conditional update (on its revision and contact) that also
 * marks it `contactMove`; the steps after are idempotent and the mark comes off last, so a call after
 * an interruption — with the same contact, or any call on that order — finishes the move first.
 * Refused: an unknown order or contact, a merged contact's tombstone (`CONTACT.ALREADY_MERGED`, naming
 * the contact it went into) and a contact being merged. The order's own contact: `changed: false`.
 */
export async function moveOrderToContact(
  connection: Connection,
  input: { number: string; contactId: string },
  context: ChangeContext,
): Promise<MoveOrderResult> {
  const number = parseOrderNumber(input.number);
  if (!number.ok) return number;
  if (!isValidObjectId(input.contactId)) return contactNotFound(input.contactId);
  const contacts = contactModel(connection);
  const target = await contacts.findById(input.contactId).lean<Contact>();
  if (!target) return contactNotFound(input.contactId);
  if (target.mergedInto)
    return {
      ok: false,
      code: 'CONTACT.ALREADY_MERGED',
      details: `contact ${input.contactId} was merged into ${String(target.mergedInto)}; move the order to that contact`,
      mergedInto: String(target.mergedInto),
    };
  if (target.merging)
    return {
      ok: false,
      code: 'CONTACT.MERGE_CONFLICT',
      details: `contact ${input.contactId} is being merged into ${String(target.merging.into)}; finish that merge first`,
    };

  const model = orderModel(connection);
  const outcome = async (order: Order, from: Contact['_id'] | null, changed: boolean) => {
    const [was, is] = await Promise.all([
      from ? contacts.findById(from).lean<Contact>() : null,
      contacts.findById(order.contactId).lean<Contact>(),
    ]);
    if (!is) throw new Error(`contact ${String(order.contactId)} of order ${order.number} vanished`);
    return { ok: true as const, order, changed, from: was, to: is };
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = await model.findOne({ number: number.text }).lean<Order>();
    if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${number.text}` };
    if (hasMove(order)) {
      // An earlier move did not finish: finish it before anything else.
      const { from, to } = order.contactMove;
      const done = await finishMove(connection, order);
      if (to.equals(target._id)) return outcome(done.order, from, done.finished);
      continue;
    }
    if (order.contactId.equals(target._id)) return outcome(order, null, false);

    const customerName = target.name ?? target.pushName;
    const move: ContactMove = {
      from: order.contactId,
      to: target._id,
      at: context.at,
      actor: context.actor,
      before: { chatId: order.chatId, ...(order.customerName && { customerName: order.customerName }) },
    };
    const moved = await model
      .findOneAndUpdate(
        {
          _id: order._id,
          revision: order.revision,
          contactId: order.contactId,
          contactMove: { $exists: false },
        },
        {
          $set: {
            contactId: target._id,
            chatId: target.chatId,
            ...(customerName && { customerName }),
            contactMove: move,
            updatedAt: context.at,
          },
          ...(!customerName && { $unset: { customerName: 1 } }),
          $inc: { revision: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<Order>();
    // Changed between the read and the write: judge it again as it is now.
    if (!moved || !hasMove(moved)) continue;
    const done = await finishMove(connection, moved);
    return outcome(done.order, move.from, true);
  }
  throw new Error(`order ${number.text} kept changing while being moved to another contact`);
}
