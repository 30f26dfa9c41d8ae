import { type Connection, Types } from 'mongoose';
import { z } from 'zod';
import type { Actor } from '../audit/audit.model.js';
import { audit } from '../audit/audit.use-case.js';
import { productsBySku, stockTrackedProducts } from '../catalog/catalog.use-case.js';
import { type Product, productModel } from '../catalog/product.model.js';
import { notifyStaff } from '../notices/notify.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { parseOrderNumber } from '../orders/order.rules.js';
import { isDuplicateKey } from '../platform/model.js';
import { type Material, MOVEMENT_HISTORY, materialModel, type StockMovement } from './material.model.js';
import { escapeRegex, exactly, QUANTITY_DECIMALS, roundQty } from './material.rules.js';

/** Who makes a change, and when. */
export interface ChangeContext {
  actor: Actor;
  at: Date;
}

export type MaterialFailure =
  | { ok: false; code: 'MATERIAL.INVALID'; details: string }
  | { ok: false; code: 'MATERIAL.CODE_TAKEN'; details: string; materialCode: string };

export type StockFailure =
  | { ok: false; code: 'STOCK.INVALID'; details: string }
  | { ok: false; code: 'STOCK.NOT_FOUND'; details: string; item: string }
  | {
      ok: false;
      code: 'STOCK.NEGATIVE';
      details: string;
      kind: 'material' | 'product';
      /** The item's code (material) or sku (product). */
      item: string;
      name: string;
      stock: number;
      unit?: string;
      delta: number;
    }
  | { ok: false; code: 'STOCK.NOT_TRACKED'; details: string; item: string; name: string };

export type StockItem = { kind: 'material'; material: Material } | { kind: 'product'; product: Product };

const zodDetails = (issues: readonly z.core.$ZodIssue[]): string =>
  issues
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')} ` : ''}${issue.message}`)
    .join('; ');

const quantity = (what: string) =>
  z
    .number({ error: `must be a number of ${what}` })
    .min(0, { error: 'must not be negative' })
    .refine(Number.isFinite, { error: 'must be a finite number' })
    .refine((value) => roundQty(value) === value, {
      error: `must have at most ${QUANTITY_DECIMALS} decimals`,
    });

const CreateMaterialSchema = z.strictObject(
  {
    code: z
      .string({ error: 'must be text' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
        error: 'must be lowercase letters and digits joined by "-", e.g. "pita-merah"',
      })
      .max(40, { error: 'must be at most 40 characters' }),
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(80, { error: 'must be at most 80 characters' }),
    unit: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(20, { error: 'must be at most 20 characters' }),
    stock: quantity('units in stock').optional(),
    minStock: quantity('units').optional(),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'must be an object {code, name, unit, stock?, minStock?}'
        : issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
          : undefined,
  },
);
export type CreateMaterialInput = z.input<typeof CreateMaterialSchema>;

/** A material by its code (any case); null when unknown. */
export async function materialByCode(connection: Connection, code: string): Promise<Material | null> {
  return materialModel(connection).findOne({ code: code.trim().toLowerCase() }).lean<Material>();
}

/**
 * Add a material staff keep in stock. The code is a unique slug (the unique index settles two
 * creations at once) and may not be a product's sku, since both are typed in the same stock command.
 * Starting below the minimum alerts staff like any dip.
 */
export async function createMaterial(
  connection: Connection,
  input: unknown,
  ctx: ChangeContext,
): Promise<{ ok: true; material: Material } | MaterialFailure> {
  const parsed = CreateMaterialSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, code: 'MATERIAL.INVALID', details: zodDetails(parsed.error.issues) };
  const { code, name, unit, stock = 0, minStock = 0 } = parsed.data;
  const taken: MaterialFailure = {
    ok: false,
    code: 'MATERIAL.CODE_TAKEN',
    details: `the code "${code}" is already used by another material or product`,
    materialCode: code,
  };
  if (await productModel(connection).exists({ sku: exactly(code) })) return taken;
  let material: Material;
  try {
    const created = await materialModel(connection).create({
      code,
      name,
      unit,
      stock,
      minStock,
      low: false,
      movements: [],
      createdAt: ctx.at,
      updatedAt: ctx.at,
    });
    material = created.toObject();
  } catch (error) {
    if (isDuplicateKey(error)) return taken;
    throw error;
  }
  await audit(
    connection,
    {
      entity: 'material',
      entityId: material._id,
      action: 'created',
      actor: ctx.actor,
      after: { code, name, unit, stock, minStock },
    },
    ctx.at,
  );
  await alertLowStock(connection, ctx.at);
  return {
    ok: true,
    material: (await materialModel(connection).findById(material._id).lean<Material>()) ?? material,
  };
}

