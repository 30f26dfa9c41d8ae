import type { Connection, Types } from 'mongoose';
import { type Activity, activityModel } from '../activity/activity.model.js';
import { type ActivityFilter, activityQuery } from '../activity/activity.use-case.js';
import { type Product, productModel } from '../catalog/product.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { type ContactView, contactQuery } from '../contacts/contact-query.use-case.js';
import { type Invoice, type InvoiceStatus, invoiceModel } from '../invoices/invoice.model.js';
import type { Lead } from '../leads/lead.model.js';
import { leadModel } from '../leads/lead.model.js';
import { type LeadFilter, leadQuery } from '../leads/lead-query.use-case.js';
import { stockList } from '../materials/material.use-case.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { dayRange, type OrderSearch, orderQuery } from '../orders/order-search.use-case.js';
import type { LeadCustomField, Locale } from '../settings/settings.model.js';
import { getSettings } from '../settings/settings.use-case.js';
import { type Task, taskModel } from '../tasks/task.model.js';
import { type TaskFilter, taskQuery } from '../tasks/task.use-case.js';
import { userModel } from '../users/user.model.js';
import { type Column, type Sheet, sheet } from './xlsx.js';

/** The language of an export's headers and yes/no cells; values (statuses, channels) stay codes. */
export type ExportLanguage = Locale;

export interface ExportContext {
  timeZone: string;
  lang: ExportLanguage;
}

/** Rows read from the database at a time; joined lookups (contacts) take one query per batch. */
const BATCH = 1_000;

const translate =
  (lang: ExportLanguage) =>
  (id: string, en: string): string =>
    lang === 'en' ? en : id;

const yesNo = (lang: ExportLanguage) => (value: boolean | undefined) =>
  value ? translate(lang)('ya', 'yes') : translate(lang)('tidak', 'no');

type ContactSlim = Pick<Contact, '_id' | 'name' | 'pushName' | 'phone'>;

/** Each row with its contact, looked up once per batch of rows. */
async function* withContact<T>(
  connection: Connection,
  rows: AsyncIterable<T>,
  contactIdOf: (row: T) => Types.ObjectId | undefined,
): AsyncGenerator<{ row: T; contact: ContactSlim | null }> {
  let batch: T[] = [];
  const flush = async function* () {
    const ids = batch.map(contactIdOf).filter((id) => id !== undefined);
    const contacts = await contactModel(connection)
      .find({ _id: { $in: ids } }, { name: 1, pushName: 1, phone: 1 })
      .lean<ContactSlim[]>();
    const byId = new Map(contacts.map((contact) => [String(contact._id), contact]));
    for (const row of batch) yield { row, contact: byId.get(String(contactIdOf(row))) ?? null };
    batch = [];
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH) yield* flush();
  }
  if (batch.length > 0) yield* flush();
}

/** Staff names by id (a shop has a handful of users). */
async function staffNames(
  connection: Connection,
): Promise<(id: Types.ObjectId | undefined) => string | null> {
  const users = await userModel(connection)
    .find({}, { name: 1 })
    .lean<{ _id: Types.ObjectId; name: string }[]>();
  const byId = new Map(users.map((user) => [String(user._id), user.name]));
  return (id) => (id ? (byId.get(String(id)) ?? null) : null);
}

const customerName = (contact: ContactSlim | null) => contact?.name ?? contact?.pushName ?? null;

type OrderRow = Omit<Order, 'timeline' | 'internalNotes' | 'messageIds' | 'deliverables'>;

