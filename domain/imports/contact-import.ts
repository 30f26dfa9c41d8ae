import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { contactForPhone, followMerged } from '../contacts/contact.use-case.js';
import { updateContact } from '../contacts/contact-edit.use-case.js';
import { emailCell, listCell, phoneCell, textCell } from './cells.js';
import type { ColumnSpec } from './columns.js';
import {
  type FieldChange,
  type ImportDefinition,
  mergeList,
  type Planned,
  patchOf,
} from './import.definition.js';

/** Most tags a contact carries (as the contact edit use case allows). */
const MAX_TAGS = 30;

export const CONTACT_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'name',
    label: 'Nama',
    aliases: ['Nama', 'Name', 'Nama Lengkap', 'Full Name', 'Nama Pelanggan', 'Customer Name', 'Customer'],
    help: 'Nama asli pelanggan. Menjadi nama yang dikonfirmasi di Pesanin. Kosong: nama tidak diubah.',
    example: 'Budi Santoso',
  },
  {
    field: 'phone',
    label: 'No HP',
    aliases: [
      'No HP',
      'Nomor HP',
      'HP',
      'No Telepon',
      'Nomor Telepon',
      'Telepon',
      'Telp',
      'No Telp',
      'Phone',
      'Phone Number',
      'Mobile',
      'WhatsApp',
      'No WhatsApp',
      'Nomor WhatsApp',
      'WA',
      'No WA',
      'Nomor WA',
    ],
    required: true,
    help:
      'Wajib. Nomor WhatsApp pelanggan, boleh ditulis 0812-3456-7890, 812 3456 7890, 6281234567890 atau ' +
      '+62 812 3456 7890 (semuanya orang yang sama). Kunci impor: nomor yang sudah ada diperbarui, tidak ' +
      'dibuat dua kali. Ketik sebagai teks agar angka 0 di depan tidak hilang.',
    example: '0812-3456-7890',
  },
  {
    field: 'email',
    label: 'Email',
    aliases: ['Email', 'E-mail', 'Surel', 'Alamat Email', 'Email Address'],
    help: 'Alamat email (boleh kosong).',
    example: 'budi@contoh.id',
  },
  {
    field: 'notes',
    label: 'Catatan',
    aliases: ['Catatan', 'Notes', 'Note', 'Keterangan'],
    help: 'Catatan tentang pelanggan; mengganti catatan yang ada. Kosong: catatan tidak diubah.',
    example: 'Langganan sejak 2024, suka mawar putih',
  },
  {
    field: 'tags',
    label: 'Label',
    aliases: ['Label', 'Labels', 'Tags', 'Tag'],
    help:
      'Label dipisah koma, mis. "langganan, vip". Label baru ditambahkan; label yang sudah ada tidak ' +
      `dihapus. Paling banyak ${MAX_TAGS} label, masing-masing 40 huruf.`,
    example: 'langganan, vip',
  },
];

const ContactRowSchema = z.object({
  phone: phoneCell,
  name: textCell(120),
  email: emailCell,
  notes: textCell(4000),
  tags: listCell({ maxItems: MAX_TAGS, itemMax: 40, lowerCase: true }),
});
export type ContactRow = z.output<typeof ContactRowSchema>;

/** The fields of a contact an import reads and writes; `id` is absent while it exists only in a preview. */
export interface ContactState {
  id?: string;
  name?: string;
  email?: string;
  notes?: string;
  tags: string[];
}

const stateOf = (contact: Contact): ContactState => ({
  id: String(contact._id),
  ...(contact.name !== undefined && { name: contact.name }),
  ...(contact.email !== undefined && { email: contact.email }),
  ...(contact.notes !== undefined && { notes: contact.notes }),
  tags: contact.tags ?? [],
});

/**
 * The live contact of each phone, as `contactForPhone` finds it: the oldest contact with the number that
 * was not merged away, else the contact a merged one went into.
 */
async function loadContacts(connection: Connection, phones: readonly string[]) {
  const found = await contactModel(connection)
    .find({ phone: { $in: phones } })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Contact[]>();
  const byPhone = new Map<string, Contact[]>();
  for (const contact of found) {
    const list = byPhone.get(contact.phone!) ?? [];
    list.push(contact);
    byPhone.set(contact.phone!, list);
  }
  const states = new Map<string, ContactState>();
  for (const [phone, contacts] of byPhone) {
    const live = contacts.find((contact) => !contact.mergedInto);
    states.set(phone, stateOf(live ?? (await followMerged(connection, contacts[0]!))));
  }
  return states;
}

/**
 * A row against its contact: name, email and notes are set when the cell holds something (a blank cell
 * leaves the field alone), tags are added to those the contact has. An imported name counts as the
 * confirmed real name: the shop typed it.
 */
function planContact(row: ContactRow, current: ContactState | undefined): Planned<ContactState> {
  const changes: Record<string, FieldChange> = {};
  const compare = (field: 'name' | 'email' | 'notes', after: string | undefined) => {
    const before = current?.[field];
    if (after !== undefined && before !== after) changes[field] = { before: before ?? null, after };
  };
  compare('name', row.name);
  compare('email', row.email);
  compare('notes', row.notes);
  const tags = mergeList(current?.tags ?? [], row.tags);
  if (tags.length > MAX_TAGS)
    return {
      action: 'error',
      problems: [{ field: 'tags', message: `the contact would have more than ${MAX_TAGS} tags` }],
    };
  if (!isDeepStrictEqual(tags, current?.tags ?? []))
    changes.tags = { before: current ? current.tags : null, after: tags };
  const next: ContactState = {
    ...current,
    ...(row.name !== undefined && { name: row.name }),
    ...(row.email !== undefined && { email: row.email }),
    ...(row.notes !== undefined && { notes: row.notes }),
    tags,
  };
  const action = !current ? 'create' : Object.keys(changes).length > 0 ? 'update' : 'unchanged';
  return { action, changes, next };
}

/** Contacts keyed by their phone (E.164), created and edited through the contact use cases (audited). */
export const contactImport: ImportDefinition<ContactRow, ContactState> = {
  kind: 'contacts',
  columns: CONTACT_COLUMNS,
  schema: ContactRowSchema,
  keyOf: (row) => row.phone,
  load: loadContacts,
  plan: planContact,
  async apply(connection, row, current, planned, context) {
    let id = current?.id;
    if (!id) {
      // Finds the contact if it appeared meanwhile (a chat, a resumed import), else creates it.
      const { contact } = await contactForPhone(connection, {
        phone: row.phone,
        ...(row.name && { name: row.name }),
        at: context.at,
        actor: context.actor,
      });
      id = String(contact._id);
    }
    const result = await updateContact(connection, { id, patch: patchOf(planned.changes) }, context);
    if (!result.ok) return { ok: false, field: 'phone', message: result.details };
    return { ok: true, state: stateOf(result.contact) };
  },
};
