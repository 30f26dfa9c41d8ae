import type { ExportLanguage } from './list-exports.use-case.js';
import { type Column, type ColumnType, type Sheet, sheet } from './xlsx.js';

/**
 * Any report as sheets, without a mapping per report: reports are small (a row per month, stage,
 * channel, user or customer) and already in memory, so their shape is read from their values.
 *
 * - A report that is a list of rows is one sheet, named after the report.
 * - In a report object, every list of rows (months, steps, stages, buckets…) is a sheet of its own, and
 *   the single values beside them (from, to, asOf, total…) make one "summary" row on a first sheet.
 * - A nested object in a row becomes columns named by its path (target.orders → "Target – Pesanan").
 * - A list of rows inside rows (the invoices of an aging bucket) becomes one more sheet, each row
 *   led by its parent's first text value (the bucket).
 * - Column types come from the values and the field's name: Dates are date-times, YYYY-MM-DD text is
 *   a date, amounts of money (revenue, monetary, outstanding, value…) are rupiah, ratios (conversion,
 *   share, change, probability, ratio.*) are percentages, other numbers are numbers. Ids are left out.
 */
export function reportSheets(title: string, report: unknown, lang: ExportLanguage): Sheet[] {
  const named = (key: string) => header(key, lang);
  if (Array.isArray(report)) return [tableSheet(title, rowsOf(report), lang)];
  if (!isPlain(report)) return [tableSheet(title, [], lang)];
  const summary: Plain = {};
  const tables: [string, Plain[]][] = [];
  for (const [key, value] of Object.entries(report)) {
    if (Array.isArray(value)) tables.push([key, rowsOf(value)]);
    else summary[key] = value;
  }
  const sheets: Sheet[] = [];
  if (Object.keys(summary).length > 0) sheets.push(tableSheet(named('summary'), [summary], lang));
  for (const [key, rows] of tables) {
    const name = tables.length === 1 && key === 'rows' ? title : named(key);
    sheets.push(tableSheet(name, rows, lang));
    // Lists inside the rows: one sheet each, every child row led by its parent's first text value.
    const nested = new Set(
      rows.flatMap((row) => Object.keys(row).filter((field) => Array.isArray(row[field]))),
    );
    for (const field of nested) {
      const children = rows.flatMap((row) => {
        const lead = Object.entries(row).find(([, value]) => typeof value === 'string');
        const list = row[field];
        return rowsOf(Array.isArray(list) ? list : []).map((child) =>
          lead ? { [lead[0]]: lead[1], ...child } : child,
        );
      });
      sheets.push(tableSheet(named(field), children, lang));
    }
  }
  return sheets;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  Object.getPrototypeOf(value) === Object.prototype;

const rowsOf = (values: unknown[]): Plain[] => values.map((value) => (isPlain(value) ? value : { value }));

const RUPIAH = new Set([
  'revenue',
  'monetary',
  'outstanding',
  'amount',
  'value',
  'weighted',
  'price',
  'paidAmount',
  'totalSpent',
  'estimatedValue',
  'subtotal',
]);
const RATIO = new Set(['conversion', 'share', 'change', 'fromPrevious', 'overall', 'probability', 'rate']);

/** A row's single values by path (nested objects flattened; lists and ids left out). */
function flatten(row: Plain, prefix: string[] = []): [string[], unknown][] {
  return Object.entries(row).flatMap(([key, value]): [string[], unknown][] => {
    if (Array.isArray(value) || key === '_id' || /Id$/.test(key)) return [];
    const path = [...prefix, key];
    return isPlain(value) ? flatten(value, path) : [[path, value]];
  });
}

function typeOf(path: string[], values: unknown[]): ColumnType {
  const present = values.filter((value) => value !== null && value !== undefined);
  const key = path.at(-1) ?? '';
  if (present.length > 0 && present.every((value) => value instanceof Date)) return 'datetime';
  if (
    present.length > 0 &&
    present.every((value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
  )
    return 'date';
  if (present.length > 0 && present.every((value) => typeof value === 'number')) {
    if (RATIO.has(key) || path.includes('ratio')) return 'percent';
    if (RUPIAH.has(key)) return 'rupiah';
    return 'number';
  }
  return 'text';
}

function tableSheet(name: string, rows: Plain[], lang: ExportLanguage): Sheet {
  const flat = rows.map((row) => new Map(flatten(row).map(([path, value]) => [path.join('.'), value])));
  const paths = new Map<string, string[]>();
  for (const row of rows) for (const [path] of flatten(row)) paths.set(path.join('.'), path);
  const columns = [...paths].map(([key, path]): Column<Map<string, unknown>> => {
    const type = typeOf(
      path,
      flat.map((row) => row.get(key)),
    );
    const title = path.map((part) => header(part, lang)).join(' – ');
    const read = (row: Map<string, unknown>) => row.get(key);
    switch (type) {
      case 'datetime':
        return { header: title, type, value: (row) => dateOf(read(row)) };
      case 'date':
        return { header: title, type, value: (row) => textOf(read(row), lang) };
      case 'text':
        return { header: title, type, value: (row) => textOf(read(row), lang) };
      default:
        return { header: title, type, value: (row) => numberOf(read(row)) };
    }
  });
  return sheet(name, columns, flat);
}

const dateOf = (value: unknown): Date | null => (value instanceof Date ? value : null);
const numberOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);
function textOf(value: unknown, lang: ExportLanguage): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean')
    return value ? (lang === 'en' ? 'yes' : 'ya') : lang === 'en' ? 'no' : 'tidak';
  return String(value);
}

/** Indonesian headers for the fields reports use; English ones are the field names made readable. */
const ID_HEADERS: Record<string, string> = {
  summary: 'Ringkasan',
  month: 'Bulan',
  months: 'Per bulan',
  orders: 'Pesanan',
  revenue: 'Omzet',
  newLeads: 'Prospek baru',
  target: 'Target',
  ratio: 'Capaian',
  total: 'Total',
  from: 'Dari',
  to: 'Sampai',
  asOf: 'Per',
  today: 'Hari ini',
  previous: 'Periode sebelumnya',
  change: 'Perubahan',
  leads: 'Prospek',
  open: 'Terbuka',
  lost: 'Kalah',
  won: 'Menang',
  overall: 'Konversi total',
  steps: 'Tahapan',
  stage: 'Tahap',
  stages: 'Tahapan',
  reached: 'Mencapai',
  fromPrevious: 'Dari tahap sebelumnya',
  channel: 'Kanal',
  conversion: 'Konversi',
  customers: 'Pelanggan',
  customer: 'Pelanggan',
  count: 'Jumlah',
  value: 'Nilai',
  probability: 'Peluang',
  weighted: 'Nilai tertimbang',
  withoutValue: 'Tanpa nilai',
  name: 'Nama',
  leadsHandled: 'Prospek ditangani',
  conversations: 'Percakapan',
  answered: 'Dijawab',
  medianFirstResponseSeconds: 'Median respons pertama (detik)',
  buckets: 'Umur tagihan',
  bucket: 'Umur',
  outstanding: 'Sisa tagihan',
  invoices: 'Tagihan',
  number: 'Nomor',
  orderNumber: 'Pesanan',
  dueDate: 'Jatuh tempo',
  amount: 'Tagihan',
  daysOverdue: 'Hari terlambat',
  status: 'Status',
  sku: 'SKU',
  kind: 'Jenis',
  category: 'Kategori',
  categories: 'Kategori',
  products: 'Produk',
  quantity: 'Jumlah',
  share: 'Porsi',
  recency: 'Hari sejak terakhir',
  frequency: 'Frekuensi',
  monetary: 'Nilai belanja',
  segment: 'Segmen',
};

function header(key: string, lang: ExportLanguage): string {
  if (lang === 'id' && ID_HEADERS[key]) return ID_HEADERS[key];
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
