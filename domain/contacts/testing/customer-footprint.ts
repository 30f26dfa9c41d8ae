import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Connection, Types } from 'mongoose';
import { recordActivity } from '../../activity/activity.use-case.js';
import type { Actor } from '../../audit/audit.model.js';
import { audit } from '../../audit/audit.use-case.js';
import { productModel } from '../../catalog/product.model.js';
import { chatModel } from '../../chats/chat.model.js';
import { saveConversation } from '../../conversations/conversation.use-case.js';
import { issueInvoice } from '../../invoices/invoice.use-case.js';
import { openLeadForContact } from '../../leads/lead.use-case.js';
import { type Message, messageModel } from '../../messages/message.model.js';
import { ALL_MODELS } from '../../models.js';
import { type Order, orderModel } from '../../orders/order.model.js';
import { changeOrderStatus, createOrder } from '../../orders/order.use-case.js';
import { enqueueMessage } from '../../outbox/outbox.use-case.js';
import { recordPaymentProof } from '../../payments/payment.use-case.js';
import { createLogger } from '../../platform/logger.js';
import { updateSettings } from '../../settings/settings.use-case.js';
import { createTask } from '../../tasks/task.use-case.js';
import { trialMessageModel } from '../../trial/trial.model.js';
import { createUser, type StaffUser } from '../../users/user.use-case.js';
import { type Contact, contactModel } from '../contact.model.js';

/**
 * Test data for the privacy work: one customer (Budi Santoso) with something in every collection that can
 * hold a customer — chat, messages with a stored photo, conversation draft, order with delivery details,
 * invoice, payment proof, lead, task, audit entries, an alert in the owner's chat, an activity entry, a
 * trial message and a contact merged into him — and another customer (Ani) whose data must survive.
 */
export const AT = new Date('2026-11-23T03:00:00Z');
export const ZONE = 'Asia/Jakarta';
export const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };

export const BUDI = {
  phone: '+6281234567890',
  /** Every form the number is written in. */
  phoneForms: ['+6281234567890', '6281234567890', '081234567890', '+62 812-3456-7890'],
  chatId: '6281234567890@c.us',
  lidChatId: '207654321098765@lid',
  name: 'Budi Santoso',
  pushName: 'Budi S',
  address: 'Jl. Melati No. 5, Bandung',
  email: 'budi.santoso@example.com',
  recipient: 'Siti Aminah',
  recipientPhone: '+6281377778888',
};
export const OWNER_WHATSAPP = '+6281298765432';
export const ANI = { phone: '+6281200000001', chatId: '6281200000001@c.us', name: 'Ani Lestari' };

export interface Footprint {
  contact: Contact;
  ani: Contact;
  owner: StaffUser;
  order: Order;
  aniOrder: Order;
  /** Budi's stored files, absolute paths. */
  files: string[];
  aniFile: string;
}

const PHOTO = Buffer.from('budi photo bytes');
const PROOF = Buffer.from('budi transfer proof');
const ANI_PHOTO = Buffer.from('ani photo bytes');

async function storeFile(dataDir: string, relative: string, data: Buffer): Promise<string> {
  const absolute = path.join(dataDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, data);
  return absolute;
}

