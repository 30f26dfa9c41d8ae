import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { materialModel } from '../materials/material.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import {
  activeCatalog,
  productBySku,
  productsBySku,
  setBillOfMaterials,
  stockTrackedProducts,
} from './catalog.use-case.js';
import { productModel } from './product.model.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const ctx = { actor: staff, at: t0 };

async function product(sku: string, fields: { stock?: number; active?: boolean } = {}) {
  await productModel(db.connection).create({
    sku,
    name: sku.toUpperCase(),
    price: 50_000,
    createdAt: t0,
    ...fields,
  });
}

beforeEach(async () => {
  await Promise.all(
    [productModel, materialModel, auditModel].map((model) => model(db.connection).collection.deleteMany({})),
  );
});

describe('catalog lookups', () => {
  it('finds products by sku in any case, by exact skus, active ones and stock-tracked ones', async () => {
    await product('buket-mawar');
    await product('lilin', { stock: 3 });
    await product('lama', { active: false, stock: 0 });
    expect((await productBySku(db.connection, ' BUKET-MAWAR '))?.sku).toBe('buket-mawar');
    expect(await productBySku(db.connection, 'buket')).toBeNull();
    expect(await productBySku(db.connection, '')).toBeNull();
    expect([...(await productsBySku(db.connection, ['lilin', 'lilin', 'nope'])).keys()]).toEqual(['lilin']);
    expect((await activeCatalog(db.connection)).map((p) => p.sku)).toEqual(['buket-mawar', 'lilin']);
    expect((await stockTrackedProducts(db.connection)).map((p) => p.sku)).toEqual(['lama', 'lilin']);
    expect((await productBySku(db.connection, 'lilin'))?.materials).toEqual([]);
  });
});

describe('setBillOfMaterials', () => {
  beforeEach(async () => {
    await product('buket');
    await materialModel(db.connection).create(
      ['kertas', 'pita'].map((code) => ({
        code,
        name: code,
        unit: 'pcs',
        stock: 0,
        createdAt: t0,
        updatedAt: t0,
      })),
    );
  });

  it('sets the list of materials per unit, audited; the same list again changes nothing', async () => {
    const materials = [
      { code: 'Kertas', qty: 3 },
      { code: 'pita', qty: 1.5 },
    ];
    const result = await setBillOfMaterials(db.connection, { sku: 'BUKET', materials }, ctx);
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      product: {
        materials: [
          { code: 'kertas', qty: 3 },
          { code: 'pita', qty: 1.5 },
        ],
      },
    });
    expect(await setBillOfMaterials(db.connection, { sku: 'buket', materials }, ctx)).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(
      await auditModel(db.connection).countDocuments({ entity: 'product', action: 'materials_set' }),
    ).toBe(1);
  });

  it('refuses unknown products, unknown materials and bad quantities', async () => {
    expect(await setBillOfMaterials(db.connection, { sku: 'nope', materials: [] }, ctx)).toMatchObject({
      ok: false,
      code: 'CATALOG.NOT_FOUND',
      sku: 'nope',
    });
    expect(
      await setBillOfMaterials(db.connection, { sku: 'buket', materials: [{ code: 'lilin', qty: 1 }] }, ctx),
    ).toMatchObject({ ok: false, code: 'CATALOG.UNKNOWN_MATERIAL', codes: ['lilin'] });
    for (const materials of [
      [{ code: 'pita', qty: 0 }],
      [{ code: 'pita', qty: -1 }],
      [
        { code: 'pita', qty: 1 },
        { code: 'PITA', qty: 2 },
      ],
    ])
      expect(await setBillOfMaterials(db.connection, { sku: 'buket', materials }, ctx)).toMatchObject({
        ok: false,
        code: 'CATALOG.INVALID',
      });
  });
});
