import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { type Product, productModel } from '../catalog/product.model.js';
import { createProduct, updateProduct } from '../catalog/product.use-case.js';
import { booleanCell, type CellInput, cellText, countCell, listCell, rupiahCell, textCell } from './cells.js';
import type { ColumnSpec } from './columns.js';
import {
  type Applied,
  type FieldChange,
  type FieldProblem,
  type ImportContext,
  type ImportDefinition,
  mergeList,
  type Planned,
  type PlannedChange,
  patchOf,
} from './import.definition.js';

/** Most aliases a product carries (as the product use cases allow). */
const MAX_ALIASES = 30;

export const PRODUCT_COLUMNS: readonly ColumnSpec[] = [
  {
    field: 'sku',
    label: 'Kode',
    aliases: ['Kode', 'Kode Produk', 'SKU', 'ID', 'ID Produk', 'Product ID', 'Product Code', 'Code'],
    required: true,
    help:
      'Wajib. Kode tetap produk: 2–60 huruf kecil, angka atau tanda -, mis. buket-mawar-merah. Kunci ' +
      'impor: kode yang sudah ada diperbarui, tidak dibuat dua kali. Huruf besar dibaca sebagai huruf kecil.',
    example: 'buket-mawar-merah',
  },
  {
    field: 'name',
    label: 'Nama',
    aliases: ['Nama', 'Nama Produk', 'Name', 'Product Name', 'Produk', 'Product'],
    help: 'Nama produk. Wajib untuk produk baru; kosong pada produk yang sudah ada: tidak diubah.',
    example: 'Buket Mawar Merah',
  },
  {
    field: 'price',
    label: 'Harga',
    aliases: ['Harga', 'Harga Jual', 'Harga (Rp)', 'Price', 'Price (IDR)', 'Harga Satuan'],
    help:
      'Harga dalam rupiah, tanpa sen: 150000, 150.000, Rp 150.000 atau 150rb. Wajib untuk produk baru; ' +
      'kosong pada produk yang sudah ada: tidak diubah.',
    example: 150000,
  },
  {
    field: 'category',
    label: 'Kategori',
    aliases: ['Kategori', 'Category'],
    help: 'Kategori produk (boleh kosong).',
    example: 'Buket',
  },
  {
    field: 'aliases',
    label: 'Nama lain',
    aliases: ['Nama lain', 'Nama lainnya', 'Alias', 'Aliases', 'Other names', 'Sebutan'],
    help:
      'Sebutan lain yang dipakai pelanggan di chat, dipisah koma, mis. "buket merah, mawar merah". Sebutan ' +
      `baru ditambahkan; yang sudah ada tidak dihapus. Paling banyak ${MAX_ALIASES}.`,
    example: 'buket merah, mawar merah',
  },
  {
    field: 'stock',
    label: 'Stok',
    aliases: ['Stok', 'Stock', 'Jumlah Stok', 'Qty'],
    help: 'Jumlah stok, bilangan bulat 0 atau lebih. Kosong: stok tidak diubah (produk baru: tidak dihitung).',
    example: 10,
  },
  {
    field: 'active',
    label: 'Aktif',
    aliases: ['Aktif', 'Active', 'Status'],
    help: 'ya atau tidak (juga: aktif/nonaktif, yes/no). Kosong: tidak diubah (produk baru: aktif).',
    example: 'ya',
  },
  {
    field: 'description',
    label: 'Deskripsi',
    aliases: ['Deskripsi', 'Description', 'Keterangan'],
    help: 'Keterangan produk (boleh kosong).',
    example: '12 tangkai mawar merah dengan pita',
  },
];