/** The orders list as a sheet: the list's filters and sort (orderQuery), every page. */
export async function ordersExport(
  connection: Connection,
  search: Omit<OrderSearch, 'page'>,
  context: ExportContext,
): Promise<Sheet[]> {
  const t = translate(context.lang);
  const { filter, sort } = await orderQuery(connection, search, context.timeZone);
  const staff = await staffNames(connection);
  const cursor = orderModel(connection)
    .find(filter, { timeline: 0, internalNotes: 0, messageIds: 0, deliverables: 0, trackingToken: 0 })
    .sort(sort)
    .lean<OrderRow>()
    .cursor({ batchSize: BATCH });
  const columns: Column<{ row: OrderRow; contact: ContactSlim | null }>[] = [
    { header: t('Nomor', 'Number'), type: 'text', width: 18, value: ({ row }) => row.number },
    { header: t('Dibuat', 'Created'), type: 'datetime', value: ({ row }) => row.createdAt },
    { header: 'Status', type: 'text', width: 16, value: ({ row }) => row.status },
    { header: t('Jenis', 'Kind'), type: 'text', width: 10, value: ({ row }) => row.kind },
    { header: t('Kategori', 'Category'), type: 'text', width: 14, value: ({ row }) => row.custom?.category },
    {
      header: t('Pelanggan', 'Customer'),
      type: 'text',
      value: ({ row, contact }) => row.customerName ?? customerName(contact),
    },
    { header: t('Telepon', 'Phone'), type: 'text', width: 16, value: ({ contact }) => contact?.phone },
    {
      header: t('Isi pesanan', 'Items'),
      type: 'text',
      width: 40,
      value: ({ row }) =>
        row.items.length > 0
          ? row.items.map((item) => `${item.qty} × ${item.name}`).join('; ')
          : row.custom?.description,
    },
    { header: 'Subtotal', type: 'rupiah', value: ({ row }) => row.subtotal },
    { header: t('Diskon', 'Discount'), type: 'rupiah', value: ({ row }) => row.discount },
    { header: t('Ongkir', 'Shipping'), type: 'rupiah', value: ({ row }) => row.shippingFee },
    { header: 'Total', type: 'rupiah', value: ({ row }) => row.total },
    { header: t('Dibayar', 'Paid'), type: 'rupiah', value: ({ row }) => row.paidAmount },
    {
      header: t('Status bayar', 'Payment status'),
      type: 'text',
      width: 14,
      value: ({ row }) => row.paymentStatus,
    },
    {
      header: t('Cara bayar', 'Payment method'),
      type: 'text',
      width: 14,
      value: ({ row }) => row.paymentMethod,
    },
    {
      header: t('Pengiriman', 'Fulfilment'),
      type: 'text',
      width: 12,
      value: ({ row }) => row.fulfilment.method,
    },
    { header: t('Tanggal kirim', 'Fulfilment date'), type: 'date', value: ({ row }) => row.fulfilment.date },
    { header: t('Alamat', 'Address'), type: 'text', width: 30, value: ({ row }) => row.fulfilment.address },
    { header: t('Petugas', 'Assignee'), type: 'text', width: 16, value: ({ row }) => staff(row.assignee) },
    { header: t('Sumber', 'Source'), type: 'text', width: 11, value: ({ row }) => row.source },
    { header: t('Selesai', 'Completed'), type: 'datetime', value: ({ row }) => row.completedAt },
  ];
  return [
    sheet(
      t('Pesanan', 'Orders'),
      columns,
      withContact(connection, cursor, (order) => order.contactId),
    ),
  ];
}

type ContactRow = Omit<Contact, 'otherChatIds' | 'merging'>;

/** The contacts list as a sheet (contactQuery), phone numbers in full: only owners and managers export. */
export async function contactsExport(
  connection: Connection,
  input: { view?: ContactView; q?: string; now: Date },
  context: ExportContext,
): Promise<Sheet[]> {
  const t = translate(context.lang);
  const yes = yesNo(context.lang);
  const { filter, sort } = contactQuery(input);
  const cursor = contactModel(connection)
    .find(filter, { otherChatIds: 0, merging: 0 })
    .sort(sort)
    .lean<ContactRow>()
    .cursor({ batchSize: BATCH });
  const columns: Column<ContactRow>[] = [
    { header: t('Nama', 'Name'), type: 'text', value: (contact) => contact.name ?? contact.pushName },
    { header: t('Nama WhatsApp', 'WhatsApp name'), type: 'text', value: (contact) => contact.pushName },
    { header: t('Nama dikonfirmasi', 'Name confirmed'), type: 'text', value: (c) => yes(c.nameConfirmed) },
    { header: t('Telepon', 'Phone'), type: 'text', width: 16, value: (contact) => contact.phone },
    { header: 'Email', type: 'text', value: (contact) => contact.email },
    { header: t('Pesanan', 'Orders'), type: 'number', value: (contact) => contact.stats.orders },
    {
      header: t('Total belanja', 'Total spent'),
      type: 'rupiah',
      value: (contact) => contact.stats.totalSpent,
    },
    { header: t('Pesanan terakhir', 'Last order'), type: 'datetime', value: (c) => c.stats.lastOrderAt },
    { header: t('Pesan terakhir', 'Last message'), type: 'datetime', value: (c) => c.stats.lastMessageAt },
    { header: t('Segmen', 'Segment'), type: 'text', width: 16, value: (contact) => contact.rfm?.segment },
    { header: t('Kanal pertama', 'First channel'), type: 'text', width: 14, value: (c) => c.firstChannel },
    { header: 'Tag', type: 'text', value: (contact) => contact.tags.join(', ') },
    {
      header: t('Alamat', 'Address'),
      type: 'text',
      width: 30,
      value: (contact) => contact.addresses[0]?.text,
    },
    { header: t('Catatan', 'Notes'), type: 'text', width: 30, value: (contact) => contact.notes },
    { header: t('Berhenti pesan', 'Opted out'), type: 'text', value: (contact) => yes(contact.optOut) },
    { header: t('Ditambahkan', 'Added'), type: 'datetime', value: (contact) => contact.createdAt },
  ];
  return [sheet(t('Kontak', 'Contacts'), columns, cursor)];
}

