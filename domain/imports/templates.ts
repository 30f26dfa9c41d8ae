import ExcelJS from 'exceljs';
import type { ColumnSpec } from './columns.js';
import { CONTACT_COLUMNS } from './contact-import.js';
import type { ImportKind } from './import.model.js';
import { PRODUCT_COLUMNS } from './product-import.js';
import { MAX_IMPORT_ROWS } from './sheet.js';

const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  contacts: CONTACT_COLUMNS,
  products: PRODUCT_COLUMNS,
};

const SHEET_NAMES: Record<ImportKind, string> = { contacts: 'Kontak', products: 'Produk' };

/** Fields typed as text in the template, so Excel keeps what is typed (the 0 of 0812…, a code). */
const TEXT_FIELDS = new Set(['phone', 'sku']);

/**
 * The .xlsx a shop fills in: the first sheet has the header row and one example row; the second,
 * "Petunjuk", explains each column in Indonesian (required or not, what a blank cell does, other header
 * names that are recognised).
 */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const columns = COLUMNS[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pesanin';
  const data = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = columns.map((column) => ({
    header: column.label,
    key: column.field,
    width: Math.max(14, column.label.length + 4, String(column.example).length + 2),
    ...(TEXT_FIELDS.has(column.field) && { style: { numFmt: '@' } }),
  }));
  data.getRow(1).font = { bold: true };
  data.addRow(Object.fromEntries(columns.map((column) => [column.field, column.example])));

  const help = workbook.addWorksheet('Petunjuk');
  help.columns = [
    { header: 'Kolom', key: 'label', width: 14 },
    { header: 'Wajib?', key: 'required', width: 8 },
    { header: 'Keterangan', key: 'help', width: 80 },
    { header: 'Contoh', key: 'example', width: 24 },
    { header: 'Judul kolom lain yang dikenali', key: 'aliases', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of columns)
    help.addRow({
      label: column.label,
      required: column.required ? 'ya' : 'tidak',
      help: column.help,
      example: column.example,
      aliases: column.aliases.filter((alias) => alias !== column.label).join(', '),
    });
  help.addRow({});
  for (const line of [
    `Isi satu baris per ${kind === 'contacts' ? 'pelanggan' : 'produk'} di sheet "${SHEET_NAMES[kind]}", mulai baris 2; contoh di baris 2 boleh diganti atau dihapus.`,
    'Judul kolom boleh huruf besar atau kecil, dengan atau tanpa spasi; kolom lain diabaikan.',
    `Paling banyak ${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris per file. Boleh juga disimpan sebagai CSV UTF-8 (pemisah ; atau ,).`,
    'Selalu coba dulu dengan "Pratinjau": terlihat baris mana yang dibuat, diubah, tetap, atau salah, tanpa menyimpan apa pun.',
    'Baris yang salah dilewati; baris lain tetap diimpor. Mengimpor file yang sama lagi tidak mengubah apa-apa.',
  ])
    help.addRow({ label: line });
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer);
}