/**
 * The material or product staff mean by `query`: a material code or product sku (any case) first,
 * then a material's or product's name or a product alias (any case), then — only when exactly one
 * matches — a material or product whose name contains the query. Null when nothing (or several) fit.
 */
export async function findStockItem(connection: Connection, query: string): Promise<StockItem | null> {
  const text = query.trim().replace(/\s+/g, ' ');
  if (text.length === 0) return null;
  const materials = materialModel(connection);
  const products = productModel(connection);

  const byCode = await materials.findOne({ code: text.toLowerCase() }).lean<Material>();
  if (byCode) return { kind: 'material', material: byCode };
  const bySku = await products.findOne({ sku: exactly(text) }).lean<Product>();
  if (bySku) return { kind: 'product', product: bySku };

  const byName = await materials
    .findOne({ name: exactly(text) })
    .sort({ createdAt: 1 })
    .lean<Material>();
  if (byName) return { kind: 'material', material: byName };
  const named = await products
    .findOne({ $or: [{ name: exactly(text) }, { aliases: exactly(text) }] })
    .sort({ active: -1, createdAt: 1 })
    .lean<Product>();
  if (named) return { kind: 'product', product: named };

  const partial = new RegExp(escapeRegex(text), 'i');
  const [someMaterials, someProducts] = await Promise.all([
    materials.find({ name: partial }).limit(2).lean<Material[]>(),
    products
      .find({ name: partial, stock: { $ne: null } })
      .limit(2)
      .lean<Product[]>(),
  ]);
  if (someMaterials.length + someProducts.length !== 1) return null;
  return someMaterials[0]
    ? { kind: 'material', material: someMaterials[0] }
    : { kind: 'product', product: someProducts[0] as Product };
}

const AdjustSchema = z.object({
  item: z.string({ error: 'must be text' }).trim().min(1, { error: 'must name a material or product' }),
  delta: z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, { error: 'must be a finite number' })
    .refine((value) => value !== 0, { error: 'must not be zero' })
    .refine((value) => roundQty(value) === value, {
      error: `must have at most ${QUANTITY_DECIMALS} decimals`,
    }),
  reason: z
    .string({ error: 'must be text' })
    .trim()
    .max(200, { error: 'must be at most 200 characters' })
    .optional(),
});

export type AdjustStockResult =
  | {
      ok: true;
      kind: 'material' | 'product';
      /** The material's code or the product's sku. */
      code: string;
      name: string;
      unit?: string;
      before: number;
      after: number;
    }
  | StockFailure;

/**
 * Add to (`delta` > 0) or take from stock: a material's, or a product's whose stock is tracked. One
 * conditional `$inc` that only matches while the stock covers a withdrawal, so concurrent withdrawals
 * can never take it below zero (`STOCK.NEGATIVE`, nothing written). Audited; alerts on a dip.
 */