type LeadRow = Omit<Lead, 'activities'>;

type LeadWithContact = { row: LeadRow; contact: ContactSlim | null };

const numberOrNothing = (value: unknown) => (typeof value === 'number' ? value : undefined);
const dayOrNothing = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
const textOrNothing = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** One column per custom lead field of the shop, headed by its label; a value of another type stays empty. */
const customFieldColumn = (field: LeadCustomField): Column<LeadWithContact> => {
  const stored = ({ row }: LeadWithContact) => row.customFields?.[field.key];
  switch (field.type) {
    case 'number':
      return { header: field.label, type: 'number', value: (lead) => numberOrNothing(stored(lead)) };
    case 'date':
      return { header: field.label, type: 'date', value: (lead) => dayOrNothing(stored(lead)) };
    default:
      return { header: field.label, type: 'text', value: (lead) => textOrNothing(stored(lead)) };
  }
};

/** The leads list as a sheet (leadQuery), with each lead's contact and assignee, and the shop's custom fields. */
export async function leadsExport(
  connection: Connection,
  filter: LeadFilter,
  context: ExportContext,
): Promise<Sheet[]> {
  const t = translate(context.lang);
  const { filter: query, sort } = leadQuery(filter);
  const [staff, { leadCustomFields }] = await Promise.all([staffNames(connection), getSettings(connection)]);
  const cursor = leadModel(connection)
    .find(query, { activities: 0 })
    .sort(sort)
    .lean<LeadRow>()
    .cursor({ batchSize: BATCH });
  const columns: Column<LeadWithContact>[] = [
    { header: t('Dibuat', 'Created'), type: 'datetime', value: ({ row }) => row.createdAt },
    { header: t('Tahap', 'Stage'), type: 'text', width: 11, value: ({ row }) => row.stage },
    { header: t('Pelanggan', 'Customer'), type: 'text', value: ({ contact }) => customerName(contact) },
    { header: t('Telepon', 'Phone'), type: 'text', width: 16, value: ({ contact }) => contact?.phone },
    { header: t('Kanal', 'Channel'), type: 'text', width: 14, value: ({ row }) => row.channel },
    { header: t('Minat', 'Interest'), type: 'text', width: 30, value: ({ row }) => row.interest },
    {
      header: t('Perkiraan nilai', 'Estimated value'),
      type: 'rupiah',
      value: ({ row }) => row.estimatedValue,
    },
    { header: t('Petugas', 'Assignee'), type: 'text', width: 16, value: ({ row }) => staff(row.assignee) },
    {
      header: t('Tindak lanjut', 'Next action'),
      type: 'text',
      width: 30,
      value: ({ row }) => row.nextAction?.text,
    },
    {
      header: t('Jadwal tindak lanjut', 'Next action due'),
      type: 'datetime',
      value: ({ row }) => row.nextAction?.dueAt,
    },
    { header: t('Alasan kalah', 'Lost reason'), type: 'text', width: 24, value: ({ row }) => row.lostReason },
    { header: t('Diubah', 'Updated'), type: 'datetime', value: ({ row }) => row.updatedAt },
    { header: t('Ditutup', 'Closed'), type: 'datetime', value: ({ row }) => row.closedAt },
    ...leadCustomFields.map(customFieldColumn),
  ];
  return [
    sheet(
      t('Prospek', 'Leads'),
      columns,
      withContact(connection, cursor, (lead) => lead.contactId),
    ),
  ];
}

