import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { isDuplicateKey } from '../platform/model.js';
import { type Product, productModel } from './product.model.js';

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);

/** What staff set on a product (the bill of materials has its own use case). */
export const ProductFieldsSchema = z.strictObject({
  name: text(120),
  price: z.number().int({ error: 'must be whole rupiah' }).min(0, { error: 'must not be negative' }),
  aliases: z.array(text(60)).max(30).optional(),
  category: text(60).nullable().optional(),
  description: text(2000).nullable().optional(),
  /** null: made to order, stock not counted. */
  stock: z.number().int({ error: 'must be a whole number' }).min(0).nullable().optional(),
  active: z.boolean().optional(),
});
export const NewProductSchema = ProductFieldsSchema.extend({
  sku: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, {
      error: 'must be 2–60 lowercase letters, digits or -, e.g. buket-mawar',
    }),
});

export type ProductResult =
  | { ok: true; product: Product }
  | { ok: false; code: 'CATALOG.INVALID'; details: string }
  | { ok: false; code: 'CATALOG.SKU_TAKEN'; details: string }
  | { ok: false; code: 'CATALOG.NOT_FOUND'; details: string };

const invalid = (error: z.ZodError): ProductResult => ({
  ok: false,
  code: 'CATALOG.INVALID',
  details: error.issues.map((issue) => `${issue.path.join('.') || 'product'} ${issue.message}`).join('; '),
});

/** Fields to $set and to $unset from a validated patch (null removes an optional field). */
function split(fields: Record<string, unknown>) {
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) unset[key] = 1;
    else if (value !== undefined) set[key] = value;
  }
  return { set, unset };
}

/** Add a product to the catalog; its sku is its lasting id (unique). Audited. */
export async function createProduct(
  connection: Connection,
  input: unknown,
  ctx: { actor: Actor; at: Date },
): Promise<ProductResult> {
  const parsed = NewProductSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { set } = split(parsed.data);
  try {
    const product = (
      await productModel(connection).create({ ...set, createdAt: ctx.at })
    ).toObject() as Product;
    await audit(
      connection,
      { entity: 'product', entityId: product._id, action: 'created', actor: ctx.actor, after: set },
      ctx.at,
    );
    return { ok: true, product };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return {
      ok: false,
      code: 'CATALOG.SKU_TAKEN',
      details: `the sku "${parsed.data.sku}" is already in the catalog`,
    };
  }
}

/** Change a product's name, price, aliases, category, description, stock or active flag. Audited. */
export async function updateProduct(
  connection: Connection,
  input: { sku: string; patch: unknown },
  ctx: { actor: Actor; at: Date },
): Promise<ProductResult> {
  const parsed = ProductFieldsSchema.partial().safeParse(input.patch);
  if (!parsed.success) return invalid(parsed.error);
  const { set, unset } = split(parsed.data);
  const before = await productModel(connection)
    .findOneAndUpdate(
      { sku: input.sku.trim().toLowerCase() },
      {
        ...(Object.keys(set).length > 0 && { $set: set }),
        ...(Object.keys(unset).length > 0 && { $unset: unset }),
      },
      { returnDocument: 'before' },
    )
    .lean<Product>();
  if (!before) return { ok: false, code: 'CATALOG.NOT_FOUND', details: `no product with sku "${input.sku}"` };
  const product = (await productModel(connection).findById(before._id).lean<Product>()) as Product;
  await audit(
    connection,
    {
      entity: 'product',
      entityId: before._id,
      action: 'updated',
      actor: ctx.actor,
      before: Object.fromEntries(
        [...Object.keys(set), ...Object.keys(unset)].map((key) => [
          key,
          before[key as keyof Product] ?? null,
        ]),
      ),
      after: { ...set, ...Object.fromEntries(Object.keys(unset).map((key) => [key, null])) },
    },
    ctx.at,
  );
  return { ok: true, product };
}