export async function adjustStock(
  connection: Connection,
  input: { item: string; delta: number; reason?: string; requestKey?: string },
  ctx: ChangeContext,
): Promise<AdjustStockResult> {
  const parsed = AdjustSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: 'STOCK.INVALID', details: zodDetails(parsed.error.issues) };
  const { item, delta, reason } = parsed.data;
  const found = await findStockItem(connection, item);
  if (!found)
    return {
      ok: false,
      code: 'STOCK.NOT_FOUND',
      details: `no material or product matches "${item}"`,
      item,
    };
  // A withdrawal only matches while the stock covers it; a product's stock must be tracked (a number).
  const covers = delta < 0 ? { $gte: -delta } : { $ne: null };

  if (found.kind === 'product') {
    const product = found.product;
    const notTracked: StockFailure = {
      ok: false,
      code: 'STOCK.NOT_TRACKED',
      details: `the stock of ${product.name} (${product.sku}) is not tracked: it is made to order`,
      item: product.sku,
      name: product.name,
    };
    if (typeof product.stock !== 'number') return notTracked;
    if (!Number.isInteger(delta))
      return { ok: false, code: 'STOCK.INVALID', details: `delta must be a whole number of ${product.name}` };
    const updated = await productModel(connection)
      .findOneAndUpdate(
        { _id: product._id, stock: covers },
        { $inc: { stock: delta } },
        { returnDocument: 'after' },
      )
      .lean<Product>();
    if (!updated) {
      const now = await productModel(connection).findById(product._id).lean<Product>();
      if (typeof now?.stock !== 'number') return notTracked;
      return negative({ kind: 'product', item: product.sku, name: product.name, stock: now.stock, delta });
    }
    const after = updated.stock as number;
    const before = after - delta;
    await audit(
      connection,
      {
        entity: 'product',
        entityId: product._id,
        action: 'stock_adjusted',
        actor: ctx.actor,
        before: { stock: before },
        after: { stock: after, delta, ...(reason && { reason }) },
      },
      ctx.at,
    );
    return { ok: true, kind: 'product', code: product.sku, name: product.name, before, after };
  }

  const material = found.material;
  // A request key (e.g. the WhatsApp message's id) makes a repeat of the same request a no-op.
  const movement: StockMovement = {
    key: `adjust:${input.requestKey ?? new Types.ObjectId().toHexString()}`,
    qty: delta,
    at: ctx.at,
    ...(reason && { reason }),
  };
  const updated = await materialModel(connection)
    .findOneAndUpdate(
      { _id: material._id, stock: covers, 'movements.key': { $ne: movement.key } },
      {
        $inc: { stock: delta },
        $push: { movements: { $each: [movement], $slice: -MOVEMENT_HISTORY } },
        $set: { updatedAt: ctx.at },
      },
      { returnDocument: 'after' },
    )
    .lean<Material>();
  if (!updated) {
    const now = await materialModel(connection).findById(material._id).lean<Material>();
    if (now?.movements.some((done) => done.key === movement.key))
      return {
        ok: true,
        kind: 'material',
        code: material.code,
        name: material.name,
        unit: material.unit,
        before: roundQty(now.stock - delta),
        after: roundQty(now.stock),
      };
    return negative({
      kind: 'material',
      item: material.code,
      name: material.name,
      stock: now?.stock ?? material.stock,
      unit: material.unit,
      delta,
    });
  }
  const after = roundQty(updated.stock);
  const before = roundQty(updated.stock - delta);
  await audit(
    connection,
    {
      entity: 'material',
      entityId: material._id,
      action: 'stock_adjusted',
      actor: ctx.actor,
      before: { stock: before },
      after: { stock: after, delta, ...(reason && { reason }) },
    },
    ctx.at,
  );
  await alertLowStock(connection, ctx.at);
  return {
    ok: true,
    kind: 'material',
    code: material.code,
    name: material.name,
    unit: material.unit,
    before,
    after,
  };
}

function negative(input: {
  kind: 'material' | 'product';
  item: string;
  name: string;
  stock: number;
  unit?: string;
  delta: number;
}): StockFailure {
  const stock = roundQty(input.stock);
  const unit = input.unit ? ` ${input.unit}` : '';
  return {
    ok: false,
    code: 'STOCK.NEGATIVE',
    details: `only ${stock}${unit} of ${input.name} in stock; cannot take ${-input.delta}${unit}`,
    ...input,
    stock,
  };
}

/** Everything whose stock is counted: all materials (by code) and the products with tracked stock. */
export async function stockList(
  connection: Connection,
): Promise<{ materials: Material[]; products: Product[] }> {
  const [materials, products] = await Promise.all([
    materialModel(connection).find({}, { movements: 0 }).sort({ code: 1 }).lean<Material[]>(),
    stockTrackedProducts(connection),
  ]);
  return { materials, products };
}

export type DeductResult =
  | {
      ok: true;
      /** This call deducted something or marked the order; false for a repeat. */
      changed: boolean;
      /** What this call took from stock (nothing on a repeat). */
      deducted: { code: string; qty: number }[];
      /** Material codes in the bill of materials that no material has (nothing deducted for them). */
      missing: string[];
    }
  | { ok: false; code: 'ORDER.NOT_FOUND'; details: string };

/** Σ qty × bill of materials over a catalog order's items, per material code. */
function requiredMaterials(order: Order, products: Map<string, Product>): Map<string, number> {
  const needed = new Map<string, number>();
  if (order.kind !== 'catalog') return needed;
  for (const item of order.items) {
    for (const line of products.get(item.sku)?.materials ?? []) {
      needed.set(line.code, roundQty((needed.get(line.code) ?? 0) + item.qty * line.qty));
    }
  }
  return needed;
}