/** The task list as a sheet (taskQuery), soonest due first. */
export async function tasksExport(
  connection: Connection,
  filter: TaskFilter,
  context: ExportContext,
): Promise<Sheet[]> {
  const t = translate(context.lang);
  const query = taskQuery(filter);
  const staff = await staffNames(connection);
  const rows = query
    ? taskModel(connection).find(query.filter).sort(query.sort).lean<Task>().cursor({ batchSize: BATCH })
    : [];
  const columns: Column<Task>[] = [
    { header: t('Nomor', 'Number'), type: 'number', value: (task) => task.number },
    { header: t('Tugas', 'Task'), type: 'text', width: 40, value: (task) => task.text },
    { header: t('Jatuh tempo', 'Due'), type: 'datetime', value: (task) => task.dueAt },
    { header: 'Status', type: 'text', width: 11, value: (task) => task.status },
    { header: t('Petugas', 'Assignee'), type: 'text', width: 16, value: (task) => staff(task.assigneeId) },
    { header: t('Terkait', 'Linked to'), type: 'text', value: (task) => task.link?.label },
    { header: t('Jenis tautan', 'Link kind'), type: 'text', width: 12, value: (task) => task.link?.kind },
    { header: t('Dibuat', 'Created'), type: 'datetime', value: (task) => task.createdAt },
    { header: t('Selesai', 'Done'), type: 'datetime', value: (task) => task.doneAt },
  ];
  return [sheet(t('Tugas', 'Tasks'), columns, rows)];
}

/** The catalog as a sheet, inactive products included, by name (as the products page lists it). */
export async function productsExport(connection: Connection, context: ExportContext): Promise<Sheet[]> {
  const t = translate(context.lang);
  const yes = yesNo(context.lang);
  const cursor = productModel(connection)
    .find()
    .sort({ name: 1 })
    .lean<Product>()
    .cursor({ batchSize: BATCH });
  const columns: Column<Product>[] = [
    { header: 'SKU', type: 'text', value: (product) => product.sku },
    { header: t('Nama', 'Name'), type: 'text', width: 30, value: (product) => product.name },
    { header: t('Kategori', 'Category'), type: 'text', width: 14, value: (product) => product.category },
    { header: t('Harga', 'Price'), type: 'rupiah', value: (product) => product.price },
    { header: t('Stok', 'Stock'), type: 'number', value: (product) => product.stock },
    { header: t('Aktif', 'Active'), type: 'text', width: 8, value: (product) => yes(product.active) },
    {
      header: t('Nama lain', 'Aliases'),
      type: 'text',
      width: 30,
      value: (product) => product.aliases.join(', '),
    },
    {
      header: t('Bahan per unit', 'Materials per unit'),
      type: 'text',
      width: 30,
      value: (product) => product.materials.map((line) => `${line.code} ${line.qty}`).join('; '),
    },
    {
      header: t('Keterangan', 'Description'),
      type: 'text',
      width: 30,
      value: (product) => product.description,
    },
    { header: t('Ditambahkan', 'Added'), type: 'datetime', value: (product) => product.createdAt },
  ];
  return [sheet(t('Produk', 'Products'), columns, cursor)];
}

/** The stock page as two sheets: materials by code, and the products whose stock is tracked. */
export async function materialsExport(connection: Connection, context: ExportContext): Promise<Sheet[]> {
  const t = translate(context.lang);
  const yes = yesNo(context.lang);
  const { materials, products } = await stockList(connection);
  type MaterialRow = (typeof materials)[number];
  const materialColumns: Column<MaterialRow>[] = [
    { header: t('Kode', 'Code'), type: 'text', value: (material) => material.code },
    { header: t('Nama', 'Name'), type: 'text', width: 30, value: (material) => material.name },
    { header: t('Satuan', 'Unit'), type: 'text', width: 10, value: (material) => material.unit },
    { header: t('Stok', 'Stock'), type: 'number', value: (material) => material.stock },
    { header: t('Stok minimum', 'Minimum'), type: 'number', value: (material) => material.minStock },
    {
      header: t('Menipis', 'Low'),
      type: 'text',
      width: 9,
      value: (material) => yes(material.stock < material.minStock),
    },
    { header: t('Diubah', 'Updated'), type: 'datetime', value: (material) => material.updatedAt },
  ];
  const productColumns: Column<Product>[] = [
    { header: 'SKU', type: 'text', value: (product) => product.sku },
    { header: t('Nama', 'Name'), type: 'text', width: 30, value: (product) => product.name },
    { header: t('Stok', 'Stock'), type: 'number', value: (product) => product.stock },
    { header: t('Aktif', 'Active'), type: 'text', width: 8, value: (product) => yes(product.active) },
  ];
  return [
    sheet(t('Bahan', 'Materials'), materialColumns, materials),
    sheet(t('Stok produk', 'Product stock'), productColumns, products),
  ];
}

