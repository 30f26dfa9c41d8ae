import type { Connection } from 'mongoose';
import { type Product, productModel } from './product.model.js';

/** The active catalog, as the bot shows it and the parser matches against it. */
export async function activeCatalog(connection: Connection): Promise<Product[]> {
  return productModel(connection).find({ active: true }).sort({ category: 1, name: 1 }).lean<Product[]>();
}