function must<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`fixture step failed: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** Empty the database and write Budi's and Ani's footprints; files go under `dataDir`. */
export async function writeFootprint(connection: Connection, dataDir: string): Promise<Footprint> {
  for (const model of ALL_MODELS) await model(connection).deleteMany();
  must(
    await updateSettings(
      connection,
      { shopName: 'Toko Mawar', timeZone: ZONE, publicBaseUrl: 'https://toko.test' },
      { actor: staff, at: AT },
    ),
  );
  const owner = must(
    await createUser(
      connection,
      { name: 'Sari', login: 'sari', role: 'owner', whatsapp: OWNER_WHATSAPP },
      { actor: staff, at: AT },
    ),
  ).user;
  await productModel(connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    active: true,
    createdAt: AT,
  });

  const contact = (
    await contactModel(connection).create({
      chatId: BUDI.chatId,
      phone: BUDI.phone,
      pushName: BUDI.pushName,
      name: BUDI.name,
      nameConfirmed: true,
      addresses: [{ label: 'Rumah', text: BUDI.address }],
      email: BUDI.email,
      notes: `Pelanggan lama, panggil Pak ${BUDI.name}`,
      tags: ['vip'],
      otherChatIds: [BUDI.lidChatId],
      createdAt: AT,
    })
  ).toObject();
  await contactModel(connection).create({
    chatId: BUDI.lidChatId,
    pushName: BUDI.name,
    mergedInto: contact._id,
    createdAt: AT,
  });
  const ani = (
    await contactModel(connection).create({
      chatId: ANI.chatId,
      phone: ANI.phone,
      name: ANI.name,
      createdAt: AT,
    })
  ).toObject();
  await audit(connection, {
    entity: 'message',
    entityId: `false_${BUDI.chatId}_A1`,
    action: 'attention_resolved',
    actor: staff,
    after: { outcome: 'replied' },
  });
  await audit(connection, {
    entity: 'contact',
    entityId: contact._id,
    action: 'updated',
    actor: staff,
    before: { addresses: [] },
    after: { addresses: [{ text: BUDI.address }], phone: BUDI.phone },
  });

  // The chat: a text with the address, a photo (stored with its thumbnail), a bot reply; and one in the @lid chat.
  const photo = 'media/2026/11/23/aaaa.jpg';
  const thumb = 'media/2026/11/23/aaaa.thumb.webp';
  const proof = 'media/2026/11/23/bbbb.jpg';
  const files = [
    await storeFile(dataDir, photo, PHOTO),
    await storeFile(dataDir, thumb, PHOTO),
    await storeFile(dataDir, proof, PROOF),
  ];
  const aniPath = 'media/2026/11/23/cccc.jpg';
  const aniFile = await storeFile(dataDir, aniPath, ANI_PHOTO);
  const message = (over: Partial<Message>): Message => ({
    waId: '',
    body: '',
    direction: 'in',
    author: 'customer',
    type: 'text',
    pushName: BUDI.pushName,
    sentAt: AT,
    receivedAt: AT,
    chatId: BUDI.chatId,
    ...over,
  });
  await messageModel(connection).create([
    message({ waId: `false_${BUDI.chatId}_A1`, body: `pesan 1 buket, kirim ke ${BUDI.address} ya` }),
    message({
      waId: `false_${BUDI.chatId}_A2`,
      type: 'image',
      body: 'ini contohnya',
      media: {
        state: 'stored',
        path: photo,
        thumbnailPath: thumb,
        mime: 'image/jpeg',
        size: PHOTO.length,
        attempts: 1,
      },
    }),
    message({
      waId: `false_${BUDI.chatId}_A3`,
      type: 'image',
      body: 'bukti transfer',
      media: { state: 'stored', path: proof, mime: 'image/jpeg', size: PROOF.length, attempts: 1 },
    }),
    message({
      waId: `true_${BUDI.chatId}_B1`,
      direction: 'out',
      author: 'bot',
      body: `Terima kasih Kak ${BUDI.name}!`,
    }),
    message({ waId: `false_${BUDI.lidChatId}_C1`, chatId: BUDI.lidChatId, body: 'halo dari lid' }),
    message({
      waId: `false_${ANI.chatId}_D1`,
      chatId: ANI.chatId,
      pushName: ANI.name,
      type: 'image',
      body: 'foto saya',
      media: { state: 'stored', path: aniPath, mime: 'image/jpeg', size: ANI_PHOTO.length, attempts: 1 },
    }),
  ]);
  await chatModel(connection).create({ chatId: BUDI.chatId, unread: 2, lastMessageAt: AT });
  await saveConversation(
    connection,
    BUDI.chatId,
    {
      kind: 'order_draft',
      data: { items: [{ sku: 'mawar', qty: 1 }], address: BUDI.address, recipient: BUDI.recipient },
    },
    { now: AT, ttlMs: 3_600_000 },
  );
  await trialMessageModel(connection).create({
    chatId: BUDI.chatId,
    pushName: BUDI.name,
    body: 'halo',
    at: AT,
  });

  // The order with delivery details, walked to completed (its notices are queued to Budi's chat), invoiced, with a proof.
  const created = must(
    await createOrder(
      connection,
      {
        kind: 'catalog',
        contactId: contact._id,
        chatId: contact.chatId,
        customerName: BUDI.name,
        items: [{ sku: 'mawar', qty: 2 }],
        shippingFee: 20_000,
        cardText: `Selamat ulang tahun ${BUDI.recipient}, dari ${BUDI.name}`,
        customerNotes: 'tanpa pita ya',
        fulfilment: {
          method: 'delivery',
          address: BUDI.address,
          recipientName: BUDI.recipient,
          recipientPhone: BUDI.recipientPhone,
        },
        source: 'whatsapp',
        requestKey: `wa:false_${BUDI.chatId}_A1`,
        messageIds: [`false_${BUDI.chatId}_A1`],
      },
      { actor: { kind: 'customer', id: String(contact._id), name: BUDI.name }, at: AT, timeZone: ZONE },
    ),
  ).order;
  for (const to of ['confirmed', 'in_progress', 'ready', 'out_for_delivery', 'completed'] as const)
    must(await changeOrderStatus(connection, { number: created.number, to }, { actor: staff, at: AT }));
  must(
    await issueInvoice(connection, { orderNumber: created.number }, { actor: staff, at: AT, timeZone: ZONE }),
  );
  await recordPaymentProof(
    connection,
    {
      contactId: contact._id,
      orderNumber: created.number,
      proofPath: proof,
      messageId: `false_${BUDI.chatId}_A3`,
    },
    { actor: { kind: 'customer', id: String(contact._id) }, at: AT, timeZone: ZONE },
  );
  await orderModel(connection).updateOne(
    { _id: created._id },
    {
      $push: {
        internalNotes: { text: `${BUDI.name} minta diantar sore, telp ${BUDI.phone}`, at: AT, by: staff },
      },
    },
  );
  const aniOrder = must(
    await createOrder(
      connection,
      {
        kind: 'catalog',
        contactId: ani._id,
        chatId: ani.chatId,
        customerName: ANI.name,
        items: [{ sku: 'mawar', qty: 1 }],
        source: 'console',
      },
      { actor: staff, at: AT, timeZone: ZONE },
    ),
  ).order;

  const { lead } = await openLeadForContact(
    connection,
    {
      contactId: contact._id,
      channel: 'organic',
      interest: `${BUDI.name} mau hampers`,
      at: AT,
      actor: staff,
    },
    { leadAssignment: 'unassigned' },
  );
  must(
    await createTask(
      connection,
      {
        text: `Telepon ${BUDI.name} di 0812-3456-7890`,
        dueAt: new Date(AT.getTime() + 86_400_000),
        link: { kind: 'contact', id: contact._id },
      },
      { actor: staff, at: AT, timeZone: ZONE },
    ),
  );
  must(
    await createTask(
      connection,
      { text: 'Tawarkan hampers', dueAt: AT, link: { kind: 'lead', id: lead._id } },
      { actor: staff, at: AT, timeZone: ZONE },
    ),
  );
  // An alert about Budi in the owner's own chat, queued and recorded as sent there.
  await enqueueMessage(
    connection,
    {
      key: `lead-wrote:false_${BUDI.chatId}_A1`,
      chatId: `${OWNER_WHATSAPP.slice(1)}@c.us`,
      text: `🛒 Pesanan baru dari ${BUDI.name} (${BUDI.phone})`,
      origin: 'bot',
      relayTo: BUDI.chatId,
    },
    AT,
  );
  await messageModel(connection).create({
    waId: 'true_owner_alert',
    chatId: `${OWNER_WHATSAPP.slice(1)}@c.us`,
    direction: 'out',
    author: 'bot',
    type: 'text',
    body: `🛒 Pesanan baru dari ${BUDI.name} (0812 3456 7890), kirim ke ${BUDI.address}`,
    outboxKey: `new-order:false_${BUDI.chatId}_A1:${OWNER_WHATSAPP}`,
    sentAt: AT,
    receivedAt: AT,
  });
  await recordActivity(
    connection,
    {
      at: AT,
      kind: 'export',
      user: { id: String(owner._id), name: 'Sari' },
      details: { export: 'orders', filters: { q: '081234567890' } },
    },
    createLogger({ env: 'test', logLevel: 'silent' }, 'test'),
  );
  const order = await orderModel(connection).findById(created._id).lean<Order>();
  if (!order) throw new Error('fixture order vanished');
  return { contact, ani, owner, order, aniOrder, files, aniFile };
}

/** Every string inside a stored value (documents, arrays, nested objects), for the "nothing left" scans. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value && typeof value === 'object' && !(value instanceof Date) && !('_bsontype' in value))
    for (const inner of Object.values(value)) stringsOf(inner, out);
  return out;
}

/** The strings that must not survive an erasure of Budi, as stored. */
export const BUDI_TRACES = [
  ...BUDI.phoneForms,
  BUDI.chatId,
  BUDI.lidChatId,
  BUDI.name,
  BUDI.pushName,
  BUDI.address,
  BUDI.email,
  BUDI.recipient,
  BUDI.recipientPhone,
  '0812 3456 7890',
  '0812-3456-7890',
];

/** Which of `traces` appear in `text` (case-insensitive). */
export const tracesIn = (text: string, traces: readonly string[] = BUDI_TRACES): string[] =>
  traces.filter((trace) => text.toLowerCase().includes(trace.toLowerCase()));

export type Id = Types.ObjectId;