/**
 * Take an order's materials from stock once, when it goes into production: qty × the product's bill
 * of materials per item (custom orders and products without one use nothing). Each material's `$inc`
 * is conditional on the movement key `order:<ORD>` not being in its movements and pushes it in the
 * same update, so a concurrent call or a retry after a crash deducts nothing twice; then the order is
 * marked `materialsDeducted`. Production has used the materials, so the stock follows even below zero
 * (and alerts as low).
 */
export async function deductMaterialsForOrder(
  connection: Connection,
  orderNumber: string,
  ctx: ChangeContext,
): Promise<DeductResult> {
  const parsed = parseOrderNumber(orderNumber);
  const order = parsed.ok
    ? await orderModel(connection).findOne({ number: parsed.text }).lean<Order>()
    : null;
  if (!order) return { ok: false, code: 'ORDER.NOT_FOUND', details: `no order ${orderNumber.trim()}` };
  if (order.materialsDeducted) return { ok: true, changed: false, deducted: [], missing: [] };

  const products = await productsBySku(
    connection,
    order.items.map((item) => item.sku),
  );
  const key = `order:${order.number}`;
  const deducted: { code: string; qty: number }[] = [];
  const missing: string[] = [];
  for (const [code, qty] of requiredMaterials(order, products)) {
    if (qty <= 0) continue;
    const movement: StockMovement = { key, qty: -qty, at: ctx.at, reason: order.number };
    const updated = await materialModel(connection)
      .findOneAndUpdate(
        { code, 'movements.key': { $ne: key } },
        {
          $inc: { stock: -qty },
          $push: { movements: { $each: [movement], $slice: -MOVEMENT_HISTORY } },
          $set: { updatedAt: ctx.at },
        },
        { returnDocument: 'after' },
      )
      .lean<Material>();
    if (!updated) {
      // Either deducted already (a retry or a concurrent call) or not a material at all.
      if (!(await materialModel(connection).exists({ code }))) missing.push(code);
      continue;
    }
    deducted.push({ code, qty });
    await audit(
      connection,
      {
        entity: 'material',
        entityId: updated._id,
        action: 'stock_deducted',
        actor: ctx.actor,
        before: { stock: roundQty(updated.stock + qty) },
        after: { stock: roundQty(updated.stock), delta: -qty, order: order.number },
      },
      ctx.at,
    );
  }
  const marked = await orderModel(connection).updateOne(
    { _id: order._id, materialsDeducted: false },
    { $set: { materialsDeducted: true } },
  );
  if (deducted.length > 0) await alertLowStock(connection, ctx.at);
  return { ok: true, changed: deducted.length > 0 || marked.modifiedCount === 1, deducted, missing };
}

/**
 * Alert staff once per dip below the minimum: every material below its minimum that has not been
 * alerted is claimed (`low` set by a conditional update, so concurrent callers alert once) and staff
 * get 'staff.low_stock'; a material back at or above its minimum is cleared for the next dip.
 * Returns how many materials were newly alerted.
 */
export async function alertLowStock(connection: Connection, at: Date): Promise<number> {
  const model = materialModel(connection);
  await model.updateMany({ low: true, $expr: { $gte: ['$stock', '$minStock'] } }, { $set: { low: false } });
  const candidates = await model
    .find({ low: false, $expr: { $lt: ['$stock', '$minStock'] } }, { movements: 0 })
    .sort({ code: 1 })
    .lean<Material[]>();
  let alerted = 0;
  for (const candidate of candidates) {
    const claimed = await model
      .findOneAndUpdate(
        { _id: candidate._id, low: false, $expr: { $lt: ['$stock', '$minStock'] } },
        { $set: { low: true } },
        { returnDocument: 'after', projection: { movements: 0 } },
      )
      .lean<Material>();
    if (!claimed) continue;
    alerted += 1;
    await notifyStaff(
      connection,
      {
        key: `low-stock:${claimed.code}:${at.getTime()}`,
        text: 'staff.low_stock',
        params: {
          name: claimed.name,
          stock: roundQty(claimed.stock),
          unit: claimed.unit,
          min: roundQty(claimed.minStock),
          code: claimed.code,
        },
      },
      at,
    );
  }
  return alerted;
}
