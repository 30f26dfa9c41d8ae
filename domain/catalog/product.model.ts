import { Schema, type Types } from 'mongoose';
import { defineModel } from '../platform/model.js';

/** Something the shop sells from its catalog; aliases are how customers name it in chat. */
export interface Product {
  _id: Types.ObjectId;
  /** Stable, human-readable id (e.g. "buket-mawar-merah"): what the parser returns and staff type. */
  sku: string;
  name: string;
  aliases: string[];
  /** Integer rupiah. */
  price: number;
  category?: string;
  description?: string;
  /** Units in stock; undefined = not tracked (made to order). */
  stock?: number;
  active: boolean;
  /** A stored image, relative to the data directory. */
  image?: string;
  createdAt: Date;
}

export const productSchema = new Schema<Product>(
  {
    sku: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    aliases: { type: [String], default: [] },
    price: { type: Number, required: true, min: 0, validate: Number.isInteger },
    category: String,
    description: String,
    stock: Number,
    active: { type: Boolean, default: true },
    image: String,
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
productSchema.index({ active: 1, category: 1 });

export const productModel = defineModel('Product', productSchema);
