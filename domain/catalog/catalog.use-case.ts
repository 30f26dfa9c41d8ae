import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { materialModel } from '../materials/material.model.js';
import { exactly, QUANTITY_DECIMALS, roundQty } from '../materials/material.rules.js';
import { type BillOfMaterialsLine, type Product, productModel } from './product.model.js';

/** The active catalog, as the bot shows it and the parser matches against it. */
export async function activeCatalog(connection: Connection): Promise<Product[]> {
  return productModel(connection).find({ active: true }).sort({ category: 1, name: 1 }).lean<Product[]>();
}

/** A product by its sku (any case), active or not; null when unknown. */
export async function productBySku(connection: Connection, sku: string): Promise<Product | null> {
  const text = sku.trim();
  if (text.length === 0) return null;
  return productModel(connection)
    .findOne({ sku: exactly(text) })
    .lean<Product>();
}

/** The products with these exact skus (as orders store them), by sku. */
export async function productsBySku(
  connection: Connection,
  skus: readonly string[],
): Promise<Map<string, Product>> {
  if (skus.length === 0) return new Map();
  const products = await productModel(connection)
    .find({ sku: { $in: [...new Set(skus)] } })
    .lean<Product[]>();
  return new Map(products.map((product) => [product.sku, product]));
}

/** Products whose stock is counted (not made to order), by name. */
export async function stockTrackedProducts(connection: Connection): Promise<Product[]> {
  return productModel(connection)
    .find({ stock: { $ne: null } })
    .sort({ name: 1, sku: 1 })
    .lean<Product[]>();
}

export type BillOfMaterialsResult =
  | { ok: true; product: Product; changed: boolean }
  | { ok: false; code: 'CATALOG.INVALID'; details: string }
  | { ok: false; code: 'CATALOG.NOT_FOUND'; details: string; sku: string }
  | { ok: false; code: 'CATALOG.UNKNOWN_MATERIAL'; details: string; codes: string[] };

const BillOfMaterialsSchema = z
  .array(
    z.strictObject({
      code: z
        .string({ error: 'must be a material code' })
        .trim()
        .toLowerCase()
        .min(1, { error: 'must not be empty' }),
      qty: z
        .number({ error: 'must be a number' })
        .positive({ error: 'must be more than zero' })
        .refine(Number.isFinite, { error: 'must be a finite number' })
        .refine((value) => roundQty(value) === value, {
          error: `must have at most ${QUANTITY_DECIMALS} decimals`,
        }),
    }),
    { error: 'must be a list of {code, qty}' },
  )
  .max(50, { error: 'must have at most 50 lines' })
  .refine((lines) => new Set(lines.map((line) => line.code)).size === lines.length, {
    error: 'must name each material once',
  });

/**
 * Set what one unit of a product uses (replacing the previous list; empty = nothing). Every code must
 * be an existing material. Audited with the old and new lists.
 */
export async function setBillOfMaterials(
  connection: Connection,
  input: { sku: string; materials: BillOfMaterialsLine[] },
  ctx: { actor: Actor; at: Date },
): Promise<BillOfMaterialsResult> {
  const parsed = BillOfMaterialsSchema.safeParse(input.materials);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => `materials${issue.path.map((part) => `.${String(part)}`).join('')} ${issue.message}`)
      .join('; ');
    return { ok: false, code: 'CATALOG.INVALID', details };
  }
  const materials = parsed.data;
  const product = await productBySku(connection, input.sku);
  if (!product)
    return {
      ok: false,
      code: 'CATALOG.NOT_FOUND',
      details: `no product with sku "${input.sku}"`,
      sku: input.sku,
    };
  const codes = materials.map((line) => line.code);
  const known = new Set(
    (
      await materialModel(connection)
        .find({ code: { $in: codes } }, { code: 1 })
        .lean<{ code: string }[]>()
    ).map((material) => material.code),
  );
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length > 0)
    return {
      ok: false,
      code: 'CATALOG.UNKNOWN_MATERIAL',
      details: `no material with code ${unknown.map((code) => `"${code}"`).join(', ')}`,
      codes: unknown,
    };
  const before = (product.materials ?? []).map(({ code, qty }) => ({ code, qty }));
  if (JSON.stringify(before) === JSON.stringify(materials)) return { ok: true, product, changed: false };
  const updated = await productModel(connection)
    .findOneAndUpdate({ _id: product._id }, { $set: { materials } }, { returnDocument: 'after' })
    .lean<Product>();
  if (!updated)
    return {
      ok: false,
      code: 'CATALOG.NOT_FOUND',
      details: `no product with sku "${input.sku}"`,
      sku: input.sku,
    };
  await audit(
    connection,
    {
      entity: 'product',
      entityId: product._id,
      action: 'materials_set',
      actor: ctx.actor,
      before: { materials: before },
      after: { materials },
    },
    ctx.at,
  );
  return { ok: true, product: updated, changed: true };
}
