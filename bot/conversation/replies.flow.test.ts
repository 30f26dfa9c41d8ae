import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productModel } from '../../domain/catalog/product.model.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { BUDI, onlyReply, openShop, type Shop } from '../admin/testing/harness.js';

/** Issue 12, item 7: the catalog and price answers use the product's description, kept short. */
const db = useTestDatabase();
let shop: Shop;

beforeAll(async () => {
  shop = await openShop(db.connection);
  await productModel(db.connection).updateOne(
    { sku: 'mawar' },
    {
      $set: {
        description:
          '10 tangkai mawar merah segar, wrapping kraft dan pita satin, cocok untuk wisuda dan ulang tahun\nTahan 5 hari.',
      },
    },
  );
});
afterAll(async () => {
  await shop.stop();
});

const ask = async (text: string) => onlyReply(await shop.write(BUDI, text), BUDI);

describe('catalog and price answers', () => {
  it('show the first line of a description, cut short, after the price', async () => {
    const catalog = await ask('katalog');
    expect(catalog).toContain(
      '• Buket Mawar Merah — Rp150.000 · 10 tangkai mawar merah segar, wrapping kraft dan pita satin, cocok untuk…',
    );
    expect(catalog).not.toContain('Tahan 5 hari');
    // A product without a description keeps its plain line.
    expect(catalog).toContain('• Hampers Lebaran — Rp250.000\n');
  });

  it('answer a price question with the description on the next line', async () => {
    expect(await ask('harga buket mawar berapa kak?')).toBe(
      'Buket Mawar Merah: Rp150.000\n10 tangkai mawar merah segar, wrapping kraft dan pita satin, cocok untuk…',
    );
  });
});