/** Which invoices to export: one status, issued between two shop-local days. */
export interface InvoiceFilter {
  status?: InvoiceStatus;
  /** YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

type InvoiceRow = Omit<Invoice, 'appliedPayments'>;

/** Invoices as a sheet, newest first, with each one's customer and what is still owed. */
export async function invoicesExport(
  connection: Connection,
  filter: InvoiceFilter,
  context: ExportContext,
): Promise<Sheet[]> {
  const t = translate(context.lang);
  const created = dayRange(filter.from, filter.to, context.timeZone);
  const cursor = invoiceModel(connection)
    .find(
      { ...(filter.status && { status: filter.status }), ...(created && { createdAt: created }) },
      { appliedPayments: 0 },
    )
    .sort({ createdAt: -1, _id: -1 })
    .lean<InvoiceRow>()
    .cursor({ batchSize: BATCH });
  const columns: Column<{ row: InvoiceRow; contact: ContactSlim | null }>[] = [
    { header: t('Nomor', 'Number'), type: 'text', width: 18, value: ({ row }) => row.number },
    { header: t('Pesanan', 'Order'), type: 'text', width: 18, value: ({ row }) => row.orderNumber },
    { header: t('Pelanggan', 'Customer'), type: 'text', value: ({ contact }) => customerName(contact) },
    { header: t('Telepon', 'Phone'), type: 'text', width: 16, value: ({ contact }) => contact?.phone },
    { header: t('Dibuat', 'Issued'), type: 'datetime', value: ({ row }) => row.createdAt },
    { header: t('Jatuh tempo', 'Due'), type: 'date', value: ({ row }) => row.dueDate },
    { header: 'Status', type: 'text', width: 11, value: ({ row }) => row.status },
    { header: t('Tagihan', 'Amount'), type: 'rupiah', value: ({ row }) => row.amount },
    { header: t('Dibayar', 'Paid'), type: 'rupiah', value: ({ row }) => row.paidAmount },
    {
      header: t('Sisa', 'Outstanding'),
      type: 'rupiah',
      value: ({ row }) => (row.status === 'cancelled' ? 0 : Math.max(0, row.amount - row.paidAmount)),
    },
    { header: t('Dikirim', 'Sent'), type: 'datetime', value: ({ row }) => row.sentAt },
    { header: t('Pengingat', 'Reminders'), type: 'number', value: ({ row }) => row.remindersSent },
  ];
  return [
    sheet(
      t('Tagihan', 'Invoices'),
      columns,
      withContact(connection, cursor, (invoice) => invoice.contactId),
    ),
  ];
}

/** The staff activity log as a sheet (activityQuery: the page's filters), newest first; details as JSON. */
export async function activityExport(
  connection: Connection,
  filter: ActivityFilter,
  context: ExportContext,
): Promise<Sheet[]> {
  const t = translate(context.lang);
  const query = activityQuery(filter, context.timeZone);
  const cursor = activityModel(connection)
    .find(query.filter)
    .sort(query.sort)
    .lean<Activity>()
    .cursor({ batchSize: BATCH });
  const columns: Column<Activity>[] = [
    { header: t('Waktu', 'Time'), type: 'datetime', value: (entry) => entry.at },
    { header: t('Jenis', 'Kind'), type: 'text', width: 16, value: (entry) => entry.kind },
    { header: t('Pengguna', 'User'), type: 'text', width: 18, value: (entry) => entry.user.name },
    { header: 'Login', type: 'text', width: 14, value: (entry) => entry.user.login },
    { header: 'IP', type: 'text', width: 16, value: (entry) => entry.ip },
    { header: t('Perangkat', 'User agent'), type: 'text', width: 30, value: (entry) => entry.userAgent },
    {
      header: t('Rincian', 'Details'),
      type: 'text',
      width: 50,
      value: (entry) =>
        Object.keys(entry.details ?? {}).length > 0 ? JSON.stringify(entry.details) : undefined,
    },
  ];
  return [sheet(t('Aktivitas', 'Activity'), columns, cursor)];
}
