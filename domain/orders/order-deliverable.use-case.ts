import { type Connection, Types } from 'mongoose';
import { audit } from '../audit/audit.use-case.js';
import type { MediaRefusal } from '../media/media.rules.js';
import { type IncomingMedia, storeMedia } from '../media/media.store.js';
import { notifyCustomer } from '../notices/notify.js';
import { getSettings } from '../settings/settings.use-case.js';
import { type Deliverable, type Order, orderModel } from './order.model.js';
import { parseOrderNumber } from './order.rules.js';
import type { ChangeContext } from './order.use-case.js';
import { deliverableName, deliverablePolicy } from './order-deliverable.rules.js';

type OrderMissing =
  | { ok: false; code: 'ORDER.INVALID_NUMBER'; details: string }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string };

export type AddDeliverableResult =
  | {
      ok: true;
      order: Order;
      deliverable: Deliverable;
      /** False when the order already had this very file (the same upload again). */
      added: boolean;
      /** False when the file was queued for the customer before. */
      queued: boolean;
    }
  | OrderMissing
  | MediaRefusal;

/** Adding a deliverable also stores its file: where, and which day folder it goes to. */
export interface DeliverableContext extends ChangeContext {
  dataDir: string;
  timeZone: string;
}

const notFound = (number: string) =>
  ({ ok: false, code: 'ORDER.NOT_FOUND', details: `there is no order ${number}` }) as const;

/**
 * Keep a file staff made for an order and send it to the customer on WhatsApp with a short caption.
 * The file is checked by its bytes and stored first (nothing is stored for an unknown order or a refused
 * file), then recorded once per content on the order (audited) and queued once per content and order:
 * uploading the same file again records and sends nothing more, and finishes a send an interrupted
 * upload never queued.
 */
export async function addDeliverable(
  connection: Connection,
  input: { number: string; file: IncomingMedia },
  context: DeliverableContext,
): Promise<AddDeliverableResult> {
  const parsed = parseOrderNumber(input.number);
  if (!parsed.ok) return parsed;
  const number = parsed.text;
  if (!(await orderModel(connection).exists({ number }))) return notFound(number);

  const stored = await storeMedia(input.file, {
    dataDir: context.dataDir,
    policy: deliverablePolicy(),
    now: context.at,
    timeZone: context.timeZone,
  });
  if (!stored.ok) return stored;
  const { media } = stored;

  const candidate: Deliverable = {
    _id: new Types.ObjectId(),
    path: media.path,
    mime: media.mime,
    kind: media.kind,
    name: deliverableName(input.file.filename, media, number),
    size: media.size,
    sha256: media.sha256,
    ...(media.thumbnailPath && { thumbnailPath: media.thumbnailPath }),
    uploadedBy: context.actor,
    uploadedAt: context.at,
  };
  const pushed = await orderModel(connection)
    .findOneAndUpdate(
      { number, 'deliverables.sha256': { $ne: media.sha256 } },
      { $push: { deliverables: candidate }, $set: { updatedAt: context.at } },
      { returnDocument: 'after' },
    )
    .lean<Order>();
  const order = pushed ?? (await orderModel(connection).findOne({ number }).lean<Order>());
  if (!order) return notFound(number);
  const deliverable = order.deliverables?.find((recorded) => recorded.sha256 === media.sha256);
  // The update either pushed it or found it there; anything else is a bug.
  if (!deliverable)
    throw new Error(`deliverable ${media.sha256} of ${number} vanished after it was recorded`);

  if (pushed)
    await audit(
      connection,
      {
        entity: 'order',
        entityId: order._id,
        action: 'deliverable_added',
        actor: context.actor,
        after: {
          deliverable: {
            id: String(deliverable._id),
            name: deliverable.name,
            mime: deliverable.mime,
            size: deliverable.size,
            sha256: deliverable.sha256,
          },
        },
      },
      context.at,
    );

  const settings = await getSettings(connection);
  const queued = await notifyCustomer(
    connection,
    order.chatId,
    {
      key: `deliverable:${number}:${deliverable.sha256}`,
      text: 'notice.deliverable.sent',
      params: { number, shop: settings.shopName },
      origin: 'staff',
      media: { path: deliverable.path, mime: deliverable.mime, filename: deliverable.name },
    },
    context.at,
  );
  return { ok: true, order, deliverable, added: pushed !== null, queued };
}

export type FindDeliverableResult =
  | { ok: true; order: Pick<Order, '_id' | 'number'>; deliverable: Deliverable }
  | OrderMissing
  | { ok: false; code: 'DELIVERABLE.NOT_FOUND'; details: string };

/** One deliverable of an order, by its id. */
export async function findDeliverable(
  connection: Connection,
  input: { number: string; id: string },
): Promise<FindDeliverableResult> {
  const parsed = parseOrderNumber(input.number);
  if (!parsed.ok) return parsed;
  const order = await orderModel(connection)
    .findOne({ number: parsed.text }, { number: 1, deliverables: 1 })
    .lean<Pick<Order, '_id' | 'number' | 'deliverables'>>();
  if (!order) return notFound(parsed.text);
  const deliverable = order.deliverables?.find((candidate) => String(candidate._id) === input.id);
  if (!deliverable)
    return {
      ok: false,
      code: 'DELIVERABLE.NOT_FOUND',
      details: `order ${order.number} has no deliverable ${input.id}`,
    };
  return { ok: true, order: { _id: order._id, number: order.number }, deliverable };
}