const skuCell = z.custom<CellInput>().transform((value, ctx) => {
  const text = cellText(value).toLowerCase();
  if (!text) {
    ctx.addIssue({ code: 'custom', message: 'is required' });
    return z.NEVER;
  }
  if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(text)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be 2–60 lowercase letters, digits or -, e.g. buket-mawar (got "${text.slice(0, 60)}")`,
    });
    return z.NEVER;
  }
  return text;
});

const ProductRowSchema = z.object({
  sku: skuCell,
  name: textCell(120),
  price: rupiahCell,
  category: textCell(60),
  aliases: listCell({ maxItems: MAX_ALIASES, itemMax: 60 }),
  stock: countCell,
  active: booleanCell,
  description: textCell(2000),
});
export type ProductRow = z.output<typeof ProductRowSchema>;

/** The fields of a product an import reads and writes. */
export interface ProductState {
  sku: string;
  name: string;
  price: number;
  category?: string;
  description?: string;
  stock?: number;
  active: boolean;
  aliases: string[];
}

const stateOf = (product: Product): ProductState => ({
  sku: product.sku,
  name: product.name,
  price: product.price,
  ...(product.category !== undefined && { category: product.category }),
  ...(product.description !== undefined && { description: product.description }),
  ...(product.stock !== undefined && product.stock !== null && { stock: product.stock }),
  active: product.active,
  aliases: product.aliases ?? [],
});

async function loadProducts(connection: Connection, skus: readonly string[]) {
  const products = await productModel(connection)
    .find({ sku: { $in: skus } })
    .lean<Product[]>();
  return new Map(products.map((product) => [product.sku, stateOf(product)]));
}

type Scalar = 'name' | 'price' | 'category' | 'description' | 'stock' | 'active';
const SCALARS: readonly Scalar[] = ['name', 'price', 'category', 'description', 'stock', 'active'];

/**
 * A row against its product: a cell holding something sets the field, a blank one leaves it (a new
 * product needs a name and a price, and is active unless the row says otherwise); aliases are added.
 */
function planProduct(row: ProductRow, current: ProductState | undefined): Planned<ProductState> {
  if (!current) {
    const problems: FieldProblem[] = [];
    if (row.name === undefined) problems.push({ field: 'name', message: 'is required for a new product' });
    if (row.price === undefined) problems.push({ field: 'price', message: 'is required for a new product' });
    if (problems.length > 0 || row.name === undefined || row.price === undefined)
      return { action: 'error', problems };
  }
  const changes: Record<string, FieldChange> = {};
  for (const field of SCALARS) {
    const after = row[field];
    const before = current?.[field];
    if (after !== undefined && before !== after) changes[field] = { before: before ?? null, after };
  }
  const aliases = mergeList(current?.aliases ?? [], row.aliases);
  if (aliases.length > MAX_ALIASES)
    return {
      action: 'error',
      problems: [{ field: 'aliases', message: `the product would have more than ${MAX_ALIASES} aliases` }],
    };
  if (!isDeepStrictEqual(aliases, current?.aliases ?? []))
    changes.aliases = { before: current ? current.aliases : null, after: aliases };
  const defined = Object.fromEntries(
    SCALARS.flatMap((field) => (row[field] === undefined ? [] : [[field, row[field]]])),
  );
  const next: ProductState = {
    ...(current ?? { sku: row.sku, name: '', price: 0, active: true }),
    ...defined,
    aliases,
  };
  const action = !current ? 'create' : Object.keys(changes).length > 0 ? 'update' : 'unchanged';
  return { action, changes, next };
}

async function applyProduct(
  connection: Connection,
  row: ProductRow,
  current: ProductState | undefined,
  planned: PlannedChange<ProductState>,
  context: ImportContext,
  retried = false,
): Promise<Applied<ProductState>> {
  const result = current
    ? await updateProduct(connection, { sku: row.sku, patch: patchOf(planned.changes) }, context)
    : await createProduct(connection, { sku: row.sku, ...patchOf(planned.changes) }, context);
  if (result.ok) return { ok: true, state: stateOf(result.product) };
  // Created meanwhile (another import of the same file): compare with it and update instead, once.
  if (result.code === 'CATALOG.SKU_TAKEN' && !retried) {
    const now = (await loadProducts(connection, [row.sku])).get(row.sku);
    const replanned = planProduct(row, now);
    if (replanned.action === 'unchanged') return { ok: true, state: replanned.next };
    if (replanned.action === 'error') return { ok: false, ...replanned.problems[0]! };
    return applyProduct(connection, row, now, replanned, context, true);
  }
  return { ok: false, field: 'sku', message: result.details };
}

/** Products keyed by their sku, created and changed through the catalog use cases (audited). */
export const productImport: ImportDefinition<ProductRow, ProductState> = {
  kind: 'products',
  columns: PRODUCT_COLUMNS,
  schema: ProductRowSchema,
  keyOf: (row) => row.sku,
  load: loadProducts,
  plan: planProduct,
  apply: (connection, row, current, planned, context) =>
    applyProduct(connection, row, current, planned, context),
};
