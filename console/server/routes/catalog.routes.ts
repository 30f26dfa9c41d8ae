import { z } from 'zod';
import { setBillOfMaterials } from '../../../domain/catalog/catalog.use-case.js';
import { productModel } from '../../../domain/catalog/product.model.js';
import { createProduct, updateProduct } from '../../../domain/catalog/product.use-case.js';
import { adjustStock, createMaterial, stockList } from '../../../domain/materials/material.use-case.js';
import { failWith } from '../errors.js';
import { defineRoute } from '../route.js';

/** Products and materials are managed by the owner and managers (SPEC §7). */
const MANAGERS = ['owner', 'manager'] as const;
const SkuParams = z.strictObject({ sku: z.string().min(1).max(60) });

export const catalogRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/products',
    access: 'signed-in',
    summary: 'the catalog, inactive products included, by name',
    async handler(_input, { connection }) {
      return { products: await productModel(connection).find().sort({ name: 1 }).lean() };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/products',
    access: MANAGERS,
    summary: 'add a product',
    body: z.record(z.string(), z.unknown()),
    async handler({ body }, { connection, clock, actor }) {
      const result = await createProduct(connection, body, { actor, at: clock.now() });
      if (!result.ok) return failWith(result);
      return { product: result.product };
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/products/:sku',
    access: MANAGERS,
    summary: "change a product's name, price, aliases, category, description, stock or active flag",
    params: SkuParams,
    body: z.record(z.string(), z.unknown()),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await updateProduct(
        connection,
        { sku: params.sku, patch: body },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { product: result.product };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/products/:sku/materials',
    access: MANAGERS,
    summary: "set a product's bill of materials (quantity of each material per unit)",
    params: SkuParams,
    body: z.strictObject({
      materials: z.array(z.strictObject({ code: z.string().max(60), qty: z.number() })).max(50),
    }),
    async handler({ params, body }, { connection, clock, actor }) {
      const result = await setBillOfMaterials(
        connection,
        { sku: params.sku, materials: body.materials },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return { product: result.product, changed: result.changed };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/materials',
    access: 'signed-in',
    summary: 'materials and tracked products with their stock and minimums',
    async handler(_input, { connection }) {
      return stockList(connection);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/materials',
    access: MANAGERS,
    summary: 'add a material (code, name, unit, stock, minimum)',
    body: z.record(z.string(), z.unknown()),
    async handler({ body }, { connection, clock, actor }) {
      const result = await createMaterial(connection, body, { actor, at: clock.now() });
      if (!result.ok) return failWith(result);
      return { material: result.material };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/stock/adjust',
    access: MANAGERS,
    summary: 'add to or take from the stock of a material or a tracked product, once per request id',
    body: z.strictObject({
      item: z.string().min(1).max(60),
      delta: z.number(),
      reason: z.string().max(200).optional(),
      requestId: z.uuid().optional(),
    }),
    async handler({ body }, { connection, clock, actor }) {
      const { requestId, ...input } = body;
      const result = await adjustStock(
        connection,
        { ...input, ...(requestId && { requestKey: `console:${requestId}` }) },
        { actor, at: clock.now() },
      );
      if (!result.ok) return failWith(result);
      return result;
    },
  }),
];
